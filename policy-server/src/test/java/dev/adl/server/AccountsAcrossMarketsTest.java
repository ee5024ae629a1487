package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.adl.server.TestServer.CSV;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.TEXT;
import static dev.adl.server.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account-level ranking on one market reads the positions the accounts hold in another
 * market of the server, as they are when the event runs, and a restart replays the same.
 */
@ExtendWith(VertxExtension.class)
class AccountsAcrossMarketsTest {
    static final String POLICY = """
            policy "by-account" version 2
            markets "*-PERP"
            rank by account_notional
            reduce { tier "queue" : queue }
            """;
    static final String HEADER = "account,market,side,size,entry_price,collateral\n";
    static final String DRY = "{\"policy\": \"by-account\", \"version\": 2, \"event\": "
            + "{\"bankrupt_account\": \"BK2\", \"mark_price\": \"100\"}}";

    @Test
    void positionsInAnotherMarketChangeTheOrderAlsoAfterARestart(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        expect(s.put("/v1/markets/A-PERP", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"100\"}"), 201);
        expect(s.put("/v1/markets/B-PERP", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"50\"}"), 201);
        // BK and BK2: bp = 110 - 50 / 10 = 105, at mark 100 a shortfall of 50 and no fund: ADL 10
        expect(s.put("/v1/markets/A-PERP/positions", OPERATOR, CSV, HEADER
                + "BK,A-PERP,long,10,110,50\nBK2,A-PERP,long,10,110,50\n"
                + "X,A-PERP,short,20,100,5000\nY,A-PERP,short,20,100,5000\n"), 200);
        expect(s.put("/v1/markets/B-PERP/positions", OPERATOR, CSV, HEADER + "Y,B-PERP,long,1,50,100\n"), 200);
        expect(s.post("/v1/policies", PROPOSER, TEXT, POLICY), 201);
        expect(s.post("/v1/markets/A-PERP/activate", OPERATOR, JSON, "{\"policy\": \"by-account\", \"version\": 2}"),
                200);

        // X: 20 * 100 = 2,000; Y: 2,000 + 1 * 50 = 2,050 -> Y first and takes all 10
        assertThat(first(expect(s.post("/v1/markets/A-PERP/dry-run", OPERATOR, JSON, DRY), 200).json()))
                .isEqualTo("Y");

        // X opens 3 at 50 in B-PERP: X 2,000 + 150 = 2,150 > Y 2,050 -> X first
        expect(s.put("/v1/markets/B-PERP/positions", OPERATOR, CSV, HEADER
                + "Y,B-PERP,long,1,50,100\nX,B-PERP,long,3,50,1000\n"), 200);
        JsonNode e1 = expect(s.post("/v1/markets/A-PERP/events", OPERATOR, JSON,
                "{\"bankrupt_account\": \"BK\", \"mark_price\": \"100\"}"), 200).json();
        assertThat(e1.get("adl_size").asText()).isEqualTo("10");
        assertThat(e1.get("fills")).hasSize(1);
        assertThat(e1.get("fills").get(0).get("account").asText()).isEqualTo("X");
        assertThat(e1.get("fills").get(0).get("size").asText()).isEqualTo("10");

        // the event updated the sums: X 10 * 100 + 150 = 1,150 < Y 2,050 -> Y first again
        String dry = expect(s.post("/v1/markets/A-PERP/dry-run", OPERATOR, JSON, DRY), 200).body();
        assertThat(first(Json.parse(dry))).isEqualTo("Y");
        String journal = s.get("/v1/markets/A-PERP/events").body();

        // the replay applies the event again on the venue as its line found it and checks the result
        TestServer again = s.restart();
        assertThat(again.get("/v1/markets/A-PERP/events").body()).isEqualTo(journal);
        assertThat(expect(again.post("/v1/markets/A-PERP/dry-run", OPERATOR, JSON, DRY), 200).body())
                .isEqualTo(dry);
        again.close();
    }

    private static String first(JsonNode dryRun) {
        JsonNode fills = dryRun.get("active").get("fills");
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).get("size").asText()).isEqualTo("10");
        return fills.get(0).get("account").asText();
    }
}
