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

/** Version 2 suites: a case's venue, its layer expectations, and coverage and mutants of the waterfall. */
class VenueSuiteTest {
    /** Lines: 4 fund, 5 pool, 6 trigger and until, 8 rank by, 10 tier, 11 fee. */
    static final String POLICY = """
            policy "weak-venue" version 2
            markets "M"
            waterfall {
              fund "f" floor 100 max_use 50% per event
              pool "p" cap 300 per 1h
              trigger when drawdown("f", 1h) > 50% until drawdown("f", 1h) < 10%
            }
            rank by upnl
            reduce {
              tier "all" : queue
              fee 1%
            }
            """;

    // BL: bp = 110 - 50 / 10 = 105, at mark 100 u = 5, shortfall 50
    static final String POSITIONS = """
            account,market,side,size,entry_price,collateral
            BL,M,long,10,110,50
            S1,M,short,5,120,100
            S2,M,short,5,110,100
            """;

    static final String EVENT = """
                event: {market: M, mark_price: 100, lot_size: 1, insurance_fund: 0, now: "2026-01-01T08:00:00Z",
                        bankrupt_account: BL}
            """;

    @TempDir
    Path dir;

    private RunReport run(String cases, boolean cover) throws IOException {
        Files.writeString(dir.resolve("policy.adl"), POLICY);
        Files.writeString(dir.resolve("positions.csv"), POSITIONS);
        Files.writeString(dir.resolve("venue_test.yaml"), "policy: policy.adl\ndefaults:\n  positions: positions.csv\n"
                + EVENT.replace("    event:", "  event:") + "cases:\n" + cases);
        return TestRun.run(List.of(dir), new TestRun.Options(null, cover, cover ? 90 : 0, cover));
    }

    @Test
    void aWeakCaseLeavesLayerOptionsUncoveredAndTheirMutantsAlive() throws IOException {
        // the fund alone pays: (1000 - 100) * 50% = 450 covers the 10 lots for 50; the pool is never reached
        RunReport report = run("""
                  - name: the fund pays
                    buffers: {layers: {f: {balance: 1000}, p: {balance: 1000}}}
                    expect: {fund_paid: 50}
                """, true);
        assertThat(report.cases()).allMatch(CaseResult::passed);
        PolicyCoverage cov = report.coverage().get(0);
        // the pool's cap decided its 300 but it never paid; the trigger never held, until never failed to;
        // nothing was deleveraged, so no candidate was ranked, no tier filled and no fee was charged
        assertThat(cov.uncoveredLines()).containsExactly(5, 6, 8, 10, 11);
        assertThat(cov.missing()).contains("5: layer `p` never paid", "6: trigger never seen true",
                "6: until never seen false", "11: fee never charged")
                .doesNotContain("4: floor never decided available", "4: max_use never decided available",
                        "5: cap never decided available");
        MutationResult m = report.mutations().get(0);
        List<String> survivors = m.survivors().stream().map(Mutant::describe).toList();
        assertThat(survivors).contains("line 4: number nudged: `100` -> `90`",
                "line 4: percentage changed: `50%` -> `40%`", "line 5: number nudged: `300` -> `270`",
                "line 6: percentage changed: `10%` -> `5%`", "line 11: percentage changed: `1%` -> `0.5%`");
    }

    @Test
    void layersLatchAndFeesAreComparedFieldByField() throws IOException {
        // latched, drawdown 0% < 10%: released. f pays 10 lots (50); fills none; then a wrong expectation
        RunReport report = run("""
                  - name: right
                    event: {trigger_active: true}
                    buffers: {layers: {f: {balance: 1000}, p: {balance: 1000}}}
                    expect:
                      layers:
                        f: {balance_before: 1000, available: 450, absorbed_size: 10, paid: 50, balance_after: 950}
                        p: {available: 300, absorbed_size: 0}
                      trigger_active_after: false
                  - name: wrong
                    buffers: {layers: {f: {balance: 1000}, p: {balance: 1000}}}
                    expect:
                      layers:
                        f: {paid: 40}
                        q: {paid: 0}
                      trigger_active_after: true
                """, false);
        assertThat(report.cases().get(0).passed()).isTrue();
        assertThat(report.cases().get(1).differences()).extracting(Difference::toString).containsExactly(
                "layers.f.paid: expected 40, got 50",
                "layers.q: expected a layer of the result, got no such layer (layers: [f, p])",
                "trigger_active_after: expected true, got false");
    }

    @Test
    void aTriggeredLatchSendsEverythingToAdlWithTheFee() throws IOException {
        // f fell from 3000 to 1000 within the hour: 66.7% > 50%, not under 10%: no layer pays. S1 (upnl 100)
        // then S2 (upnl 50) fill 5 each at 105; the fee is 1% of 5 * 105 = 5.25 each, paid into the pool
        RunReport report = run("""
                  - name: latched
                    buffers:
                      layers:
                        f: {balance: 1000, history: [{at: "2026-01-01T07:30:00Z", balance: 3000}]}
                        p: {balance: 1000}
                    expect:
                      fund_paid: 0
                      adl_size: 10
                      trigger_active_after: true
                      layers:
                        f: {available: 0}
                        p: {available: 0, balance_after: 1010.5}
                      fills:
                        - {account: S1, size: 5, price: 105, realized_pnl: 75, fee: 5.25}
                        - {account: S2, size: 5, price: 105, realized_pnl: 25, fee: 5.25}
                """, false);
        assertThat(report.cases().get(0).differences()).isEmpty();
    }

    @Test
    void aWaterfallCaseWithoutBuffersSaysSo() throws IOException {
        RunReport report = run("""
                  - name: no buffers
                    expect: {error: "give their state with `buffers`"}
                  - name: a layer twice wrong
                    buffers: {layers: {f: {balance: 1000}}}
                    expect: {error: "the policy's layer `p` is missing"}
                """, false);
        assertThat(report.cases()).allMatch(CaseResult::passed);
    }
}
