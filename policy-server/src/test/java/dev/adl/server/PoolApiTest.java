package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.VIEWER;
import static dev.adl.server.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** The layers and staking routes: each endpoint, who may call it, the error format, and a restart. */
@ExtendWith(VertxExtension.class)
class PoolApiTest {
    static final String ALICE = "alice-staker-token";
    static final String BOB = "bob-staker-token-1";
    static final String TREASURER = "treasury-token-1";

    private static TestServer start(Vertx vertx, Path dir) throws Exception {
        AdlServer.Options options = TestServer.options(dir, false);
        Files.writeString(options.tokensFile(), TestServer.TOKENS.replace("\n]}", """
                  ,{"token": "alice-staker-token", "name": "alice", "roles": [], "staker": "alice"},
                  {"token": "bob-staker-token-1", "name": "bob", "roles": ["viewer"], "staker": "bob"},
                  {"token": "treasury-token-1", "name": "tess", "roles": ["treasury"]}
                ]}"""));
        return TestServer.start(vertx, options);
    }

    private static TestServer.Resp post(TestServer s, String path, String token, String body) {
        return s.post("/v1/pools/stakers/" + path, token, JSON, body);
    }

    @Test
    void stakingThroughTheApiFollowsTheLedger(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        expect(s.put("/v1/layers/stakers", OPERATOR, JSON, "{\"kind\": \"pool\", \"cooldown\": \"13d\"}"), 201);
        expect(s.put("/v1/layers/btc-fund", OPERATOR, JSON, "{\"kind\": \"fund\", \"balance\": \"250000\"}"), 201);

        JsonNode a = expect(post(s, "stakes", ALICE, "{\"amount\": \"1000\"}"), 200).json();
        assertThat(a.get("result").get("shares").asText()).isEqualTo("1000");
        assertThat(a.get("staker").get("staker").asText()).isEqualTo("alice");
        expect(post(s, "stakes", BOB, "{\"amount\": \"500\"}"), 200);
        JsonNode rev = expect(post(s, "revenue", TREASURER, "{\"amount\": \"300\"}"), 200).json();
        // 1800 / 1500
        assertThat(rev.get("share_price").asText()).isEqualTo("1.2");
        JsonNode carol = expect(post(s, "stakes", OPERATOR, "{\"staker\": \"carol\", \"amount\": \"100\"}"), 200).json();
        assertThat(carol.get("result").get("shares").asText()).isEqualTo("83.33333333");

        JsonNode req = expect(post(s, "unstake-requests", BOB, "{\"shares\": \"250\"}"), 200).json();
        assertThat(req.get("result").get("value_at_request").asText()).isEqualTo("300");
        JsonNode early = expect(post(s, "withdrawals", BOB, "{}"), 409).json();
        assertThat(early.get("code").asText()).isEqualTo("refused");
        assertThat(early.get("message").asText()).startsWith("pool `stakers` refused the operation: staker `bob` may"
                + " withdraw from `");
        assertThat(early.get("errors")).isEmpty();

        JsonNode bob = expect(s.get("/v1/pools/stakers/stakers/bob"), 200).json();
        assertThat(bob.get("shares").asText()).isEqualTo("500");
        assertThat(bob.get("value").asText()).isEqualTo("600");
        assertThat(bob.get("request").get("shares").asText()).isEqualTo("250");
        assertThat(bob.get("request").has("withdrawable_from")).isTrue();
        JsonNode cancel = expect(post(s, "unstake-cancellations", BOB, ""), 200).json();
        assertThat(cancel.get("result").get("burned").asText()).isEqualTo("0");

        JsonNode pool = expect(s.get("/v1/pools/stakers"), 200).json();
        assertThat(pool.get("value").asText()).isEqualTo("1900");
        assertThat(pool.get("total_shares").asText()).isEqualTo("1583.33333333");
        assertThat(pool.get("stakers").asInt()).isEqualTo(3);
        assertThat(pool.get("cooldown").asText()).isEqualTo("13d");
        // one point when the pool was made, then one per operation
        assertThat(pool.get("history")).hasSize(7);
        assertThat(pool.get("yield").get("7d").get("share_price_from").asText()).isEqualTo("1");
        assertThat(pool.get("yield").get("7d").get("growth").asText()).isEqualTo("0.2");
        assertThat(expect(s.get("/v1/pools"), 200).json().get("pools")).hasSize(1);

        JsonNode layers = expect(s.get("/v1/layers"), 200).json().get("layers");
        assertThat(layers).hasSize(2);
        assertThat(layers.get(1).get("name").asText()).isEqualTo("stakers");
        assertThat(layers.get(1).get("balance").asText()).isEqualTo("1900");
        JsonNode fund = expect(s.get("/v1/layers/btc-fund"), 200).json();
        assertThat(fund.get("kind").asText()).isEqualTo("fund");
        assertThat(fund.get("history").get(0).get("balance").asText()).isEqualTo("250000");
        assertThat(fund.get("paid")).isEmpty();

        String metrics = s.get("/metrics").body();
        assertThat(metrics).contains("adl_layer_balance{layer=\"btc-fund\",kind=\"fund\"} 250000\n")
                .contains("adl_pool_share_price{layer=\"stakers\",kind=\"pool\"} 1.2\n")
                .contains("adl_pool_value{layer=\"stakers\",kind=\"pool\"} 1900\n")
                .contains("adl_pool_stakers{layer=\"stakers\",kind=\"pool\"} 3\n")
                .contains("adl_layer_paid_total{layer=\"btc-fund\",kind=\"fund\"} 0\n");

        String poolBody = s.get("/v1/pools/stakers").body().replaceAll("\"yield\".*", "");
        String layersBody = s.get("/v1/layers").body();
        String bobBody = s.get("/v1/pools/stakers/stakers/bob").body();
        String audit = s.get("/v1/audit?limit=1000", VIEWER).body();
        assertThat(audit).contains("\"action\":\"pool.stake\"").contains("\"action\":\"layer.set\"");
        TestServer again = s.restart();
        assertThat(again.get("/v1/pools/stakers").body().replaceAll("\"yield\".*", "")).isEqualTo(poolBody);
        assertThat(again.get("/v1/layers").body()).isEqualTo(layersBody);
        assertThat(again.get("/v1/pools/stakers/stakers/bob").body()).isEqualTo(bobBody);
        assertThat(again.get("/v1/audit?limit=1000", VIEWER).body()).isEqualTo(audit);
        again.close();
    }

