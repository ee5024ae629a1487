package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.adl.server.TestServer.CSV;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.TEXT;
import static dev.adl.server.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two markets' events draw on one venue's layers through the server (EXCHANGE.md section 4):
 * fund, shared pool, backstop, then ADL; the pool's window cap stops the second event's draw;
 * all of it survives a restart. Every number is worked out by hand in the comments.
 */
@ExtendWith(VertxExtension.class)
class VenueEventsTest {
    static final String POLICY = """
            policy "venue-waterfall" version 2
            markets "*-PERP"
            waterfall {
              fund "venue-fund" floor 1_000 max_use 100% per event
              pool "stakers" max_use 30% per event cap 3_000 per 24h
              backstop "clearing-house" cap 10_000 lifetime
              trigger when drawdown("venue-fund", 8h) > 90% until drawdown("venue-fund", 8h) < 10%
            }
            rank by upnl
            reduce { tier "queue" : queue }
            """;

    /** The venue of the scenario: fund 4,000, pool A 6,000 + B 4,000 (B asks for all 4,000 shares back), backstop 2,500. */
    static void venue(TestServer s) {
        expect(s.put("/v1/layers/venue-fund", OPERATOR, JSON, "{\"kind\": \"fund\", \"balance\": \"4000\"}"), 201);
        expect(s.put("/v1/layers/stakers", OPERATOR, JSON, "{\"kind\": \"pool\", \"cooldown\": \"13d\"}"), 201);
        expect(s.put("/v1/layers/clearing-house", OPERATOR, JSON, "{\"kind\": \"backstop\", \"balance\": \"2500\"}"),
                201);
        pool(s, "stakes", "{\"staker\": \"A\", \"amount\": \"6000\"}");
        pool(s, "stakes", "{\"staker\": \"B\", \"amount\": \"4000\"}");
        JsonNode req = pool(s, "unstake-requests", "{\"staker\": \"B\", \"shares\": \"4000\"}");
        assertThat(req.get("result").get("value_at_request").asText()).isEqualTo("4000");
    }

    static JsonNode pool(TestServer s, String route, String body) {
        return expect(s.post("/v1/pools/stakers/" + route, OPERATOR, JSON, body), 200).json();
    }

    static void market(TestServer s, String m, String mark, String positions) {
        expect(s.put("/v1/markets/" + m, OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"" + mark + "\"}"), 201);
        expect(s.put("/v1/markets/" + m + "/positions", OPERATOR, CSV,
                "account,market,side,size,entry_price,collateral\n" + positions.replace("@", m)), 200);
        expect(s.post("/v1/policies", PROPOSER, TEXT, POLICY), 201, 200);
        expect(s.post("/v1/markets/" + m + "/activate", OPERATOR, JSON,
                "{\"policy\": \"venue-waterfall\", \"version\": 2}"), 200);
    }

    static void markets(TestServer s) {
        market(s, "BTC-PERP", "48500", "B1,@,long,10,50000,5000\nS1,@,short,6,52000,10000\nS2,@,short,4,51000,8000\n");
        market(s, "ETH-PERP", "3200", "B2,@,short,30,3000,3000\nL1,@,long,40,2500,20000\n");
    }

    static String event(String account, String mark, Instant now) {
        return "{\"bankrupt_account\": \"" + account + "\", \"mark_price\": \"" + mark + "\", \"now\": \"" + now + "\"}";
    }

    private static void layer(JsonNode l, String name, String available, String absorbed, String paid, String after) {
        assertThat(l.get("name").asText()).isEqualTo(name);
        assertThat(l.get("available").asText()).as(name + " available").isEqualTo(available);
        assertThat(l.get("absorbed_size").asText()).as(name + " absorbed").isEqualTo(absorbed);
        assertThat(l.get("paid").asText()).as(name + " paid").isEqualTo(paid);
        assertThat(l.get("balance_after").asText()).as(name + " after").isEqualTo(after);
    }

    @Test
    void twoMarketsDrawOnOneVenueAndItAllSurvivesARestart(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        venue(s);
        markets(s);
        Instant t1 = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);

        // a dry run shows the waterfall it would use and pays nothing
        JsonNode dry = expect(s.post("/v1/markets/BTC-PERP/dry-run", OPERATOR, JSON,
                "{\"policy\": \"venue-waterfall\", \"version\": 2, \"event\": " + event("B1", "48500", t1) + "}"),
                200).json();
        assertThat(dry.get("candidate").get("layers")).hasSize(3);
        layer(dry.get("active").get("layers").get(1), "stakers", "3000", "3", "3000", "7000");
        assertThat(expect(s.get("/v1/layers/venue-fund"), 200).json().get("balance").asText()).isEqualTo("4000");
        assertThat(expect(s.get("/v1/pools/stakers"), 200).json().get("value").asText()).isEqualTo("10000");

