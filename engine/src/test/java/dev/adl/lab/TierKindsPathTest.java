package dev.adl.lab;

import dev.adl.runtime.EventResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.adl.lab.LabFixture.positions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version 2's tier kinds through a path: a haircut tier's amounts are haircuts and count in
 * adl_covered; the loss fills at mark leave is paid by the last layer or unresolved.
 */
class TierKindsPathTest {
    private static final String HALF_LOT = "market,lot_size,mark_price,maintenance_margin,policy\n"
            + "BTC-PERP,0.5,100,0,p.adl\n";
    private static final String ONE_LOT = "market,lot_size,mark_price,maintenance_margin,policy\n"
            + "BTC-PERP,1,100,0,p.adl\n";
    /** B1's bankruptcy price is 100 - 50 / 10 = 95; the shorts are in profit when the mark falls. */
    private static final String POSITIONS = positions("""
            B1,BTC-PERP,long,10,100,50
            S1,BTC-PERP,short,10,110,100
            S2,BTC-PERP,short,10,100,100
            """);

    @Test
    void aHaircutTiersAmountsAreHaircutsAndItsRoundingUpIsWhatTheMembersGaveUp() {
        VenueSnapshot venue = LabFixture.venue(HALF_LOT, POSITIONS, "{\"layers\": {\"f\": {\"balance\": \"0\"}}}");
        StressScenario s = LabFixture.returns("{\"steps\": 1, \"returns\": {\"BTC-PERP\": [-0.1000000001]}}", venue);
        List<EventResult> results = new ArrayList<>();
        PathResult path = LabFixture.onePath(venue, """
                policy "capped" version 2
                markets "*"
                rank by upnl
                reduce {
                  tier "haircut" when upnl > 150 : haircut cap 10% of upnl
                  tier "rest" : queue
                }
                """, s, (step, e, r) -> results.add(r));
        // mark 100 * 0.8999999999 = 89.99999999, u = 95 - 89.99999999 = 5.00000001, shortfall 10u = 50.0000001.
        // the haircut tier has S1 alone (upnl 10 * 20.00000001; S2's is 100.0000001): cap 20.00000001 holds
        // 3.5 lots (17.500000035), not 4 (20.00000004); the total rounds up to 17.50000004.
        // The queue closes the other 6.5 of S2 at 95.
        assertThat(results).hasSize(1);
        assertThat(results.get(0).tierCover().haircutSize()).isEqualByComparingTo("3.5");
        assertThat(results.get(0).tierCover().haircutPaid()).isEqualByComparingTo("17.50000004");
        Metrics m = path.metrics();
        assertThat(m.shortfall()).isEqualByComparingTo("50.0000001");
        assertThat(m.paid().get("f")).isEqualByComparingTo("0");
        // what the members gave up: 17.50000004 + 6.5 * 5.00000001 = 50.000000105, 0.000000005 above the
        // shortfall (the haircut total's rounding up), so sum(haircuts) = adl_covered stays exact
        assertThat(m.adlCovered()).isEqualByComparingTo("50.000000105");
        assertThat(m.unresolvedLoss()).isEqualByComparingTo("0");
        assertThat(path.haircuts().get("S1")).isEqualByComparingTo("17.50000004");
        assertThat(path.haircuts().get("S2")).isEqualByComparingTo("32.500000065");
        assertThat(m.accountsHit()).isEqualTo(2);
        assertThat(m.adlFills()).isEqualTo(2);
        // only the closing fill has notional: 6.5 * 95
        assertThat(m.adlNotional()).isEqualByComparingTo("617.5");
        // S1's equity before: 100 + 200.0000001 = 300.0000001; 17.50000004 of it is 0.05833333...
        assertThat(path.haircutPcts().get("S1")).isEqualByComparingTo("0.05833333");
    }

    @Test
    void theLossOfFillsAtMarkIsPaidByTheLastLayerOrUnresolved() {
        VenueSnapshot venue = LabFixture.venue(ONE_LOT, POSITIONS, "{\"layers\": {\"f\": {\"balance\": \"40\"}}}");
        StressScenario s = LabFixture.returns("{\"steps\": 1, \"returns\": {\"BTC-PERP\": [-0.1]}}", venue);
        List<EventResult> results = new ArrayList<>();
        PathResult path = LabFixture.onePath(venue, """
                policy "at-mark" version 2
                markets "*"
                waterfall { fund "f" max_use 50% per event }
                rank by upnl
                reduce {
                  tier "all" : queue
                  fill at mark_price
                }
                """, s, (step, e, r) -> results.add(r));
        // mark 90, u = 5, shortfall 50. Step 2: 50% of 40 = 20 -> 4 lots. The queue closes 6 of S1 at 90:
        // a loss of 30 the counterparty does not take; f has 20 left and pays it, 10 stays unresolved.
        assertThat(results).hasSize(1);
        assertThat(results.get(0).tierCover().markFillLoss()).isEqualByComparingTo("30");
        assertThat(results.get(0).tierCover().markFillLossUnresolved()).isEqualByComparingTo("10");
        Metrics m = path.metrics();
        assertThat(m.shortfall()).isEqualByComparingTo("50");
        assertThat(m.paid().get("f")).isEqualByComparingTo("40");
        assertThat(m.adlCovered()).isEqualByComparingTo("0");
        assertThat(m.unresolvedLoss()).isEqualByComparingTo("10");
        assertThat(path.haircuts().get("S1")).isEqualByComparingTo("0");
        assertThat(m.accountsHit()).isEqualTo(1);
        assertThat(m.adlNotional()).isEqualByComparingTo("540");
        assertThat(m.overshoot()).isNull();
        assertThat(m.giniHaircut()).isNull();
    }
}
