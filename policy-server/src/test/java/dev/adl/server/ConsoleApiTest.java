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
import java.util.HashMap;
import java.util.Map;

import static dev.adl.server.TestServer.APPROVER;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.TEXT;
import static dev.adl.server.TestServer.VIEWER;
import static dev.adl.server.TestServer.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** What the console asks of the API beyond the rest: who a token is, approvals, queue notional, suite runs, its files. */
@ExtendWith(VertxExtension.class)
class ConsoleApiTest {
    private static final String YAML = "application/yaml";

    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        s = TestServer.start(vertx, dir, false);
        TestServer.expect(s.post("/v1/policies", PROPOSER, TEXT, policy("suite", 1, "upnl")), 201);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void whoamiNamesTheTokenAndItsRoles() {
        JsonNode me = s.get("/v1/whoami", TestServer.PROPOSER2).json();
        assertThat(me.get("name").asText()).isEqualTo("pia");
        assertThat(me.get("roles").toString()).isEqualTo("[\"proposer\",\"approver\"]");
        assertThat(me.get("two_person").asBoolean()).isFalse();
        assertThat(s.get("/v1/whoami").status()).isEqualTo(401);
        assertThat(s.get("/v1/whoami", "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void validationGivesTheSpanAndTheSuggestion() {
        JsonNode d = s.post("/v1/policies/validate", VIEWER, TEXT,
                "policy \"v\" version 1\nrank by equty\nreduce {\n  tier \"a\" : queue\n}\n").json().get("diagnostics").get(0);
        assertThat(d.get("line").asInt()).isEqualTo(2);
        assertThat(d.get("col").asInt()).isEqualTo(9);
        assertThat(d.get("length").asInt()).isEqualTo(5);
        assertThat(d.get("help").asText()).contains("did you mean `equity`?");
    }

    @Test
    void approvalsAreListedPerMarket() {
        s.market("TEST-AP", 4, 2, policy("approved", 1, "upnl"));
        assertThat(s.get("/v1/markets/TEST-AP/approvals").json().get("approvals")).isEmpty();
        TestServer.expect(s.post("/v1/markets/TEST-AP/approvals", APPROVER, JSON,
                "{\"policy\": \"approved\", \"version\": 1}"), 201);
        JsonNode list = s.get("/v1/markets/TEST-AP/approvals").json();
        assertThat(list.get("two_person").asBoolean()).isFalse();
        assertThat(list.get("approvals")).hasSize(1);
        assertThat(list.get("approvals").get(0).get("approved_by").asText()).isEqualTo("anna");
        assertThat(list.get("approvals").get(0).get("version").asInt()).isEqualTo(1);
        assertThat(s.get("/v1/markets/NOPE/approvals").status()).isEqualTo(404);
    }

    @Test
    void queueCountsCarryEachQuintilesNotional() {
        // shorts S1 4 @1110 (upnl 440), S2 3 @1120 (360), S3 3 @1130 (390) at mark 1000: ranks S1, S3, S2
        // of 3 fall in quintiles 5, 4 and 2; notional = size * 1000
        s.market("TEST-N", 10, 3, policy("notional", 1, "upnl"));
        JsonNode q = s.get("/v1/markets/TEST-N/queue").json();
        assertThat(q.get("mark_price").asText()).isEqualTo("1000");
        JsonNode shorts = q.get("short");
        assertThat(shorts.get("quintiles").toString()).isEqualTo("{\"5\":1,\"4\":1,\"3\":0,\"2\":1,\"1\":0}");
        assertThat(shorts.get("notional").toString())
                .isEqualTo("{\"5\":\"4000\",\"4\":\"3000\",\"3\":\"0\",\"2\":\"3000\",\"1\":\"0\"}");
        // ten longs of size 1, two to a quintile
        assertThat(q.get("long").get("notional").get("5").asText()).isEqualTo("2000");
    }

    private static final String SUITE = """
            policy: anything.adl
            cases:
              - name: the richer short goes first
                positions: |
                  account,market,side,size,entry_price,collateral
                  BL,TEST-S,long,10,1100,100
                  S1,TEST-S,short,6,1200,1000
                  S2,TEST-S,short,6,1100,1000
                event: {market: TEST-S, mark_price: "1000", lot_size: "1", insurance_fund: "0", now: "2026-01-01T00:00:00Z", bankrupt_account: BL}
                expect:
                  adl_size: %s
                  fills:
                    - {account: S1, size: 6}
                    - {account: S2, size: 4}
            """;

    @Test
    void aSuiteRunsAgainstTheVersionWithCoverageByLine() {
        TestServer.Resp r = s.post("/v1/policies/suite/versions/1/test", PROPOSER, YAML, SUITE.formatted("10"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("cases").get("total").asInt()).isEqualTo(1);
        assertThat(j.get("cases").get("passed").asInt()).isEqualTo(1);
        assertThat(j.get("mutants").isNull()).isTrue();
        Map<Integer, String> status = new HashMap<>();
        j.get("coverage").get("lines").forEach(l -> status.put(l.get("line").asInt(), l.get("status").asText()));
        // line 3 `rank by upnl` scored, line 5 `tier "all" : queue` filled
        assertThat(status).containsEntry(3, "covered").containsEntry(5, "covered");

        JsonNode failed = s.post("/v1/policies/suite/versions/1/test", APPROVER, YAML, SUITE.formatted("9")).json();
        assertThat(failed.get("ok").asBoolean()).isFalse();
        assertThat(failed.get("cases").get("failed").asInt()).isEqualTo(1);
        JsonNode diff = failed.get("cases").get("failures").get(0).get("differences").get(0);
        assertThat(diff.get("field").asText()).isEqualTo("adl_size");
        assertThat(diff.get("expected").asText()).isEqualTo("9");
        assertThat(diff.get("actual").asText()).isEqualTo("10");
    }

    @Test
    void mutantsAreTriedWhenAsked() {
        JsonNode m = s.post("/v1/policies/suite/versions/1/test?mutate=true", OPERATOR, YAML, SUITE.formatted("10"))
                .json().get("mutants");
        assertThat(m.get("total").asInt()).isPositive();
        int accounted = m.get("killed").asInt() + m.get("rejected").asInt() + m.get("survived").size() + m.get("crashed").size();
        assertThat(accounted).isEqualTo(m.get("total").asInt());
        m.get("survived").forEach(x -> assertThat(x.get("line").asInt()).isBetween(1, 7));
    }

    @Test
    void aBadSuiteOrRequestIsAClearError() {
        TestServer.Resp bad = s.post("/v1/policies/suite/versions/1/test", PROPOSER, YAML, "cases: 3\n");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("`cases` must be a non-empty list")
                .doesNotContain("adl-suite-");
        assertThat(s.post("/v1/policies/suite/versions/1/test", VIEWER, YAML, SUITE.formatted("10")).status()).isEqualTo(403);
        assertThat(s.post("/v1/policies/suite/versions/1/test", PROPOSER, TEXT, SUITE.formatted("10")).status()).isEqualTo(415);
        assertThat(s.post("/v1/policies/suite/versions/9/test", PROPOSER, YAML, SUITE.formatted("10")).status()).isEqualTo(404);
    }

    @Test
    void theConsoleIsServedAtTheRootWithoutChangingTheApisAnswers() {
        TestServer.Resp index = s.get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("ADL governance console").contains("app.js");
        assertThat(s.get("/app.js").status()).isEqualTo(200);
        TestServer.Resp unknown = s.get("/v1/no-such-thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("not_found");
        assertThat(s.get("/v1/policies/validate").status()).isEqualTo(405);
        assertThat(s.get("/health/live").json().get("status").asText()).isEqualTo("up");
        assertThat(s.get("/no-such-file.js").status()).isEqualTo(404);
        assertThat(s.post("/no-such-file.js", VIEWER, TEXT, "x").status()).isEqualTo(404);
    }
}
