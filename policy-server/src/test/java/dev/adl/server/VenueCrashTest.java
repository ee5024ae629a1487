package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adl.server.ChildServer.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server killed with SIGKILL while two markets' events draw on one staking pool and
 * stakers stake into it: after each start every acknowledged event is in its market's journal,
 * every acknowledged stake in the ledger, and the pool conserves money: its value and reserve
 * are the stakes on record less the losses the journals record (no revenue, no payouts here).
 * Needs {@code target/adl.jar} (built by {@code mvn verify}); run with the other slow tests.
 */
@Tag("slow")
class VenueCrashTest {
    private static final String TOKEN = "operator-token-venue";
    private static final int CYCLES = 6;
    private static final List<String> MARKETS = List.of("A-PERP", "B-PERP");
    private static final int LONGS = 3000;
    private static final String POLICY = """
            policy "crash-venue" version 2
            markets "*-PERP"
            waterfall {
              fund "venue-fund" max_use 100% per event
              pool "stakers" max_use 30% per event
              backstop "clearing-house"
            }
            rank by upnl
            reduce { tier "queue" : queue }
            """;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Acknowledged stakes (staker -> shares) and events (market/seq -> bankrupt account). */
    private final Map<String, String> staked = new ConcurrentHashMap<>();
    private final Map<String, String> events = new ConcurrentHashMap<>();
    private final AtomicInteger nextStaker = new AtomicInteger(1);
    private final Map<String, AtomicInteger> nextLong = new ConcurrentHashMap<>();
    private Process child;
    private Path auditLog;

    @AfterEach
    void killTheChild() {
        if (child != null) child.destroyForcibly();
    }

