package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static dev.adl.server.LabApiTest.ANALYST;
import static dev.adl.server.LabApiTest.awaitDone;
import static dev.adl.server.LabApiTest.live;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.VIEWER;
import static dev.adl.server.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** Lab jobs cancelled, on record in the audit log, and a replay compared with what the venue did. */
@ExtendWith(VertxExtension.class)
class LabCancelTest {
    static final String OTHER_ANALYST = "analyst-token-2";
    static final String TOKENS = LabApiTest.ANALYST_ENTRY
            + ",{\"token\": \"analyst-token-2\", \"name\": \"bob\", \"roles\": [\"analyst\"]}";

    /** Thirty steps of a shock on every example market: long enough per path that a job of many paths is still running. */
    static final String LONG = """
            {"steps": 30, "step": "1m", "start": "2026-01-01T09:00:00Z",
             "shock": {"drift": {"BTC-PERP": -0.3, "ETH-PERP": -0.3}, "vol": {"BTC-PERP": 0.01, "ETH-PERP": 0.01}},
             "paths": 10000, "seed": 3}
            """;

    /** The synthetic store's bankrupt long of BTC-PERP at mark 1000: a shortfall of 40000 (see LabApiTest). */
    static final String EVENT = "{\"market\": \"BTC-PERP\", \"bankrupt_account\": \"BANKRUPT\", \"mark_price\": \"1000\","
            + " \"lot_size\": \"0.001\", \"now\": \"2026-01-01T09:00:00Z\", \"insurance_fund\": \"0\"}";

    static TestServer start(Vertx vertx, Path dir) throws Exception {
        return TestServer.start(vertx, TestServer.withExamples(dir, TOKENS));
    }

    static TestServer.Resp delete(TestServer s, String id, String token) {
        return s.send(HttpMethod.DELETE, "/v1/lab/jobs/" + id, token, null, null);
    }

    /** The newest audit entries, newest first. */
    static List<JsonNode> audit(TestServer s, int n) {
        List<JsonNode> out = new ArrayList<>();
        expect(s.get("/v1/audit?limit=" + n, OPERATOR), 200).json().get("entries").forEach(out::add);
        return out;
    }

