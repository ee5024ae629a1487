package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.TEXT;
import static dev.adl.server.TestServer.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** Activations while events run: no event fails, and each names a version that was active while it ran. */
@ExtendWith(VertxExtension.class)
class HotSwapTest {
    private static final int ACTIVATIONS = 200;
    private static final int EVENT_THREADS = 4;

    /** A request as the client saw it: sent and answered (nanoTime), and the version it reports. */
    record Timed(long sent, long answered, long version) {
    }

    @Test
    void twoHundredActivationsWhileEventsRun(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        int longs = 2000;
        s.market("TEST-SWAP", longs, 50, policy("hot", 1, "upnl"));
        s.post("/v1/policies", PROPOSER, TEXT, policy("hot", 2, "-upnl"));
        s.post("/v1/policies", PROPOSER, TEXT, policy("hot", 3, "size"));

        List<Timed> activations = Collections.synchronizedList(new ArrayList<>());
        activations.add(new Timed(0, 0, 1));
        List<Timed> events = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean swapping = new AtomicBoolean(true);
        AtomicInteger nextAccount = new AtomicInteger(1);

        ExecutorService pool = Executors.newFixedThreadPool(EVENT_THREADS + 1);
        List<Future<?>> eventers = new ArrayList<>();
        for (int t = 0; t < EVENT_THREADS; t++) {
            eventers.add(pool.submit(() -> {
                while (swapping.get()) {
                    int i = nextAccount.getAndIncrement();
                    if (i > longs) return;
                    long sent = System.nanoTime();
                    TestServer.Resp r = s.post("/v1/markets/TEST-SWAP/events", OPERATOR, JSON,
                            "{\"bankrupt_account\": \"L" + i + "\", \"mark_price\": \"1000\"}");
                    long answered = System.nanoTime();
                    if (r.status() != 200) {
                        failures.add(r.status() + " " + r.body());
                    } else {
                        JsonNode j = r.json();
                        events.add(new Timed(sent, answered, j.get("version").asLong()));
                    }
                }
            }));
        }
        Future<?> swapper = pool.submit(() -> {
            for (int i = 0; i < ACTIVATIONS; i++) {
                long version = 1 + (i + 1) % 3;
                long sent = System.nanoTime();
                TestServer.Resp r = s.post("/v1/markets/TEST-SWAP/activate", OPERATOR, JSON,
                        "{\"policy\": \"hot\", \"version\": " + version + "}");
                long answered = System.nanoTime();
                if (r.status() != 200) failures.add("activation: " + r.status() + " " + r.body());
                activations.add(new Timed(sent, answered, version));
            }
            swapping.set(false);
        });
        swapper.get(60, TimeUnit.SECONDS);
        for (Future<?> f : eventers) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(failures).isEmpty();
        assertThat(events).hasSizeGreaterThan(20);
        // version v_i is active from some moment of its activation request until some moment of the next one's
        for (Timed e : events) {
            boolean possible = false;
            for (int i = 0; i < activations.size() && !possible; i++) {
                Timed a = activations.get(i);
                long until = i + 1 < activations.size() ? activations.get(i + 1).answered() : Long.MAX_VALUE;
                possible = a.version() == e.version() && a.sent() <= e.answered() && until >= e.sent();
            }
            assertThat(possible).as("an event answered with version %d was not run while that version was active",
                    e.version()).isTrue();
        }
        assertThat(s.get("/v1/markets/TEST-SWAP/activations").json().get("activations")).hasSize(ACTIVATIONS + 1);
        JsonNode journal = s.get("/v1/markets/TEST-SWAP/events?limit=1000").json();
        assertThat(journal.get("total").asInt()).isEqualTo(events.size());
        assertThat(s.get("/metrics").body()).contains("adl_policy_swaps_total " + (ACTIVATIONS + 1));
        s.close();
    }
}
