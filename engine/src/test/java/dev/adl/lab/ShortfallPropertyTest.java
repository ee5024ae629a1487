package dev.adl.lab;

import dev.adl.compile.CompiledPolicy;
import dev.adl.prop.Gen;
import dev.adl.prop.Property;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under explicit returns without impact, a deeper drop never lowers the shortfall (same
 * venue, same policy). The drop comes at one step, the others are flat, and the venue's
 * shorts are in profit at any lower mark, so bankruptcies are longs at the drop's mark:
 * a deeper drop bankrupts a superset, each with a larger loss per unit.
 */
class ShortfallPropertyTest {
    private static final CompiledPolicy QUEUE = LabFixture.compile(LabFixture.QUEUE);

    record Case(int markets, String positions, int fund, int steps, int dropStep, int dropPct, int extraPct) {
    }

    private static final Gen<String> LONG = c -> "long," + (1 + c.below(20)) + "," + (80 + c.below(41)) + ","
            + (1 + c.below(500));
    private static final Gen<String> SHORT = c -> "short," + (1 + c.below(20)) + "," + (100 + c.below(41)) + ","
            + (1 + c.below(500));

    private static final Gen<Case> CASES = c -> {
        int markets = 1 + c.below(2);
        StringBuilder pos = new StringBuilder();
        for (int m = 1; m <= markets; m++) {
            List<String> longs = Gen.listOf(LONG, 1, 6, 0.6).next(c);
            List<String> shorts = Gen.listOf(SHORT, 1, 6, 0.6).next(c);
            for (int i = 0; i < longs.size(); i++) pos.append("L").append(i).append(",M").append(m).append(',')
                    .append(longs.get(i)).append('\n');
            for (int i = 0; i < shorts.size(); i++) pos.append("S").append(i).append(",M").append(m).append(',')
                    .append(shorts.get(i)).append('\n');
        }
        int steps = 1 + c.below(3);
        return new Case(markets, pos.toString(), c.below(301), steps, 1 + c.below(steps), c.below(91), c.below(10));
    };

    @Test
    void aDeeperDropNeverLowersTheShortfall() {
        Property.check("deeper drop, no lower shortfall", 60, CASES, k -> {
            StringBuilder markets = new StringBuilder("market,lot_size,mark_price,maintenance_margin,policy\n");
            for (int m = 1; m <= k.markets(); m++) markets.append("M").append(m).append(",1,100,0,p.adl\n");
            VenueSnapshot venue = LabFixture.venue(markets.toString(), LabFixture.positions(k.positions()),
                    "{\"layers\": {\"fund\": {\"balance\": \"" + k.fund() + "\"}}}");
            BigDecimal mild = shortfall(venue, k, k.dropPct());
            BigDecimal deep = shortfall(venue, k, k.dropPct() + k.extraPct());
            assertThat(deep).as("shortfall at -%d%% against -%d%%", k.dropPct() + k.extraPct(), k.dropPct())
                    .isGreaterThanOrEqualTo(mild);
        });
    }

    private static BigDecimal shortfall(VenueSnapshot venue, Case k, int dropPct) {
        StringBuilder returns = new StringBuilder("{\"steps\": " + k.steps() + ", \"returns\": {");
        for (int m = 1; m <= k.markets(); m++) {
            if (m > 1) returns.append(", ");
            returns.append("\"M").append(m).append("\": [");
            for (int t = 1; t <= k.steps(); t++) {
                if (t > 1) returns.append(", ");
                returns.append(t == k.dropStep() ? "-" + BigDecimal.valueOf(dropPct, 2).toPlainString() : "0");
            }
            returns.append(']');
        }
        StressScenario s = LabFixture.returns(returns.append("}}").toString(), venue);
        PolicySet set = PolicySet.everywhere(QUEUE, venue.markets(), "q.adl");
        BigDecimal[][] r = new ReturnPaths(s, LabFixture.names(venue)).path(1, 1);
        return new PathRun(venue, set.byMarket(), s, PathRun.Listener.NONE).run(1, r).metrics().shortfall();
    }
}
