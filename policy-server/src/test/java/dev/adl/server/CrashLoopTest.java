package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adl.server.ChildServer.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server ({@code adl.jar serve}) as a child process, killed with SIGKILL at random
 * moments under a write load (events, policies, activations, fund changes) and started again
 * on the same data directory; after each start every acknowledged write must be there and
 * nothing half-written may be active. One cycle in the middle runs on a failing disk: the
 * child starts under {@code prlimit --fsize} so its files cannot grow, answers 5xx and 503 on
 * {@code /health/ready}, and is ready again once the limit is lifted on the running process.
 * Needs {@code target/adl.jar} (built by {@code mvn verify}); run by {@code .ci/run}.
 */
@Tag("slow")
class CrashLoopTest {
    private static final String TOKEN = "operator-token-crash";
    private static final int CYCLES = 22;
    private static final int FAILING_DISK_CYCLE = CYCLES / 2;
    private static final String EVENTS_MARKET = "TEST-K";
    private static final String FUND_MARKET = "TEST-F";
    private static final int ACCOUNTS = 20_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(20261201L);

    /** Acknowledged writes: event seq -> account, policy versions, activated versions, fund balances in order. */
    private final Map<Integer, String> events = new ConcurrentHashMap<>();
    private final Map<Long, String> policies = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> activated = new ConcurrentHashMap<>();
    private final List<String> funds = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Writes sent whose answer never came (the kill): they may or may not be on record. */
    private final Map<Long, Boolean> activationsInFlight = new ConcurrentHashMap<>();
    private final List<String> fundsInFlight = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger nextAccount = new AtomicInteger(1);
    private final AtomicInteger refused = new AtomicInteger();

    /** The running child, killed after the test whatever its outcome. */
    private Process child;
    private Path dir;
    private Path data;
    private Path tokens;

    /** A started child and its port. */
    record Child(Process process, int port) {
    }

    @AfterEach
    void killTheChild() {
        if (child != null) child.destroyForcibly();
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNine(@TempDir Path tmp) throws Exception {
        assertThat(ChildServer.JAR).as("run `mvn verify` first: the test starts the shaded jar").exists();
        dir = tmp;
        data = tmp.resolve("data");
        tokens = tmp.resolve("tokens.json");
        Files.writeString(tokens, "{\"tokens\": [{\"token\": \"" + TOKEN + "\", \"name\": \"otto\", \"roles\": [\"operator\"]}]}");

        Child c = start();
        setUp(c.port());
        long verified = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            if (cycle == FAILING_DISK_CYCLE) {
                failingDisk(c);
            } else {
                load(c.port(), 200 + random.nextInt(1200));
            }
            c.process().destroyForcibly();
            assertThat(c.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            c = start();
            verified += verify(c.port(), cycle);
        }
        c.process().destroyForcibly().waitFor();
        System.out.printf("crash loop: %d kill -9 cycles (one on a failing disk), %,d acknowledged writes checked"
                        + " after the last start (%,d events, %,d policies, %,d activations, %,d fund changes),"
                        + " %,d checks in all; %,d writes refused%n", CYCLES, events.size() + policies.size()
                        + activated.size() + funds.size(), events.size(), policies.size(), activated.size(),
                funds.size(), verified, refused.get());
        // the load did write in most cycles (how much depends on the machine)
        assertThat(events.size()).isGreaterThanOrEqualTo(CYCLES);
        assertThat(policies.size()).isGreaterThan(CYCLES / 2);
    }

    // ------------------------------------------------------------------ the child

    private Child start() throws Exception {
        Process p = ChildServer.serve(dir, data, tokens, "512m");
        child = p;
        return new Child(p, ChildServer.port(p));
    }

    /**
     * The disk fills under the running server: its files may not grow past a few kilobytes
     * more than the largest log has (the soft limit of {@code prlimit --fsize} on its pid). The load is refused,
     * the server says it is not ready, and is ready again once the limit is lifted.
     */
    private void failingDisk(Child c) throws Exception {
        long biggest = Math.max(Files.size(data.resolve("ops.log")), Files.size(data.resolve("audit.log")));
        limitFileSize(c, Long.toString(biggest + 8192));
        int refusedBefore = refused.get();
        load(c.port(), 1500);
        assertThat(refused.get()).as("writes refused on the failing disk").isGreaterThan(refusedBefore);
        assertThat(get(c.port(), "/health/ready").status()).isEqualTo(503);
        limitFileSize(c, "unlimited");
        int ready = 0;
        for (int i = 0; i < 50 && ready != 200; i++) {
            Thread.sleep(200);
            ready = get(c.port(), "/health/ready").status();
        }
        assertThat(ready).as("ready again once the files can grow").isEqualTo(200);
        load(c.port(), 800);
    }

    private static void limitFileSize(Child c, String bytes) throws Exception {
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(c.process().pid()), "--fsize=" + bytes + ":")
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("prlimit: %s", said).isZero();
    }

