package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static dev.adl.server.TestServer.CSV;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.TEXT;
import static dev.adl.server.TestServer.VIEWER;
import static dev.adl.server.TestServer.event;
import static dev.adl.server.TestServer.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** What a restart (or a crash at any moment) must keep. */
@ExtendWith(VertxExtension.class)
class RestartTest {

    @Test
    void stateSurvivesARestart(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        s.market("TEST-R", 8, 3, policy("durable", 1, "upnl"));
        s.post("/v1/policies", PROPOSER, TEXT, policy("durable", 2, "-upnl"));
        s.post("/v1/markets/TEST-R/activate", OPERATOR, JSON, "{\"policy\": \"durable\", \"version\": 2}");
        s.put("/v1/markets/TEST-R/fund", OPERATOR, JSON,
                "{\"balance\": \"100\", \"history\": [{\"at\": \"2026-01-01T07:00:00Z\", \"balance\": \"150\"}]}");
        s.post("/v1/markets/TEST-R/positions", OPERATOR, CSV,
                "account,market,side,size,entry_price,collateral\nL8,TEST-R,long,2,1200,20\nS9,TEST-R,short,1,1050,900\n");
        s.put("/v1/exposures/venue-b", OPERATOR, CSV,
                "account,source,notional,collateral,as_of\nS1,venue-b,100,10,2026-01-01T07:59:30Z\n");
        for (String a : new String[] {"L1", "L2", "L8"}) {
            TestServer.expect(s.post("/v1/markets/TEST-R/events", OPERATOR, JSON, event(a)), 200);
        }
        String market = s.get("/v1/markets/TEST-R").body();
        String journal = s.get("/v1/markets/TEST-R/events").body();
        String activations = s.get("/v1/markets/TEST-R/activations").body();
        String queue = s.get("/v1/markets/TEST-R/queue").body();
        String place = s.get("/v1/markets/TEST-R/queue?account=S2").body();
        String audit = s.get("/v1/audit?limit=1000", VIEWER).body();
        String policyV1 = s.get("/v1/policies/durable/versions/1", VIEWER).body();

        TestServer again = s.restart();
        assertThat(again.get("/v1/markets/TEST-R").body()).isEqualTo(market);
        assertThat(again.get("/v1/markets/TEST-R/events").body()).isEqualTo(journal);
        assertThat(again.get("/v1/markets/TEST-R/activations").body()).isEqualTo(activations);
        assertThat(again.get("/v1/markets/TEST-R/queue").body()).isEqualTo(queue);
        assertThat(again.get("/v1/markets/TEST-R/queue?account=S2").body()).isEqualTo(place);
        assertThat(again.get("/v1/audit?limit=1000", VIEWER).body()).isEqualTo(audit);
        assertThat(again.get("/v1/policies/durable/versions/1", VIEWER).body()).isEqualTo(policyV1);

        // the restored store goes on exactly where it was: the next event numbers and fills follow on
        JsonNode next = again.post("/v1/markets/TEST-R/events", OPERATOR, JSON, event("L3")).json();
        assertThat(next.get("event_seq").asInt()).isEqualTo(4);
        assertThat(next.get("version").asLong()).isEqualTo(2);
        assertThat(again.post("/v1/markets/TEST-R/events", OPERATOR, JSON, event("L1")).status()).isEqualTo(409);
        again.close();
    }

    @Test
    void snapshotsShortenTheReplayAndGiveTheSameState(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        s.server.state().snapshots.every = 2;
        s.market("TEST-S", 8, 3, policy("snap", 1, "upnl"));
        s.put("/v1/markets/TEST-S/fund", OPERATOR, JSON, "{\"balance\": \"95\"}");
        for (String a : new String[] {"L1", "L2", "L3"}) {
            TestServer.expect(s.post("/v1/markets/TEST-S/events", OPERATOR, JSON, event(a)), 200);
        }
        Path ops = dir.resolve("data").resolve("ops.log");
        awaitSnapshots(ops, 1);
        String market = s.get("/v1/markets/TEST-S").body();
        String journal = s.get("/v1/markets/TEST-S/events").body();
        String place = s.get("/v1/markets/TEST-S/queue?account=S1").body();

        // the restart replays the third event and snapshots again; the next one replays no event at all
        // and cuts the log at that snapshot: one snapshot line, no event left in the log
        TestServer again = s.restart();
        assertThat(again.server.state().replayedEvents).isEqualTo(1);
        assertThat(snapshots(ops)).isEqualTo(2);
        assertThat(again.get("/v1/markets/TEST-S").body()).isEqualTo(market);
        TestServer third = again.restart();
        assertThat(third.server.state().replayedEvents).isZero();
        assertThat(snapshots(ops)).isEqualTo(1);
        assertThat(Files.readString(ops)).doesNotContain("\"op\":\"event\"");
        assertThat(third.get("/v1/markets/TEST-S").body()).isEqualTo(market);
        assertThat(third.get("/v1/markets/TEST-S/events").body()).isEqualTo(journal);
        assertThat(third.get("/v1/markets/TEST-S/queue?account=S1").body()).isEqualTo(place);
        assertThat(third.post("/v1/markets/TEST-S/events", OPERATOR, JSON, event("L2")).status()).isEqualTo(409);
        assertThat(third.post("/v1/markets/TEST-S/events", OPERATOR, JSON, event("L4")).json().get("event_seq").asInt())
                .isEqualTo(4);
        third.close();
    }

