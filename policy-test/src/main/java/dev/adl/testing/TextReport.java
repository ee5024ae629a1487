package dev.adl.testing;

import dev.adl.cover.Mutant;
import dev.adl.cover.MutationResult;
import dev.adl.cover.PolicyCoverage;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The report people read: each failure as a field-by-field diff, then coverage and mutants when measured. */
public final class TextReport {
    private TextReport() {
    }

    public static String write(RunReport r, boolean verbose) {
        StringBuilder out = new StringBuilder();
        for (String e : r.suiteErrors()) out.append("ERROR ").append(e).append('\n');
        for (CaseResult c : r.cases()) {
            if (c.passed()) {
                if (verbose) out.append("PASS ").append(c.testCase().id()).append('\n');
                continue;
            }
            out.append("FAIL ").append(c.testCase().id()).append('\n');
            for (Difference d : c.differences()) {
                out.append("    ").append(d.field()).append('\n')
                        .append("      - expected: ").append(d.expected()).append('\n')
                        .append("      + actual:   ").append(d.actual()).append('\n');
            }
            if (c.error() != null && c.error().contains("\n")) {
                out.append(c.error().indent(6));
            }
        }
        out.append(r.cases().size()).append(" cases: ").append(r.cases().size() - r.failed()).append(" passed, ")
                .append(r.failed()).append(" failed\n");
        if (!r.coverage().isEmpty()) coverage(out, r);
        if (!r.mutations().isEmpty()) mutations(out, r);
        return out.toString();
    }

    private static void coverage(StringBuilder out, RunReport r) {
        out.append("\ncoverage (branches seen / branches):\n");
        for (PolicyCoverage c : r.coverage()) {
            Set<Integer> uncovered = c.uncoveredLines();
            out.append(String.format(Locale.ROOT, "  %-48s %6.1f%%  %d/%d", c.file(), c.percent(),
                    c.branchesCovered(), c.branchesTotal()));
            if (!uncovered.isEmpty()) {
                out.append("  uncovered lines: ")
                        .append(uncovered.stream().map(String::valueOf).collect(Collectors.joining(", ")));
            }
            out.append('\n');
            for (String m : c.missing()) out.append("      ").append(c.file()).append(':').append(m).append('\n');
        }
        out.append(String.format(Locale.ROOT, "  %-48s %6.1f%%  %d/%d", "total", r.coveragePercent(),
                r.branchesCovered(), r.branchesTotal()));
        if (r.threshold() > 0) {
            out.append(String.format(Locale.ROOT, "  (threshold %s%%: %s)", trim(r.threshold()),
                    r.underThreshold() ? "FAILED" : "ok"));
        }
        out.append('\n');
    }

    private static void mutations(StringBuilder out, RunReport r) {
        out.append("\nmutants:\n");
        for (MutationResult m : r.mutations()) {
            if (m.skipped() != null) {
                out.append("  ").append(m.policy()).append(": not tried: ").append(m.skipped()).append('\n');
                continue;
            }
            out.append(String.format(Locale.ROOT, "  %-48s %d mutants, %d killed, %d survived, %d crashed the engine, "
                    + "%d rejected by the checker%n", m.policy(), m.mutants(), m.killed(), m.survivors().size(),
                    m.crashes().size(), m.invalid()));
            for (Mutant s : m.survivors()) {
                out.append("    SURVIVED ").append(s.describeIn(m.policy())).append('\n');
            }
            for (MutationResult.Crash c : m.crashes()) {
                out.append("    CRASHED ").append(c.mutant().describeIn(m.policy())).append(": ").append(c.error())
                        .append('\n');
            }
        }
    }

    static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
