package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.adl.runtime.TestSupport.compile;
import static dev.adl.runtime.TestSupport.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** account_* over two markets, by hand, and the venue's sums kept up to date after an event. */
class AccountLevelTest {
    private static final String ROWS = """
            BL,BTC-PERP,long,20,1000,1000
            X,BTC-PERP,short,10,1000,1000
            Y,BTC-PERP,short,10,1000,5000
            X,ETH-PERP,long,50,80,500
            Z,ETH-PERP,short,50,120,900
            """;
    private static final CompiledPolicy BY_ACCOUNT_LEVERAGE = compile("""
            policy "acct" version 2
            rank by account_leverage
            reduce { tier "all" : queue }
            """);

    private static Map<String, PositionStore> stores() {
        return new LinkedHashMap<>(PositionsCsv.read(PositionsCsv.HEADER + "\n" + ROWS, "pos.csv"));
    }

    private static VenueAccounts venue(Map<String, PositionStore> stores) {
        return VenueAccounts.build(stores, Map.of("BTC-PERP", new BigDecimal("1000"), "ETH-PERP", new BigDecimal("100")),
                Map.of("X", new BigDecimal("20000")));
    }

    @Test
    void sumsOverEveryMarketAtItsOwnMarkPlusTheCrossBalance() {
        VenueAccounts v = venue(stores());
        // X: BTC 1000 + (-1) * 10 * (1000 - 1000); ETH 500 + 50 * (100 - 80) = 1500; balance 20000
        assertThat(v.equity("X")).isEqualByComparingTo("22500");
        assertThat(v.notional("X")).isEqualByComparingTo("15000");
        assertThat(v.positions("X")).isEqualTo(2);
        // Z: 900 + (-1) * 50 * (100 - 120) = 1900
        assertThat(v.equity("Z")).isEqualByComparingTo("1900");
        assertThat(v.equity("nobody")).isEqualByComparingTo("0");
    }

    @Test
    void theEventsMarkRevaluesItsOwnMarketOnly() {
        Map<String, PositionStore> stores = stores();
        VenueAccounts v = venue(stores);
        PositionStore btc = stores.get("BTC-PERP");
        int[] rows = {btc.rowOf("X"), btc.rowOf("Y")};
        double[] eq = new double[2];
        double[] no = new double[2];
        double[] lev = new double[2];
        double[] n = new double[2];
        v.columns(btc, rows, new BigDecimal("900"), eq, no, lev, n);
        // X at 900: BTC 1000 + 1000, notional 9000; ETH 1500, notional 5000; balance 20000
        assertThat(eq).containsExactly(23500, 6000);
        assertThat(no).containsExactly(14000, 9000);
        assertThat(lev[0]).isCloseTo(14000.0 / 23500, within(1e-15));
        assertThat(lev[1]).isEqualTo(1.5);
        assertThat(n).containsExactly(2, 1);
    }

    @Test
    void theVenueChangesTheOrderThePositionAloneWouldGive() {
        // alone, X has leverage 9000 / 2000 = 4.5 and Y 9000 / 6000 = 1.5: X first
        Event e = event("BTC-PERP", "900", "1", "0", "BL");
        EventResult alone = AdlEngine.dryRun(BY_ACCOUNT_LEVERAGE, stores().get("BTC-PERP"), ExposureFeed.empty(), e,
                Venue.NONE);
        assertThat(alone.fills()).extracting(Fill::account).containsExactly("X", "Y");
        // over the venue X has 14000 / 23500 < 1.5: Y first
        Map<String, PositionStore> stores = stores();
        EventResult venue = AdlEngine.dryRun(BY_ACCOUNT_LEVERAGE, stores.get("BTC-PERP"), ExposureFeed.empty(), e,
                new Venue(Map.of(), venue(stores)));
        assertThat(venue.fills()).extracting(Fill::account).containsExactly("Y", "X");
    }

    @Test
    void anUpdateAfterAnEventEqualsARebuild() {
        Map<String, PositionStore> stores = stores();
        VenueAccounts v = venue(stores);
        PositionStore btc = stores.get("BTC-PERP");
        VenueAccounts.Capture before = v.capture("BTC-PERP",
                new int[]{btc.rowOf("BL"), btc.rowOf("X"), btc.rowOf("Y")});
        AdlEngine.apply(BY_ACCOUNT_LEVERAGE, btc, ExposureFeed.empty(), event("BTC-PERP", "900", "0.001", "0", "BL"),
                new Venue(Map.of(), v));
        v.apply(before);
        VenueAccounts rebuilt = venue(stores);
        for (String a : List.of("BL", "X", "Y", "Z")) {
            assertThat(v.equity(a)).as(a).isEqualByComparingTo(rebuilt.equity(a));
            assertThat(v.notional(a)).as(a).isEqualByComparingTo(rebuilt.notional(a));
            assertThat(v.positions(a)).as(a).isEqualTo(rebuilt.positions(a));
        }
        // BL is closed: no position left, and X lost its BTC position after a 10-unit fill
        assertThat(v.positions("BL")).isZero();
        v.setMark("ETH-PERP", new BigDecimal("90"));
        // X: ETH 500 + 50 * 10 = 1000, BTC closed at bp 950 with pnl 10 * 50 = 500 -> 1500 collateral left
        assertThat(v.equity("X")).isEqualByComparingTo(VenueAccounts.build(stores,
                Map.of("BTC-PERP", new BigDecimal("1000"), "ETH-PERP", new BigDecimal("90")),
                Map.of("X", new BigDecimal("20000"))).equity("X"));
    }
}
