package dev.adl.testing;

import dev.adl.cover.Mutant;
import dev.adl.cover.MutationResult;
import dev.adl.cover.PolicyCoverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JUnit XML for CI systems: one {@code testsuite} per suite file with a {@code testcase} per
 * case, plus a {@code coverage} suite (one testcase per policy file, failing under the
 * threshold) and a {@code mutation} suite (failing for each policy with survivors or crashes).
 */
public final class JunitReport {
    private JunitReport() {
    }

    private record Item(String name, double seconds, String failure, String detail) {
    }

    public static String write(RunReport r) {
        Map<String, List<Item>> suites = new LinkedHashMap<>();
        for (String e : r.suiteErrors()) {
            suites.computeIfAbsent("suite errors", k -> new ArrayList<>()).add(new Item(e, 0, "suite error", e));
        }
        for (CaseResult c : r.cases()) {
            StringBuilder detail = new StringBuilder();
            for (Difference d : c.differences()) detail.append(d).append('\n');
            suites.computeIfAbsent(c.testCase().suiteFile().toString(), k -> new ArrayList<>())
                    .add(new Item(c.testCase().name(), c.nanos() / 1e9,
                            c.passed() ? null : c.differences().size() + " differences", detail.toString()));
        }
        for (PolicyCoverage c : r.coverage()) {
            String pct = String.format(Locale.ROOT, "%.1f%%", c.percent());
            boolean under = r.threshold() > 0 && c.percent() + 1e-9 < r.threshold();
            suites.computeIfAbsent("coverage", k -> new ArrayList<>()).add(new Item(c.file() + " " + pct, 0,
                    under ? "branch coverage " + pct + " is under " + TextReport.trim(r.threshold()) + "%" : null,
                    String.join("\n", c.missing())));
        }
        for (MutationResult m : r.mutations()) {
            StringBuilder detail = new StringBuilder();
            for (Mutant s : m.survivors()) detail.append(s.describeIn(m.policy())).append('\n');
            for (MutationResult.Crash c : m.crashes()) {
                detail.append("crashed: ").append(c.mutant().describeIn(m.policy())).append(": ").append(c.error())
                        .append('\n');
            }
            String failure = m.skipped() != null ? "not tried: " + m.skipped() : mutantFailure(m);
            suites.computeIfAbsent("mutation", k -> new ArrayList<>())
                    .add(new Item(m.policy().toString(), 0, failure, detail.toString()));
        }
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long tests = suites.values().stream().mapToLong(List::size).sum();
        long failures = suites.values().stream().flatMap(List::stream).filter(i -> i.failure() != null).count();
        out.append("<testsuites name=\"adl test\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\">\n");
        for (Map.Entry<String, List<Item>> s : suites.entrySet()) {
            long f = s.getValue().stream().filter(i -> i.failure() != null).count();
            double time = s.getValue().stream().mapToDouble(Item::seconds).sum();
            out.append("  <testsuite name=\"").append(xml(s.getKey())).append("\" tests=\"").append(s.getValue().size())
                    .append("\" failures=\"").append(f).append("\" errors=\"0\" time=\"").append(seconds(time))
                    .append("\">\n");
            for (Item i : s.getValue()) {
                out.append("    <testcase classname=\"").append(xml(s.getKey())).append("\" name=\"")
                        .append(xml(i.name())).append("\" time=\"").append(seconds(i.seconds())).append('"');
                if (i.failure() == null) {
                    out.append("/>\n");
                } else {
                    out.append(">\n      <failure message=\"").append(xml(i.failure())).append("\">")
                            .append(xml(i.detail())).append("</failure>\n    </testcase>\n");
                }
            }
            out.append("  </testsuite>\n");
        }
        return out.append("</testsuites>\n").toString();
    }

    /** Survivors and crashes, counted apart; null when there are neither. */
    private static String mutantFailure(MutationResult m) {
        List<String> parts = new ArrayList<>();
        if (!m.survivors().isEmpty()) parts.add(m.survivors().size() + " mutants survived");
        if (!m.crashes().isEmpty()) parts.add(m.crashes().size() + " mutants crashed the engine");
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** Escapes text for XML content and attributes; characters XML 1.0 forbids are dropped. */
    static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r') out.append(ch);
                }
            }
        }
        return out.toString();
    }
}
