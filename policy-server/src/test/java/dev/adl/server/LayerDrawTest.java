package dev.adl.server;

import dev.adl.pool.Cooldown;
import dev.adl.pool.PoolOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the event path will call: a layer's state for an event, and payments made all or none, on record. */
class LayerDrawTest {
    private static final Caller OTTO = new Caller("otto", "t-otto", EnumSet.of(Role.OPERATOR));
    private static final Instant T = Instant.parse("2026-01-01T08:00:00Z");

    private static ServerState open(Path dir) throws Exception {
        return ServerState.open(dir, Clock.fixed(T, ZoneOffset.UTC), false);
    }

    private static void venue(LayerBook book) {
        book.put(OTTO, "btc-fund", Layer.FUND, new BigDecimal("1000"), null);
        book.put(OTTO, "stakers", Layer.POOL, null, Cooldown.parse("13d"));
        book.poolOp(OTTO, "stakers", at -> new PoolOp.Stake(at, "alice", new BigDecimal("500")));
        book.poolOp(OTTO, "stakers", at -> new PoolOp.Stake(at, "bob", new BigDecimal("300")));
        book.put(OTTO, "clearing-house", Layer.BACKSTOP, new BigDecimal("5000"), null);
    }

    @Test
    void paymentsLowerBalancesAndAPoolsLedgerAndSurviveARestart(@TempDir Path dir) throws Exception {
        String before;
        try (ServerState s = open(dir)) {
            venue(s.layers);
            try (LayerBook.Draw d = s.layers.draw(List.of("stakers", "btc-fund"))) {
                assertThat(d.state("btc-fund").balance()).isEqualByComparingTo("1000");
                assertThat(d.state("stakers").balance()).isEqualByComparingTo("800");
                d.pay(OTTO, "BTC-PERP", T.plusSeconds(60), List.of(
                        new Op.Payment("btc-fund", new BigDecimal("400"), BigDecimal.ZERO),
                        new Op.Payment("stakers", new BigDecimal("200"), new BigDecimal("8"))));
            }
            Layer.View fund = s.layers.require("btc-fund").view();
            assertThat(fund.balance()).isEqualByComparingTo("600");
            assertThat(fund.paid()).containsExactly(new Layer.Paid(T.plusSeconds(60), new BigDecimal("400"), "BTC-PERP"));
            assertThat(fund.history()).extracting(Layer.Point::balance).map(BigDecimal::toPlainString)
                    .containsExactly("1000", "600");
            Layer.View pool = s.layers.require("stakers").view();
            // a loss of 200 then 8 of fees: 800 - 200 + 8 = 608 over 800 shares; alice's 500 worth 380
            assertThat(pool.pool().value()).isEqualByComparingTo("608");
            assertThat(pool.pool().worth(new BigDecimal("500"))).isEqualByComparingTo("380");
            assertThat(pool.paidTotal()).isEqualByComparingTo("200");

            // a fund cannot pay more than it holds: nothing is paid, by any layer
            try (LayerBook.Draw d = s.layers.draw(Set.of("btc-fund", "clearing-house"))) {
                assertThatThrownBy(() -> d.pay(OTTO, "BTC-PERP", T.plusSeconds(70), List.of(
                        new Op.Payment("clearing-house", new BigDecimal("10"), BigDecimal.ZERO),
                        new Op.Payment("btc-fund", new BigDecimal("600.00000001"), BigDecimal.ZERO))))
                        .isInstanceOf(ApiException.class).hasMessageContaining("less than the `600.00000001` to pay");
            }
            assertThat(s.layers.require("clearing-house").view().balance()).isEqualByComparingTo("5000");
            before = PoolViews.pool(s.layers.require("stakers").view(), true, T).toString()
                    + PoolViews.layer(s.layers.require("btc-fund").view(), true);
        }
        try (ServerState again = open(dir)) {
            assertThat(PoolViews.pool(again.layers.require("stakers").view(), true, T).toString()
                    + PoolViews.layer(again.layers.require("btc-fund").view(), true)).isEqualTo(before);
        }
    }

    @Test
    void anEventHoldingALayerMakesTheNextOneWait(@TempDir Path dir) throws Exception {
        try (ServerState s = open(dir)) {
            venue(s.layers);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean secondIn = new AtomicBoolean();
            Thread first = new Thread(() -> {
                try (LayerBook.Draw d = s.layers.draw(List.of("btc-fund", "stakers"))) {
                    holding.countDown();
                    release.await(5, TimeUnit.SECONDS);
                    assertThat(secondIn).isFalse();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            first.start();
            holding.await(5, TimeUnit.SECONDS);
            // names in another order: the locks are still taken in name order, so this waits rather than deadlocks
            Thread second = new Thread(() -> {
                try (LayerBook.Draw d = s.layers.draw(List.of("stakers", "btc-fund"))) {
                    secondIn.set(true);
                }
            });
            second.start();
            Thread.sleep(100);
            assertThat(secondIn).isFalse();
            release.countDown();
            first.join(5000);
            second.join(5000);
            assertThat(secondIn).isTrue();
        }
    }
}
