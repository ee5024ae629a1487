package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.TEXT;
import static dev.adl.server.TestServer.VIEWER;
import static dev.adl.server.TestServer.policy;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class PolicyApiTest {
    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        s = TestServer.start(vertx, dir, false);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void validateReportsDiagnosticsWithPositionsAndStoresNothing() {
        TestServer.Resp bad = s.post("/v1/policies/validate", VIEWER, TEXT,
                "policy \"v\" version 1\nrank by equty\nreduce {\n  tier \"a\" : queue\n}\n");
        assertThat(bad.status()).isEqualTo(200);
        JsonNode j = bad.json();
        assertThat(j.get("ok").asBoolean()).isFalse();
        JsonNode d = j.get("diagnostics").get(0);
        assertThat(d.get("severity").asText()).isEqualTo("error");
        assertThat(d.get("line").asInt()).isEqualTo(2);
        assertThat(d.get("col").asInt()).isEqualTo(9);
        assertThat(d.get("message").asText()).contains("equty");
        assertThat(d.has("code")).isTrue();

        TestServer.Resp good = s.post("/v1/policies/validate", VIEWER, TEXT, policy("validated-only", 1, "upnl"));
        assertThat(good.json().get("ok").asBoolean()).isTrue();
        assertThat(good.json().get("diagnostics")).isEmpty();
        assertThat(s.get("/v1/policies/validated-only/versions", VIEWER).status()).isEqualTo(404);
    }

    @Test
    void createIsImmutablePerNameAndVersion() {
        String text = policy("immutable", 1, "upnl");
        TestServer.Resp created = s.post("/v1/policies", PROPOSER, TEXT, text);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("immutable");
        assertThat(created.json().get("version").asLong()).isEqualTo(1);
        assertThat(created.json().get("sha256").asText()).isEqualTo(Hashes.sha256(text));

        TestServer.Resp again = s.post("/v1/policies", PROPOSER, TEXT, text);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("sha256").asText()).isEqualTo(Hashes.sha256(text));

        TestServer.Resp other = s.post("/v1/policies", PROPOSER, TEXT, policy("immutable", 1, "-upnl"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("code").asText()).isEqualTo("version_exists");

        assertThat(s.post("/v1/policies", PROPOSER, TEXT, policy("immutable", 2, "-upnl")).status()).isEqualTo(201);
        JsonNode versions = s.get("/v1/policies/immutable/versions", VIEWER).json().get("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("version").asLong()).isEqualTo(1);
        assertThat(versions.get(1).get("author").asText()).isEqualTo("paul");

        JsonNode list = s.get("/v1/policies", VIEWER).json();
        JsonNode mine = null;
        for (JsonNode p : list) {
            if (p.get("name").asText().equals("immutable")) mine = p;
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("latest").asLong()).isEqualTo(2);
    }

    @Test
    void getReturnsSourceDrlAuthorTimeAndHash() {
        String text = policy("shown", 7, "upnl");
        s.post("/v1/policies", PROPOSER, TEXT, text);
        JsonNode v = s.get("/v1/policies/shown/versions/7", VIEWER).json();
        assertThat(v.get("source").asText()).isEqualTo(text);
        assertThat(v.get("drl").asText()).contains("rule");
        assertThat(v.get("author").asText()).isEqualTo("paul");
        assertThat(v.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(v.get("sha256").asText()).isEqualTo(Hashes.sha256(text));
        assertThat(s.get("/v1/policies/shown/versions/8", VIEWER).status()).isEqualTo(404);
        assertThat(s.get("/v1/policies/absent/versions/1", VIEWER).status()).isEqualTo(404);
        TestServer.Resp bad = s.get("/v1/policies/shown/versions/x", VIEWER);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("`x`");
    }

    @Test
    void invalidPolicyIsRefusedWithLocatedErrors() {
        TestServer.Resp r = s.post("/v1/policies", PROPOSER, TEXT, "policy \"broken\" version 1\nreduce { tier \"a\" : queu }\n");
        assertThat(r.status()).isEqualTo(400);
        JsonNode j = r.json();
        assertThat(j.get("code").asText()).isEqualTo("invalid_policy");
        assertThat(j.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(j.get("errors").get(0).get("col").asInt()).isGreaterThan(1);
        assertThat(j.get("errors").get(0).get("message").asText()).contains("queu");
        assertThat(s.get("/v1/policies/broken/versions", VIEWER).status()).isEqualTo(404);
    }

    @Test
    void deepExpressionsAreRefusedWithTheNestingErrorInEveryRoute() {
        String deep = "policy \"deep\" version 1\nrank by " + "(".repeat(2_000) + "upnl" + ")".repeat(2_000)
                + "\nreduce {\n  tier \"a\" : queue\n}\n";
        TestServer.Resp v = s.post("/v1/policies/validate", VIEWER, TEXT, deep);
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.json().get("ok").asBoolean()).isFalse();
        assertThat(v.json().get("diagnostics").get(0).get("message").asText())
                .isEqualTo("expression nested deeper than 256");
        TestServer.Resp r = s.post("/v1/policies", PROPOSER, TEXT, deep);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(r.json().get("errors").get(0).get("col").asInt()).isEqualTo(9 + 256);
        assertThat(s.get("/v1/policies/deep/versions", VIEWER).status()).isEqualTo(404);
    }

    @Test
    void refusesWithoutTokenOrRoleAndWrongMediaOrSize() {
        String text = policy("guarded", 1, "upnl");
        TestServer.Resp none = s.post("/v1/policies", null, TEXT, text);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asText()).isEqualTo("unauthorized");
        assertThat(none.json().get("errors").isArray()).isTrue();
        assertThat(s.post("/v1/policies", "not-a-token", TEXT, text).status()).isEqualTo(401);
        TestServer.Resp viewer = s.post("/v1/policies", VIEWER, TEXT, text);
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.json().get("message").asText()).contains("proposer");
        assertThat(s.get("/v1/policies", null).status()).isEqualTo(401);
        assertThat(s.post("/v1/policies", OPERATOR, TEXT, text).status()).isEqualTo(201);
        // the token is checked before the content type and the body
        assertThat(s.post("/v1/policies", null, JSON, "{}").status()).isEqualTo(401);
        assertThat(s.post("/v1/policies", VIEWER, TEXT, "#".repeat(300 * 1024)).status()).isEqualTo(403);
        assertThat(s.post("/v1/policies", PROPOSER, "text/plain; charset=utf-8", policy("charset", 1, "upnl")).status())
                .isEqualTo(201);

        TestServer.Resp media = s.post("/v1/policies", PROPOSER, JSON, "{}");
        assertThat(media.status()).isEqualTo(415);
        assertThat(media.json().get("code").asText()).isEqualTo("unsupported_media_type");

        TestServer.Resp big = s.post("/v1/policies", PROPOSER, TEXT, "#".repeat(300 * 1024));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("code").asText()).isEqualTo("too_large");
    }

    @Test
    void unknownPathsAndMethodsAnswerInTheErrorFormat() {
        TestServer.Resp missing = s.get("/v1/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("not_found");
        TestServer.Resp method = s.send(io.vertx.core.http.HttpMethod.DELETE, "/v1/policies", OPERATOR, null, null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().get("message").asText()).contains("DELETE");
    }

    @Test
    void healthAndMetricsAreOpen() {
        assertThat(s.get("/health/live").json().get("status").asText()).isEqualTo("up");
        assertThat(s.get("/health/ready").json().get("status").asText()).isEqualTo("ready");
        TestServer.Resp m = s.get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body()).contains("# TYPE adl_event_latency_seconds histogram", "adl_events_total ",
                "adl_policy_swaps_total ");
    }
}
