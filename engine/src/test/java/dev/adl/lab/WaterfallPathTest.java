package dev.adl.lab;

import dev.adl.runtime.EventResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static dev.adl.lab.LabFixture.positions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version 2 policy in the lab: every market's events draw on the same layers through the
 * engine's waterfall, a pool given as a ledger loses what it pays and earns the fees.
 */
class WaterfallPathTest {
    private static final String TWO_MARKETS = "market,lot_size,mark_price,maintenance_margin,policy\n"
            + "BTC-PERP,1,100,0,p.adl\nETH-PERP,1,100,0,p.adl\n";
    /** In each market one long of 10 at 100 with 50 (bankruptcy price 95); ETH has a short to take from. */
    private static final String POSITIONS = positions("""
            B1,BTC-PERP,long,10,100,50
            B2,ETH-PERP,long,10,100,50
            S3,ETH-PERP,short,10,110,100
            """);
    private static final String LAYERS = "{\"layers\": {\"f\": {\"balance\": \"30\"}, \"stakers\": {\"ledger\": "
            + "{\"value\": \"60\", \"reserve\": \"10\", \"total_shares\": \"60\", \"cooldown\": \"13d\","
            + " \"stakers\": {\"s\": {\"shares\": \"60\"}}}}}}";
    private static final String WATERFALL = """
            policy "wf" version 2
            markets "*"
            waterfall {
              fund "f"
              pool "stakers" max_use 50% per event
            }
            rank by upnl
            reduce {
              tier "all" : queue
              fee 1%
            }
            """;

    @Test
    void bothMarketsDrawOnTheSharedLayersInOrderAndThePoolLedgerTakesLossesAndFees() {
        VenueSnapshot venue = LabFixture.venue(TWO_MARKETS, POSITIONS, LAYERS);
        StressScenario s = LabFixture.returns("{\"steps\": 1, \"returns\": {\"BTC-PERP\": [-0.1], \"ETH-PERP\": [-0.1]}}",
                venue);
        List<EventResult> results = new ArrayList<>();
        PathResult path = LabFixture.onePath(venue, WATERFALL, s, (step, e, r) -> results.add(r));
        // u = 95 - 90 = 5 on 10 in each market: shortfall 50 each.
        // BTC: f pays 30 (6 lots), the pool 20 (4 lots of its 35 available): reserve 10, then value 10.
        // ETH: f has 0; the pool has 50, 25 available: 5 lots, 25; ADL 5 at 95 from S3, fee 5 * 95 * 1% = 4.75.
        assertThat(results).hasSize(2);
        assertThat(results.get(0).layers()).extracting(l -> l.paid().stripTrailingZeros().toPlainString())
                .containsExactly("30", "20");
        assertThat(results.get(1).layers()).extracting(l -> l.paid().stripTrailingZeros().toPlainString())
                .containsExactly("0", "25");
        Metrics m = path.metrics();
        assertThat(m.shortfall()).isEqualByComparingTo("100");
        assertThat(m.paid()).containsOnlyKeys("f", "stakers");
        assertThat(m.paid().get("f")).isEqualByComparingTo("30");
        assertThat(m.paid().get("stakers")).isEqualByComparingTo("45");
        assertThat(m.adlCovered()).isEqualByComparingTo("25");
        assertThat(path.haircuts().get("S3")).isEqualByComparingTo("25");
        // the stakers' value: 60 - 10 - 25 + 4.75 = 29.75; lost 30.25 of 60
        assertThat(m.stakerLossPct().get("stakers")).isEqualByComparingTo("0.50416667");
        // f: 30 -> 0; the pool: 70 -> 50 -> 29.75 (fees included), 40.25 / 70
        assertThat(m.fundDrawdownMax().get("f")).isEqualByComparingTo("1");
        assertThat(m.fundDrawdownMax().get("stakers")).isEqualByComparingTo("0.575");
    }

    @Test
    void aPathNeverChangesTheVenuesLayers() {
        VenueSnapshot venue = LabFixture.venue(TWO_MARKETS, POSITIONS, LAYERS);
        StressScenario s = LabFixture.returns("{\"steps\": 1, \"returns\": {\"BTC-PERP\": [-0.1], \"ETH-PERP\": [-0.1]}}",
                venue);
        LabFixture.onePath(venue, WATERFALL, s, PathRun.Listener.NONE);
        assertThat(venue.buffers().balance("f")).isEqualByComparingTo("30");
        assertThat(venue.buffers().ledger("stakers").value()).isEqualByComparingTo("60");
        assertThat(venue.buffers().balance("stakers")).isEqualByComparingTo("70");
    }

    @Test
    void aLedgerLossFinerThanEightPlacesIsRoundedUpAndRevenueDown() {
        dev.adl.pool.PoolState s = new dev.adl.pool.PoolState(new BigDecimal("10"), BigDecimal.ZERO, BigDecimal.ONE,
                dev.adl.pool.Cooldown.parse("1d"), java.util.Map.of("a", new dev.adl.pool.PoolState.Staker(BigDecimal.ONE, null)),
                null);
        dev.adl.pool.PoolState after = PathLayers.ledgerPays(s, s.lastAt() == null ? java.time.Instant.EPOCH : s.lastAt(),
                new BigDecimal("1.000000001"), new BigDecimal("0.000000019"));
        // loss ceil8(1.000000001) = 1.00000001; revenue floor8(0.000000019) = 0.00000001
        assertThat(after.value()).isEqualByComparingTo("9.00000000");
    }
}
