package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A server on a random port over a temporary data directory, and a blocking client for it. */
final class TestServer implements AutoCloseable {
    static final String VIEWER = "viewer-token-1";
    static final String PROPOSER = "proposer-token-1";
    static final String PROPOSER2 = "proposer-token-2";
    static final String APPROVER = "approver-token-1";
    static final String OPERATOR = "operator-token-1";
    static final String JSON = "application/json";
    static final String TEXT = "text/plain";
    static final String CSV = "text/csv";

    static final String TOKENS = """
            {"tokens": [
              {"token": "viewer-token-1", "name": "vera", "roles": ["viewer"]},
              {"token": "proposer-token-1", "name": "paul", "roles": ["proposer"]},
              {"token": "proposer-token-2", "name": "pia", "roles": ["proposer", "approver"]},
              {"token": "approver-token-1", "name": "anna", "roles": ["approver"]},
              {"token": "operator-token-1", "name": "otto", "roles": ["operator"]}
            ]}
            """;

    final Vertx vertx;
    final Path dir;
    final AdlServer.Options options;
    final AdlServer server;
    final WebClient client;
    final String startLog;

    private TestServer(Vertx vertx, Path dir, AdlServer.Options options, AdlServer server, String startLog) {
        this.vertx = vertx;
        this.dir = dir;
        this.options = options;
        this.server = server;
        this.client = WebClient.create(vertx);
        this.startLog = startLog;
    }

    /** A server with the test tokens and no example markets. */
    static TestServer start(Vertx vertx, Path dir, boolean twoPerson) throws IOException {
        return start(vertx, options(dir, twoPerson));
    }

    /** The options of {@link #start(Vertx, Path, boolean)}, for a test that changes some. */
    static AdlServer.Options options(Path dir, boolean twoPerson) throws IOException {
        Path tokens = dir.resolve("tokens.json");
        Files.writeString(tokens, TOKENS);
        return AdlServer.Options.defaults(dir.resolve("data")).withPort(0).withTokens(tokens)
                .withTwoPerson(twoPerson).withExamples(dir.resolve("no-examples"), 0);
    }

    /**
     * The options of a server with the repository's examples (60 positions a market) and the
     * test tokens plus {@code moreTokens}: entries of the tokens list, each starting with a comma.
     */
    static AdlServer.Options withExamples(Path dir, String moreTokens) throws IOException {
        return withExamples(dir, moreTokens, 60);
    }

    /** The same with {@code positions} a market. */
    static AdlServer.Options withExamples(Path dir, String moreTokens, int positions) throws IOException {
        AdlServer.Options options = options(dir, false).withExamples(Path.of("..", "examples"), positions);
        Files.writeString(options.tokensFile(), TOKENS.replace("\n]}", moreTokens + "\n]}"));
        return options;
    }

    static TestServer start(Vertx vertx, AdlServer.Options options) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AdlServer server = AdlServer.start(vertx, options, new PrintStream(log, true, StandardCharsets.UTF_8)).await();
        return new TestServer(vertx, options.dataDir().getParent(), options, server, log.toString(StandardCharsets.UTF_8));
    }

    /** Stops this server and starts another over the same data directory. */
    TestServer restart() {
        close();
        return start(vertx, options);
    }

    record Resp(int status, String body) {
        JsonNode json() {
            return Json.parse(body);
        }
    }

    Resp get(String path) {
        return send(HttpMethod.GET, path, null, null, null);
    }

    Resp get(String path, String token) {
        return send(HttpMethod.GET, path, token, null, null);
    }

    Resp post(String path, String token, String contentType, String body) {
        return send(HttpMethod.POST, path, token, contentType, body);
    }

    Resp put(String path, String token, String contentType, String body) {
        return send(HttpMethod.PUT, path, token, contentType, body);
    }

    Resp send(HttpMethod method, String path, String token, String contentType, String body) {
        HttpRequest<Buffer> req = client.request(method, server.port(), "localhost", path);
        if (token != null) req.putHeader("Authorization", "Bearer " + token);
        if (contentType != null) req.putHeader("Content-Type", contentType);
        HttpResponse<Buffer> res = (body == null ? req.send() : req.sendBuffer(Buffer.buffer(body))).await();
        return new Resp(res.statusCode(), res.bodyAsString() == null ? "" : res.bodyAsString());
    }

    // ------------------------------------------------------------------ fixtures

    /** A bankruptcy event of {@code account} at mark 990. */
    static String event(String account) {
        return "{\"bankrupt_account\": \"" + account + "\", \"mark_price\": \"990\", \"now\": \"2026-01-01T08:00:00Z\"}";
    }

    /** A policy for markets `TEST-*`; versions differ in their ranking so their results can differ. */
    static String policy(String name, int version, String rank) {
        return "policy \"" + name + "\" version " + version + "\n"
                + "markets \"TEST-*\"\n"
                + "rank by " + rank + "\n"
                + "reduce {\n  tier \"all\" : queue\n}\n"
                + "notify when quintile >= 4\n";
    }

    /**
     * Longs L1..Ln of size 1 (each bankrupt at a mark of 1000: entry 1200, collateral 10) and
     * shorts S1..Sm sharing the same total size, with entries spread so their PnL differs.
     */
    static String positions(String market, int longs, int shorts) {
        StringBuilder sb = new StringBuilder("account,market,side,size,entry_price,collateral\n");
        for (int i = 1; i <= longs; i++) {
            sb.append("L").append(i).append(',').append(market).append(",long,1,1200,10\n");
        }
        int each = longs / shorts;
        int rest = longs - each * shorts;
        for (int i = 1; i <= shorts; i++) {
            int size = each + (i <= rest ? 1 : 0);
            sb.append("S").append(i).append(',').append(market).append(",short,").append(size).append(',')
                    .append(1100 + 10 * i).append(",5000\n");
        }
        return sb.toString();
    }

    /** Creates market m with the positions and activates the policy (stored if needed). */
    void market(String m, int longs, int shorts, String policyText) {
        expect(put("/v1/markets/" + m, OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}"), 201, 200);
        expect(put("/v1/markets/" + m + "/positions", OPERATOR, CSV, positions(m, longs, shorts)), 200);
        Resp p = expect(post("/v1/policies", PROPOSER, TEXT, policyText), 201, 200);
        expect(post("/v1/markets/" + m + "/activate", OPERATOR, JSON, "{\"policy\": \"" + p.json().get("name").asText()
                + "\", \"version\": " + p.json().get("version").asLong() + "}"), 200);
    }

    static Resp expect(Resp r, int... statuses) {
        for (int s : statuses) {
            if (r.status() == s) return r;
        }
        throw new AssertionError("expected status " + java.util.Arrays.toString(statuses) + " but got " + r.status()
                + ": " + r.body());
    }

    @Override
    public void close() {
        client.close();
        server.close().await();
    }
}
