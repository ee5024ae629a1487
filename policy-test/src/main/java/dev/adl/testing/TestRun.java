package dev.adl.testing;

import dev.adl.cover.MutationResult;
import dev.adl.cover.MutationRunner;
import dev.adl.cover.PolicyCoverage;
import dev.adl.compile.CompiledPolicy;
import dev.adl.runtime.EventObserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads suites, runs their cases, and measures coverage and mutants when asked: the work of {@code adl test}. */
public final class TestRun {
    /**
     * @param run       only cases whose id ({@code <suite file>: <case>}) this finds; null runs all
     * @param coverage  measure which clauses and branches the cases exercise
     * @param threshold least branch coverage in percent (0 = none); setting it implies coverage
     * @param mutate    run the cases against every mutant of each policy
     */
    public record Options(Pattern run, boolean coverage, double threshold, boolean mutate) {
        public static Options defaults() {
            return new Options(null, false, 0, false);
        }
    }

    private TestRun() {
    }

    public static RunReport run(List<Path> paths, Options options) {
        List<String> suiteErrors = new ArrayList<>();
        List<TestCase> cases = new ArrayList<>();
        SuiteReader reader = new SuiteReader();
        List<Path> files;
        try {
            files = SuiteFiles.find(paths);
        } catch (SuiteFormatException e) {
            return new RunReport(List.of(), List.of(e.getMessage()), List.of(), List.of(), options.threshold());
        }
        if (files.isEmpty()) suiteErrors.add("no test suites (`*_test.yaml`) found in " + paths);
        for (Path f : files) {
            try {
                for (TestCase c : reader.read(f)) {
                    if (options.run() == null || options.run().matcher(c.id()).find()) cases.add(c);
                }
            } catch (SuiteFormatException e) {
                suiteErrors.add(e.getMessage());
            }
        }
        return run(cases, suiteErrors, options);
    }

    public static RunReport run(List<TestCase> cases, List<String> suiteErrors, Options options) {
        PolicyCache policies = new PolicyCache();
        boolean measure = options.coverage() || options.threshold() > 0;
        Map<Path, PolicyCoverage> coverage = new LinkedHashMap<>();
        Map<Path, List<TestCase>> byPolicy = new LinkedHashMap<>();
        List<CaseResult> results = new ArrayList<>();
        for (TestCase c : cases) {
            PolicyCache.Entry p = policies.get(c.policyFile());
            byPolicy.computeIfAbsent(p.file(), k -> new ArrayList<>()).add(c);
            PolicyCoverage cov = null;
            if (measure && p.policy() != null) {
                cov = coverage.computeIfAbsent(p.file(),
                        k -> new PolicyCoverage(k.toString(), p.policy().ast(), p.policy().tiers()));
            }
            EventObserver.Observation[] seen = new EventObserver.Observation[1];
            CaseResult r = CaseRunner.run(c, p.policy(), p.error(), o -> seen[0] = o);
            if (cov != null && seen[0] != null && r.result() != null) cov.record(seen[0], r.result());
            results.add(r);
        }
        List<MutationResult> mutations = new ArrayList<>();
        if (options.mutate()) {
            for (Map.Entry<Path, List<TestCase>> e : byPolicy.entrySet()) {
                PolicyCache.Entry p = policies.get(e.getKey());
                boolean allPass = results.stream().filter(r -> e.getValue().contains(r.testCase()))
                        .allMatch(CaseResult::passed);
                if (p.policy() == null) {
                    mutations.add(MutationResult.skipped(e.getKey(), "the policy does not compile"));
                } else if (!allPass) {
                    mutations.add(MutationResult.skipped(e.getKey(), "its cases must pass before mutants are tried"));
                } else {
                    List<TestCase> suite = e.getValue();
                    mutations.add(MutationRunner.run(e.getKey(), p.policy(), mutant -> passesAll(suite, mutant)));
                }
            }
        }
        return new RunReport(results, suiteErrors, List.copyOf(coverage.values()), mutations, options.threshold());
    }

    /**
     * Whether every case passes under the policy. Errors a case may expect come back as its
     * differences; any other exception escapes, and the mutation runner counts it as a crash.
     */
    static boolean passesAll(List<TestCase> cases, CompiledPolicy policy) {
        for (TestCase c : cases) {
            if (!CaseRunner.run(c, policy, null, EventObserver.NONE).passed()) return false;
        }
        return true;
    }
}