    // ------------------------------------------------------------------ the load

    private void setUp(int port) throws Exception {
        StringBuilder csv = new StringBuilder("account,market,side,size,entry_price,collateral\n");
        for (int i = 1; i <= ACCOUNTS; i++) {
            csv.append('L').append(i).append(',').append(EVENTS_MARKET).append(",long,1,1200,10\n");
        }
        for (int i = 1; i <= 20; i++) {
            csv.append('S').append(i).append(',').append(EVENTS_MARKET).append(",short,").append(ACCOUNTS / 20)
                    .append(',').append(1100 + 10 * i).append(",500000\n");
        }
        for (String m : List.of(EVENTS_MARKET, FUND_MARKET)) {
            expect(send(port, "PUT", "/v1/markets/" + m, "application/json",
                    "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}"), 201);
        }
        expect(send(port, "POST", "/v1/markets/" + EVENTS_MARKET + "/positions", "text/csv", csv.toString()), 200);
        postPolicy(port);
        activate(port, 1);
    }

    /** Four writers for {@code millis}, then the kill comes with writes in flight. */
    private void load(int port, int millis) throws InterruptedException {
        try {
            // one event first, answered before the kill can come: the start compiles the policy on first use
            event(port);
        } catch (IOException e) {
            throw new AssertionError("the server does not answer an event", e);
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = List.of(
                writer(stop, () -> event(port)), writer(stop, () -> event(port)),
                writer(stop, () -> {
                    long v = postPolicy(port);
                    if (v > 0 && v % 3 == 0) activate(port, v);
                }),
                writer(stop, () -> fund(port)));
        writers.forEach(Thread::start);
        Thread.sleep(millis);
        stop.set(true);
        // the kill follows at once: answers still on their way count as unacknowledged
    }

    private Thread writer(AtomicBoolean stop, ThrowingRunnable work) {
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                try {
                    work.run();
                } catch (IOException | InterruptedException killed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        return t;
    }

    interface ThrowingRunnable {
        void run() throws IOException, InterruptedException;
    }

    private void event(int port) throws IOException, InterruptedException {
        String account = "L" + nextAccount.getAndIncrement();
        Resp r = send(port, "POST", "/v1/markets/" + EVENTS_MARKET + "/events", "application/json",
                TestServer.event(account));
        if (r.status() == 200) events.put(r.json().get("event_seq").asInt(), account);
        else if (r.status() >= 500) refused.incrementAndGet();
    }

    private long postPolicy(int port) throws IOException, InterruptedException {
        long next = policies.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        String text = TestServer.policy("crash", (int) next, next % 2 == 0 ? "upnl" : "-upnl");
        Resp r = send(port, "POST", "/v1/policies", "text/plain", text);
        if (r.status() == 201 || r.status() == 200) {
            long v = r.json().get("version").asLong();
            policies.put(v, text);
            return v;
        }
        if (r.status() >= 500) refused.incrementAndGet();
        return 0;
    }

    private void activate(int port, long version) throws IOException, InterruptedException {
        activationsInFlight.put(version, true);
        Resp r = send(port, "POST", "/v1/markets/" + EVENTS_MARKET + "/activate", "application/json",
                "{\"policy\": \"crash\", \"version\": " + version + "}");
        if (r.status() == 200) activated.put(version, true);
        else if (r.status() >= 500) refused.incrementAndGet();
    }

    private void fund(int port) throws IOException, InterruptedException {
        String balance = (1000 + random.nextInt(1_000_000)) + ".25";
        fundsInFlight.add(balance);
        Resp r = send(port, "PUT", "/v1/markets/" + FUND_MARKET + "/fund", "application/json",
                "{\"balance\": \"" + balance + "\"}");
        if (r.status() == 200) {
            funds.add(balance);
            fundsInFlight.clear();
        } else if (r.status() >= 500) {
            refused.incrementAndGet();
        }
    }

    // ------------------------------------------------------------------ the checks

    /** Every acknowledged write is there, the journal has no hole, and what is active was written whole. */
    private long verify(int port, int cycle) throws Exception {
        long checks = 0;
        String log = Files.readString(data.resolve("ops.log"));
        assertThat(log).as("cycle %d: the log is whole lines", cycle).endsWith("\n");

        int total = get(port, "/v1/markets/" + EVENTS_MARKET + "/events?limit=1").json().get("total").asInt();
        Map<Integer, String> journal = new java.util.HashMap<>();
        for (int offset = 0; offset < total; offset += 1000) {
            for (JsonNode e : get(port, "/v1/markets/" + EVENTS_MARKET + "/events?limit=1000&offset=" + offset)
                    .json().get("events")) {
                journal.put(e.get("seq").asInt(), e.get("event").get("bankrupt_account").asText());
            }
        }
        assertThat(journal).as("cycle %d: seqs 1..total", cycle).hasSize(total);
        for (Map.Entry<Integer, String> e : events.entrySet()) {
            assertThat(journal.get(e.getKey())).as("cycle %d: acknowledged event %d", cycle, e.getKey())
                    .isEqualTo(e.getValue());
            checks++;
        }
        // an event on record whose answer was lost is acknowledged now, so later cycles check it too
        events.putAll(journal);

        Map<Long, String> stored = new java.util.HashMap<>();
        for (JsonNode v : get(port, "/v1/policies/crash/versions").json().get("versions")) {
            stored.put(v.get("version").asLong(), v.get("sha256").asText());
        }
        for (Map.Entry<Long, String> p : policies.entrySet()) {
            assertThat(stored.get(p.getKey())).as("cycle %d: acknowledged policy version %d", cycle, p.getKey())
                    .isEqualTo(Hashes.sha256(p.getValue()));
            checks++;
        }
        stored.keySet().forEach(v -> policies.putIfAbsent(v, TestServer.policy("crash", v.intValue(),
                v % 2 == 0 ? "upnl" : "-upnl")));

        JsonNode acts = get(port, "/v1/markets/" + EVENTS_MARKET + "/activations").json().get("activations");
        java.util.Set<Long> onRecord = new java.util.HashSet<>();
        acts.forEach(a -> onRecord.add(a.get("version").asLong()));
        for (Long v : activated.keySet()) {
            assertThat(onRecord).as("cycle %d: acknowledged activation of version %d", cycle, v).contains(v);
            checks++;
        }
        JsonNode market = get(port, "/v1/markets/" + EVENTS_MARKET).json();
        long active = market.get("version").asLong();
        assertThat(active).as("cycle %d: the active version is the last activation", cycle)
                .isEqualTo(acts.get(acts.size() - 1).get("version").asLong());
        assertThat(activated.containsKey(active) || activationsInFlight.containsKey(active))
                .as("cycle %d: active version %d was activated by a client", cycle, active).isTrue();
        onRecord.forEach(v -> activated.put(v, true));

        String fund = get(port, "/v1/markets/" + FUND_MARKET).json().get("fund").get("balance").asText();
        if (!funds.isEmpty()) {
            List<String> allowed = new ArrayList<>(fundsInFlight);
            allowed.add(funds.get(funds.size() - 1));
            assertThat(allowed).as("cycle %d: the fund is the last one set", cycle).contains(fund);
            checks++;
            funds.add(fund);
        }
        fundsInFlight.clear();
        activationsInFlight.clear();

        AuditChain.Verdict audit = AuditChain.verify(data.resolve("audit.log"));
        assertThat(audit.broken()).as("cycle %d: the audit chain", cycle).isNull();
        return checks;
    }

    // ------------------------------------------------------------------ http

    private Resp get(int port, String path) throws IOException, InterruptedException {
        return send(port, "GET", path, null, null);
    }

    private Resp send(int port, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return ChildServer.send(http, port, TOKEN, method, path, contentType, body);
    }

    private static void expect(Resp r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }
}
