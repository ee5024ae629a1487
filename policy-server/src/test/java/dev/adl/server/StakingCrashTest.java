package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adl.server.ChildServer.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server killed with SIGKILL while stakers stake and ask to unstake: after each
 * start every acknowledged stake and request is in the pool's ledger, the shares add up, and
 * the pool holds exactly the stakes on record. Needs {@code target/adl.jar} (built by
 * {@code mvn verify}); run with the other slow tests.
 */
@Tag("slow")
class StakingCrashTest {
    private static final String TOKEN = "operator-token-stake";
    private static final int CYCLES = 8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Acknowledged stakes (staker -> shares) and unstake requests; stakes whose answer never came. */
    private final Map<String, String> staked = new ConcurrentHashMap<>();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger(1);
    private Process child;

    @AfterEach
    void killTheChild() {
        if (child != null) child.destroyForcibly();
    }

    @Test
    void everyAcknowledgedStakeSurvivesKillNine(@TempDir Path tmp) throws Exception {
        assertThat(ChildServer.JAR).as("run `mvn verify` first: the test starts the shaded jar").exists();
        Path tokens = tmp.resolve("tokens.json");
        Files.writeString(tokens, "{\"tokens\": [{\"token\": \"" + TOKEN + "\", \"name\": \"otto\", \"roles\": [\"operator\"]}]}");
        int port = start(tmp, tokens);
        assertThat(send(port, "PUT", "/v1/layers/stakers", "{\"kind\": \"pool\", \"cooldown\": \"13d\"}").status())
                .isEqualTo(201);
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            load(port, 300 + 150 * cycle);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            port = start(tmp, tokens);
            verify(port, cycle);
        }
        System.out.printf("staking crash loop: %d kill -9 cycles, %,d acknowledged stakes and %,d requests checked%n",
                CYCLES, staked.size(), requested.size());
        assertThat(staked.size()).isGreaterThan(CYCLES);
    }

    private void load(int port, int millis) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            boolean requests = w == 2;
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        if (requests) request(port);
                        else stake(port);
                    } catch (IOException | InterruptedException killed) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            writers.add(t);
        }
        writers.forEach(Thread::start);
        Thread.sleep(millis);
        stop.set(true);
    }

    private void stake(int port) throws IOException, InterruptedException {
        String id = "s" + next.getAndIncrement();
        Resp r = send(port, "POST", "/v1/pools/stakers/stakes", "{\"staker\": \"" + id + "\", \"amount\": \"10.5\"}");
        if (r.status() == 200) staked.put(id, r.json().get("result").get("shares").asText());
    }

    private void request(int port) throws IOException, InterruptedException {
        String id = staked.keySet().stream().filter(s -> !requested.contains(s)).findFirst().orElse(null);
        if (id == null) {
            Thread.sleep(5);
            return;
        }
        Resp r = send(port, "POST", "/v1/pools/stakers/unstake-requests", "{\"staker\": \"" + id + "\", \"shares\": \"4\"}");
        if (r.status() == 200 || r.status() == 409) requested.add(id);
    }

    private void verify(int port, int cycle) throws Exception {
        JsonNode pool = send(port, "GET", "/v1/pools/stakers", null).json();
        int stakers = pool.get("stakers").asInt();
        assertThat(stakers).as("cycle %d: acknowledged stakers are all there", cycle).isGreaterThanOrEqualTo(staked.size());
        // only stakes: the price stays 1, so the value is 10.5 per staker on record and shares equal it
        assertThat(pool.get("value").asText()).isEqualTo(new java.math.BigDecimal("10.5")
                .multiply(java.math.BigDecimal.valueOf(stakers)).stripTrailingZeros().toPlainString());
        assertThat(pool.get("total_shares").asText()).isEqualTo(pool.get("value").asText());
        for (Map.Entry<String, String> e : staked.entrySet()) {
            JsonNode s = send(port, "GET", "/v1/pools/stakers/stakers/" + e.getKey(), null).json();
            assertThat(s.get("shares").asText()).as("cycle %d: staker %s", cycle, e.getKey()).isEqualTo(e.getValue());
            if (requested.contains(e.getKey())) {
                assertThat(s.get("request").get("shares").asText()).as("cycle %d: request of %s", cycle, e.getKey())
                        .isEqualTo("4");
            }
        }
        AuditChain.Verdict audit = AuditChain.verify(auditLog);
        assertThat(audit.broken()).as("cycle %d: the audit chain", cycle).isNull();
    }

    private Path auditLog;

    private int start(Path dir, Path tokens) throws Exception {
        Path data = dir.resolve("data");
        auditLog = data.resolve("audit.log");
        child = ChildServer.serve(dir, data, tokens, "256m");
        return ChildServer.port(child);
    }

    private Resp send(int port, String method, String path, String body) throws IOException, InterruptedException {
        return ChildServer.send(http, port, TOKEN, method, path, "application/json", body);
    }
}
