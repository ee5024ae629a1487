package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import dev.adl.io.ResultJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.adl.runtime.TestSupport.NOW;
import static dev.adl.runtime.TestSupport.compile;
import static dev.adl.runtime.TestSupport.event;
import static dev.adl.runtime.TestSupport.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Version 2's step 2 worked out by hand: three layers, caps, lots, fees, the latch, u = 0. */
class WaterfallEngineTest {
    // BL: bp = 1200 - 12000/100 = 1080; at mark 1000 it loses u = 80 a unit; q = 100
    private static final String ROWS = """
            BL,BTC-PERP,long,100,1200,12000
            SH4,BTC-PERP,short,50,1250,5000
            SH5,BTC-PERP,short,80,1100,8000
            SH7,BTC-PERP,short,10,900,8000
            """;
    private static final String THREE_LAYERS = """
            policy "three" version 2
            waterfall {
              fund "f" floor 1000 max_use 50% per event
              pool "p" cap 2000 per 1h
              backstop "b" cap 1600 lifetime
            }
            rank by pnl_pct
            reduce {
              tier "rest" : queue
              fee 0.1%
            }
            """;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static LayerState layer(String balance, LayerState.Paid... paid) {
        return new LayerState(d(balance), List.of(), List.of(paid));
    }

    private static LayerState.Paid paid(Instant at, String amount) {
        return new LayerState.Paid(at, d(amount));
    }

    private static Venue threeLayers() {
        return new Venue(Map.of(
                "f", layer("3000"),
                // the window [now - 1h, now] holds 500 (at its start) and 100 (at now), not 300
                "p", layer("10000", paid(NOW.minusSeconds(3600), "500"), paid(NOW.minusSeconds(3601), "300"),
                        paid(NOW, "100")),
                "b", layer("50000", paid(Instant.parse("2020-01-01T00:00:00Z"), "800"))), null);
    }

    @Test
    void threeLayersInOrderEachWithinItsLimits() {
        PositionStore store = store("BTC-PERP", ROWS);
        EventResult r = AdlEngine.apply(compile(THREE_LAYERS), store, ExposureFeed.empty(),
                event("BTC-PERP", "1000", "1", "0", "BL"), threeLayers());
        // f: (3000 - 1000) * 50% = 1000 -> 12 lots (960; 13 would be 1040); r = 88
        // p: cap 2000 - 600 paid in the window = 1400 -> 17 lots (1360); r = 71
        // b: lifetime cap 1600 - 800 = 800 = 80 * 10 exactly -> 10 lots; r = 61 to ADL
        assertThat(r.layers()).containsExactly(
                new LayerResult("f", "fund", d("3000"), d("1000"), d("12"), d("960"), d("2040")),
                // the pool's balance after: 10000 - 1360 + fees 54 + 11.88
                new LayerResult("p", "pool", d("10000"), d("1400"), d("17"), d("1360"), d("8705.88")),
                new LayerResult("b", "backstop", d("50000"), d("800"), d("10"), d("800"), d("49200")));
        assertThat(r.fundBefore()).isEqualByComparingTo("63000");
        assertThat(r.fundAbsorbedSize()).isEqualByComparingTo("39");
        assertThat(r.fundPaid()).isEqualByComparingTo("3120");
        assertThat(r.fundAfter()).isEqualByComparingTo("59945.88");
        assertThat(r.adlSize()).isEqualByComparingTo("61");
        assertThat(r.triggerActiveAfter()).isFalse();
        // fills at bp 1080: SH4 50 (pnl 50 * 170, fee 50 * 1080 * 0.1%), then SH5 11
        assertThat(r.fills()).containsExactly(
                new Fill("SH4", "short", d("50"), d("1080"), d("8500"), "rest", 1, d("54")),
                new Fill("SH5", "short", d("11"), d("1080"), d("220"), "rest", 2, d("11.88")));
        assertThat(store.collateral(store.rowOf("SH4"))).isEqualByComparingTo("13446");
        assertThat(store.collateral(store.rowOf("SH5"))).isEqualByComparingTo("8208.12");
        String json = ResultJson.write(r);
        assertThat(json).contains("\"fee\": \"11.88\"").contains("\"trigger_active_after\": false")
                .contains("\"name\": \"p\"");
    }

    @Test
    void aCapUsedUpInItsWindowStopsTheDrawAndLotsRoundDown() {
        CompiledPolicy p = compile("""
                policy "capped" version 2
                waterfall {
                  pool "p" cap 1000 per 24h
                  fund "f"
                }
                rank by pnl_pct
                reduce { tier "rest" : queue }
                """);
        Venue v = new Venue(Map.of("p", layer("100000", paid(NOW.minusSeconds(86_400), "1000")),
                "f", layer("195")), null);
        // lot 2.5: the pool's window is used up (its first end is included); f has 195 = 80 * 2.4375,
        // so it takes 0 lots of 2.5 (200 > 195); 100 all goes to ADL
        EventResult r = AdlEngine.dryRun(p, store("BTC-PERP", ROWS), ExposureFeed.empty(),
                event("BTC-PERP", "1000", "2.5", "0", "BL"), v);
        assertThat(r.layers()).extracting(LayerResult::available).containsExactly(d("0"), d("195"));
        assertThat(r.fundAbsorbedSize()).isEqualByComparingTo("0");
        assertThat(r.adlSize()).isEqualByComparingTo("100");
        assertThat(r.fills()).extracting(Fill::fee).as("a policy without `fee` charges 0").containsOnly(BigDecimal.ZERO);

        Venue later = new Venue(Map.of("p", layer("100000", paid(NOW.minusSeconds(86_401), "1000")),
                "f", layer("200")), null);
        EventResult r2 = AdlEngine.dryRun(p, store("BTC-PERP", ROWS), ExposureFeed.empty(),
                event("BTC-PERP", "1000", "2.5", "0", "BL"), later);
        // a second earlier the paid entry is outside the window: the pool has 1000, 1000 / (80 * 2.5) = 5 lots
        // (12.5 units, paying 1000); f then has 200 = one lot of 2.5
        assertThat(r2.layers()).extracting(LayerResult::absorbedSize).containsExactly(d("12.5"), d("2.5"));
        assertThat(r2.layers()).extracting(LayerResult::paid).containsExactly(d("1000"), d("200"));
        assertThat(r2.adlSize()).isEqualByComparingTo("85");
    }

