package dev.adl.testing;

import dev.adl.cover.Mutant;
import dev.adl.cover.MutationResult;
import dev.adl.cover.PolicyCoverage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A suite that passes but proves little is reported with its uncovered lines and its surviving mutants. */
class WeakSuiteTest {
    @TempDir
    static Path dir;
    static RunReport report;

    @BeforeAll
    static void run() {
        Fixtures.write(dir, "weak_test.yaml", Fixtures.WEAK_SUITE);
        report = TestRun.run(List.of(dir), new TestRun.Options(null, true, 90, true));
    }

    @Test
    void theCasePassesYetTheRunFails() {
        assertThat(report.cases()).hasSize(1).allMatch(CaseResult::passed);
        assertThat(report.underThreshold()).isTrue();
        assertThat(report.survivors()).isPositive();
        assertThat(report.ok()).isFalse();
    }

    @Test
    void uncoveredLinesAreTheClausesNoEventExercised() {
        PolicyCoverage cov = report.coverage().get(0);
        // trigger never true, eligible never false, no row passed the first rank branch or reached the second,
        // no position is big, the cap never binds; floor, the queue tier and notify were exercised
        assertThat(cov.uncoveredLines()).containsExactly(5, 7, 8, 9, 11, 14);
        assertThat(cov.missing()).contains("5: trigger never seen true", "7: eligible never seen false",
                "9: rank by never scored", "11: tier never filled", "14: cap never binding");
        assertThat(cov.percent()).isLessThan(90);
    }

    @Test
    void survivorsNameTheirLineAndChange() {
        MutationResult m = report.mutations().get(0);
        assertThat(m.skipped()).isNull();
        List<String> survivors = m.survivors().stream().map(Mutant::describe).toList();
        assertThat(survivors).contains(
                "line 4: number nudged: `1000` -> `900`",
                "line 4: number nudged: `1000` -> `1100`",
                "line 5: percentage changed: `50%` -> `40%`",
                "line 8: rank-by branch dropped: branch 1 of 2 removed",
                "line 11: number nudged: `10` -> `11`",
                "line 11: tier order swapped: tier `big` and tier `rest` exchanged",
                "line 14: number nudged: `100_000` -> `110000`");
        // nothing would be eligible: the ADL size the case checks changes
        assertThat(survivors).doesNotContain("line 7: comparison flipped: `>` -> `<`");
        assertThat(m.killed()).isPositive();
        assertThat(m.crashes()).isEmpty();
        assertThat(m.killed() + m.survivors().size() + m.invalid()).isEqualTo(m.mutants());
    }

    @Test
    void theTextReportListsUncoveredLinesAndSurvivors() {
        String text = TextReport.write(report, false);
        assertThat(text).contains("1 cases: 1 passed, 0 failed");
        assertThat(text).contains("uncovered lines: 5, 7, 8, 9, 11, 14");
        assertThat(text).contains("(threshold 90%: FAILED)");
        assertThat(text).containsPattern("SURVIVED .*policy\\.adl:4: number nudged: `1000` -> `900`");
    }
}
