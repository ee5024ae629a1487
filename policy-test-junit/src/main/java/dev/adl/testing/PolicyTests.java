package dev.adl.testing;

import dev.adl.cover.MutationResult;
import dev.adl.cover.PolicyCoverage;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Policy suites as JUnit dynamic tests, for an exchange's own Maven build:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> policies() {
 *     return PolicyTests.dynamicTests(Path.of("policies"));
 * }
 * }</pre>
 *
 * Every case becomes a test that fails with its field-by-field diff; with options, each
 * policy file also gets a coverage test (against the threshold) and a mutation test (no
 * surviving mutant). The suites run when the factory is called, so coverage and mutants
 * see every case; the tests then report the outcome.
 */
public final class PolicyTests {
    private PolicyTests() {
    }

    /** Every case of every suite under {@code folder}. */
    public static Stream<DynamicNode> dynamicTests(Path folder) {
        return dynamicTests(folder, TestRun.Options.defaults());
    }

    public static Stream<DynamicNode> dynamicTests(Path folder, TestRun.Options options) {
        RunReport report = TestRun.run(List.of(folder), options);
        List<DynamicNode> nodes = new ArrayList<>();
        for (String error : report.suiteErrors()) {
            nodes.add(DynamicTest.dynamicTest("suite error", () -> {
                throw new AssertionFailedError(error);
            }));
        }
        Map<Path, List<DynamicNode>> bySuite = new LinkedHashMap<>();
        for (CaseResult c : report.cases()) {
            bySuite.computeIfAbsent(c.testCase().suiteFile(), k -> new ArrayList<>())
                    .add(DynamicTest.dynamicTest(c.testCase().name(), uri(c.testCase().suiteFile()), () -> {
                        if (!c.passed()) throw new AssertionFailedError(failure(c));
                    }));
        }
        bySuite.forEach((file, tests) -> nodes.add(DynamicContainer.dynamicContainer(file.toString(), uri(file),
                tests.stream())));
        double threshold = options.threshold();
        for (PolicyCoverage cov : report.coverage()) {
            String name = String.format(Locale.ROOT, "coverage of %s: %.1f%%", cov.file(), cov.percent());
            nodes.add(DynamicTest.dynamicTest(name, () -> {
                if (cov.percent() + 1e-9 < threshold) {
                    throw new AssertionFailedError(String.format(Locale.ROOT,
                            "branch coverage of %s is %.1f%%, under %s%%; uncovered lines %s:%n  %s", cov.file(),
                            cov.percent(), TextReport.trim(threshold), cov.uncoveredLines(),
                            String.join("\n  ", cov.missing())));
                }
            }));
        }
        for (MutationResult m : report.mutations()) {
            nodes.add(DynamicTest.dynamicTest("mutants of " + m.policy(), () -> {
                if (m.skipped() != null) throw new AssertionFailedError("mutants not tried: " + m.skipped());
                if (!m.survivors().isEmpty()) {
                    StringBuilder sb = new StringBuilder(m.survivors().size() + " mutants of " + m.policy()
                            + " survived the suite:");
                    m.survivors().forEach(s -> sb.append("\n  ").append(s.describeIn(m.policy())));
                    throw new AssertionFailedError(sb.toString());
                }
                if (!m.crashes().isEmpty()) {
                    StringBuilder sb = new StringBuilder(m.crashes().size() + " mutants of " + m.policy()
                            + " crashed the engine:");
                    m.crashes().forEach(c -> sb.append("\n  ").append(c.mutant().describeIn(m.policy()))
                            .append(": ").append(c.error()));
                    throw new AssertionFailedError(sb.toString());
                }
            }));
        }
        return nodes.stream();
    }

    private static String failure(CaseResult c) {
        StringBuilder sb = new StringBuilder(c.testCase().id());
        for (Difference d : c.differences()) {
            sb.append("\n  ").append(d.field()).append(": expected ").append(d.expected()).append(", got ")
                    .append(d.actual());
        }
        return sb.toString();
    }

    private static URI uri(Path file) {
        return file.toAbsolutePath().toUri();
    }
}
