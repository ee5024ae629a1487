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
import java.util.ArrayList;
import java.util.List;

import static dev.adl.server.TestServer.APPROVER;
import static dev.adl.server.TestServer.CSV;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.PROPOSER2;
import static dev.adl.server.TestServer.TEXT;
import static dev.adl.server.TestServer.VIEWER;
import static dev.adl.server.TestServer.policy;
import static dev.adl.server.TestServer.positions;
import static org.assertj.core.api.Assertions.assertThat;

/** The two-person rule and the audit trail. */
@ExtendWith(VertxExtension.class)
class GovernanceTest {
    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        s = TestServer.start(vertx, dir, true);
        s.put("/v1/markets/TEST-G", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}");
        s.put("/v1/markets/TEST-G/positions", OPERATOR, CSV, positions("TEST-G", 4, 2));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void activationNeedsAnApprovalFromAnotherToken() {
        String text = policy("two", 1, "upnl");
        assertThat(s.post("/v1/policies", PROPOSER2, TEXT, text).status()).isEqualTo(201);
        String which = "{\"policy\": \"two\", \"version\": 1}";

        TestServer.Resp unapproved = s.post("/v1/markets/TEST-G/activate", OPERATOR, JSON, which);
        assertThat(unapproved.status()).isEqualTo(403);
        assertThat(unapproved.json().get("code").asText()).isEqualTo("approval_required");

        // pia proposed it and also holds the approver role: she still may not approve her own proposal
        TestServer.Resp self = s.post("/v1/markets/TEST-G/approvals", PROPOSER2, JSON, which);
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.json().get("code").asText()).isEqualTo("same_person");
        assertThat(s.post("/v1/markets/TEST-G/approvals", PROPOSER, JSON, which).status()).isEqualTo(403);
        assertThat(s.post("/v1/markets/TEST-G/approvals", VIEWER, JSON, which).status()).isEqualTo(403);
        assertThat(s.post("/v1/markets/TEST-G/activate", OPERATOR, JSON, which).status()).isEqualTo(403);

        TestServer.Resp approved = s.post("/v1/markets/TEST-G/approvals", APPROVER, JSON, which);
        assertThat(approved.status()).isEqualTo(201);
        assertThat(approved.json().get("approved_by").asText()).isEqualTo("anna");
        TestServer.Resp active = s.post("/v1/markets/TEST-G/activate", OPERATOR, JSON, which);
        assertThat(active.status()).isEqualTo(200);
        assertThat(s.get("/v1/markets/TEST-G").json().get("policy").asText()).isEqualTo("two");

        // an approval of version 1 does not cover version 2
        s.post("/v1/policies", PROPOSER2, TEXT, policy("two", 2, "-upnl"));
        assertThat(s.post("/v1/markets/TEST-G/activate", OPERATOR, JSON, "{\"policy\": \"two\", \"version\": 2}")
                .status()).isEqualTo(403);
        assertThat(s.post("/v1/markets/TEST-G/approvals", APPROVER, JSON, "{\"policy\": \"two\", \"version\": 3}")
                .status()).isEqualTo(404);

        // a version whose `markets` do not cover the market cannot be approved for it
        TestServer.expect(s.put("/v1/markets/OTHER-G", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}"),
                201, 200);
        int auditBefore = s.get("/v1/audit", VIEWER).json().get("total").asInt();
        TestServer.Resp elsewhere = s.post("/v1/markets/OTHER-G/approvals", APPROVER, JSON, which);
        assertThat(elsewhere.status()).isEqualTo(409);
        assertThat(elsewhere.json().get("message").asText()).contains("does not apply to market `OTHER-G`");
        assertThat(s.get("/v1/audit", VIEWER).json().get("total").asInt()).isEqualTo(auditBefore);
    }

    @Test
    void everyWriteIsAuditedWithWhoWhatAndHash() {
        String text = policy("audited", 1, "upnl");
        s.post("/v1/policies", PROPOSER, TEXT, text);
        s.put("/v1/markets/TEST-G/fund", OPERATOR, JSON, "{\"balance\": \"10\"}");
        s.post("/v1/policies", PROPOSER, TEXT, "policy \"audited\" version 1\n"); // refused: not audited

        assertThat(s.get("/v1/audit").status()).isEqualTo(401);
        JsonNode audit = s.get("/v1/audit?limit=1000", VIEWER).json();
        List<JsonNode> entries = new ArrayList<>();
        audit.get("entries").forEach(entries::add);
        JsonNode create = entries.stream().filter(e -> e.get("action").asText().equals("policy.create")
                && e.get("target").asText().equals("audited v1")).findFirst().orElseThrow();
        assertThat(create.get("who").asText()).isEqualTo("paul");
        assertThat(create.get("sha256").asText()).isEqualTo(Hashes.sha256(text));
        assertThat(create.get("at").asText()).endsWith("Z");
        JsonNode fund = entries.stream().filter(e -> e.get("action").asText().equals("fund.set")).findFirst()
                .orElseThrow();
        assertThat(fund.get("who").asText()).isEqualTo("otto");
        assertThat(fund.get("target").asText()).isEqualTo("TEST-G");
        assertThat(fund.get("details").get("balance").asText()).isEqualTo("10");
        // a write to a market names the policy then active in it
        String active = s.get("/v1/markets/TEST-G").json().get("sha256").asText();
        assertThat(fund.get("sha256").asText()).isEqualTo(active);
        assertThat(entries.stream().filter(e -> e.get("target").asText().equals("audited v1"))).hasSize(1);
        assertThat(audit.get("total").asInt()).isEqualTo(entries.size());

        // newest first by default: one's own latest action is on the first page
        int total = audit.get("total").asInt();
        assertThat(entries.get(0).get("action").asText()).isEqualTo("fund.set");
        assertThat(entries.get(0).get("seq").asInt()).isEqualTo(total);
        JsonNode page = s.get("/v1/audit?offset=1&limit=2", VIEWER).json();
        assertThat(page.get("entries")).hasSize(2);
        assertThat(page.get("entries").get(0).get("seq").asInt()).isEqualTo(total - 1);
        assertThat(page.get("entries").get(1).get("seq").asInt()).isEqualTo(total - 2);
        JsonNode oldest = s.get("/v1/audit?offset=1&limit=2&order=oldest", VIEWER).json();
        assertThat(oldest.get("entries").get(0).get("seq").asInt()).isEqualTo(2);
        assertThat(oldest.get("entries").get(1).get("seq").asInt()).isEqualTo(3);
        JsonNode past = s.get("/v1/audit?offset=" + total + "&limit=5", VIEWER).json();
        assertThat(past.get("entries")).isEmpty();
        assertThat(s.get("/v1/audit?order=sideways", VIEWER).status()).isEqualTo(400);
    }
}