    @Test
    void whoamiTellsAStakerTokenItsStakerAndAnswersTheTreasury(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        JsonNode alice = expect(s.get("/v1/whoami", ALICE), 200).json();
        assertThat(alice.get("name").asText()).isEqualTo("alice");
        assertThat(alice.get("roles").toString()).isEqualTo("[\"staker\"]");
        assertThat(alice.get("staker").asText()).isEqualTo("alice");
        JsonNode tess = expect(s.get("/v1/whoami", TREASURER), 200).json();
        assertThat(tess.get("roles").toString()).isEqualTo("[\"treasury\"]");
        assertThat(tess.get("staker").isNull()).isTrue();
        assertThat(expect(s.get("/v1/whoami", BOB), 200).json().get("roles").toString()).isEqualTo("[\"viewer\",\"staker\"]");
        assertThat(expect(s.get("/v1/whoami", OPERATOR), 200).json().get("staker").isNull()).isTrue();
        s.close();
    }

    @Test
    void rolesDecideWhoMayDoWhat(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        expect(s.put("/v1/layers/stakers", OPERATOR, JSON, "{\"kind\": \"pool\", \"cooldown\": \"1d\"}"), 201);
        expect(s.put("/v1/layers/stakers", VIEWER, JSON, "{\"kind\": \"pool\", \"cooldown\": \"1d\"}"), 403);
        expect(post(s, "stakes", ALICE, "{\"amount\": \"10\"}"), 200);
        // a staker token acts for its staker alone
        JsonNode other = expect(post(s, "stakes", ALICE, "{\"staker\": \"bob\", \"amount\": \"10\"}"), 403).json();
        assertThat(other.get("message").asText()).isEqualTo("token `alice` acts for staker `alice`, not `bob`");
        expect(post(s, "unstake-requests", ALICE, "{\"staker\": \"bob\", \"shares\": \"1\"}"), 403);
        // a viewer, a proposer and no token cannot write; the treasury only pays revenue
        expect(post(s, "stakes", VIEWER, "{\"staker\": \"vera\", \"amount\": \"10\"}"), 403);
        expect(post(s, "stakes", TestServer.PROPOSER, "{\"staker\": \"paul\", \"amount\": \"10\"}"), 403);
        expect(post(s, "stakes", null, "{\"amount\": \"10\"}"), 401);
        expect(post(s, "stakes", TREASURER, "{\"staker\": \"tess\", \"amount\": \"10\"}"), 403);
        expect(post(s, "revenue", TREASURER, "{\"amount\": \"1\"}"), 200);
        expect(post(s, "revenue", ALICE, "{\"amount\": \"1\"}"), 403);
        expect(post(s, "revenue", OPERATOR, "{\"amount\": \"1\"}"), 200);
        // an operator names the staker
        JsonNode noStaker = expect(post(s, "stakes", OPERATOR, "{\"amount\": \"10\"}"), 400).json();
        assertThat(noStaker.get("message").asText()).contains("field `staker` is required");
        assertThat(expect(s.get("/v1/pools/stakers/stakers/alice"), 200).json().get("value").asText()).isEqualTo("12");
    }

