package dev.adl.runtime;

import dev.adl.prop.Gen;
import dev.adl.prop.Property;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A new mark values a market again in one pass: the sums equal a build at that mark, after every move. */
class VenueAccountsMarkPropertyTest {
    record Case(MarketGen.Market market, List<BigDecimal> marks, BigDecimal balance) {
    }

    private static final Gen<Case> CASES = c -> {
        MarketGen.Market m = MarketGen.markets(30).next(c);
        List<BigDecimal> marks = new ArrayList<>();
        int moves = 1 + c.below(5);
        for (int i = 0; i < moves; i++) {
            // marks of 8 places, some far below the entries (a row's upnl changes sign)
            BigDecimal near = MarketGen.priceNear(c, m.price(), c.chance(0.3) ? 90 : 20);
            marks.add(near.add(BigDecimal.valueOf(c.below(1_000_000), 8)).max(new BigDecimal("0.00000001")));
        }
        return new Case(m, marks, MarketGen.cents(c, 1_000));
    };

    @Test
    void everyMoveEqualsARebuildAtTheNewMark() {
        Property.check("setMark = build", 300, CASES, k -> {
            PositionStore store = k.market().store();
            Map<String, PositionStore> stores = Map.of(MarketGen.MARKET, store);
            String someone = store.rows() > 0 ? store.account(0) : "nobody";
            Map<String, BigDecimal> balances = Map.of(someone, k.balance());
            VenueAccounts v = VenueAccounts.build(stores, Map.of(MarketGen.MARKET, BigDecimal.valueOf(k.market().price())),
                    balances);
            for (BigDecimal mark : k.marks()) {
                v.setMark(MarketGen.MARKET, mark);
                VenueAccounts rebuilt = VenueAccounts.build(stores, Map.of(MarketGen.MARKET, mark), balances);
                for (int r = 0; r < store.rows(); r++) {
                    String a = store.account(r);
                    assertThat(v.equity(a)).as(a + " equity at " + mark).isEqualByComparingTo(rebuilt.equity(a));
                    assertThat(v.notional(a)).as(a + " notional at " + mark).isEqualByComparingTo(rebuilt.notional(a));
                    assertThat(v.positions(a)).as(a).isEqualTo(rebuilt.positions(a));
                }
            }
        });
    }

    @Test
    void aMoveAddsSideTimesSizeTimesTheChange() {
        // L long 2 from 100 with 50, S short 3 from 110 with 40; the mark 100 -> 90.5:
        // L 50 + 2 * (90.5 - 100) = 31, notional 181; S 40 + 3 * (110 - 90.5) = 98.5, notional 271.5
        long one = Decimals.ONE_UNSCALED;
        PositionStore store = PositionStore.builder("M", new AccountDictionary())
                .add("L", 1, 2 * one, 100 * one, 50 * one, 1)
                .add("S", -1, 3 * one, 110 * one, 40 * one, 2)
                .build();
        VenueAccounts v = VenueAccounts.build(Map.of("M", store), Map.of("M", new BigDecimal("100")), Map.of());
        v.setMark("M", new BigDecimal("90.5"));
        assertThat(v.equity("L")).isEqualByComparingTo("31");
        assertThat(v.notional("L")).isEqualByComparingTo("181");
        assertThat(v.equity("S")).isEqualByComparingTo("98.5");
        assertThat(v.notional("S")).isEqualByComparingTo("271.5");
    }
}
