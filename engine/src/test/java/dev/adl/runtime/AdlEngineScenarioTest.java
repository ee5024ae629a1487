package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static dev.adl.runtime.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Events worked out by hand, run through real compiled policies. */
class AdlEngineScenarioTest {
    private static final String BITMEX = """
            policy "bitmex-queue" version 1
            markets "XBTUSD"
            rank by pnl_pct * leverage when upnl > 0
            rank by pnl_pct / leverage
            reduce {
              tier "queue" : queue
            }
            """;
    private static final String BITMEX_ROWS = """
            S1,XBTUSD,short,20,600,1000
            S2,XBTUSD,short,25,640,3000
            L1,XBTUSD,long,10,500,1000
            L2,XBTUSD,long,20,550,4000
            L3,XBTUSD,long,15,690,2000
            """;

    private static Fill fill(String account, String side, String size, String price, String pnl, String tier, long rank) {
        return new Fill(account, side, new BigDecimal(size), new BigDecimal(price), new BigDecimal(pnl), tier, rank);
    }

    @Test
    void bitmexPublishedExample() {
        // S1: bp = 600 + 1000/20 = 650; at mark 700 it loses 50 a unit, 1000 in all, and the fund is empty.
        // Longs rank L1 (0.4 * 7000/3000), L2 (3/11 * 2), L3; L1 closes fully, L2 goes from 20 to 10.
        PositionStore store = store("XBTUSD", BITMEX_ROWS);
        EventResult r = AdlEngine.apply(compile(BITMEX), store, ExposureFeed.empty(),
                event("XBTUSD", "700", "1", "0", "S1"));
        assertThat(r.side()).isEqualTo("short");
        assertThat(r.bankruptcyPrice()).isEqualTo(new BigDecimal("650"));
        assertThat(r.shortfall()).isEqualTo(new BigDecimal("1000"));
        assertThat(r.adlSize()).isEqualTo(new BigDecimal("20"));
        assertThat(r.unresolvedSize()).isEqualTo(BigDecimal.ZERO);
        assertThat(r.fills()).containsExactly(
                fill("L1", "long", "10", "650", "1500", "queue", 1),
                fill("L2", "long", "10", "650", "1000", "queue", 2));
        assertThat(store.size(store.rowOf("L1"))).isEqualByComparingTo("0");
        assertThat(store.collateral(store.rowOf("L1"))).isEqualByComparingTo("2500");
        assertThat(store.size(store.rowOf("L2"))).isEqualByComparingTo("10");
        assertThat(store.collateral(store.rowOf("L2"))).isEqualByComparingTo("5000");
        assertThat(store.size(store.rowOf("S1"))).isEqualByComparingTo("0");
        assertThat(store.collateral(store.rowOf("S1"))).isEqualByComparingTo("0");
        assertThat(store.size(store.rowOf("L3"))).isEqualByComparingTo("15");
        assertBalanced(store);
    }

