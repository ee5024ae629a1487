package dev.adl.testing;

import dev.adl.cover.Mutant;
import dev.adl.cover.MutationResult;
import dev.adl.cover.PolicyCoverage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Coverage and mutants know the haircut tier and {@code fill at}. */
class TierKindsSuiteTest {
    @TempDir
    Path dir;

    // bp 105, u 5 at mark 100. S1 (upnl 100) is the haircut tier: cap 20 holds 4 units.
    // S2 is closed at the mark: 5 units, need left 6, so 5 and 1 unresolved
    private static final String POLICY = """
            policy "cut" version 2
            markets "M"
            rank by upnl
            reduce {
              tier "cut" when upnl > 60 : haircut cap 20% of upnl
              tier "rest" : queue
              fill at mark_price
            }
            """;

    private RunReport run(String expect) throws IOException {
        Path file = Fixtures.write(dir, "k_test.yaml", Fixtures.WEAK_SUITE.replace("      adl_size: 10\n", expect));
        Files.writeString(dir.resolve("policy.adl"), POLICY);
        return TestRun.run(List.of(dir), new TestRun.Options(null, true, 90, true));
    }

    @Test
    void aFillPriceNoCaseChecksSurvivesAndTheFillAtLineIsCovered() throws IOException {
        RunReport report = run("      adl_size: 9\n");
        assertThat(report.cases()).allMatch(CaseResult::passed);
        PolicyCoverage cov = report.coverage().get(0);
        assertThat(cov.probes()).extracting(p -> p.line() + " " + p.clause())
                .contains("5 tier", "7 fill at");
        assertThat(cov.missing()).noneMatch(m -> m.startsWith("7:"));
        MutationResult m = report.mutations().get(0);
        List<String> survivors = m.survivors().stream().map(Mutant::describe).toList();
        // the threshold 60 moved to 54 or 66 still splits upnl 100 from 50: those survive any suite here
        assertThat(survivors).containsExactly("line 5: number nudged: `60` -> `54`",
                "line 5: number nudged: `60` -> `66`",
                "line 7: fill price swapped: `mark_price` -> `bankruptcy_price`");
        // the queue closing S1 too, and caps of 10% (2 units) or 30% (6 units), change the ADL size
        assertThat(m.killed()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void checkingTheFillPriceKillsTheSwap() throws IOException {
        RunReport report = run("""
                      adl_size: 9
                      haircut_paid: 20
                      mark_fill_loss: 25
                      fills:
                        - {account: S1, size: 0, haircut: 20, tier: cut}
                        - {account: S2, size: 5, price: 100, realized_pnl: 50, tier: rest}
                """);
        assertThat(report.cases()).allMatch(CaseResult::passed);
        assertThat(report.mutations().get(0).survivors()).extracting(Mutant::describe)
                .containsExactly("line 5: number nudged: `60` -> `54`", "line 5: number nudged: `60` -> `66`");
    }
}
