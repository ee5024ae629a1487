package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.policy;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class ExamplesAndNotificationsTest {

    @Test
    void aFirstStartLoadsTheExamplesAndWritesAnOperatorToken(Vertx vertx, @TempDir Path dir) throws Exception {
        AdlServer.Options options = AdlServer.Options.defaults(dir.resolve("data")).withPort(0)
                .withExamples(Path.of("..", "examples"), 60);
        TestServer s = TestServer.start(vertx, options);
        Path tokenFile = dir.resolve("data").resolve("admin.token");
        assertThat(s.startLog).contains("created the operator token in " + tokenFile);
        String token = Files.readString(tokenFile).trim();
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);

        JsonNode markets = s.get("/v1/markets").json().get("markets");
        assertThat(markets.size()).isEqualTo(ExampleMarkets.EXAMPLES.size());
        for (JsonNode m : markets) {
            assertThat(m.get("policy").isNull()).isFalse();
            assertThat(m.get("positions").asInt()).isEqualTo(60);
            assertThat(m.get("fund").get("balance").asText()).isEqualTo("300000");
        }
        // the seeded store is reproducible: the same seed gives the same open interest on another start
        String oi = s.get("/v1/markets/BTC-PERP").json().get("open_interest_size").asText();
        JsonNode r = s.post("/v1/markets/BTC-PERP/events", token, JSON,
                "{\"bankrupt_account\": \"BANKRUPT\", \"mark_price\": \"1000\"}").json();
        assertThat(r.get("policy").asText()).isEqualTo("perp-queue");
        // (300000 - floor 250000) * max_use 50% pays 25000 of the 40000 shortfall; the rest is deleveraged
        assertThat(r.get("fund_paid").asText()).isEqualTo("25000");
        assertThat(r.get("fills")).isNotEmpty();
        assertThat(s.post("/v1/markets/BTC-PERP/events", OPERATOR, JSON, "{}").status()).isEqualTo(401);
        s.close();

        TestServer again = TestServer.start(vertx, options);
        assertThat(again.startLog).contains("using the operator token").doesNotContain("loaded");
        assertThat(again.get("/v1/markets/BTC-PERP/events").json().get("total").asInt()).isEqualTo(1);
        again.close();

        AdlServer.Options other = AdlServer.Options.defaults(dir.resolve("data2")).withPort(0)
                .withExamples(Path.of("..", "examples"), 60);
        TestServer fresh = TestServer.start(vertx, other);
        assertThat(fresh.get("/v1/markets/BTC-PERP").json().get("open_interest_size").asText()).isEqualTo(oi);
        fresh.close();
    }

    @Test
    void tradersHearOfFillsAndQuintileAlertsOverSse(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        s.market("TEST-N", 10, 5, policy("notify", 1, "upnl"));
        HttpClient http = vertx.createHttpClient();
        StringBuffer received = new StringBuffer();
        CountDownLatch fill = new CountDownLatch(1);
        CountDownLatch alert = new CountDownLatch(1);
        CountDownLatch secondAlert = new CountDownLatch(1);
        HttpClientResponse res = http.request(HttpMethod.GET, s.server.port(), "localhost", "/v1/notifications?account=S5")
                .compose(req -> req.send().onSuccess(r -> r.handler(buf -> {
                    received.append(buf.toString());
                    int first = received.indexOf("event: quintile");
                    if (first >= 0) alert.countDown();
                    if (first >= 0 && received.indexOf("event: quintile", first + 1) >= 0) secondAlert.countDown();
                    if (received.indexOf("event: fill") >= 0) fill.countDown();
                }))).await();
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.getHeader("Content-Type")).isEqualTo("text/event-stream");
        // S5 is first in line (quintile 5, threshold 4): the alert comes on connecting
        assertThat(alert.await(10, TimeUnit.SECONDS)).as("quintile alert; got: %s", received).isTrue();
        assertThat(received.toString()).contains("\"quintile\":5", "\"market\":\"TEST-N\"");

        s.post("/v1/markets/TEST-N/events", OPERATOR, JSON, "{\"bankrupt_account\": \"L1\", \"mark_price\": \"1000\"}");
        assertThat(fill.await(10, TimeUnit.SECONDS)).as("fill; got: %s", received).isTrue();
        String text = received.toString();
        String fillData = text.substring(text.indexOf("event: fill"));
        assertThat(fillData).contains("\"account\":\"S5\"", "\"size\":\"1\"", "\"price\":\"1190\"");
        assertThat(s.get("/v1/notifications").status()).isEqualTo(400);

        // the fill left S5 last in line (quintile 1); a policy ranking by -upnl puts it first again: a new alert
        assertThat(secondAlert.getCount()).isEqualTo(1);
        s.post("/v1/policies", TestServer.PROPOSER, TestServer.TEXT, policy("notify", 2, "-upnl"));
        TestServer.expect(s.post("/v1/markets/TEST-N/activate", OPERATOR, JSON, "{\"policy\": \"notify\", \"version\": 2}"), 200);
        assertThat(secondAlert.await(10, TimeUnit.SECONDS)).as("alert after activation; got: %s", received).isTrue();
        String afterSwap = received.substring(received.lastIndexOf("event: quintile"));
        assertThat(afterSwap).contains("\"version\":2", "\"quintile\":5", "\"rank\":1");

        // a trader who reconnects is told again where the account stands
        res.request().connection().close();
        StringBuffer again = new StringBuffer();
        CountDownLatch reconnected = new CountDownLatch(1);
        HttpClient http2 = vertx.createHttpClient();
        http2.request(HttpMethod.GET, s.server.port(), "localhost", "/v1/notifications?account=S5")
                .compose(req -> req.send().onSuccess(r -> r.handler(buf -> {
                    again.append(buf.toString());
                    if (again.indexOf("event: quintile") >= 0) reconnected.countDown();
                }))).await();
        assertThat(reconnected.await(10, TimeUnit.SECONDS)).as("alert after reconnecting; got: %s", again).isTrue();
        assertThat(again.toString()).contains("\"quintile\":5", "\"version\":2");
        http2.close();

        String metrics = s.get("/metrics").body();
        assertThat(metrics).contains("adl_events_total 1", "adl_event_latency_seconds_count 1",
                "adl_active_policy_version{market=\"TEST-N\",policy=\"notify\"} 2");
        http.close();
        s.close();
    }
}
