package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.VIEWER;
import static dev.adl.server.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** Lab jobs on the server's venue: a stress job to its end, the live state untouched, roles, the limit, errors. */
@ExtendWith(VertxExtension.class)
class LabApiTest {
    static final String ANALYST = "analyst-token-1";
    static final String ANALYST_ENTRY = ",{\"token\": \"analyst-token-1\", \"name\": \"ada\", \"roles\": [\"analyst\"]}";

    /** Three steps down 10% each for BTC-PERP: marks 1000 (the start), 900, 810, 729 (no impact). */
    static final String CRASH = """
            {"steps": 3, "step": "1m", "start": "2026-01-01T09:00:00Z",
             "returns": {"BTC-PERP": [-0.1, -0.1, -0.1]},
             "seed": 7}
            """;

    static TestServer start(Vertx vertx, Path dir) throws Exception {
        return TestServer.start(vertx, TestServer.withExamples(dir, ANALYST_ENTRY));
    }

    static JsonNode awaitDone(TestServer s, String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode j = expect(s.get("/v1/lab/jobs/" + id, VIEWER), 200).json();
            String status = j.get("status").asText();
            if (!status.equals("queued") && !status.equals("running")) return j;
            Thread.sleep(50);
        }
        throw new AssertionError("lab job " + id + " did not finish");
    }

    /** Everything a client can read of the live venue: every market in full, every layer in full, the pools. */
    static List<String> live(TestServer s) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : expect(s.get("/v1/markets"), 200).json().get("markets")) {
            String name = m.get("market").asText();
            out.add(expect(s.get("/v1/markets/" + name), 200).body());
            out.add(expect(s.get("/v1/markets/" + name + "/events"), 200).body());
            out.add(expect(s.get("/v1/markets/" + name + "/queue"), 200).body());
        }
        for (JsonNode l : expect(s.get("/v1/layers"), 200).json().get("layers")) {
            out.add(expect(s.get("/v1/layers/" + l.get("name").asText()), 200).body());
        }
        return out;
    }

    @Test
    void aStressJobRunsToItsEndOnACopyOfTheVenue(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        List<String> before = live(s);

        JsonNode started = expect(s.post("/v1/lab/stress", ANALYST, JSON, CRASH), 202).json();
        assertThat(started.get("kind").asText()).isEqualTo("stress");
        assertThat(started.get("by").asText()).isEqualTo("ada");
        assertThat(started.get("progress").get("total").asInt()).isEqualTo(1);
        JsonNode job = awaitDone(s, started.get("id").asText());
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.get("progress").get("done").asInt()).isEqualTo(1);

        JsonNode result = job.get("result");
        assertThat(result.get("seed").asLong()).isEqualTo(7);
        assertThat(result.get("paths").asInt()).isEqualTo(1);
        JsonNode run = result.get("runs").get(0);
        JsonNode path = run.get("results").get(0);
        List<String> btc = new ArrayList<>();
        path.get("marks").get("BTC-PERP").forEach(m -> btc.add(new BigDecimal(m.asText()).stripTrailingZeros().toPlainString()));
        assertThat(btc).containsExactly("1000", "900", "810", "729");
        // a market the scenario does not move keeps its mark
        path.get("marks").get("SOL-PERP").forEach(m -> assertThat(new BigDecimal(m.asText())).isEqualByComparingTo("1000"));
        JsonNode metrics = path.get("metrics");
        assertThat(metrics.get("bankruptcies").asInt()).isPositive();
        // STRESS.md's identity, exact: shortfall = sum(paid) + adl_covered + unresolved_loss
        BigDecimal paid = BigDecimal.ZERO;
        for (JsonNode p : metrics.get("paid")) paid = paid.add(new BigDecimal(p.asText()));
        assertThat(new BigDecimal(metrics.get("shortfall").asText())).isEqualByComparingTo(
                paid.add(new BigDecimal(metrics.get("adl_covered").asText()))
                        .add(new BigDecimal(metrics.get("unresolved_loss").asText())));
        // BTC-PERP's version 1 policy draws on the market's own fund, copied as a layer of its own
        assertThat(metrics.get("paid").has("BTC-PERP/fund")).isTrue();

        assertThat(live(s)).isEqualTo(before);

        TestServer.Resp report = expect(s.get("/v1/lab/jobs/" + started.get("id").asText() + "/report", VIEWER), 200);
        assertThat(report.body()).contains("<table").contains("<svg").doesNotContain("<script");
        s.close();
    }

    @Test
    void rolesDecideWhoStartsAndWhoReads(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        assertThat(expect(s.post("/v1/lab/stress", VIEWER, JSON, CRASH), 403).json().get("message").asText())
                .contains("(analyst)");
        expect(s.post("/v1/lab/stress", PROPOSER, JSON, CRASH), 403);
        expect(s.post("/v1/lab/stress", null, JSON, CRASH), 401);
        String id = expect(s.post("/v1/lab/stress", OPERATOR, JSON, CRASH), 202).json().get("id").asText();
        awaitDone(s, id);
        expect(s.get("/v1/lab/jobs/" + id), 401);
        expect(s.get("/v1/lab/jobs/" + id, ANALYST), 200);
        expect(s.get("/v1/lab/jobs/" + id, PROPOSER), 200);
        // an analyst reads the lab, not the policies' drafts: it holds no other role
        expect(s.get("/v1/policies", ANALYST), 403);
        JsonNode missing = expect(s.get("/v1/lab/jobs/no-such-job", VIEWER), 404).json();
        assertThat(missing.get("message").asText()).isEqualTo("no lab job `no-such-job`");
        s.close();
    }

    @Test
    void aJobBeyondTheRunningAndTheWaitingIsA429(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        LabJobs lab = s.server.state().lab;
        // every place held as two running and four waiting jobs would hold them
        for (int i = 0; i < LabJobs.RUNNING + LabJobs.WAITING; i++) lab.reserve();
        HttpResponse<Buffer> res = s.client.post(s.server.port(), "localhost", "/v1/lab/stress")
                .putHeader("Authorization", "Bearer " + ANALYST).putHeader("Content-Type", JSON)
                .sendBuffer(Buffer.buffer(CRASH)).await();
        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(res.getHeader("Retry-After")).isEqualTo("30");
        JsonNode busy = Json.parse(res.bodyAsString());
        assertThat(busy.get("code").asText()).isEqualTo("too_many_jobs");
        assertThat(busy.get("message").asText()).contains("2 lab jobs at once").contains("4 more waiting");
        assertThat(busy.get("errors")).isEmpty();
        // a refused start is not on record as a start
        assertThat(expect(s.get("/v1/audit?limit=5", OPERATOR), 200).body()).doesNotContain("lab.start");
        lab.release();
        String id = expect(s.post("/v1/lab/stress", ANALYST, JSON, CRASH), 202).json().get("id").asText();
        assertThat(awaitDone(s, id).get("status").asText()).isEqualTo("done");
        for (int i = 1; i < LabJobs.RUNNING + LabJobs.WAITING; i++) lab.release();
        s.close();
    }

    @Test
    void aBadScenarioIsA400AtItsLineAndColumn(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        String bad = "{\"steps\": 3,\n \"returns\": {\"NO-SUCH\": [0, 0, 0]}}";
        JsonNode e = expect(s.post("/v1/lab/stress", ANALYST, JSON, bad), 400).json();
        assertThat(e.get("code").asText()).isEqualTo("bad_request");
        assertThat(e.get("errors")).hasSize(1);
        assertThat(e.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(e.get("errors").get(0).get("message").asText()).contains("`NO-SUCH`");
        JsonNode field = expect(s.post("/v1/lab/stress", ANALYST, JSON, "{\"steps\": 3, \"returns\": {},\n \"paths\": 0}"), 400).json();
        assertThat(field.get("message").asText()).isEqualTo("field `paths` must be from 1 to 10000");
        JsonNode unknown = expect(s.post("/v1/lab/stress", ANALYST, JSON, "{\"steps\": 3, \"returns\": {},\n  \"bogus\": 1}"), 400).json();
        assertThat(unknown.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(unknown.get("errors").get(0).get("col").asInt()).isEqualTo(3);
        // nothing was started: both places are free
        LabJobs lab = s.server.state().lab;
        lab.reserve();
        lab.reserve();
        lab.release();
        lab.release();
        s.close();
    }

    @Test
    void aReplayJobRunsTheRecordedEvents(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        List<String> before = live(s);
        // the synthetic store's bankrupt long: 500 at 1200 with 60000 collateral; at 1000 its
        // equity is 500 * (1000 - 1200) + 60000 = -40000, the shortfall
        String events = "{\"market\": \"BTC-PERP\", \"bankrupt_account\": \"BANKRUPT\", \"mark_price\": \"1000\","
                + " \"lot_size\": \"0.001\", \"now\": \"2026-01-01T09:00:00Z\", \"insurance_fund\": \"0\"}\n";
        TestServer.Resp r = s.send(io.vertx.core.http.HttpMethod.POST, "/v1/lab/replay?policy=no-such:1", ANALYST,
                "application/x-ndjson", events);
        assertThat(expect(r, 404).json().get("message").asText()).contains("no-such");
        r = s.send(io.vertx.core.http.HttpMethod.POST, "/v1/lab/replay", ANALYST, "application/x-ndjson", events);
        JsonNode job = awaitDone(s, expect(r, 202).json().get("id").asText());
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
        JsonNode metrics = job.get("result").get("runs").get(0).get("metrics");
        assertThat(metrics.get("bankruptcies").asInt()).isEqualTo(1);
        assertThat(new BigDecimal(metrics.get("shortfall").asText())).isEqualByComparingTo("40000");
        JsonNode bad = expect(s.send(io.vertx.core.http.HttpMethod.POST, "/v1/lab/replay", ANALYST,
                "application/x-ndjson", events + "{\"market\": 1}\n"), 400).json();
        assertThat(bad.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(live(s)).isEqualTo(before);
        s.close();
    }
}
