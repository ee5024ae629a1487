package dev.adl.server;

import dev.adl.io.EventJson;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.Fill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Market snapshots and account values across markets: an account-reading event of one market
 * replays on the other markets as its line found them, whatever snapshots were taken around it.
 */
class AccountSnapshotReplayTest {
    private static final Caller OTTO = new Caller("otto", "t-otto", Set.of(Role.OPERATOR));
    private static final Instant T = Instant.parse("2026-01-01T08:00:00Z");
    private static final String HEADER = "account,market,side,size,entry_price,collateral\n";

    private static ServerState open(Path dir) throws Exception {
        ServerState s = ServerState.open(dir, Clock.fixed(T, ZoneOffset.UTC), false);
        s.snapshots.every = 2;
        s.snapshots.executor = Runnable::run;
        return s;
    }

    private static EventResult event(ServerState s, String market, String account, String mark, int minute) {
        return s.events.apply(OTTO, market, new EventJson.Request(account, new BigDecimal(mark),
                T.plusSeconds(60L * minute))).result();
    }

    private static String fills(EventResult r) {
        StringBuilder sb = new StringBuilder();
        for (Fill f : r.fills()) sb.append(f.account()).append(' ').append(f.size().toPlainString()).append(';');
        return sb.toString();
    }

    private static List<String> journal(ServerState s, String market) {
        return s.events.page(market, 0, 100).stream().map(OpCodec::write).toList();
    }

    private static long snapshotLines(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve("ops.log")).stream().filter(l -> l.contains("\"op\":\"snapshot\"")).count();
    }

    @Test
    void anAccountReadingEventReplaysOnTheOtherMarketAsItsLineFoundIt(@TempDir Path dir) throws Exception {
        List<String> a;
        List<String> b;
        try (ServerState s = open(dir)) {
            s.markets.put(OTTO, "A-PERP", BigDecimal.ONE, new BigDecimal("100"));
            s.markets.put(OTTO, "B-PERP", BigDecimal.ONE, new BigDecimal("50"));
            // each bankrupt: bp = 110 - 50 / 10 = 105 (A), 55 - 20 / 10 = 53 (B), under water at the mark: ADL 10
            s.inputs.putPositions(OTTO, "A-PERP", (HEADER + "BK1,A-PERP,long,10,110,50\nBK2,A-PERP,long,10,110,50\n"
                    + "X,A-PERP,short,20,100,5000\nY,A-PERP,short,21,100,5000\n").getBytes(StandardCharsets.UTF_8), true);
            s.inputs.putPositions(OTTO, "B-PERP", (HEADER + "BB1,B-PERP,long,10,55,20\nBB2,B-PERP,long,10,55,20\n"
                    + "BB3,B-PERP,long,10,55,20\nBB4,B-PERP,long,10,55,20\n"
                    + "Y,B-PERP,short,30,50,5000\nX,B-PERP,short,15,50,5000\n").getBytes(StandardCharsets.UTF_8), true);
            PolicyVersion byAccount = s.policies.create(OTTO, """
                    policy "by-account" version 2
                    markets "A-PERP"
                    rank by account_notional
                    reduce { tier "queue" : queue }
                    """).policy();
            PolicyVersion byNotional = s.policies.create(OTTO, """
                    policy "by-notional" version 2
                    markets "B-PERP"
                    rank by notional
                    reduce { tier "queue" : queue }
                    """).policy();
            s.activations.activate(OTTO, "A-PERP", byAccount.name(), byAccount.version());
            s.activations.activate(OTTO, "B-PERP", byNotional.name(), byNotional.version());

            // B: Y 1,500 > X 750, then Y 1,000 > X 750: Y takes both; the second event snapshots B
            assertThat(fills(event(s, "B-PERP", "BB1", "50", 1))).isEqualTo("Y 10;");
            assertThat(fills(event(s, "B-PERP", "BB2", "50", 2))).isEqualTo("Y 10;");
            assertThat(snapshotLines(dir)).isEqualTo(1);
            // A reads B: X 2,000 + 750 = 2,750 > Y 2,100 + 500 = 2,600 (without B's positions Y would lead)
            assertThat(fills(event(s, "A-PERP", "BK1", "100", 3))).isEqualTo("X 10;");
            // B: X 750 > Y 500, then Y 500 > X 250: two more events of B after the read
            assertThat(fills(event(s, "B-PERP", "BB3", "50", 4))).isEqualTo("X 10;");
            assertThat(fills(event(s, "B-PERP", "BB4", "50", 5))).isEqualTo("Y 10;");
            // a snapshot of B now would hold B's events before A's, which would replay on B emptied by it
            assertThat(snapshotLines(dir)).isEqualTo(1);
            a = journal(s, "A-PERP");
            b = journal(s, "B-PERP");
        }
        try (ServerState s = open(dir)) {
            // B's first two events went to the archive with its snapshot; the rest replayed in log order
            assertThat(s.ops.compacted.eventsArchived()).isEqualTo(2);
            assertThat(journal(s, "A-PERP")).isEqualTo(a);
            assertThat(journal(s, "B-PERP")).isEqualTo(b);
            // B as replayed: X 1,000 + 250 = 1,250 < Y 2,100 + 0; A's second event snapshots nothing either
            assertThat(fills(event(s, "A-PERP", "BK2", "100", 6))).isEqualTo("Y 10;");
            assertThat(snapshotLines(dir)).isEqualTo(1);
            a = journal(s, "A-PERP");
        }
        try (ServerState s = open(dir)) {
            assertThat(s.ops.compacted).isNull();
            assertThat(journal(s, "A-PERP")).isEqualTo(a).hasSize(2);
            assertThat(journal(s, "B-PERP")).isEqualTo(b).hasSize(4);
        }
    }
}