    @Test
    void languageContractExample() {
        // BL: bp = 1200 - 12000/100 = 1080; at mark 1000 the loss is 80 a unit, 8000 in all.
        // SH4 (entered 1250) is the most profitable short: it fills 50 and realises 50 * (1250 - 1080).
        CompiledPolicy policy = compile("""
                policy "perp-queue" version 1
                markets "BTC-PERP"
                rank by pnl_pct
                reduce {
                  tier "rest" : queue
                }
                """);
        PositionStore store = store("BTC-PERP", """
                BL,BTC-PERP,long,100,1200,12000
                SH4,BTC-PERP,short,50,1250,5000
                SH5,BTC-PERP,short,80,1100,8000
                SH7,BTC-PERP,short,10,900,8000
                """);
        EventResult r = AdlEngine.apply(policy, store, ExposureFeed.empty(),
                event("BTC-PERP", "1000", "1", "0", "BL"));
        assertThat(r.policy()).isEqualTo("perp-queue");
        assertThat(r.version()).isEqualTo(1);
        assertThat(r.side()).isEqualTo("long");
        assertThat(r.size()).isEqualTo(new BigDecimal("100"));
        assertThat(r.bankruptcyPrice()).isEqualTo(new BigDecimal("1080"));
        assertThat(r.shortfall()).isEqualTo(new BigDecimal("8000"));
        assertThat(r.fundBefore()).isEqualTo(BigDecimal.ZERO);
        assertThat(r.fundAbsorbedSize()).isEqualTo(BigDecimal.ZERO);
        assertThat(r.fundPaid()).isEqualTo(BigDecimal.ZERO);
        assertThat(r.fundAfter()).isEqualTo(BigDecimal.ZERO);
        assertThat(r.adlSize()).isEqualTo(new BigDecimal("100"));
        // SH5 (1100 -> 1080: +20 a unit) takes the other 50.
        assertThat(r.fills()).containsExactly(
                fill("SH4", "short", "50", "1080", "8500", "rest", 1),
                fill("SH5", "short", "50", "1080", "1000", "rest", 2));
        assertThat(store.size(store.rowOf("SH5"))).isEqualByComparingTo("30");
        assertThat(store.collateral(store.rowOf("SH4"))).isEqualByComparingTo("13500");
        assertThat(r.fundAbsorbedSize().add(r.adlSize()).add(r.unresolvedSize())).isEqualByComparingTo(r.size());
        assertBalanced(store);
    }

    @Test
    void proRataWaterFillingWithLeftoverLots() {
        // Shares of 10 by size 12:7:4:3 (of 26); P4's 1.15 exceeds its offer of 1, so it gives 1 and
        // 9 is split 12:7:4 -> 4.70, 2.74, 1.57; floors 4+2+1, and the two leftover lots go to the
        // largest remainders P2 (.74) and P1 (.70).
        CompiledPolicy policy = compile("""
                policy "pro-rata" version 1
                markets "SOL-PERP"
                eligible when upnl > 0
                reduce {
                  tier "everyone" : pro_rata 50%
                }
                """);
        PositionStore store = store("SOL-PERP", """
                BL,SOL-PERP,long,10,100,100
                L2,SOL-PERP,long,16,80,500
                P1,SOL-PERP,short,12,110,200
                P2,SOL-PERP,short,7,100,200
                P3,SOL-PERP,short,4,95,200
                P4,SOL-PERP,short,3,90,200
                P5,SOL-PERP,short,9,80,200
                """);
        EventResult r = AdlEngine.apply(policy, store, ExposureFeed.empty(),
                event("SOL-PERP", "85", "1", "0", "BL"));
        assertThat(r.bankruptcyPrice()).isEqualTo(new BigDecimal("90"));
        assertThat(r.shortfall()).isEqualTo(new BigDecimal("50"));
        assertThat(r.fills()).containsExactly(
                fill("P1", "short", "5", "90", "100", "everyone", 1),
                fill("P2", "short", "3", "90", "30", "everyone", 2),
                fill("P3", "short", "1", "90", "5", "everyone", 3),
                fill("P4", "short", "1", "90", "0", "everyone", 4));
        assertThat(store.size(store.rowOf("P5"))).isEqualByComparingTo("9"); // not eligible: losing
        assertBalanced(store);
    }

