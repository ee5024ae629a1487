package dev.adl.server;

import dev.adl.io.EventJson;
import dev.adl.pool.Cooldown;
import dev.adl.pool.PoolOp;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.LayerResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The venue's layers and a market's trigger latch come back from the log whatever holds the
 * market's events: the log itself, a snapshot, or the journal archive after a compaction.
 */
class VenueReplayTest {
    private static final Caller OTTO = new Caller("otto", "t-otto", Set.of(Role.OPERATOR));
    private static final Instant T = Instant.parse("2026-01-01T08:00:00Z");
    private static final String M = "BTC-PERP";
    private static final String POLICY = """
            policy "latch" version 2
            markets "*-PERP"
            waterfall {
              fund "venue-fund" max_use 100% per event
              pool "stakers" max_use 30% per event cap 3_000 per 24h
              trigger when drawdown("venue-fund", 8h) > 90% until drawdown("venue-fund", 8h) < 10%
            }
            rank by upnl
            reduce { tier "queue" : queue }
            """;

    private static ServerState open(Path dir) throws Exception {
        ServerState s = ServerState.open(dir, Clock.fixed(T, ZoneOffset.UTC), false);
        s.snapshots.every = 2;
        s.snapshots.executor = Runnable::run;
        return s;
    }

    private static EventResult event(ServerState s, String account, int minute) {
        return s.events.apply(OTTO, M, new EventJson.Request(account, new BigDecimal("48500"),
                T.plusSeconds(60L * minute))).result();
    }

    private static String layers(ServerState s) {
        StringBuilder sb = new StringBuilder();
        for (Layer l : s.layers.sorted()) {
            sb.append(PoolViews.layer(l.view(), true)).append('\n');
        }
        return sb.append(PoolViews.pool(s.layers.require("stakers").view(), true, T)).toString();
    }

    @Test
    void layersAndTheLatchSurviveSnapshotsAndCompaction(@TempDir Path dir) throws Exception {
        String before;
        try (ServerState s = open(dir)) {
            s.layers.put(OTTO, "venue-fund", Layer.FUND, new BigDecimal("4000"), null);
            s.layers.put(OTTO, "stakers", Layer.POOL, null, Cooldown.parse("13d"));
            s.layers.poolOp(OTTO, "stakers", at -> new PoolOp.Stake(at, "A", new BigDecimal("10000")));
            PolicyVersion pv = s.policies.create(OTTO, POLICY).policy();
            s.markets.put(OTTO, M, BigDecimal.ONE, new BigDecimal("48500"));
            s.inputs.putPositions(OTTO, M, ("account,market,side,size,entry_price,collateral\n"
                    + "B1,BTC-PERP,long,10,50000,5000\nB2,BTC-PERP,long,10,50000,5000\nB3,BTC-PERP,long,10,50000,5000\n"
                    + "S1,BTC-PERP,short,30,52000,100000\n").getBytes(StandardCharsets.UTF_8), true);
            s.activations.activate(OTTO, M, pv.name(), pv.version());

            // u 1,000 on 10: the fund pays 4,000 (4 lots, all of it), the pool 30% of 10,000 = 3,000 (3 lots)
            EventResult e1 = event(s, "B1", 1);
            assertThat(e1.layers()).extracting(LayerResult::paid).map(BigDecimal::toPlainString)
                    .containsExactly("4000", "3000");
            assertThat(e1.triggerActiveAfter()).isFalse();
            // the fund fell 100% in 8h (> 90%): the trigger holds, no layer pays, and it latches
            EventResult e2 = event(s, "B2", 2);
            assertThat(e2.layers()).extracting(LayerResult::paid).map(BigDecimal::toPlainString)
                    .containsExactly("0", "0");
            assertThat(e2.adlSize()).isEqualByComparingTo("10");
            assertThat(e2.triggerActiveAfter()).isTrue();
            // a stake after the loss: 1,000 at a share price of 0.7 is 1,428.57142857 shares
            s.layers.poolOp(OTTO, "stakers", at -> new PoolOp.Stake(at, "C", new BigDecimal("1000")));
            // refilled to 2,000: drawdown 50%, between the thresholds, so only the latch keeps the trigger on
            s.layers.put(OTTO, "venue-fund", Layer.FUND, new BigDecimal("2000"), null);
            assertThat(Files.readString(dir.resolve("ops.log"))).contains("\"op\":\"snapshot\"")
                    .contains("\"latched\":true");
            before = layers(s);
        }
        try (ServerState s = open(dir)) {
            // the snapshot held both events: the compaction moved them to the archive
            assertThat(s.ops.compacted).isNotNull();
            assertThat(s.ops.compacted.eventsArchived()).isEqualTo(2);
            assertThat(layers(s)).isEqualTo(before);
            assertThat(s.layers.require("stakers").view().pool().value()).isEqualByComparingTo("8000");
            assertThat(s.layers.require("stakers").view().paidTotal()).isEqualByComparingTo("3000");
        }
        try (ServerState s = open(dir)) {
            // started again from the compacted log: the same layers, and the latch still set
            assertThat(layers(s)).isEqualTo(before);
            EventResult e3 = event(s, "B3", 3);
            assertThat(e3.layers()).extracting(LayerResult::available).map(BigDecimal::toPlainString)
                    .containsExactly("0", "0");
            assertThat(e3.adlSize()).isEqualByComparingTo("10");
            assertThat(e3.triggerActiveAfter()).isTrue();
        }
    }

    @Test
    void aVersion2PolicyWithoutAWaterfallPaysFromTheMarketsFundAndReplaysAfterCompaction(@TempDir Path dir)
            throws Exception {
        String before;
        try (ServerState s = open(dir)) {
            // its one layer is the market's own fund, which the result names `insurance_fund`: no venue layer may
            assertThatThrownBy(() -> s.layers.put(OTTO, "insurance_fund", Layer.FUND, BigDecimal.TEN, null))
                    .isInstanceOf(ApiException.class).hasMessageContaining("reserved");
            PolicyVersion pv = s.policies.create(OTTO, """
                    policy "own-fund" version 2
                    markets "*-PERP"
                    rank by account_equity
                    reduce { tier "queue" : queue }
                    """).policy();
            s.markets.put(OTTO, M, BigDecimal.ONE, new BigDecimal("48500"));
            s.inputs.putPositions(OTTO, M, ("account,market,side,size,entry_price,collateral\n"
                    + "B1,BTC-PERP,long,10,50000,5000\nB2,BTC-PERP,long,10,50000,5000\n"
                    + "S1,BTC-PERP,short,20,52000,100000\n").getBytes(StandardCharsets.UTF_8), true);
            s.inputs.putFund(OTTO, M, new BigDecimal("4000"), java.util.List.of());
            s.activations.activate(OTTO, M, pv.name(), pv.version());
            // the market's fund pays 4 lots of the 10 at 1,000 each
            EventResult e1 = event(s, "B1", 1);
            assertThat(e1.layers()).extracting(LayerResult::name).containsExactly("insurance_fund");
            assertThat(e1.fundPaid()).isEqualByComparingTo("4000");
            event(s, "B2", 2);
            before = Views.market(s.markets.require(M).state(), true).toString();
        }
        try (ServerState s = open(dir)) {
            assertThat(s.ops.compacted.eventsArchived()).isEqualTo(2);
            assertThat(Views.market(s.markets.require(M).state(), true).toString()).isEqualTo(before);
            assertThat(s.markets.require(M).state().fund()).isEqualByComparingTo("0");
        }
    }
}