    @Test
    void eventsAndStakesOnASharedPoolSurviveKillNine(@TempDir Path tmp) throws Exception {
        assertThat(ChildServer.JAR).as("run `mvn verify` first: the test starts the shaded jar").exists();
        Path tokens = tmp.resolve("tokens.json");
        Files.writeString(tokens, "{\"tokens\": [{\"token\": \"" + TOKEN + "\", \"name\": \"otto\", \"roles\": [\"operator\"]}]}");
        int port = start(tmp, tokens);
        setUp(port);
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            load(port, 400 + 150 * cycle);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            port = start(tmp, tokens);
            verify(port, cycle);
        }
        System.out.printf("venue crash loop: %d kill -9 cycles, %,d acknowledged events and %,d stakes checked%n",
                CYCLES, events.size(), staked.size());
        assertThat(events.size()).isGreaterThan(CYCLES);
        assertThat(staked.size()).isGreaterThan(CYCLES);
    }

    private void setUp(int port) throws Exception {
        assertThat(send(port, "PUT", "/v1/layers/venue-fund", "{\"kind\": \"fund\", \"balance\": \"250\"}").status())
                .isEqualTo(201);
        assertThat(send(port, "PUT", "/v1/layers/stakers", "{\"kind\": \"pool\", \"cooldown\": \"13d\"}").status())
                .isEqualTo(201);
        assertThat(send(port, "PUT", "/v1/layers/clearing-house", "{\"kind\": \"backstop\", \"balance\": \"1000000\"}")
                .status()).isEqualTo(201);
        assertThat(send(port, "POST", "/v1/pools/stakers/stakes", "{\"staker\": \"seed\", \"amount\": \"100000\"}")
                .status()).isEqualTo(200);
        JsonNode p = send(port, "POST", "/v1/policies", POLICY, "text/plain").json();
        for (String m : MARKETS) {
            assertThat(send(port, "PUT", "/v1/markets/" + m, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}").status())
                    .isEqualTo(201);
            // longs bankrupt at a mark of 1000 (entry 1200, collateral 10: a loss of 190 each), shorts to fill them
            StringBuilder csv = new StringBuilder("account,market,side,size,entry_price,collateral\n");
            for (int i = 1; i <= LONGS; i++) csv.append('L').append(i).append(',').append(m).append(",long,1,1200,10\n");
            for (int i = 1; i <= 10; i++) {
                csv.append('S').append(i).append(',').append(m).append(",short,").append(LONGS / 10).append(',')
                        .append(1100 + 10 * i).append(",500000\n");
            }
            assertThat(send(port, "PUT", "/v1/markets/" + m + "/positions", csv.toString(), "text/csv").status())
                    .isEqualTo(200);
            assertThat(send(port, "POST", "/v1/markets/" + m + "/activate", "{\"policy\": \""
                    + p.get("name").asText() + "\", \"version\": " + p.get("version").asLong() + "}").status())
                    .isEqualTo(200);
            nextLong.put(m, new AtomicInteger(1));
            // the first event compiles the policy (seconds on a busy machine): done before the kills start
            event(port, m);
        }
        assertThat(events).hasSize(MARKETS.size());
    }

    private void load(int port, int millis) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String market = w < MARKETS.size() ? MARKETS.get(w) : null;
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        if (market != null) event(port, market);
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

    private void event(int port, String market) throws IOException, InterruptedException {
        String account = "L" + nextLong.get(market).getAndIncrement();
        Resp r = send(port, "POST", "/v1/markets/" + market + "/events",
                "{\"bankrupt_account\": \"" + account + "\", \"mark_price\": \"1000\"}");
        if (r.status() == 200) events.put(market + "/" + r.json().get("event_seq").asInt(), account);
    }

    private void stake(int port) throws IOException, InterruptedException {
        String id = "s" + nextStaker.getAndIncrement();
        Resp r = send(port, "POST", "/v1/pools/stakers/stakes", "{\"staker\": \"" + id + "\", \"amount\": \"10.5\"}");
        if (r.status() == 200) staked.put(id, r.json().get("result").get("shares").asText());
    }

    private void verify(int port, int cycle) throws Exception {
        BigDecimal losses = BigDecimal.ZERO;
        for (String m : MARKETS) {
            int total = send(port, "GET", "/v1/markets/" + m + "/events?limit=1", null).json().get("total").asInt();
            for (int offset = 0; offset < total; offset += 100) {
                for (JsonNode e : send(port, "GET", "/v1/markets/" + m + "/events?fills_limit=1&limit=100&offset=" + offset,
                        null).json().get("events")) {
                    String acked = events.get(m + "/" + e.get("seq").asInt());
                    if (acked != null) {
                        assertThat(e.get("event").get("bankrupt_account").asText()).as("cycle %d", cycle).isEqualTo(acked);
                    }
                    for (JsonNode l : e.get("result").get("layers")) {
                        if (l.get("name").asText().equals("stakers")) losses = losses.add(new BigDecimal(l.get("paid").asText()));
                    }
                }
            }
            long ackedHere = events.keySet().stream().filter(k -> k.startsWith(m + "/")).count();
            assertThat(total).as("cycle %d: acknowledged events of %s are all in its journal", cycle, m)
                    .isGreaterThanOrEqualTo((int) ackedHere);
        }
        JsonNode pool = send(port, "GET", "/v1/pools/stakers", null).json();
        int stakers = pool.get("stakers").asInt();
        assertThat(stakers).as("cycle %d: acknowledged stakers are all there", cycle).isGreaterThan(staked.size());
        // value + reserve = stakes (the seed's 100,000 and 10.5 per other staker) - losses
        BigDecimal stakes = new BigDecimal("100000").add(new BigDecimal("10.5").multiply(BigDecimal.valueOf(stakers - 1)));
        BigDecimal held = new BigDecimal(pool.get("value").asText()).add(new BigDecimal(pool.get("reserve").asText()));
        assertThat(held).as("cycle %d: the pool conserves money", cycle).isEqualByComparingTo(stakes.subtract(losses));
        // the fund pays one event (190 of its 250); later ones draw on the pool
        assertThat(losses.signum()).as("cycle %d: the pool paid for events (%d acknowledged)", cycle, events.size())
                .isPositive();
        for (Map.Entry<String, String> e : staked.entrySet()) {
            JsonNode s = send(port, "GET", "/v1/pools/stakers/stakers/" + e.getKey(), null).json();
            assertThat(s.get("shares").asText()).as("cycle %d: staker %s", cycle, e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(AuditChain.verify(auditLog).broken()).as("cycle %d: the audit chain", cycle).isNull();
    }

    private int start(Path dir, Path tokens) throws Exception {
        Path data = dir.resolve("data");
        auditLog = data.resolve("audit.log");
        child = ChildServer.serve(dir, data, tokens, "256m");
        return ChildServer.port(child);
    }

    private Resp send(int port, String method, String path, String body) throws IOException, InterruptedException {
        return send(port, method, path, body, "application/json");
    }

    private Resp send(int port, String method, String path, String body, String type)
            throws IOException, InterruptedException {
        return ChildServer.send(http, port, TOKEN, method, path, type, body);
    }
}
