package dev.adl.server;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.event;
import static dev.adl.server.TestServer.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** A log that cannot grow (disk full) keeps whole lines, and the server is ready again once it can. */
@ExtendWith(VertxExtension.class)
class ReadinessTest {

    @Test
    void aFailedAppendLeavesWholeLinesAndReadinessComesBack(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        s.market("TEST-F", 8, 3, policy("full", 1, "upnl"));
        TestServer.expect(s.post("/v1/markets/TEST-F/events", OPERATOR, JSON, event("L1")), 200);
        Path log = s.server.state().ops.path();
        long before = Files.size(log);
        String journal = s.get("/v1/markets/TEST-F/events").body();

        // room for a few bytes only: the event's line is cut part way, as a full disk would
        s.server.state().ops.limitSize(before + 40);
        int refused = s.post("/v1/markets/TEST-F/events", OPERATOR, JSON, event("L2")).status();
        assertThat(refused).isGreaterThanOrEqualTo(500);
        assertThat(Files.size(log)).isEqualTo(before);
        assertThat(s.get("/health/ready").status()).isEqualTo(503);
        assertThat(s.get("/v1/markets/TEST-F/events").body()).isEqualTo(journal);
        Thread.sleep(600);
        assertThat(s.get("/health/ready").status()).as("still full").isEqualTo(503);
        assertThat(Files.size(log)).as("the probe leaves nothing behind").isEqualTo(before);

        s.server.state().ops.limitSize(Long.MAX_VALUE);
        Thread.sleep(600);
        assertThat(s.get("/health/ready").status()).isEqualTo(200);
        TestServer.expect(s.post("/v1/markets/TEST-F/events", OPERATOR, JSON, event("L2")), 200);
        assertThat(Files.readString(log)).endsWith("\n").doesNotContain("\n\n");
        String after = s.get("/v1/markets/TEST-F/events").body();

        TestServer again = s.restart();
        assertThat(again.get("/v1/markets/TEST-F/events").body()).isEqualTo(after);
        assertThat(again.get("/v1/markets/TEST-F").json().get("events").asInt()).isEqualTo(2);
        again.close();
    }

    @Test
    void anAppendGluedToAFailedOneWouldBeUnreadable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.log");
        try (AppendLog log = AppendLog.open(file)) {
            log.append("{\"a\":1}");
            log.sizeLimit = Files.size(file) + 3;
            try {
                log.append("{\"b\":2}");
            } catch (java.io.IOException expected) {
                // refused part way
            }
            assertThat(log.writable()).isFalse();
            log.sizeLimit = Long.MAX_VALUE;
            assertThat(log.writable()).isTrue();
            log.append("{\"c\":3}");
        }
        assertThat(Files.readString(file)).isEqualTo("{\"a\":1}\n{\"c\":3}\n");
    }
}
