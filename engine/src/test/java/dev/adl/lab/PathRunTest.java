package dev.adl.lab;

import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.adl.lab.LabFixture.positions;
import static org.assertj.core.api.Assertions.assertThat;

/** One path, computed by hand: bankruptcies against the engine, liquidations, feedback, haircuts. */
class PathRunTest {
    private static final String ONE_MARKET = "market,lot_size,mark_price,maintenance_margin,policy\n"
            + "BTC-PERP,1,100,0,p.adl\n";
    private static final String EMPTY_FUND = "{\"layers\": {\"btc-fund\": {\"balance\": \"0\"}}}";

    /** B: long 10 at 100 with 50, bankruptcy price 95; a 10% drop to 90 makes it, and only it, bankrupt. */
    private static final String ONE_BANKRUPT = positions("""
            B,BTC-PERP,long,10,100,50
            L1,BTC-PERP,long,2,80,100
            S1,BTC-PERP,short,5,110,100
            S2,BTC-PERP,short,5,120,100
            """);

    @Test
    void aMoveThatMakesOnePositionBankruptGivesTheEnginesResultForThatEvent() {
        VenueSnapshot venue = LabFixture.venue(ONE_MARKET, ONE_BANKRUPT, EMPTY_FUND);
        StressScenario s = LabFixture.returns("{\"steps\": 1, \"returns\": {\"BTC-PERP\": [-0.1]}}", venue);
        List<Event> events = new ArrayList<>();
        List<EventResult> results = new ArrayList<>();
        PathResult path = LabFixture.onePath(venue, LabFixture.QUEUE, s, (step, e, r) -> {
            events.add(e);
            results.add(r);
        });
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.markPrice()).isEqualByComparingTo("90");
        assertThat(e.bankruptAccount()).isEqualTo("B");
        assertThat(e.now()).isEqualTo(s.start().plusSeconds(60));
        EventResult direct = AdlEngine.apply(LabFixture.compile(LabFixture.QUEUE), venue.stores().get("BTC-PERP").copy(),
                venue.exposures(), new Event("BTC-PERP", new BigDecimal("90"), BigDecimal.ONE, BigDecimal.ZERO,
                        e.now(), List.of(), "B"));
        assertThat(results.get(0).withoutTiming()).isEqualTo(direct.withoutTiming());

