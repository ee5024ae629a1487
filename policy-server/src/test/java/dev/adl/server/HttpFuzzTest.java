package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static dev.adl.server.TestServer.APPROVER;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.VIEWER;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random requests to every endpoint of a running server: bodies of random JSON shapes, CSV and
 * policy text, numbers of every form (huge, tiny, negative, exponents, not numbers), wrong
 * content types and sizes, random paths and query parameters. No request may get a 5xx, and
 * every 4xx is in the one error format. A short run is part of the build; the system
 * properties {@code adl.fuzz.requests} and {@code adl.fuzz.seed} make a long or a repeated one.
 */
@ExtendWith(VertxExtension.class)
class HttpFuzzTest {
    private static final String MARKET = "TEST-F";

    /** An endpoint: method, path with {@code {m}} for a market, {@code {p}} for a policy and {@code {v}} for a version. */
    private record Endpoint(HttpMethod method, String path, String contentType, Body body) {
    }

    private enum Body { NONE, JSON, CSV, POLICY }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(HttpMethod.GET, "/health/live", null, Body.NONE),
            new Endpoint(HttpMethod.GET, "/health/ready", null, Body.NONE),
            new Endpoint(HttpMethod.GET, "/metrics", null, Body.NONE),
            new Endpoint(HttpMethod.POST, "/v1/policies/validate", "text/plain", Body.POLICY),
            new Endpoint(HttpMethod.POST, "/v1/policies", "text/plain", Body.POLICY),
            new Endpoint(HttpMethod.GET, "/v1/policies", null, Body.NONE),
            new Endpoint(HttpMethod.GET, "/v1/policies/{p}/versions", null, Body.NONE),
            new Endpoint(HttpMethod.GET, "/v1/policies/{p}/versions/{v}", null, Body.NONE),
            new Endpoint(HttpMethod.GET, "/v1/markets", null, Body.NONE),
            new Endpoint(HttpMethod.PUT, "/v1/markets/{m}", "application/json", Body.JSON),
            new Endpoint(HttpMethod.GET, "/v1/markets/{m}", null, Body.NONE),
            new Endpoint(HttpMethod.PUT, "/v1/markets/{m}/positions", "text/csv", Body.CSV),
            new Endpoint(HttpMethod.POST, "/v1/markets/{m}/positions", "text/csv", Body.CSV),
            new Endpoint(HttpMethod.PUT, "/v1/markets/{m}/fund", "application/json", Body.JSON),
            new Endpoint(HttpMethod.PUT, "/v1/exposures/{m}", "text/csv", Body.CSV),
            new Endpoint(HttpMethod.POST, "/v1/markets/{m}/dry-run", "application/json", Body.JSON),
            new Endpoint(HttpMethod.POST, "/v1/markets/{m}/activate", "application/json", Body.JSON),
            new Endpoint(HttpMethod.POST, "/v1/markets/{m}/rollback", "application/json", Body.JSON),
            new Endpoint(HttpMethod.GET, "/v1/markets/{m}/activations", null, Body.NONE),
            new Endpoint(HttpMethod.POST, "/v1/markets/{m}/approvals", "application/json", Body.JSON),
            new Endpoint(HttpMethod.POST, "/v1/markets/{m}/events", "application/json", Body.JSON),
            new Endpoint(HttpMethod.GET, "/v1/markets/{m}/events", null, Body.NONE),
            new Endpoint(HttpMethod.GET, "/v1/markets/{m}/queue", null, Body.NONE),
            // without an account: a stream with one would never end
            new Endpoint(HttpMethod.GET, "/v1/notifications", null, Body.NONE),
            new Endpoint(HttpMethod.GET, "/v1/audit", null, Body.NONE));

    private static final String[] FIELDS = {"lot_size", "mark_price", "balance", "history", "at", "policy", "version",
        "event", "bankrupt_account", "now", "market", "insurance_fund", "fund_history", "size", ""};
    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "1000", "0.00000001", "0.000000001", "1e999999999",
        "-1e999999999", "1E-999999999", "1e15", "1e16", "123456789012345678901234567890", "18446744073709551618",
        "9223372036854775807", "-9223372036854775808", "1.5e3", "0x10", "NaN", "Infinity", "-Infinity", "1,5", "",
        " 1 ", "1000.000000001", "99999999999999999999.99999999", "2.5E+10", "1e-8", "00012", "+5"};
    private static final String[] TEXTS = {"BL", "L1", "S1", "nobody", "TEST-F", "fuzz", "2026-01-01T08:00:00Z",
        "-1000000000-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "", "\u0000", "é",
        "\uFEFF", "`", "\\", "a\nb", "x".repeat(300)};
    private static final String[] CONTENT_TYPES = {"application/json", "text/plain", "text/csv", "TEXT/CSV; charset=utf-8",
        "application/octet-stream", "multipart/form-data; boundary=x", "", ";;;", "application/json; charset=latin1"};
    private static final String[] TOKENS = {OPERATOR, PROPOSER, APPROVER, VIEWER, "wrong", "", null};
    private static final String[] QUERY = {"offset", "limit", "fills_limit", "account", "order", "x"};

    @Test
    void noRequestGetsA5xxAndEvery4xxIsInTheErrorFormat(Vertx vertx, @TempDir Path dir) throws Exception {
        long seed = Long.getLong("adl.fuzz.seed", 20261201L);
        int requests = Integer.getInteger("adl.fuzz.requests", 800);
        TestServer s = TestServer.start(vertx, dir, false);
        try {
            s.market(MARKET, 8, 3, TestServer.policy("fuzz", 1, "upnl"));
            Random rnd = new Random(seed);
            for (int i = 0; i < requests; i++) {
                check(s, rnd, seed, i);
            }
        } finally {
            s.close();
        }
    }

    private static void check(TestServer s, Random rnd, long seed, int i) {
        Endpoint e = ENDPOINTS.get(rnd.nextInt(ENDPOINTS.size()));
        HttpMethod method = rnd.nextInt(20) == 0 ? pick(rnd, List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
                HttpMethod.DELETE, HttpMethod.PATCH)) : e.method();
        String path = rnd.nextInt(25) == 0 ? randomPath(rnd) : fill(rnd, e.path());
        // an event stream for an account never ends: the stream endpoint is sent without one
        String query = e.path().equals("/v1/notifications") ? "" : query(rnd);
        String type = rnd.nextInt(8) == 0 ? pick(rnd, CONTENT_TYPES) : e.contentType();
        String token = rnd.nextInt(6) == 0 ? pick(rnd, TOKENS) : OPERATOR;
        String body = body(rnd, e.body());

        HttpRequest<Buffer> req = s.client.request(method, s.server.port(), "localhost", path + query)
                .timeout(30_000);
        if (token != null) req.putHeader("Authorization", "Bearer " + token);
        if (type != null) req.putHeader("Content-Type", type);
        HttpResponse<Buffer> res;
        try {
            res = (body == null ? req.send() : req.sendBuffer(Buffer.buffer(body))).await();
        } catch (RuntimeException noAnswer) {
            throw new AssertionError("request " + i + " of seed " + seed + ": " + method + " " + path + query
                    + " got no answer", noAnswer);
        }
        int status = res.statusCode();
        String answer = res.bodyAsString() == null ? "" : res.bodyAsString();
        String request = "request " + i + " of seed " + seed + ": " + method + " " + path + query + " (" + type
                + ", token " + token + ") body " + (body == null ? "none" : shorten(body));
        if (status >= 500) fail(request + " got " + status + ": " + answer);
        if (status >= 400) {
            JsonNode error;
            try {
                error = Json.parse(answer);
            } catch (RuntimeException notJson) {
                throw new AssertionError(request + " got " + status + " without a JSON error: " + shorten(answer));
            }
            if (!error.path("code").isTextual() || error.path("message").asText().isEmpty()
                    || !error.path("errors").isArray()) {
                fail(request + " got " + status + " not in the error format: " + shorten(answer));
            }
        }
    }

    private static String fill(Random rnd, String template) {
        String market = switch (rnd.nextInt(6)) {
            case 0 -> "NEW-" + rnd.nextInt(5);
            case 1 -> encode(pick(rnd, TEXTS));
            case 2 -> "x".repeat(1 + rnd.nextInt(200));
            default -> MARKET;
        };
        String version = rnd.nextInt(3) == 0 ? encode(pick(rnd, NUMBERS)) : String.valueOf(rnd.nextInt(3));
        String policy = rnd.nextBoolean() ? "fuzz" : encode(pick(rnd, TEXTS));
        return template.replace("{m}", market.isEmpty() ? "_" : market).replace("{v}", version.isEmpty() ? "0" : version)
                .replace("{p}", policy.isEmpty() ? "_" : policy);
    }

    private static String randomPath(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + rnd.nextInt(5);
        for (int i = 0; i < parts; i++) {
            sb.append('/').append(rnd.nextBoolean() ? pick(rnd, new String[] {"v1", "markets", "policies", "health",
                "events", "..", "%2e%2e", "%00", "queue"}) : encode(pick(rnd, TEXTS)));
        }
        return sb.toString();
    }

    private static String query(Random rnd) {
        if (rnd.nextInt(3) != 0) return "";
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? '?' : '&').append(pick(rnd, QUERY)).append('=')
                    .append(encode(rnd.nextBoolean() ? pick(rnd, NUMBERS) : pick(rnd, TEXTS)));
        }
        return sb.toString();
    }

    private static String body(Random rnd, Body kind) {
        if (rnd.nextInt(15) == 0) return randomText(rnd);
        return switch (kind) {
            case NONE -> rnd.nextInt(10) == 0 ? randomJson(rnd, 2) : null;
            case JSON -> rnd.nextInt(10) == 0 ? randomJson(rnd, 4) : jsonObject(rnd, 3);
            case CSV -> csv(rnd);
            case POLICY -> policy(rnd);
        };
    }

    /** An object of the API's own field names, so that most requests get past the first check. */
    private static String jsonObject(Random rnd, int depth) {
        StringBuilder sb = new StringBuilder("{");
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            sb.append('"').append(pick(rnd, FIELDS)).append("\":").append(value(rnd, depth - 1));
        }
        return sb.append('}').toString();
    }

    private static String value(Random rnd, int depth) {
        return switch (rnd.nextInt(depth > 0 ? 7 : 4)) {
            case 0 -> bareNumber(pick(rnd, NUMBERS));
            case 1 -> quote(pick(rnd, NUMBERS));
            case 2 -> quote(pick(rnd, TEXTS));
            case 3 -> pick(rnd, new String[] {"true", "false", "null", String.valueOf(rnd.nextLong()),
                String.valueOf(rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20))});
            case 4 -> jsonObject(rnd, depth);
            case 5 -> "[" + value(rnd, depth - 1) + "," + value(rnd, depth - 1) + "]";
            default -> "{\"bankrupt_account\":" + quote(pick(rnd, TEXTS)) + ",\"mark_price\":" + quote(pick(rnd, NUMBERS))
                    + "}";
        };
    }

    /** The number as a bare JSON number when it is one, else a number far out of range. */
    private static String bareNumber(String s) {
        return s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?") ? s : "1e400";
    }

    private static String randomJson(Random rnd, int depth) {
        return switch (rnd.nextInt(5)) {
            case 0 -> "[" + value(rnd, depth) + "]";
            case 1 -> value(rnd, depth);
            case 2 -> "{".repeat(1 + rnd.nextInt(3000));
            case 3 -> "[".repeat(1 + rnd.nextInt(3000)) + "]".repeat(rnd.nextInt(3000));
            default -> jsonObject(rnd, depth) + jsonObject(rnd, depth);
        };
    }

    private static String csv(Random rnd) {
        boolean exposures = rnd.nextBoolean();
        StringBuilder sb = new StringBuilder(rnd.nextInt(10) == 0 ? pick(rnd, TEXTS) + "\n"
                : exposures ? "account,source,notional,collateral,as_of\n"
                : "account,market,side,size,entry_price,collateral\n");
        int rows = rnd.nextInt(6);
        for (int r = 0; r < rows; r++) {
            String[] cells = exposures
                    ? new String[] {"S" + rnd.nextInt(4), rnd.nextBoolean() ? MARKET : pick(rnd, TEXTS), pick(rnd, NUMBERS),
                        pick(rnd, NUMBERS), rnd.nextBoolean() ? "2026-01-01T07:59:30Z" : pick(rnd, TEXTS)}
                    : new String[] {"A" + rnd.nextInt(4), rnd.nextBoolean() ? MARKET : pick(rnd, TEXTS),
                        rnd.nextBoolean() ? "long" : "short", pick(rnd, NUMBERS), pick(rnd, NUMBERS), pick(rnd, NUMBERS)};
            sb.append(String.join(",", cells.length > 0 && rnd.nextInt(10) == 0
                    ? java.util.Arrays.copyOf(cells, rnd.nextInt(cells.length)) : cells)).append('\n');
        }
        return sb.toString();
    }

    private static String policy(Random rnd) {
        String text = TestServer.policy("fuzz", rnd.nextInt(4), pick(rnd, new String[] {"upnl", "-upnl",
            "leverage", "size * " + pick(rnd, NUMBERS), "(((", "1e999999999", "unknown_name"}));
        if (rnd.nextBoolean()) return text;
        int cut = rnd.nextInt(text.length());
        return text.substring(0, cut) + pick(rnd, TEXTS) + text.substring(cut);
    }

    private static String randomText(Random rnd) {
        int n = rnd.nextInt(4) == 0 ? 70_000 + rnd.nextInt(200_000) : rnd.nextInt(200);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append((char) (rnd.nextBoolean() ? 32 + rnd.nextInt(95) : rnd.nextInt(0xD7FF)));
        return sb.toString();
    }

    private static String quote(String s) {
        return Json.write(TextNode.valueOf(s));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static <T> T pick(Random rnd, List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    private static String pick(Random rnd, String[] items) {
        return items[rnd.nextInt(items.length)];
    }

    private static String shorten(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " characters)";
    }
}
