package dev.adl.testing;

import dev.adl.cover.MutationResult;
import dev.adl.cover.PolicyCoverage;

import java.util.List;

/**
 * Everything one {@code adl test} run found: each case's result, the suites that could not
 * be read, coverage per policy file (empty unless asked for) and mutation results (empty
 * unless asked for).
 */
public record RunReport(List<CaseResult> cases, List<String> suiteErrors, List<PolicyCoverage> coverage,
                        List<MutationResult> mutations, double threshold) {
    public RunReport {
        cases = List.copyOf(cases);
        suiteErrors = List.copyOf(suiteErrors);
        coverage = List.copyOf(coverage);
        mutations = List.copyOf(mutations);
    }

    public long failed() {
        return cases.stream().filter(c -> !c.passed()).count();
    }

    public int branchesTotal() {
        return coverage.stream().mapToInt(PolicyCoverage::branchesTotal).sum();
    }

    public int branchesCovered() {
        return coverage.stream().mapToInt(PolicyCoverage::branchesCovered).sum();
    }

    /** Branch coverage over every policy file, in percent. */
    public double coveragePercent() {
        int total = branchesTotal();
        return total == 0 ? 100.0 : 100.0 * branchesCovered() / total;
    }

    public boolean underThreshold() {
        return !coverage.isEmpty() && coveragePercent() + 1e-9 < threshold;
    }

    public int survivors() {
        return mutations.stream().mapToInt(m -> m.survivors().size()).sum();
    }

    public int crashes() {
        return mutations.stream().mapToInt(m -> m.crashes().size()).sum();
    }

    /**
     * Whether the run passes: every suite read, every case passed, coverage at the threshold, no
     * survivor and no mutant that crashed the engine.
     */
    public boolean ok() {
        return suiteErrors.isEmpty() && failed() == 0 && !underThreshold() && survivors() == 0 && crashes() == 0
                && mutations.stream().allMatch(m -> m.skipped() == null);
    }
}