        // u = 95 - 90 = 5 on 10: shortfall 50, all by ADL at 95; the queue takes S2 (upnl 150) then S1 (100)
        Metrics m = path.metrics();
        assertThat(m.bankruptcies()).isEqualTo(1);
        assertThat(m.shortfall()).isEqualByComparingTo("50");
        assertThat(m.adlCovered()).isEqualByComparingTo("50");
        assertThat(m.adlNotional()).isEqualByComparingTo("950");
        assertThat(m.adlFills()).isEqualTo(2);
        assertThat(path.haircuts()).containsOnlyKeys("S1", "S2");
        assertThat(path.haircuts().get("S1")).isEqualByComparingTo("25");
        assertThat(path.haircuts().get("S2")).isEqualByComparingTo("25");
        assertThat(m.giniHaircut()).isEqualByComparingTo("0");
        assertThat(m.overshoot()).isEqualByComparingTo("19");
        // S2's equity at 90 before the fill: 100 + 5 * 30 = 250, so 25 / 250; S1's 100 + 5 * 20 = 200
        assertThat(m.maxHaircutPct()).isEqualByComparingTo("0.125");
        assertThat(m.topWinnerHaircutPct()).isEqualByComparingTo("0.1");
        assertThat(m.paid()).containsEntry("btc-fund", BigDecimal.ZERO);
        assertThat(m.fundDrawdownMax()).containsEntry("btc-fund", null);
        assertThat(m.priceImpact()).containsEntry("BTC-PERP", BigDecimal.ZERO);
    }

    @Test
    void proRataHaircutsPercentagesAndGiniByHand() {
        // B long 4 at 100 with 20: bp 95, u 5 at 90, shortfall 20; pro rata 100% over sizes 2 and 6 fills 1 and 3
        VenueSnapshot venue = LabFixture.venue(ONE_MARKET, positions("""
                B,BTC-PERP,long,4,100,20
                S1,BTC-PERP,short,2,100,10
                S2,BTC-PERP,short,6,100,60
                """), EMPTY_FUND);
        StressScenario s = LabFixture.returns("{\"steps\": 1, \"returns\": {\"BTC-PERP\": [\"-0.1\"]}}", venue);
        PathResult path = LabFixture.onePath(venue, LabFixture.PRO_RATA, s, PathRun.Listener.NONE);
        assertThat(path.haircuts().get("S1")).isEqualByComparingTo("5");
        assertThat(path.haircuts().get("S2")).isEqualByComparingTo("15");
        Metrics m = path.metrics();
        // gini of (5, 15): (-1 * 5 + 1 * 15) / (2 * 20) = 0.25
        assertThat(m.giniHaircut()).isEqualByComparingTo("0.25");
        // equity before the fill: S1 10 + 2 * 10 = 30, S2 60 + 6 * 10 = 120
        assertThat(path.haircutPcts().get("S1")).isEqualByComparingTo("0.16666667");
        assertThat(path.haircutPcts().get("S2")).isEqualByComparingTo("0.125");
        assertThat(m.maxHaircutPct()).isEqualByComparingTo("0.16666667");
        assertThat(m.p99HaircutPct()).isEqualByComparingTo("0.16666667");
        // S2 had the largest upnl (60) at the first ADL event
        assertThat(m.topWinnerHaircutPct()).isEqualByComparingTo("0.125");
        assertThat(m.overshoot()).isEqualByComparingTo("19");
    }

    @Test
    void aLiquidationFeedsTheNextMarkByExactlyImpactTimesItsFlow() {
        // L: long 10 at 100 with 12; at 99 its equity is 2, below 0.005 * 10 * 99 = 4.95: closed, flow -990
        VenueSnapshot venue = LabFixture.venue("market,lot_size,mark_price,maintenance_margin,policy\n"
                + "BTC-PERP,1,100,0.005,p.adl\n", positions("""
                L,BTC-PERP,long,10,100,12
                S,BTC-PERP,short,10,100,1000
                """), EMPTY_FUND);
        StressScenario s = LabFixture.returns("{\"steps\": 2, \"returns\": {\"BTC-PERP\": [-0.01, 0]},"
                + " \"impact\": {\"BTC-PERP\": 0.0001}}", venue);
        PathResult path = LabFixture.onePath(venue, LabFixture.QUEUE, s, PathRun.Listener.NONE);
        assertThat(path.metrics().liquidations()).isEqualTo(1);
        assertThat(path.metrics().bankruptcies()).isZero();
        // 99 * (1 + 0) * (1 + 0.0001 * -990) = 89.199
        assertThat(path.marks().get("BTC-PERP")).extracting(PathRunTest::plain)
                .containsExactly("100", "99", "89.199");
        assertThat(path.marksWithoutFeedback().get("BTC-PERP").get(2)).isEqualByComparingTo("99");
        // 89.199 / 99 - 1 = -0.099
        assertThat(path.metrics().priceImpact().get("BTC-PERP")).isEqualByComparingTo("-0.099");
    }

    @Test
    void rehedgedAdlFillsMoveTheNextMarkAndTheFundPaysFirst() {
        // fund 30 pays 6 lots of the 10 at u = 5; ADL fills 4 at 95: S2 re-opens 0.5 * 4 * 95 = 190 as a sale
        VenueSnapshot venue = LabFixture.venue(ONE_MARKET, ONE_BANKRUPT,
                "{\"layers\": {\"btc-fund\": {\"balance\": \"30\"}}}");
        StressScenario s = LabFixture.returns("{\"steps\": 2, \"returns\": {\"BTC-PERP\": [-0.1, 0]},"
                + " \"impact\": {\"BTC-PERP\": 0.001}, \"rehedge\": 0.5}", venue);
        PathResult path = LabFixture.onePath(venue, LabFixture.QUEUE, s, PathRun.Listener.NONE);
        Metrics m = path.metrics();
        assertThat(m.paid()).containsEntry("btc-fund", new BigDecimal("30"));
        assertThat(m.adlCovered()).isEqualByComparingTo("20");
        assertThat(m.fundDrawdownMax()).containsEntry("btc-fund", BigDecimal.ONE);
        // 90 * (1 - 0.001 * 190) = 72.9
        assertThat(path.marks().get("BTC-PERP").get(2)).isEqualByComparingTo("72.9");
        assertThat(path.paidOverTime().get("btc-fund")).extracting(PathRunTest::plain)
                .containsExactly("0", "30", "30");
    }

    @Test
    void marksRoundHalfUpAndNeverFallBelowOneUnitOfTheEighthPlace() {
        assertThat(PathRun.nextMark(new BigDecimal("1.000000005"))).isEqualByComparingTo("1.00000001");
        assertThat(PathRun.nextMark(new BigDecimal("1.0000000049"))).isEqualByComparingTo("1");
        assertThat(PathRun.nextMark(new BigDecimal("-3"))).isEqualByComparingTo("0.00000001");
        assertThat(PathRun.nextMark(BigDecimal.ZERO)).isEqualByComparingTo("0.00000001");
    }

    @Test
    void giniOfOneTwoThree() {
        // (-2 * 1 + 0 * 2 + 2 * 3) / (3 * 6) = 4 / 18
        assertThat(Tally.gini(List.of(new BigDecimal("3"), BigDecimal.ONE, new BigDecimal("2"))))
                .isEqualByComparingTo("0.22222222");
        assertThat(Tally.gini(List.of())).isNull();
    }

    @Test
    void nearestRankPercentiles() {
        assertThat(Percentiles.nearestRank(1, 99)).isEqualTo(1);
        assertThat(Percentiles.nearestRank(100, 99)).isEqualTo(99);
        assertThat(Percentiles.nearestRank(101, 99)).isEqualTo(100);
        assertThat(Percentiles.nearestRank(10, 50)).isEqualTo(5);
        assertThat(Percentiles.nearestRank(3, 95)).isEqualTo(3);
    }

    @Test
    void aStakingPoolLedgerLosesFromItsReserveFirst() {
        VenueSnapshot venue = LabFixture.venue(ONE_MARKET, ONE_BANKRUPT, "{\"layers\": {\"stakers\": "
                + "{\"ledger\": {\"value\": \"40\", \"reserve\": \"10\", \"total_shares\": \"40\", \"cooldown\": \"13d\","
                + " \"stakers\": {\"s\": {\"shares\": \"40\"}}}}}}");
        StressScenario s = LabFixture.returns("{\"steps\": 1, \"returns\": {\"BTC-PERP\": [-0.1]}}", venue);
        Metrics m = LabFixture.onePath(venue, LabFixture.QUEUE, s, PathRun.Listener.NONE).metrics();
        // the balance 50 pays the whole shortfall 50: the reserve 10, then 40 of the stakers' 40
        assertThat(m.paid()).containsEntry("stakers", new BigDecimal("50"));
        assertThat(m.stakerLossPct()).isEqualTo(Map.of("stakers", BigDecimal.ONE));
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    @Test
    void aBrokenIdentityIsAnInternalErrorNotANumber() {
        VenueSnapshot venue = LabFixture.venue(ONE_MARKET, ONE_BANKRUPT, EMPTY_FUND);
        PathState state = new PathState(venue);
        Tally tally = new Tally(state);
        // a result whose parts do not add up: shortfall 50, but the fund paid 10 and nothing went to ADL
        EventResult wrong = new EventResult("queue", 1, "BTC-PERP", "B", "long", BigDecimal.TEN, new BigDecimal("95"),
                new BigDecimal("50"), BigDecimal.ZERO, new BigDecimal("2"), BigDecimal.TEN, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, List.of(), List.of(), List.of(), EventResult.Timing.NONE);
        tally.event(state.stores.get("BTC-PERP"), new BigDecimal("90"), wrong);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tally.metrics(state.book, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("internal error: shortfall 50 is not paid + adl_covered + unresolved_loss = 10");
    }

    @Test
    void theMetricsAreTheContractsFieldsInItsOrder() {
        VenueSnapshot venue = LabFixture.venue(ONE_MARKET, ONE_BANKRUPT, EMPTY_FUND);
        StressScenario s = LabFixture.returns("{\"steps\": 1, \"returns\": {\"BTC-PERP\": [-0.1]}}", venue);
        assertThat(LabFixture.onePath(venue, LabFixture.QUEUE, s, PathRun.Listener.NONE).metrics().fields().keySet())
                .containsExactly("bankruptcies", "liquidations", "shortfall", "paid", "adl_covered", "unresolved_loss",
                        "adl_notional", "adl_fills", "accounts_hit", "max_haircut_pct", "p99_haircut_pct",
                        "gini_haircut", "top_winner_haircut_pct", "overshoot", "staker_loss_pct", "fund_drawdown_max",
                        "price_impact");
    }
}
