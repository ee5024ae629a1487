package dev.adl.server;

import dev.adl.server.ChildServer.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-store uploads under kill -9: an upload answered 200 is there after the restart, even
 * when the kill follows the answer at once (its blob is written beside the parse, but named and
 * logged before the answer); an upload killed in flight leaves the store as it was or as the
 * upload says, never a mix. Needs {@code target/adl.jar} (built by {@code mvn verify}).
 */
@Tag("slow")
class UploadCrashTest {
    private static final String TOKEN = "operator-token-upload";
    private static final String MARKET = "TEST-UP";
    private static final int CYCLES = 8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(20261201L);
    private Process child;

    @AfterEach
    void killTheChild() {
        if (child != null) child.destroyForcibly();
    }

    @Test
    void anAnsweredUploadSurvivesKillNineAndAKilledOneIsAllOrNothing(@TempDir Path tmp) throws Exception {
        assertThat(ChildServer.JAR).as("run `mvn verify` first: the test starts the shaded jar").exists();
        Path tokens = tmp.resolve("tokens.json");
        Files.writeString(tokens, "{\"tokens\": [{\"token\": \"" + TOKEN + "\", \"name\": \"uma\", \"roles\": [\"operator\"]}]}");
        int port = start(tmp, tokens);
        assertThat(send(port, "PUT", "/v1/markets/" + MARKET, "application/json",
                "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}").status()).isEqualTo(201);
        int expected = 0;
        int answeredBeforeTheKill = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            int rows = 40_000 + 1_000 * cycle;
            Process running = child;
            // odd cycles kill right after the answer; even ones at a random moment of the upload
            long killAfterMillis = cycle % 2 == 1 ? -1 : random.nextInt(400);
            Thread killer = null;
            if (killAfterMillis >= 0) {
                killer = new Thread(() -> {
                    try {
                        Thread.sleep(killAfterMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.destroyForcibly();
                });
                killer.start();
            }
            Integer status = null;
            try {
                status = send(port, "PUT", "/v1/markets/" + MARKET + "/positions", "text/csv", positions(rows)).status();
            } catch (java.io.IOException killedFirst) {
                // no answer: the upload may or may not be on record
            }
            running.destroyForcibly();
            if (killer != null) killer.join();
            assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
            port = start(tmp, tokens);
            int open = send(port, "GET", "/v1/markets/" + MARKET, null, null).json().get("positions").asInt();
            if (status != null) {
                assertThat(status).as("cycle %d", cycle).isEqualTo(200);
                assertThat(open).as("cycle %d: the answered upload of %d rows", cycle, rows).isEqualTo(rows);
                answeredBeforeTheKill++;
            } else {
                assertThat(open).as("cycle %d: the store before or after the killed upload", cycle).isIn(expected, rows);
            }
            expected = open;
        }
        assertThat(answeredBeforeTheKill).isGreaterThanOrEqualTo(CYCLES / 2);
    }

    /** {@code rows - 10} longs of size 1 and 10 shorts holding as much. */
    private static String positions(int rows) {
        int longs = rows - 10;
        StringBuilder csv = new StringBuilder("account,market,side,size,entry_price,collateral\n");
        for (int i = 1; i <= longs; i++) csv.append('L').append(i).append(',').append(MARKET).append(",long,1,1200,10\n");
        for (int i = 1; i <= 10; i++) {
            csv.append('S').append(i).append(',').append(MARKET).append(",short,").append(longs / 10 + (i <= longs % 10 ? 1 : 0))
                    .append(',').append(1100 + 10 * i).append(",500000\n");
        }
        return csv.toString();
    }

    private int start(Path dir, Path tokens) throws Exception {
        child = ChildServer.serve(dir, dir.resolve("data"), tokens, "512m");
        return ChildServer.port(child);
    }

    private Resp send(int port, String method, String path, String type, String body) throws Exception {
        return ChildServer.send(http, port, TOKEN, method, path, type, body);
    }
}