    @Test
    void aPolicyLayerWithoutStateIsRefused() {
        assertThatThrownBy(() -> AdlEngine.dryRun(compile(THREE_LAYERS), store("BTC-PERP", ROWS), ExposureFeed.empty(),
                event("BTC-PERP", "1000", "1", "0", "BL"), new Venue(Map.of("f", layer("1")), null)))
                .isInstanceOf(EventRefusedException.class).hasMessageContaining("layer `p`");
    }

    private static final String LATCHED = """
            policy "latched" version 2
            waterfall {
              fund "f"
              trigger when drawdown("f", 1h) > 10% until balance("f") > 5000
            }
            rank by pnl_pct
            reduce { tier "rest" : queue }
            """;

    private static EventResult latchEvent(String balance, String peak, Boolean active) {
        Event e = event("BTC-PERP", "1000", "1", "0", "BL");
        e = new Event(e.market(), e.markPrice(), e.lotSize(), e.insuranceFund(), e.now(), e.fundHistory(),
                e.bankruptAccount(), active);
        Venue v = new Venue(Map.of("f", new LayerState(d(balance),
                List.of(new Event.FundPoint(NOW.minusSeconds(60), d(peak))), List.of())), null);
        return AdlEngine.dryRun(compile(LATCHED), store("BTC-PERP", ROWS), ExposureFeed.empty(), e, v);
    }

    @Test
    void theLatchHoldsUntilItsUntilConditionAndReleasesThatEvent() {
        // drawdown 50% sets it: nobody pays, every layer reports 0 available
        EventResult set = latchEvent("1000", "2000", null);
        assertThat(set.triggerActiveAfter()).isTrue();
        assertThat(set.fundPaid()).isEqualByComparingTo("0");
        assertThat(set.layers().get(0).available()).isEqualByComparingTo("0");
        assertThat(set.adlSize()).isEqualByComparingTo("100");
        // latched, no drawdown any more, balance 3000 not above 5000: still active
        EventResult held = latchEvent("3000", "3000", true);
        assertThat(held.triggerActiveAfter()).isTrue();
        assertThat(held.fundPaid()).isEqualByComparingTo("0");
        // the same event without the latch input is not latched: the fund pays 3000 / 80 -> 37 lots
        EventResult free = latchEvent("3000", "3000", null);
        assertThat(free.triggerActiveAfter()).isFalse();
        assertThat(free.fundPaid()).isEqualByComparingTo("2960");
        // the until condition releases the latch at this very event, even with the first condition holding
        EventResult released = latchEvent("6000", "9000", true);
        assertThat(released.triggerActiveAfter()).isFalse();
        assertThat(released.fundAbsorbedSize()).isEqualByComparingTo("75");
        assertThat(released.fundPaid()).isEqualByComparingTo("6000");
    }

    @Test
    void withoutUntilTheTriggerReportsWhetherItHeld() {
        CompiledPolicy p = compile("""
                policy "plain" version 2
                buffer { trigger when insurance_fund < 100 }
                rank by pnl_pct
                reduce { tier "rest" : queue fee 1% }
                """);
        EventResult r = AdlEngine.dryRun(p, store("BTC-PERP", ROWS), ExposureFeed.empty(),
                event("BTC-PERP", "1000", "1", "50", "BL"), Venue.NONE);
        assertThat(r.triggerActiveAfter()).isTrue();
        assertThat(r.layers()).containsExactly(
                new LayerResult("insurance_fund", "fund", d("50"), d("0"), d("0"), d("0"), d("50")));
        // no pool layer: no fee charged, 0 reported
        assertThat(r.fills()).extracting(Fill::fee).containsOnly(BigDecimal.ZERO);
    }

    @Test
    void aLossOfZeroPerUnitGoesWholeToTheFirstLayerEvenWhileTriggered() {
        // mark 1100 is above bp 1080 for a long: u = 0
        EventResult r = latchEvent("1000", "2000", true);
        assertThat(r.triggerActiveAfter()).isTrue();
        EventResult zero = AdlEngine.dryRun(compile(LATCHED), store("BTC-PERP", ROWS), ExposureFeed.empty(),
                new Event("BTC-PERP", d("1100"), d("1"), d("0"), NOW, List.of(), "BL", true),
                new Venue(Map.of("f", layer("10")), null));
        assertThat(zero.layers()).containsExactly(new LayerResult("f", "fund", d("10"), d("0"), d("100"), d("0"), d("10")));
        assertThat(zero.adlSize()).isEqualByComparingTo("0");
    }
}