    private static long snapshots(Path ops) throws Exception {
        return Files.readAllLines(ops).stream().filter(l -> l.contains("\"op\":\"snapshot\"")).count();
    }

    private static void awaitSnapshots(Path ops, long n) throws Exception {
        for (int i = 0; i < 100 && snapshots(ops) < n; i++) {
            Thread.sleep(50);
        }
        assertThat(snapshots(ops)).isEqualTo(n);
    }

    @Test
    void eventsLoggedWhileASnapshotIsWrittenReplayOnTopOfIt(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        List<Runnable> held = new ArrayList<>();
        s.server.state().snapshots.every = 2;
        s.server.state().snapshots.executor = held::add;
        s.market("TEST-W", 8, 3, policy("held", 1, "upnl"));
        for (String a : new String[] {"L1", "L2", "L3", "L4"}) {
            TestServer.expect(s.post("/v1/markets/TEST-W/events", OPERATOR, JSON, event(a)), 200);
        }
        // the snapshot taken after event 2 is written only now, after events 3 and 4 are on record
        assertThat(held).hasSize(1);
        held.get(0).run();
        Path ops = dir.resolve("data").resolve("ops.log");
        List<String> lines = Files.readAllLines(ops);
        assertThat(lines.get(lines.size() - 1)).contains("\"op\":\"snapshot\"", "\"journal_seq\":2");
        String market = s.get("/v1/markets/TEST-W").body();
        String journal = s.get("/v1/markets/TEST-W/events").body();

        TestServer again = s.restart();
        assertThat(again.get("/v1/markets/TEST-W").body()).isEqualTo(market);
        assertThat(again.get("/v1/markets/TEST-W/events").body()).isEqualTo(journal);
        assertThat(again.post("/v1/markets/TEST-W/events", OPERATOR, JSON, event("L4")).status()).isEqualTo(409);
        again.close();
    }

    @Test
    void aSnapshotIsDroppedWhenTheStoreChangedOtherwiseMeanwhile(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        List<Runnable> held = new ArrayList<>();
        s.server.state().snapshots.every = 1;
        s.server.state().snapshots.executor = held::add;
        s.market("TEST-V", 8, 3, policy("voided", 1, "upnl"));
        TestServer.expect(s.post("/v1/markets/TEST-V/events", OPERATOR, JSON, event("L1")), 200);
        s.post("/v1/markets/TEST-V/positions", OPERATOR, CSV,
                "account,market,side,size,entry_price,collateral\nL9,TEST-V,long,1,1200,10\nS9,TEST-V,short,1,1100,100\n");
        held.get(0).run();
        Path ops = dir.resolve("data").resolve("ops.log");
        assertThat(snapshots(ops)).isZero();
        String market = s.get("/v1/markets/TEST-V").body();
        TestServer again = s.restart();
        assertThat(again.get("/v1/markets/TEST-V").body()).isEqualTo(market);
        again.close();
    }

    @Test
    void aHalfWrittenLastLineIsNeverApplied(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        s.market("TEST-K", 4, 2, policy("crash", 1, "upnl"));
        String market = s.get("/v1/markets/TEST-K").body();
        s.close();
        // a crash in the middle of an append: the start of an event line without its end
        Path ops = dir.resolve("data").resolve("ops.log");
        Files.writeString(ops, "{\"op\":\"event\",\"market\":\"TEST-K\",\"seq\":1,\"bankrupt_acc", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("data").resolve("blobs").resolve(".abc.csv.123.tmp"), "half");

        TestServer again = TestServer.start(vertx, s.options);
        assertThat(again.get("/v1/markets/TEST-K").body()).isEqualTo(market);
        assertThat(Files.readString(ops)).endsWith("\n");
        assertThat(Files.exists(dir.resolve("data").resolve("blobs").resolve(".abc.csv.123.tmp"))).isFalse();
        assertThat(again.post("/v1/markets/TEST-K/events", OPERATOR, JSON, event("L1")).json().get("event_seq").asInt())
                .isEqualTo(1);
        again.close();
        TestServer third = TestServer.start(vertx, s.options);
        assertThat(third.get("/v1/markets/TEST-K/events").json().get("total").asInt()).isEqualTo(1);
        third.close();
    }
}
