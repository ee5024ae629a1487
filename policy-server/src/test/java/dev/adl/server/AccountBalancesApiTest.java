package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.adl.server.TestServer.CSV;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.TEXT;
import static dev.adl.server.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PUT /v1/accounts}: the cross balances that {@code account_equity} adds, replaced as a
 * whole, journaled and replayed; a bad CSV is refused with its line and changes nothing.
 */
@ExtendWith(VertxExtension.class)
class AccountBalancesApiTest {
    static final String POLICY = """
            policy "by-equity" version 2
            markets "*-PERP"
            rank by account_equity
            reduce { tier "queue" : queue }
            """;
    static final String HEADER = AccountsAcrossMarketsTest.HEADER;
    static final String DRY = "{\"policy\": \"by-equity\", \"version\": 2, \"event\": "
            + "{\"bankrupt_account\": \"BK2\", \"mark_price\": \"100\"}}";

    @Test
    void balancesReorderTheQueueAreReplacedWholeAndSurviveARestart(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        expect(s.put("/v1/markets/A-PERP", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"100\"}"), 201);
        // BK, BK2: bp = 110 - 50 / 10 = 105, under water at 100 with no fund: ADL 10
        expect(s.put("/v1/markets/A-PERP/positions", OPERATOR, CSV, HEADER
                + "BK,A-PERP,long,10,110,50\nBK2,A-PERP,long,10,110,50\n"
                + "X,A-PERP,short,20,100,5000\nY,A-PERP,short,20,100,4900\n"), 200);
        expect(s.post("/v1/policies", PROPOSER, TEXT, POLICY), 201);
        expect(s.post("/v1/markets/A-PERP/activate", OPERATOR, JSON, "{\"policy\": \"by-equity\", \"version\": 2}"),
                200);
        // no balances: X 5,000 > Y 4,900
        assertThat(first(s)).isEqualTo("X");

        // Y 4,900 + 200.00000001 > X 5,000
        JsonNode put = expect(s.put("/v1/accounts", OPERATOR, CSV, "account,balance\nY,200.00000001\n"), 200).json();
        assertThat(put.get("accounts").asInt()).isEqualTo(1);
        assertThat(first(s)).isEqualTo("Y");

        // replaced as a whole: Y back to 0 (4,900) and X 5,000 - 100.5 = 4,899.5 -> Y still first
        expect(s.put("/v1/accounts", OPERATOR, CSV, "account,balance\nX,-100.5\nZ,7\n"), 200);
        assertThat(first(s)).isEqualTo("Y");
        // X 5,000 - 99.99999999 = 4,900.00000001 > Y 4,900: eight places decide it
        expect(s.put("/v1/accounts", OPERATOR, CSV, "account,balance\nX,-99.99999999\n"), 200);
        String dry = expect(s.post("/v1/markets/A-PERP/dry-run", OPERATOR, JSON, DRY), 200).body();
        assertThat(first(Json.parse(dry))).isEqualTo("X");

        // refused, each with its line, and nothing changed
        JsonNode bad = expect(s.put("/v1/accounts", OPERATOR, CSV, "account,balance\nY,5000\nX,abc\n"), 400).json();
        assertThat(bad.get("code").asText()).isEqualTo("bad_csv");
        assertThat(bad.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(bad.get("errors").get(0).get("message").asText()).contains("`abc`");
        JsonNode twice = expect(s.put("/v1/accounts", OPERATOR, CSV, "account,balance\nY,1\nY,2\n"), 400).json();
        assertThat(twice.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(twice.get("errors").get(0).get("message").asText()).contains("line 2");
        expect(s.put("/v1/accounts", OPERATOR, CSV, "account,cash\nY,1\n"), 400);
        expect(s.put("/v1/accounts", PROPOSER, CSV, "account,balance\nY,5000\n"), 403);
        assertThat(expect(s.post("/v1/markets/A-PERP/dry-run", OPERATOR, JSON, DRY), 200).body()).isEqualTo(dry);
        assertThat(Files.readString(dir.resolve("data").resolve("ops.log")).split("\"op\":\"accounts\"", -1))
                .hasSize(4);

        JsonNode e = expect(s.post("/v1/markets/A-PERP/events", OPERATOR, JSON,
                "{\"bankrupt_account\": \"BK\", \"mark_price\": \"100\"}"), 200).json();
        assertThat(e.get("fills").get(0).get("account").asText()).isEqualTo("X");
        String journal = s.get("/v1/markets/A-PERP/events").body();

        // the replay puts the last balances back and checks the event against them
        TestServer again = s.restart();
        assertThat(again.get("/v1/markets/A-PERP/events").body()).isEqualTo(journal);
        // X paid 50 for 10 filled at 105 short from 100: 5,000 - 50 - 99.99999999 = 4,850.00000001 < Y 4,900
        String after = expect(again.post("/v1/markets/A-PERP/dry-run", OPERATOR, JSON, DRY), 200).body();
        assertThat(first(Json.parse(after))).isEqualTo("Y");
        again.close();
    }

    @Test
    void aPutWhileASnapshotIsWrittenVoidsIt(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        List<Runnable> held = new ArrayList<>();
        s.server.state().snapshots.every = 1;
        s.server.state().snapshots.executor = held::add;
        expect(s.put("/v1/markets/A-PERP", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"100\"}"), 201);
        expect(s.put("/v1/markets/A-PERP/positions", OPERATOR, CSV, HEADER
                + "BK,A-PERP,long,10,110,50\nBK2,A-PERP,long,10,110,50\n"
                + "X,A-PERP,short,20,100,5000\nY,A-PERP,short,20,100,4900\n"), 200);
        expect(s.post("/v1/policies", PROPOSER, TEXT, POLICY), 201);
        expect(s.post("/v1/markets/A-PERP/activate", OPERATOR, JSON, "{\"policy\": \"by-equity\", \"version\": 2}"),
                200);
        // X 5,000 > Y 4,900; then X 4,950 (50 paid on 10 filled at 105) > Y 4,900, read after the snapshot's state
        assertThat(fill(s, "BK")).isEqualTo("X");
        assertThat(fill(s, "BK2")).isEqualTo("X");
        // Y 4,900 + 100 > X 4,950: the second event, replayed on top of the snapshot, would read this
        expect(s.put("/v1/accounts", OPERATOR, CSV, "account,balance\nY,100\n"), 200);
        assertThat(held).hasSize(1);
        held.get(0).run();
        assertThat(Files.readString(dir.resolve("data").resolve("ops.log"))).doesNotContain("\"op\":\"snapshot\"");
        String journal = s.get("/v1/markets/A-PERP/events").body();
        TestServer again = s.restart();
        assertThat(again.get("/v1/markets/A-PERP/events").body()).isEqualTo(journal);
        again.close();
    }

    private static String fill(TestServer s, String bankrupt) {
        JsonNode e = expect(s.post("/v1/markets/A-PERP/events", OPERATOR, JSON,
                "{\"bankrupt_account\": \"" + bankrupt + "\", \"mark_price\": \"100\"}"), 200).json();
        assertThat(e.get("fills")).hasSize(1);
        return e.get("fills").get(0).get("account").asText();
    }

    private static String first(TestServer s) {
        return first(expect(s.post("/v1/markets/A-PERP/dry-run", OPERATOR, JSON, DRY), 200).json());
    }

    private static String first(JsonNode dryRun) {
        JsonNode fills = dryRun.get("active").get("fills");
        assertThat(fills).hasSize(1);
        return fills.get(0).get("account").asText();
    }
}
