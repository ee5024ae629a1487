package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static dev.adl.runtime.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Events the engine refuses; each leaves the store exactly as it was. */
class AdlEngineRefusalTest {
    private static CompiledPolicy reference;
    private static final String ROWS = """
            BL,BTC-PERP,long,100,1200,12000
            SH1,BTC-PERP,short,30,1100,3000
            SH5,BTC-PERP,short,40,950,8000
            EMPTY,BTC-PERP,short,0,950,8000
            """;

    @BeforeAll
    static void compilePolicy() {
        reference = compile(AdlEngineScenarioTest.REFERENCE);
    }

    private static void assertRefused(PositionStore store, ExposureFeed exposures, Event event, String message) {
        Snapshot before = snapshot(store);
        assertThatThrownBy(() -> AdlEngine.apply(reference, store, exposures, event))
                .isInstanceOf(EventRefusedException.class)
                .hasMessage(message);
        assertThat(snapshot(store)).isEqualTo(before);
    }

    private static Event event(String market, String mark, String lot, String account) {
        return TestSupport.event(market, mark, lot, "0", account);
    }

    @Test
    void aRecordThatFailsBeforeTheCommitLeavesTheStoreAsItWas() {
        PositionStore store = store("BTC-PERP", ROWS);
        Snapshot before = snapshot(store);
        Event ev = event("BTC-PERP", "1000", "1", "BL");
        EventResult[] seen = new EventResult[1];
        assertThatThrownBy(() -> AdlEngine.applyOnRecord(reference, store, null, ev, r -> {
            seen[0] = r;
            throw new IllegalStateException("the log cannot be written");
        })).hasMessage("the log cannot be written");
        assertThat(seen[0].adlSize()).isPositive();
        assertThat(snapshot(store)).isEqualTo(before);
        // with a record that succeeds, the same result is committed
        EventResult applied = AdlEngine.applyOnRecord(reference, store, null, ev, r -> { });
        assertThat(applied.fills()).isEqualTo(seen[0].fills());
        assertThat(snapshot(store)).isNotEqualTo(before);
    }

    @Test
    void marketTheEventDoesNotApplyTo() {
        PositionStore sol = store("SOL-PERP", "BL,SOL-PERP,long,1,1,0\nS,SOL-PERP,short,1,1,0\n");
        assertRefused(sol, null, event("SOL-PERP", "1", "1", "BL"),
                "policy `perp-queue` does not apply to market `SOL-PERP`");
        assertRefused(store("BTC-PERP", ROWS), null, event("ETH-PERP", "1000", "1", "BL"),
                "event market `ETH-PERP` is not the store's market `BTC-PERP`");
    }

    @Test
    void unknownOrEmptyBankruptPosition() {
        PositionStore store = store("BTC-PERP", ROWS);
        assertRefused(store, null, event("BTC-PERP", "1000", "1", "NOBODY"),
                "account `NOBODY` has no position in market `BTC-PERP`");
        assertRefused(store, null, event("BTC-PERP", "1000", "1", "EMPTY"),
                "the position of account `EMPTY` in market `BTC-PERP` has size 0");
    }

    @Test
    void badLotOrMark() {
        PositionStore store = store("BTC-PERP", ROWS);
        assertRefused(store, null, event("BTC-PERP", "1000", "0", "BL"), "lot size `0` must be greater than 0");
        assertRefused(store, null, event("BTC-PERP", "1000", "-1", "BL"), "lot size `-1` must be greater than 0");
        assertRefused(store, null, event("BTC-PERP", "1000", "0.000000001", "BL"),
                "lot size `0.000000001` has more than 8 decimal places");
        assertRefused(store, null, event("BTC-PERP", "0", "1", "BL"), "mark price `0` must be greater than 0");
    }

    @Test
    void staleExposureOfACandidateNamesFileAndLine() {
        PositionStore store = store("BTC-PERP", ROWS);
        ExposureFeed feed = exposures("""
                SH1,venue-b,90000,6000,2026-01-01T07:59:30Z
                SH5,venue-b,100000,2000,2026-01-01T07:59:00Z
                BL,venue-b,1,1,2020-01-01T00:00:00Z
                """);
        // BL's row is ancient but BL is not a candidate; SH5's is 60s old: exactly stale_after is still fresh
        EventResult ok = AdlEngine.dryRun(reference, store, feed, event("BTC-PERP", "1000", "1", "BL"));
        // the cap (5% of 100 * 1000 open interest) limits deleveraging to floor(5000 / 1080) = 4
        assertThat(ok.adlSize()).isEqualByComparingTo("4");
        assertThat(ok.unresolvedSize()).isEqualByComparingTo("96");

        Event later = new Event("BTC-PERP", new BigDecimal("1000"), BigDecimal.ONE, BigDecimal.ZERO,
                Instant.parse("2026-01-01T08:00:01Z"), List.of(), "BL");
        assertRefused(store, feed, later, "exp.csv:3: exposure of account `SH5` for source `venue-b` is stale: "
                + "as of `2026-01-01T07:59:00Z`, more than 60s before `2026-01-01T08:00:01Z`");
    }

    @Test
    void secondBankruptcyOfTheSameAccountIsRefused() {
        PositionStore store = store("BTC-PERP", ROWS);
        AdlEngine.apply(reference, store, null, event("BTC-PERP", "1000", "1", "BL"));
        assertRefused(store, null, event("BTC-PERP", "1000", "1", "BL"),
                "the position of account `BL` in market `BTC-PERP` has size 0");
    }
}