    @Test
    void proRataByWeightPassesWhatZeroWeightsCannotTakeToTheNextTier() {
        // B: bp = 100 - 60/6 = 90, mark 85, the empty fund pays nothing: 6 to deleverage.
        // Tier "weighted" (entry > 99) offers W0 4, W1 1, W2 4 (100%) and shares 6 by entry - 100 = 0:10:30:
        // W1's 1.5 and W2's 4.5 exceed their offers, so they give 1 and 4; W0 (weight 0) takes no share,
        // and the last 1 passes to "rest", where Q is the only member.
        // Rank by size: Q (5), then W0 and W2 (4, by account id), then W1 (1).
        CompiledPolicy policy = compile("""
                policy "weights" version 1
                rank by size
                reduce {
                  tier "weighted" when entry_price > 99 : pro_rata 100% by entry_price - 100
                  tier "rest" : queue
                }
                """);
        PositionStore store = store("M", """
                B,M,long,6,100,60
                W0,M,short,4,100,0
                W1,M,short,1,110,0
                W2,M,short,4,130,0
                Q,M,short,5,90,0
                """);
        EventResult r = AdlEngine.apply(policy, store, ExposureFeed.empty(), event("M", "85", "1", "0", "B"));
        assertThat(r.fills()).extracting(Fill::account, f -> f.size().intValueExact(), Fill::tier, Fill::rank)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("W2", 4, "weighted", 3L),
                        org.assertj.core.groups.Tuple.tuple("W1", 1, "weighted", 4L),
                        org.assertj.core.groups.Tuple.tuple("Q", 1, "rest", 1L));
        assertThat(r.unresolvedSize()).isEqualByComparingTo("0");
        assertThat(store.size(store.rowOf("W0"))).isEqualByComparingTo("4");
    }

    @Test
    void fundTakesAPartialShareInWholeLots() {
        // available = (2000 - 1000) * 50% = 500 of a 1000 shortfall: f = 1/2, qa = floor(10 / 3) * 3 = 9,
        // paid 9 * 50 = 450; the remaining 11 go to the queue: L1 10, L2 1.
        CompiledPolicy policy = compile(BITMEX.replace("rank by pnl_pct * leverage", """
                buffer {
                  floor 1000
                  max_use 50% per event
                }
                rank by pnl_pct * leverage"""));
        PositionStore store = store("XBTUSD", BITMEX_ROWS);
        EventResult r = AdlEngine.apply(policy, store, ExposureFeed.empty(),
                event("XBTUSD", "700", "3", "2000", "S1"));
        assertThat(r.fundAbsorbedSize()).isEqualTo(new BigDecimal("9"));
        assertThat(r.fundPaid()).isEqualTo(new BigDecimal("450"));
        assertThat(r.fundAfter()).isEqualTo(new BigDecimal("1550"));
        assertThat(r.adlSize()).isEqualTo(new BigDecimal("11"));
        assertThat(r.fills()).extracting(Fill::account, Fill::size).containsExactly(
                org.assertj.core.groups.Tuple.tuple("L1", new BigDecimal("10")),
                org.assertj.core.groups.Tuple.tuple("L2", new BigDecimal("1")));
        // the fund's 9 (short, taken over at mark) go to the house
        assertThat(store.house()).isEqualByComparingTo(store.shortTotal().subtract(store.longTotal()));
        assertBalanced(store);
    }

    @Test
    void fundShareIsExactWithNoRoundingOfTheRatio() {
        CompiledPolicy policy = compile("""
                policy "fund" version 1
                reduce {
                  tier "all" : queue
                }
                """);
        // 140 lots short of 100 each: the fund can pay exactly 1,000 of the 14,000 shortfall, which is
        // 10 lots; 1000 / 14000 rounded to 8 places first (0.07142857) would give 9.9999998 and 9 lots
        PositionStore store = store("M", """
                B,M,long,140,1200,14000
                S,M,short,140,1000,100000
                """);
        EventResult r = AdlEngine.apply(policy, store, ExposureFeed.empty(), event("M", "1000", "1", "1000", "B"));
        assertThat(r.bankruptcyPrice()).isEqualByComparingTo("1100");
        assertThat(r.shortfall()).isEqualByComparingTo("14000");
        assertThat(r.fundAbsorbedSize()).isEqualByComparingTo("10");
        assertThat(r.fundPaid()).isEqualByComparingTo("1000");
        assertThat(r.fundAfter()).isEqualByComparingTo("0");
        assertThat(r.adlSize()).isEqualByComparingTo("130");
        // a third: 160 of a 480 shortfall is exactly one lot of three
        PositionStore three = store("M", """
                B,M,long,3,1200,120
                S,M,short,3,1000,100000
                """);
        EventResult t = AdlEngine.apply(policy, three, ExposureFeed.empty(), event("M", "1000", "1", "160", "B"));
        assertThat(t.fundAbsorbedSize()).isEqualByComparingTo("1");
        assertThat(t.fundPaid()).isEqualByComparingTo("160");
        assertBalanced(three);
    }

    @Test
    void fundNeverPassesItsFloorWhenTheShareRoundsUp() {
        // S: bp = 100 + 1 = 101, mark 102: loss 1 a unit. available / shortfall = 2/3 rounds up to 0.66666667, so f * q is one lot too many: the guard takes it back.
        CompiledPolicy policy = compile("""
                policy "fund" version 1
                buffer {
                  floor 0
                }
                reduce {
                  tier "all" : queue
                }
                """);
        PositionStore store = store("M", """
                S,M,short,300000000,100,300000000
                L,M,long,300000000,90,1000000000
                """);
        EventResult r = AdlEngine.apply(policy, store, ExposureFeed.empty(),
                event("M", "102", "1", "200000000", "S"));
        assertThat(r.bankruptcyPrice()).isEqualTo(new BigDecimal("101"));
        assertThat(r.shortfall()).isEqualTo(new BigDecimal("300000000"));
        assertThat(r.fundAbsorbedSize()).isEqualTo(new BigDecimal("200000000"));
        assertThat(r.fundAfter()).isEqualTo(BigDecimal.ZERO);
        assertThat(r.adlSize()).isEqualTo(new BigDecimal("100000000"));
    }

    @Test
    void triggerSendsEverythingToAdl() {
        CompiledPolicy policy = compile(BITMEX.replace("rank by pnl_pct * leverage", """
                buffer {
                  trigger when drawdown(8h) > 30%
                }
                rank by pnl_pct * leverage"""));
        Event calm = withHistory(event("XBTUSD", "700", "1", "5000", "S1"),
                List.of(new Event.FundPoint(Instant.parse("2025-12-31T20:00:00Z"), new BigDecimal("100000"))));
        Event falling = withHistory(event("XBTUSD", "700", "1", "5000", "S1"),
                List.of(new Event.FundPoint(Instant.parse("2026-01-01T02:00:00Z"), new BigDecimal("100000"))));

        // the 100000 peak is outside the 8h window: no drawdown, the fund pays the 1000 shortfall
        EventResult paid = AdlEngine.dryRun(policy, store("XBTUSD", BITMEX_ROWS), null, calm);
        assertThat(paid.fundPaid()).isEqualTo(new BigDecimal("1000"));
        assertThat(paid.fundAbsorbedSize()).isEqualTo(new BigDecimal("20"));
        assertThat(paid.fills()).isEmpty();

        // inside the window: drawdown 95% > 30%, the fund pays nothing
        EventResult r = AdlEngine.apply(policy, store("XBTUSD", BITMEX_ROWS), null, falling);
        assertThat(r.fundPaid()).isEqualTo(BigDecimal.ZERO);
        assertThat(r.fundAfter()).isEqualTo(new BigDecimal("5000"));
        assertThat(r.adlSize()).isEqualTo(new BigDecimal("20"));
        assertThat(r.rulesFired()).isNotEmpty();
    }

    @Test
    void capLeavesTheExcessUnresolved() {
        // 20 * 650 = 13000 > 5000: deleverage floor(5000 / 650) = 7, 13 unresolved, fund not charged.
        CompiledPolicy policy = compile(BITMEX + "cap 5000 per event\n");
        PositionStore store = store("XBTUSD", BITMEX_ROWS);
        BigDecimal houseBefore = store.house();
        EventResult r = AdlEngine.apply(policy, store, ExposureFeed.empty(),
                event("XBTUSD", "700", "1", "0", "S1"));
        assertThat(r.adlSize()).isEqualTo(new BigDecimal("7"));
        assertThat(r.unresolvedSize()).isEqualTo(new BigDecimal("13"));
        assertThat(r.fundPaid()).isEqualTo(BigDecimal.ZERO);
        assertThat(r.fills()).extracting(Fill::account, Fill::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("L1", new BigDecimal("7")));
        assertThat(store.house()).isEqualByComparingTo(houseBefore.subtract(new BigDecimal("13")));
        assertBalanced(store);
    }

    @Test
    void referencePolicyWithExposuresAndTiers() {
        CompiledPolicy policy = compile(REFERENCE);
        PositionStore store = store("BTC-PERP", """
                BL,BTC-PERP,long,100,1200,12000
                L2,BTC-PERP,long,105,900,20000
                L9,BTC-PERP,long,2000,1000,1000000
                SH1,BTC-PERP,short,30,1100,3000
                SH2,BTC-PERP,short,40,1050,1000
                SH3,BTC-PERP,short,20,1300,500
                SH4,BTC-PERP,short,50,1250,5000
                SH5,BTC-PERP,short,40,950,8000
                SH6,BTC-PERP,short,25,1020,100
                SH9,BTC-PERP,short,2000,1000,1000000
                """);
        ExposureFeed exposures = exposures("""
                SH1,venue-b,90000,6000,2026-01-01T07:59:30Z
                SH3,venue-b,500000,4000,2026-01-01T07:59:45Z
                SH5,venue-b,100000,2000,2026-01-01T07:59:10Z
                L2,venue-b,70000,1000,2026-01-01T07:00:00Z
                """);
        Event e = withHistory(event("BTC-PERP", "1000", "1", "0", "BL"),
                List.of(new Event.FundPoint(Instant.parse("2026-01-01T02:00:00Z"), new BigDecimal("1200000"))));
        EventResult r = AdlEngine.apply(policy, store, exposures, e);
        // eff_leverage >= 25: SH3 (520000 / 4500 + ...), SH6 (25000 / 100); the tier's offers (20 + 25)
        // do not cover 100, so both give everything; the queue takes SH1 (rank 2) and SH2 (rank 4).
        assertThat(r.fills()).extracting(Fill::account, f -> f.size().intValueExact(), Fill::tier, Fill::rank)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SH3", 20, "high-leverage", 1L),
                        org.assertj.core.groups.Tuple.tuple("SH6", 25, "high-leverage", 3L),
                        org.assertj.core.groups.Tuple.tuple("SH1", 30, "rest", 2L),
                        org.assertj.core.groups.Tuple.tuple("SH2", 25, "rest", 4L));
        assertThat(r.fills()).extracting(Fill::realizedPnl).containsExactly(
                new BigDecimal("4400"), new BigDecimal("-1500"), new BigDecimal("600"), new BigDecimal("-750"));
        assertBalanced(store);
    }

    static final String REFERENCE = """
            # BitMEX/Binance-style queue, with a pro-rata tier for the most leveraged.
            policy "perp-queue" version 1
            markets "BTC-PERP", "ETH-PERP"

            inputs {
              exposure "venue-b" stale_after 60s
            }

            buffer {
              floor 250_000
              max_use 50% per event
              trigger when drawdown(8h) > 30%
            }

            let ext_notional = exposure("venue-b").notional
            let eff_leverage = (notional + ext_notional) / (equity + exposure("venue-b").collateral)

            eligible when size > 0

            rank by pnl_pct * eff_leverage when upnl > 0
            rank by pnl_pct / eff_leverage

            reduce {
              tier "high-leverage" when eff_leverage >= 25 : pro_rata 100%
              tier "rest" : queue
            }

            cap 5% of open_interest per event
            notify when quintile >= 4
            """;
}