        // event 1: bp 49,500, u 1,000, shortfall 10,000
        JsonNode e1 = expect(s.post("/v1/markets/BTC-PERP/events", OPERATOR, JSON, event("B1", "48500", t1)), 200)
                .json();
        assertThat(e1.get("bankruptcy_price").asText()).isEqualTo("49500");
        assertThat(e1.get("shortfall").asText()).isEqualTo("10000");
        // fund: (4,000 - 1,000) * 100% = 3,000 -> 3 lots
        layer(e1.get("layers").get(0), "venue-fund", "3000", "3", "3000", "1000");
        // pool: min(30% of 10,000, cap 3,000) = 3,000 -> 3 lots
        layer(e1.get("layers").get(1), "stakers", "3000", "3", "3000", "7000");
        // backstop: 2,500 -> 2 lots, 2,000
        layer(e1.get("layers").get(2), "clearing-house", "2500", "2", "2000", "500");
        assertThat(e1.get("fund_before").asText()).isEqualTo("16500");
        assertThat(e1.get("fund_paid").asText()).isEqualTo("8000");
        assertThat(e1.get("fund_absorbed_size").asText()).isEqualTo("8");
        assertThat(e1.get("fund_after").asText()).isEqualTo("8500");
        assertThat(e1.get("adl_size").asText()).isEqualTo("2");
        // S1's upnl 6 * 3,500 = 21,000 > S2's 4 * 2,500 = 10,000; 2 * (52,000 - 49,500) = 5,000
        JsonNode fill = e1.get("fills").get(0);
        assertThat(fill.get("account").asText()).isEqualTo("S1");
        assertThat(fill.get("size").asText()).isEqualTo("2");
        assertThat(fill.get("price").asText()).isEqualTo("49500");
        assertThat(fill.get("realized_pnl").asText()).isEqualTo("5000");
        assertThat(e1.get("trigger_active_after").asBoolean()).isFalse();

        // the pool's share price fell by 3,000 / 10,000 shares: 0.7; A 4,200, B 2,800 (B's request still 4,000 shares)
        JsonNode pool = expect(s.get("/v1/pools/stakers"), 200).json();
        assertThat(pool.get("value").asText()).isEqualTo("7000");
        assertThat(pool.get("share_price").asText()).isEqualTo("0.7");
        assertThat(expect(s.get("/v1/pools/stakers/stakers/A"), 200).json().get("value").asText()).isEqualTo("4200");
        JsonNode b = expect(s.get("/v1/pools/stakers/stakers/B"), 200).json();
        assertThat(b.get("value").asText()).isEqualTo("2800");
        assertThat(b.get("request").get("shares").asText()).isEqualTo("4000");
        assertThat(b.get("request").get("value_at_request").asText()).isEqualTo("4000");
        assertThat(expect(s.get("/v1/layers/venue-fund"), 200).json().get("balance").asText()).isEqualTo("1000");
        assertThat(expect(s.get("/v1/layers/clearing-house"), 200).json().get("balance").asText()).isEqualTo("500");
        String metrics = s.get("/metrics").body();
        assertThat(metrics).contains("adl_pool_share_price{layer=\"stakers\",kind=\"pool\"} 0.7\n")
                .contains("adl_layer_paid_total{layer=\"stakers\",kind=\"pool\"} 3000\n")
                .contains("adl_layer_balance{layer=\"clearing-house\",kind=\"backstop\"} 500\n");

        // event 2, an hour later, the other market: bp 3,100, u 100, shortfall 3,000
        JsonNode e2 = expect(s.post("/v1/markets/ETH-PERP/events", OPERATOR, JSON,
                event("B2", "3200", t1.plusSeconds(3600))), 200).json();
        assertThat(e2.get("shortfall").asText()).isEqualTo("3000");
        // the fund is at its floor; the pool's 30% of 7,000 = 2,100 meets a 24h cap with 0 left
        layer(e2.get("layers").get(0), "venue-fund", "0", "0", "0", "1000");
        layer(e2.get("layers").get(1), "stakers", "0", "0", "0", "7000");
        // backstop: 500 (lifetime cap leaves 8,000) -> 5 lots
        layer(e2.get("layers").get(2), "clearing-house", "500", "5", "500", "0");
        assertThat(e2.get("adl_size").asText()).isEqualTo("25");
        JsonNode f2 = e2.get("fills").get(0);
        assertThat(f2.get("account").asText()).isEqualTo("L1");
        assertThat(f2.get("size").asText()).isEqualTo("25");
        assertThat(f2.get("price").asText()).isEqualTo("3100");
        assertThat(f2.get("realized_pnl").asText()).isEqualTo("15000");
        // drawdown 75% < 90%: never active
        assertThat(e2.get("trigger_active_after").asBoolean()).isFalse();

