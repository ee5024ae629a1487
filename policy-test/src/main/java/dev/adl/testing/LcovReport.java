package dev.adl.testing;

import dev.adl.cover.PolicyCoverage;
import dev.adl.cover.Probe;

import java.util.List;
import java.util.TreeMap;

/**
 * Coverage as an LCOV tracefile, which {@code genhtml} renders over the policy text. Each
 * clause is a line ({@code DA}, hit count = events that reached it) and each of its
 * branches a {@code BRDA} record (taken count = events that saw it).
 */
public final class LcovReport {
    private LcovReport() {
    }

    public static String write(RunReport r) {
        StringBuilder out = new StringBuilder();
        for (PolicyCoverage c : r.coverage()) {
            out.append("TN:adl\n");
            out.append("SF:").append(c.file()).append('\n');
            List<Probe> probes = c.probes();
            TreeMap<Integer, Long> lineHits = new TreeMap<>();
            int found = 0, hit = 0;
            StringBuilder branches = new StringBuilder();
            for (int i = 0; i < probes.size(); i++) {
                Probe p = probes.get(i);
                long reached = 0;
                for (int b = 0; b < p.branches().size(); b++) {
                    long n = c.hits(i, b);
                    reached = Math.max(reached, n);
                    found++;
                    if (n > 0) hit++;
                }
                lineHits.merge(p.line(), reached, Math::max);
                if (p.branches().size() > 1) {
                    for (int b = 0; b < p.branches().size(); b++) {
                        long n = c.hits(i, b);
                        // a branch of a clause no event reached is "-", as gcov writes it
                        branches.append("BRDA:").append(p.line()).append(',').append(i).append(',').append(b)
                                .append(',').append(reached == 0 ? "-" : String.valueOf(n)).append('\n');
                    }
                }
            }
            out.append(branches);
            long brf = probes.stream().filter(p -> p.branches().size() > 1).mapToLong(p -> p.branches().size()).sum();
            long brh = 0;
            for (int i = 0; i < probes.size(); i++) {
                if (probes.get(i).branches().size() < 2) continue;
                for (int b = 0; b < probes.get(i).branches().size(); b++) if (c.hits(i, b) > 0) brh++;
            }
            out.append("BRF:").append(brf).append('\n').append("BRH:").append(brh).append('\n');
            lineHits.forEach((line, n) -> out.append("DA:").append(line).append(',').append(n).append('\n'));
            out.append("LF:").append(lineHits.size()).append('\n');
            out.append("LH:").append(lineHits.values().stream().filter(n -> n > 0).count()).append('\n');
            out.append("end_of_record\n");
        }
        return out.toString();
    }
}
