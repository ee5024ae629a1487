package dev.adl.server;

import dev.adl.pool.Cooldown;
import dev.adl.pool.PoolOp;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.EnumSet;

/**
 * The layers a fresh data directory starts with beside the example markets: the staking pool
 * {@code stakers} (13 days' cooldown, three stakers, some revenue, one pending request), the
 * fund {@code btc-fund} and the backstop {@code clearing-house}, the names of EXCHANGE.md's
 * example policy. Made through the same operations as a client's, so they are on record.
 */
final class ExampleLayers {
    static final String POOL = "stakers";
    private static final Caller LOADER = new Caller("examples", "examples", EnumSet.of(Role.OPERATOR));

    private ExampleLayers() {
    }

    static void load(ServerState state, PrintStream log) {
        LayerBook book = state.layers;
        book.put(LOADER, "btc-fund", Layer.FUND, new BigDecimal("300000"), null);
        book.put(LOADER, POOL, Layer.POOL, null, Cooldown.parse("13d"));
        book.put(LOADER, "clearing-house", Layer.BACKSTOP, new BigDecimal("5000000"), null);
        stake(book, "alice", "250000");
        stake(book, "bob", "150000");
        stake(book, "carol", "100000");
        book.poolOp(LOADER, POOL, at -> new PoolOp.Revenue(at, new BigDecimal("1250")));
        book.poolOp(LOADER, POOL, at -> new PoolOp.UnstakeRequest(at, "carol", new BigDecimal("40000")));
        log.println("adl serve: loaded the layers btc-fund, stakers (3 stakers) and clearing-house");
    }

    private static void stake(LayerBook book, String staker, String amount) {
        book.poolOp(LOADER, POOL, at -> new PoolOp.Stake(at, staker, new BigDecimal(amount)));
    }
}