        // the journal keeps each event's layers
        JsonNode journal = expect(s.get("/v1/markets/ETH-PERP/events"), 200).json().get("events").get(0);
        assertThat(journal.toString()).contains("\"clearing-house\"");

        String layers = s.get("/v1/layers?full=true").body();
        String poolBody = s.get("/v1/pools/stakers").body().replaceAll("\"yield\".*", "");
        String bBody = s.get("/v1/pools/stakers/stakers/B").body();
        String btc = s.get("/v1/markets/BTC-PERP").body();
        TestServer again = s.restart();
        assertThat(again.get("/v1/layers?full=true").body()).isEqualTo(layers);
        assertThat(again.get("/v1/pools/stakers").body().replaceAll("\"yield\".*", "")).isEqualTo(poolBody);
        assertThat(again.get("/v1/pools/stakers/stakers/B").body()).isEqualTo(bBody);
        assertThat(again.get("/v1/markets/BTC-PERP").body()).isEqualTo(btc);
        // the paid history came back: the pool's 24h cap still has nothing left for another BTC-PERP event
        JsonNode e3 = expect(again.post("/v1/markets/BTC-PERP/events", OPERATOR, JSON,
                event("S2", "60000", t1.plusSeconds(7200))), 200).json();
        layer(e3.get("layers").get(1), "stakers", "0", "0", "0", "7000");
        again.close();
    }

    @Test
    void theExamplesShareOnePoolBetweenTwoMarkets(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, TestServer.options(dir, false).withExamples(Path.of("..", "examples"), 60));
        for (String m : new String[] {"ETH-PERP", "AVAX-PERP"}) {
            assertThat(expect(s.get("/v1/markets/" + m), 200).json().get("policy").asText()).isEqualTo("shared-pool");
        }
        JsonNode r = expect(s.post("/v1/markets/ETH-PERP/events", OPERATOR, JSON,
                "{\"bankrupt_account\": \"BANKRUPT\", \"mark_price\": \"1000\"}"), 200).json();
        assertThat(r.get("layers")).extracting(l -> l.get("name").asText())
                .containsExactly("btc-fund", "stakers", "clearing-house");
        // the fund's headroom (300,000 - floor 50,000) * 50% = 125,000 covers the shortfall: it pays it all
        BigDecimal paid = new BigDecimal(r.get("layers").get(0).get("paid").asText());
        assertThat(paid).isEqualByComparingTo(r.get("fund_paid").asText()).isPositive();
        assertThat(new BigDecimal(expect(s.get("/v1/layers/btc-fund"), 200).json().get("balance").asText()))
                .isEqualByComparingTo(new BigDecimal("300000").subtract(paid));
        // the market's own fund is not a layer: it stays where the examples put it
        assertThat(expect(s.get("/v1/markets/ETH-PERP"), 200).json().get("fund").get("balance").asText())
                .isEqualTo("300000");
        s.close();
    }

    @Test
    void aLayerThePolicyNamesButTheServerLacksRefusesTheEventAndChangesNothing(Vertx vertx, @TempDir Path dir)
            throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        expect(s.put("/v1/layers/venue-fund", OPERATOR, JSON, "{\"kind\": \"fund\", \"balance\": \"4000\"}"), 201);
        expect(s.put("/v1/layers/clearing-house", OPERATOR, JSON, "{\"kind\": \"backstop\", \"balance\": \"2500\"}"),
                201);
        markets(s);
        String before = s.get("/v1/markets/BTC-PERP").body() + s.get("/v1/layers?full=true").body();
        JsonNode r = expect(s.post("/v1/markets/BTC-PERP/events", OPERATOR, JSON,
                event("B1", "48500", Instant.now())), 409).json();
        assertThat(r.get("message").asText()).isEqualTo("policy `venue-waterfall` of market `BTC-PERP` draws on layer"
                + " `stakers`, which the server does not have; create it with PUT /v1/layers/stakers");
        assertThat(r.get("errors")).isEmpty();
        assertThat(s.get("/v1/markets/BTC-PERP").body() + s.get("/v1/layers?full=true").body()).isEqualTo(before);
        assertThat(s.get("/v1/markets/BTC-PERP/events").json().get("total").asInt()).isZero();
        s.close();
    }
}