    @Test
    void badRequestsAreRefusedInTheErrorFormatAndChangeNothing(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir);
        expect(s.put("/v1/layers/stakers", OPERATOR, JSON, "{\"kind\": \"pool\", \"cooldown\": \"13d\"}"), 201);
        assertThat(expect(s.put("/v1/layers/stakers", OPERATOR, JSON,
                "{\"kind\": \"pool\", \"cooldown\": \"13d\", \"balance\": \"5\"}"), 400).json().get("message").asText())
                .startsWith("a pool's balance is its ledger's value + reserve");
        expect(s.put("/v1/layers/stakers", OPERATOR, JSON, "{\"kind\": \"fund\", \"balance\": \"5\"}"), 409);
        expect(s.put("/v1/layers/x", OPERATOR, JSON, "{\"kind\": \"pool\", \"cooldown\": \"2 weeks\"}"), 400);
        expect(s.put("/v1/layers/x", OPERATOR, JSON, "{\"kind\": \"vault\", \"balance\": \"5\"}"), 400);
        expect(s.put("/v1/layers/x", OPERATOR, JSON, "{\"kind\": \"fund\", \"balance\": \"-5\"}"), 400);
        JsonNode nine = expect(post(s, "stakes", ALICE, "{\"amount\": \"1.000000001\"}"), 400).json();
        assertThat(nine.get("message").asText()).isEqualTo("field `amount` `1.000000001` has more than 8 decimal places");
        expect(post(s, "stakes", ALICE, "{\"amount\": \"0\"}"), 400);
        expect(post(s, "stakes", ALICE, "{\"amount\": \"ten\"}"), 400);
        expect(post(s, "stakes", ALICE, "{\"amount\": "), 400);
        // revenue into a pool without shares: the ledger refuses it
        JsonNode rev = expect(post(s, "revenue", OPERATOR, "{\"amount\": \"1\"}"), 409).json();
        assertThat(rev.get("message").asText()).isEqualTo("pool `stakers` refused the operation: the pool has no shares;"
                + " revenue would land where no staker owns it");
        expect(s.post("/v1/pools/nowhere/stakes", ALICE, JSON, "{\"amount\": \"1\"}"), 404);
        expect(s.get("/v1/pools/stakers/stakers/alice"), 404);
        expect(s.get("/v1/layers/nowhere"), 404);
        JsonNode pool = s.get("/v1/pools/stakers").json();
        assertThat(pool.get("value").asText()).isEqualTo("0");
        assertThat(pool.get("history")).hasSize(1);
    }
}
