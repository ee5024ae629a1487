package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.adl.server.LabApiTest.ANALYST;
import static dev.adl.server.LabApiTest.awaitDone;
import static dev.adl.server.LabCancelTest.OTHER_ANALYST;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.VIEWER;
import static dev.adl.server.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/lab/jobs}: every job the server keeps, newest first, for the readers of one job. */
@ExtendWith(VertxExtension.class)
class LabJobListTest {
    private static final String TREASURY = "treasury-token-1";

    private static List<JsonNode> jobs(TestServer s, String token) {
        List<JsonNode> out = new ArrayList<>();
        expect(s.get("/v1/lab/jobs", token), 200).json().get("jobs").forEach(out::add);
        return out;
    }

    @Test
    void theListHoldsEveryJobNewestFirstWithItsStateProgressAndPolicies(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, TestServer.withExamples(dir, LabCancelTest.TOKENS
                + ",{\"token\": \"" + TREASURY + "\", \"name\": \"tess\", \"roles\": [\"treasury\"]}"));
        assertThat(jobs(s, VIEWER)).isEmpty();
        expect(s.get("/v1/lab/jobs"), 401);
        // the same readers as one job's: a treasury token reads no lab results
        expect(s.get("/v1/lab/jobs", TREASURY), 403);

        String crash = expect(s.post("/v1/lab/stress", ANALYST, JSON, LabApiTest.CRASH), 202).json().get("id").asText();
        awaitDone(s, crash);
        String replay = expect(s.post("/v1/lab/replay", OTHER_ANALYST, JSON, "{\"events\": [" + LabCancelTest.EVENT + "]}"),
                202).json().get("id").asText();
        awaitDone(s, replay);
        String running = expect(s.post("/v1/lab/stress", ANALYST, JSON, LabCancelTest.LONG), 202).json().get("id").asText();

        List<JsonNode> list = jobs(s, LabApiTest.ANALYST);
        assertThat(list.stream().map(j -> j.get("id").asText()).toList()).containsExactly(running, replay, crash);
        JsonNode newest = list.get(0);
        assertThat(newest.get("kind").asText()).isEqualTo("stress");
        assertThat(newest.get("by").asText()).isEqualTo("ada");
        assertThat(newest.get("status").asText()).isIn("queued", "running");
        assertThat(newest.get("progress").get("total").asInt()).isEqualTo(10_000);
        assertThat(newest.has("finished")).isFalse();
        JsonNode r = list.get(1);
        assertThat(r.get("kind").asText()).isEqualTo("replay");
        assertThat(r.get("by").asText()).isEqualTo("bob");
        assertThat(r.get("status").asText()).isEqualTo("done");
        // a replay's progress counts policies: one run under the markets' active policies
        assertThat(r.get("progress").toString()).isEqualTo("{\"done\":1,\"total\":1}");
        assertThat(list.get(2).get("status").asText()).isEqualTo("done");
        assertThat(list.get(2).get("progress").toString()).isEqualTo("{\"done\":1,\"total\":1}");

        // without named policies each market's active version, by name and sha256, as the job's own view has them
        JsonNode policies = list.get(2).get("policies");
        JsonNode view = expect(s.get("/v1/lab/jobs/" + crash, VIEWER), 200).json();
        assertThat(policies).isEqualTo(view.get("request").get("policies"));
        JsonNode btc = expect(s.get("/v1/markets/BTC-PERP"), 200).json();
        JsonNode btcPolicy = null;
        for (JsonNode p : policies) if (p.get("market").asText().equals("BTC-PERP")) btcPolicy = p;
        assertThat(btcPolicy).isNotNull();
        assertThat(btcPolicy.get("sha256").asText()).hasSize(64).isEqualTo(btc.get("sha256").asText());
        assertThat(btcPolicy.get("policy").asText()).isEqualTo(btc.get("policy").asText());

        // the list is light: no request, no result; each entry has the fields the OpenAPI document names, no others
        JsonNode doc = Json.parse(Console.openapi());
        List<String> problems = new ArrayList<>();
        for (JsonNode j : list) {
            assertThat(j.has("result")).isFalse();
            assertThat(j.has("request")).isFalse();
            OpenApiDocumentTest.fields(doc, "LabJobSummary", j, problems);
        }
        assertThat(problems).isEmpty();

        // an operator cancels the running job: the list shows it cancelled, still first
        expect(LabCancelTest.delete(s, running, OPERATOR), 200);
        assertThat(awaitDone(s, running).get("status").asText()).isEqualTo("cancelled");
        JsonNode cancelled = jobs(s, VIEWER).get(0);
        assertThat(cancelled.get("id").asText()).isEqualTo(running);
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.has("finished")).isTrue();
        assertThat(cancelled.has("cancel_requested")).isFalse();
        s.close();
    }
}