    @Test
    void aRunningJobStopsAtItsNextPathOnlyForItsStarterOrAnOperator(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        List<String> before = live(s);
        JsonNode started = expect(s.post("/v1/lab/stress", ANALYST, JSON, LONG), 202).json();
        String id = started.get("id").asText();
        JsonNode job = started;
        for (int i = 0; i < 3000 && job.get("progress").get("done").asInt() == 0; i++) {
            Thread.sleep(20);
            job = expect(s.get("/v1/lab/jobs/" + id, VIEWER), 200).json();
        }
        assertThat(job.get("status").asText()).isEqualTo("running");
        // the venue was copied on the job's thread, its locks held briefly
        assertThat(job.get("venue_locked_ms").asDouble()).isGreaterThanOrEqualTo(0).isLessThan(5_000);

        JsonNode other = expect(delete(s, id, OTHER_ANALYST), 403).json();
        assertThat(other.get("message").asText()).isEqualTo("lab job `" + id + "` was started by `ada`; only that"
                + " token or an operator may cancel it");
        expect(delete(s, id, VIEWER), 403);
        JsonNode asked = expect(delete(s, id, OPERATOR), 200).json();
        assertThat(asked.get("status").asText()).isIn("running", "cancelled");

        JsonNode end = awaitDone(s, id);
        assertThat(end.get("status").asText()).isEqualTo("cancelled");
        assertThat(end.get("progress").get("done").asInt()).isLessThan(10_000);
        assertThat(end.has("result")).isFalse();
        expect(s.get("/v1/lab/jobs/" + id + "/report", VIEWER), 409);
        // a finished job has nothing to cancel
        assertThat(expect(delete(s, id, ANALYST), 409).json().get("message").asText())
                .isEqualTo("lab job `" + id + "` is cancelled; there is nothing to cancel");
        assertThat(live(s)).isEqualTo(before);

        List<JsonNode> entries = audit(s, 2);
        JsonNode cancel = entries.get(0);
        assertThat(cancel.get("action").asText()).isEqualTo("lab.cancel");
        assertThat(cancel.get("who").asText()).isEqualTo("otto");
        assertThat(cancel.get("target").asText()).isEqualTo(id);
        assertThat(cancel.get("details").get("started_by").asText()).isEqualTo("ada");
        JsonNode start = entries.get(1);
        assertThat(start.get("action").asText()).isEqualTo("lab.start");
        assertThat(start.get("who").asText()).isEqualTo("ada");
        assertThat(start.get("target").asText()).isEqualTo(id);
        JsonNode d = start.get("details");
        assertThat(d.get("kind").asText()).isEqualTo("stress");
        assertThat(d.get("paths").asInt()).isEqualTo(10_000);
        assertThat(d.get("seed").asLong()).isEqualTo(3);
        assertThat(d.get("steps").asInt()).isEqualTo(30);
        // the markets' active policies, each by its sha256 as the registry has it
        JsonNode btc = null;
        for (JsonNode p : d.get("policies")) if (p.get("market").asText().equals("BTC-PERP")) btc = p;
        assertThat(btc).isNotNull();
        JsonNode version = expect(s.get("/v1/policies/" + btc.get("policy").asText() + "/versions/"
                + btc.get("version").asLong(), OPERATOR), 200).json();
        assertThat(btc.get("sha256").asText()).isEqualTo(version.get("sha256").asText()).hasSize(64);
        s.close();
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndGivesBackItsPlace(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        LabJobs lab = s.server.state().lab;
        CountDownLatch hold = new CountDownLatch(1);
        // both threads busy with jobs that wait for the latch
        for (int i = 0; i < LabJobs.RUNNING; i++) {
            lab.reserve();
            lab.start("held-" + i, "stress", Caller.ANONYMOUS, 1, Json.object(), job -> {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new LabJobs.Output("{}", "");
            });
        }
        String id = expect(s.post("/v1/lab/stress", ANALYST, JSON, LabApiTest.CRASH), 202).json().get("id").asText();
        assertThat(expect(s.get("/v1/lab/jobs/" + id, VIEWER), 200).json().get("status").asText()).isEqualTo("queued");
        JsonNode cancelled = expect(delete(s, id, ANALYST), 200).json();
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.has("finished")).isTrue();
        assertThat(cancelled.has("started")).isFalse();
        // its place is free again: all but the two held can be taken
        for (int i = 0; i < LabJobs.WAITING; i++) lab.reserve();
        for (int i = 0; i < LabJobs.WAITING; i++) lab.release();
        hold.countDown();
        assertThat(awaitDone(s, "held-0").get("status").asText()).isEqualTo("done");
        // once the threads are free the cancelled job never starts
        Thread.sleep(100);
        JsonNode after = expect(s.get("/v1/lab/jobs/" + id, VIEWER), 200).json();
        assertThat(after.get("status").asText()).isEqualTo("cancelled");
        assertThat(after.get("progress").get("done").asInt()).isZero();
        assertThat(after.has("started")).isFalse();
        s.close();
    }

    @Test
    void aReplayWithTheActualFillsComparesThem(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        List<String> before = live(s);
        // first without: which accounts the markets' policy closes for this event
        String plain = "{\"events\": [" + EVENT + "]}";
        JsonNode first = awaitDone(s, expect(s.post("/v1/lab/replay", ANALYST, JSON, plain), 202).json().get("id").asText());
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("done");
        JsonNode run = first.get("result").get("runs").get(0);
        // the fund keeps its floor of 250000 out of 300000 and pays half of the rest at most: ADL covers the remainder
        List<String> closed = new ArrayList<>();
        run.get("closed").fieldNames().forEachRemaining(closed::add);
        assertThat(closed).isNotEmpty();
        assertThat(run.has("actual")).isFalse();
        String hit = closed.get(0);
        BigDecimal hitSize = new BigDecimal(run.get("closed").get(hit).asText());

        // the venue closed `hit` (in two fills, 1.5 and 0.25) and an account the policy left alone
        String csv = "event,account,size,price\\n1," + hit + ",1.5,1000\\n1,NOBODY,2,1000\\n1," + hit + ",0.25,1001\\n";
        String withActual = "{\"events\": \"" + EVENT.replace("\"", "\\\"") + "\\n\", \"actual\": \"" + csv + "\"}";
        JsonNode job = awaitDone(s, expect(s.post("/v1/lab/replay", ANALYST, JSON, withActual), 202).json().get("id").asText());
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.get("request").get("actual_fills").asInt()).isEqualTo(3);
        JsonNode actual = job.get("result").get("runs").get(0).get("actual");
        assertThat(texts(actual.get("both"))).containsExactly(hit);
        assertThat(texts(actual.get("venue_only"))).containsExactly("NOBODY");
        assertThat(texts(actual.get("policy_only"))).containsExactlyElementsOf(closed.subList(1, closed.size()));
        // side by side: what the policy closed, what the venue closed (1.5 + 0.25)
        assertThat(new BigDecimal(actual.get("closed").get(hit).get("policy").asText())).isEqualByComparingTo(hitSize);
        assertThat(new BigDecimal(actual.get("closed").get(hit).get("venue").asText())).isEqualByComparingTo("1.75");
        assertThat(new BigDecimal(actual.get("closed").get("NOBODY").get("policy").asText())).isEqualByComparingTo("0");
        assertThat(new BigDecimal(actual.get("closed").get("NOBODY").get("venue").asText())).isEqualByComparingTo("2");

        // the same fills as rows give the same comparison
        String rows = "{\"events\": [" + EVENT + "], \"actual\": [{\"event\": 1, \"account\": \"" + hit
                + "\", \"size\": \"1.75\", \"price\": \"1000\"}, {\"event\": 1, \"account\": \"NOBODY\", \"size\": 2, \"price\": 1000}]}";
        JsonNode same = awaitDone(s, expect(s.post("/v1/lab/replay", ANALYST, JSON, rows), 202).json().get("id").asText());
        assertThat(same.get("result").get("runs").get(0).get("actual")).isEqualTo(actual);

        // a fill for an event that is not there is a 400 at its line of the fills, nothing started
        String badLine = "{\"events\": [" + EVENT + "], \"actual\": \"event,account,size,price\\n1,A,1,1000\\n2,B,1,1000\\n\"}";
        JsonNode bad = expect(s.post("/v1/lab/replay", ANALYST, JSON, badLine), 400).json();
        assertThat(bad.get("errors")).as(bad.toString()).hasSize(1);
        assertThat(bad.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(bad.get("errors").get(0).get("message").asText()).contains("event 2 is not a line with an event");
        JsonNode unknown = expect(s.post("/v1/lab/replay", ANALYST, JSON, "{\"events\": [" + EVENT + "], \"fills\": []}"), 400).json();
        assertThat(unknown.get("message").asText()).startsWith("unknown field `fills`");
        assertThat(live(s)).isEqualTo(before);
        s.close();
    }

    @Test
    void badBodiesAre4xxWithNothingStarted(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        String noSuch = "{\"steps\": 3, \"returns\": {}, \"policies\": [{\"policy\": \"no-such\", \"version\": 1}]}";
        JsonNode missing = expect(s.post("/v1/lab/stress", ANALYST, JSON, noSuch), 404).json();
        assertThat(missing.get("code").asText()).isEqualTo("not_found");
        assertThat(missing.get("message").asText()).contains("`no-such`");
        JsonNode paths = expect(s.post("/v1/lab/stress", ANALYST, JSON, "{\"steps\": 3, \"returns\": {}, \"paths\": 10001}"), 400).json();
        assertThat(paths.get("message").asText()).isEqualTo("field `paths` must be from 1 to 10000");
        JsonNode seed = expect(s.post("/v1/lab/stress", ANALYST, JSON, "{\"steps\": 3, \"returns\": {}, \"seed\": 1.5}"), 400).json();
        assertThat(seed.get("message").asText()).isEqualTo("field `seed` must be a whole number, got `1.5`");
        assertThat(seed.get("errors")).isEmpty();
        expect(s.send(HttpMethod.POST, "/v1/lab/replay", ANALYST, "text/csv", "x"), 415);
        for (JsonNode e : audit(s, 20)) assertThat(e.get("action").asText()).isNotEqualTo("lab.start");
        s.close();
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
