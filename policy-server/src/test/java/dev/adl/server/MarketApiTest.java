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

import static dev.adl.server.TestServer.CSV;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.TEXT;
import static dev.adl.server.TestServer.VIEWER;
import static dev.adl.server.TestServer.policy;
import static dev.adl.server.TestServer.positions;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class MarketApiTest {
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

    private static String event(String account) {
        return "{\"bankrupt_account\": \"" + account + "\", \"mark_price\": \"1000\", \"now\": \"2026-01-01T08:00:00Z\"}";
    }

    @Test
    void marketIsCreatedUpdatedAndReadOpenly() {
        TestServer.Resp created = s.put("/v1/markets/TEST-A", OPERATOR, JSON, "{\"lot_size\": \"0.5\", \"mark_price\": \"990\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("lot_size").asText()).isEqualTo("0.5");
        assertThat(created.json().get("policy").isNull()).isTrue();
        TestServer.Resp updated = s.put("/v1/markets/TEST-A", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}");
        assertThat(updated.status()).isEqualTo(200);
        JsonNode view = s.get("/v1/markets/TEST-A").json();
        assertThat(view.get("mark_price").asText()).isEqualTo("1000");
        assertThat(view.get("positions").asInt()).isZero();
        assertThat(s.get("/v1/markets").json().get("markets").toString()).contains("\"TEST-A\"");
        assertThat(s.get("/v1/markets/NOPE").status()).isEqualTo(404);

        TestServer.Resp bad = s.put("/v1/markets/TEST-A", OPERATOR, JSON, "{\"lot_size\": \"abc\", \"mark_price\": \"1\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("`lot_size`", "`abc`");
        assertThat(s.put("/v1/markets/TEST-A", OPERATOR, JSON, "{\"lot_size\": \"0\", \"mark_price\": \"1\"}").status())
                .isEqualTo(400);
        assertThat(s.put("/v1/markets/bad%20name", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1\"}").status())
                .isEqualTo(400);
        assertThat(s.put("/v1/markets/TEST-A", VIEWER, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1\"}").status())
                .isEqualTo(403);
        assertThat(s.put("/v1/markets/TEST-A", null, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1\"}").status())
                .isEqualTo(401);
        assertThat(s.put("/v1/markets/TEST-A", OPERATOR, JSON, "[1]").status()).isEqualTo(400);
        assertThat(s.put("/v1/markets/TEST-A", OPERATOR, JSON, "x".repeat(70_000)).status()).isEqualTo(413);
    }

    @Test
    void positionsAreReplacedAndChangedWithCsvErrorsLocated() {
        s.put("/v1/markets/TEST-P", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}");
        TestServer.Resp put = s.put("/v1/markets/TEST-P/positions", OPERATOR, CSV, positions("TEST-P", 4, 2));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("positions").asInt()).isEqualTo(6);
        assertThat(s.get("/v1/markets/TEST-P").json().get("open_interest_size").asText()).isEqualTo("4");

        TestServer.Resp change = s.post("/v1/markets/TEST-P/positions", OPERATOR, CSV,
                "account,market,side,size,entry_price,collateral\nL1,TEST-P,long,0,1200,0\nL9,TEST-P,long,3,1000,100\n");
        assertThat(change.status()).isEqualTo(200);
        assertThat(change.json().get("positions").asInt()).isEqualTo(6);
        assertThat(s.get("/v1/markets/TEST-P").json().get("open_interest_size").asText()).isEqualTo("6");

        TestServer.Resp bad = s.put("/v1/markets/TEST-P/positions", OPERATOR, CSV,
                "account,market,side,size,entry_price,collateral\nA,TEST-P,long,1,100,1\nB,TEST-P,sideways,1,100,1\n");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(bad.json().get("errors").get(0).get("message").asText()).contains("sideways");
        TestServer.Resp other = s.put("/v1/markets/TEST-P/positions", OPERATOR, CSV,
                "account,market,side,size,entry_price,collateral\nA,OTHER,long,1,100,1\n");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("message").asText()).contains("`OTHER`");
        assertThat(s.put("/v1/markets/TEST-P/positions", OPERATOR, JSON, "{}").status()).isEqualTo(415);
        assertThat(s.put("/v1/markets/TEST-NONE/positions", OPERATOR, CSV, positions("TEST-NONE", 2, 1)).status())
                .isEqualTo(404);
        assertThat(s.put("/v1/markets/TEST-P/positions", PROPOSER, CSV, positions("TEST-P", 2, 1)).status())
                .isEqualTo(403);
        // the refused uploads changed nothing
        assertThat(s.get("/v1/markets/TEST-P").json().get("open_interest_size").asText()).isEqualTo("6");
    }

    @Test
    void aPositionsUploadThatIsNotUtf8IsRefusedAndChangesNothing() {
        s.market("TEST-8", 4, 2, policy("utf8", 1, "upnl"));
        JsonNode before = s.get("/v1/markets/TEST-8").json();
        byte[] latin1 = ("account,market,side,size,entry_price,collateral\n"
                + "Z\u00e9,TEST-8,long,1,1200,10\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> r = s.client
                .request(io.vertx.core.http.HttpMethod.POST, s.server.port(), "localhost", "/v1/markets/TEST-8/positions")
                .putHeader("Authorization", "Bearer " + OPERATOR).putHeader("Content-Type", CSV)
                .sendBuffer(io.vertx.core.buffer.Buffer.buffer(latin1)).await();
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("not UTF-8");
        assertThat(s.get("/v1/markets/TEST-8").json()).isEqualTo(before);
    }

    @Test
    void fundAndExposuresAreSet() {
        s.put("/v1/markets/TEST-F", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}");
        TestServer.Resp fund = s.put("/v1/markets/TEST-F/fund", OPERATOR, JSON,
                "{\"balance\": \"5000\", \"history\": [{\"at\": \"2026-01-01T00:00:00Z\", \"balance\": \"9000\"}]}");
        assertThat(fund.status()).isEqualTo(200);
        assertThat(fund.json().get("fund").get("balance").asText()).isEqualTo("5000");
        assertThat(fund.json().get("fund").get("history").get(0).get("balance").asText()).isEqualTo("9000");
        assertThat(s.put("/v1/markets/TEST-F/fund", OPERATOR, JSON, "{\"balance\": \"-1\"}").status()).isEqualTo(400);
        TestServer.Resp badTime = s.put("/v1/markets/TEST-F/fund", OPERATOR, JSON,
                "{\"balance\": \"1\", \"history\": [{\"at\": \"yesterday\", \"balance\": \"1\"}]}");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("message").asText()).contains("`yesterday`");

        TestServer.Resp exp = s.put("/v1/exposures/venue-b", OPERATOR, CSV,
                "account,source,notional,collateral,as_of\nS1,venue-b,100,10,2026-01-01T07:59:30Z\n");
        assertThat(exp.status()).isEqualTo(200);
        assertThat(exp.json().get("sources").asInt()).isGreaterThanOrEqualTo(1);
        TestServer.Resp wrong = s.put("/v1/exposures/venue-b", OPERATOR, CSV,
                "account,source,notional,collateral,as_of\nS1,venue-c,100,10,2026-01-01T07:59:30Z\n");
        assertThat(wrong.status()).isEqualTo(400);
        TestServer.Resp dup = s.put("/v1/exposures/venue-b", OPERATOR, CSV,
                "account,source,notional,collateral,as_of\nS1,venue-b,1,1,2026-01-01T07:59:30Z\nS1,venue-b,1,1,2026-01-01T07:59:30Z\n");
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.json().get("errors").get(0).get("line").asInt()).isEqualTo(3);
    }

    @Test
    void eventsApplyJournalAndPage() {
        s.market("TEST-E", 6, 3, policy("ev", 1, "upnl"));
        assertThat(s.post("/v1/markets/TEST-E/events", VIEWER, JSON, event("L1")).status()).isEqualTo(403);
        TestServer.Resp r = s.post("/v1/markets/TEST-E/events", OPERATOR, JSON, event("L1"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("policy").asText()).isEqualTo("ev");
        assertThat(j.get("version").asLong()).isEqualTo(1);
        assertThat(j.get("bankruptcy_price").asText()).isEqualTo("1190");
        assertThat(j.get("adl_size").asText()).isEqualTo("1");
        // rank by upnl: the short with the highest entry (S3 at 1130) is first in line
        assertThat(j.get("fills").get(0).get("account").asText()).isEqualTo("S3");
        assertThat(j.get("fills").get(0).get("rank").asInt()).isEqualTo(1);
        JsonNode market = s.get("/v1/markets/TEST-E").json();
        assertThat(market.get("positions").asInt()).isEqualTo(8);
        assertThat(market.get("mark_price").asText()).isEqualTo("1000");

        for (String a : List.of("L2", "L3")) {
            assertThat(s.post("/v1/markets/TEST-E/events", OPERATOR, JSON, event(a)).status()).isEqualTo(200);
        }
        JsonNode page = s.get("/v1/markets/TEST-E/events?offset=1&limit=1").json();
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("events")).hasSize(1);
        assertThat(page.get("events").get(0).get("seq").asInt()).isEqualTo(2);
        assertThat(page.get("events").get(0).get("event").get("bankrupt_account").asText()).isEqualTo("L2");
        assertThat(page.get("events").get(0).get("result").get("bankrupt_account").asText()).isEqualTo("L2");
        assertThat(s.get("/v1/markets/TEST-E/events?limit=0").status()).isEqualTo(400);
        assertThat(s.get("/v1/markets/TEST-E/events?offset=x").status()).isEqualTo(400);
    }

    @Test
    void eventAnswersShowAPageOfFillsAndCountThemAll() {
        s.market("TEST-F", 1, 1, policy("fills", 1, "upnl"));
        String csv = "account,market,side,size,entry_price,collateral\n"
                + "BIG,TEST-F,long,3,1200,10\n"
                + "S1,TEST-F,short,1,1110,5000\nS2,TEST-F,short,1,1120,5000\nS3,TEST-F,short,1,1130,5000\n";
        TestServer.expect(s.put("/v1/markets/TEST-F/positions", OPERATOR, CSV, csv), 200);
        String big = "{\"bankrupt_account\": \"BIG\", \"mark_price\": \"1000\", \"now\": \"2026-01-01T08:00:00Z\"}";

        JsonNode dry = s.post("/v1/markets/TEST-F/dry-run?fills_limit=2", OPERATOR, JSON,
                "{\"policy\": \"fills\", \"version\": 1, \"event\": " + big + "}").json();
        assertThat(dry.get("candidate").get("fills")).hasSize(2);
        assertThat(dry.get("candidate").get("fills_total").asInt()).isEqualTo(3);

        JsonNode r = s.post("/v1/markets/TEST-F/events?fills_limit=1", OPERATOR, JSON, big).json();
        assertThat(r.get("fills")).hasSize(1);
        assertThat(r.get("fills_total").asInt()).isEqualTo(3);
        assertThat(r.get("fills_shown").asInt()).isEqualTo(1);
        assertThat(r.get("fills").get(0).get("rank").asInt()).isEqualTo(1);
        // the journal keeps every fill; the default page shows them all here
        JsonNode all = s.get("/v1/markets/TEST-F/events").json().get("events").get(0).get("result");
        assertThat(all.get("fills")).hasSize(3);
        assertThat(all.get("fills_shown").asInt()).isEqualTo(3);
        JsonNode none = s.get("/v1/markets/TEST-F/events?fills_limit=0").json().get("events").get(0).get("result");
        assertThat(none.get("fills")).isEmpty();
        assertThat(none.get("fills_total").asInt()).isEqualTo(3);
        assertThat(s.get("/v1/markets/TEST-F/events?fills_limit=-1").status()).isEqualTo(400);
    }

    @Test
    void anEventThatCannotBeLoggedChangesNothingAndTheServerSaysItIsNotReady(Vertx vertx, @TempDir Path dir)
            throws Exception {
        try (TestServer t = TestServer.start(vertx, dir, false)) {
            t.market("TEST-L", 4, 2, policy("logged", 1, "upnl"));
            JsonNode before = t.get("/v1/markets/TEST-L").json();
            t.server.state().ops.close(); // every later append fails, as on a full or failed disk
            TestServer.Resp r = t.post("/v1/markets/TEST-L/events", OPERATOR, JSON, event("L1"));
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("code").asText()).isEqualTo("unavailable");
            assertThat(r.body()).doesNotContain("Exception");
            JsonNode after = t.get("/v1/markets/TEST-L").json();
            assertThat(after).isEqualTo(before);
            assertThat(t.get("/health/ready").status()).isEqualTo(503);
        }
    }

    @Test
    void numbersAndInstantsOutOfRangeAreRefusedWithoutExpandingThem() {
        s.market("TEST-N", 4, 2, policy("range", 1, "upnl"));
        JsonNode before = s.get("/v1/markets/TEST-N").json();
        for (String body : List.of("{\"lot_size\": \"1\", \"mark_price\": 1e999999999}",
                "{\"lot_size\": 1e-999999999, \"mark_price\": \"1000\"}")) {
            TestServer.Resp r = s.put("/v1/markets/TEST-N", OPERATOR, JSON, body);
            assertThat(r.status()).as(body).isEqualTo(400);
        }
        TestServer.Resp fund = s.put("/v1/markets/TEST-N/fund", OPERATOR, JSON, "{\"balance\": \"10\", "
                + "\"history\": [{\"at\": \"-1000000000-01-01T00:00:00Z\", \"balance\": \"5\"}]}");
        assertThat(fund.status()).isEqualTo(400);
        assertThat(fund.json().get("message").asText()).contains("1970 to 9999");
        for (String ev : List.of("{\"bankrupt_account\": \"L1\", \"mark_price\": 1e999999999}",
                "{\"bankrupt_account\": \"L1\", \"mark_price\": \"1000\", \"now\": \"-1000000000-01-01T00:00:00Z\"}",
                "{\"bankrupt_account\": \"L1\", \"mark_price\": \"1000.000000001\"}")) {
            TestServer.Resp r = s.post("/v1/markets/TEST-N/events", OPERATOR, JSON, ev);
            assertThat(r.status()).as(ev).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("line").asInt()).as(ev).isEqualTo(1);
            assertThat(r.json().get("errors").get(0).get("col").asInt()).as(ev).isGreaterThan(1);
        }
        TestServer.Resp wrapped = s.post("/v1/markets/TEST-N/activate", OPERATOR, JSON,
                "{\"policy\": \"range\", \"version\": 18446744073709551617}");
        assertThat(wrapped.status()).isEqualTo(400);
        assertThat(s.get("/v1/markets/TEST-N").json()).isEqualTo(before);
    }

    @Test
    void anEventForAnUnknownOrClosedAccountChangesNothing() {
        s.market("TEST-U", 4, 2, policy("unknown", 1, "upnl"));
        String before = s.get("/v1/markets/TEST-U").body();
        TestServer.Resp unknown = s.post("/v1/markets/TEST-U/events", OPERATOR, JSON, event("GHOST"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).contains("`GHOST`");
        assertThat(s.get("/v1/markets/TEST-U").body()).isEqualTo(before);
        assertThat(s.get("/v1/markets/TEST-U/events").json().get("total").asInt()).isZero();

        assertThat(s.post("/v1/markets/TEST-U/events", OPERATOR, JSON, event("L1")).status()).isEqualTo(200);
        String after = s.get("/v1/markets/TEST-U").body();
        TestServer.Resp closed = s.post("/v1/markets/TEST-U/events", OPERATOR, JSON, event("L1"));
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().get("code").asText()).isEqualTo("event_refused");
        assertThat(s.get("/v1/markets/TEST-U").body()).isEqualTo(after);

        assertThat(s.post("/v1/markets/TEST-U/events", OPERATOR, JSON, "{\"mark_price\": \"1\"}").status()).isEqualTo(400);
        assertThat(s.post("/v1/markets/TEST-U/events", OPERATOR, JSON,
                "{\"bankrupt_account\": \"L2\", \"mark_price\": \"-5\"}").status()).isEqualTo(400);
        assertThat(s.post("/v1/markets/TEST-NONE/events", OPERATOR, JSON, event("L1")).status()).isEqualTo(404);

        s.put("/v1/markets/TEST-NOPOLICY", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}");
        s.put("/v1/markets/TEST-NOPOLICY/positions", OPERATOR, CSV, positions("TEST-NOPOLICY", 2, 1));
        TestServer.Resp noPolicy = s.post("/v1/markets/TEST-NOPOLICY/events", OPERATOR, JSON, event("L1"));
        assertThat(noPolicy.status()).isEqualTo(409);
        assertThat(noPolicy.json().get("message").asText()).contains("no active policy");
    }

    @Test
    void dryRunShowsBothResultsSideBySideAndChangesNothing() {
        s.market("TEST-D", 6, 3, policy("dry", 1, "upnl"));
        s.post("/v1/policies", PROPOSER, TEXT, policy("dry", 2, "-upnl"));
        String before = s.get("/v1/markets/TEST-D").body();
        TestServer.Resp r = s.post("/v1/markets/TEST-D/dry-run", PROPOSER, JSON,
                "{\"policy\": \"dry\", \"version\": 2, \"event\": " + event("L1") + "}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("candidate").get("version").asLong()).isEqualTo(2);
        assertThat(j.get("active").get("version").asLong()).isEqualTo(1);
        assertThat(j.get("candidate").get("fills").get(0).get("account").asText()).isEqualTo("S1");
        assertThat(j.get("active").get("fills").get(0).get("account").asText()).isEqualTo("S3");
        assertThat(j.get("only_candidate").toString()).isEqualTo("[\"S1\"]");
        assertThat(j.get("only_active").toString()).isEqualTo("[\"S3\"]");
        assertThat(s.get("/v1/markets/TEST-D").body()).isEqualTo(before);
        assertThat(s.get("/v1/markets/TEST-D/events").json().get("total").asInt()).isZero();

        assertThat(s.post("/v1/markets/TEST-D/dry-run", PROPOSER, JSON,
                "{\"policy\": \"dry\", \"version\": 9, \"event\": " + event("L1") + "}").status()).isEqualTo(404);
        assertThat(s.post("/v1/markets/TEST-D/dry-run", PROPOSER, JSON,
                "{\"policy\": \"dry\", \"version\": 2}").status()).isEqualTo(400);
        assertThat(s.post("/v1/markets/TEST-D/dry-run", VIEWER, JSON,
                "{\"policy\": \"dry\", \"version\": 2, \"event\": " + event("L1") + "}").status()).isEqualTo(403);
    }

    @Test
    void activateRollbackAndActivationHistory() {
        s.market("TEST-H", 6, 3, policy("swap", 1, "upnl"));
        s.post("/v1/policies", PROPOSER, TEXT, policy("swap", 2, "-upnl"));
        TestServer.Resp a = s.post("/v1/markets/TEST-H/activate", OPERATOR, JSON, "{\"policy\": \"swap\", \"version\": 2}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("previous").get("version").asLong()).isEqualTo(1);
        assertThat(s.post("/v1/markets/TEST-H/events", OPERATOR, JSON, event("L1")).json().get("version").asLong())
                .isEqualTo(2);
        TestServer.Resp back = s.post("/v1/markets/TEST-H/rollback", OPERATOR, null, null);
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("kind").asText()).isEqualTo("rollback");
        assertThat(back.json().get("version").asLong()).isEqualTo(1);
        assertThat(s.get("/v1/markets/TEST-H").json().get("version").asLong()).isEqualTo(1);
        assertThat(s.post("/v1/markets/TEST-H/events", OPERATOR, JSON, event("L2")).json().get("version").asLong())
                .isEqualTo(1);
        TestServer.Resp nothing = s.post("/v1/markets/TEST-H/rollback", OPERATOR, null, null);
        assertThat(nothing.status()).isEqualTo(409);

        JsonNode history = s.get("/v1/markets/TEST-H/activations").json().get("activations");
        List<String> kinds = new ArrayList<>();
        history.forEach(h -> kinds.add(h.get("kind").asText() + ":" + h.get("version").asLong()));
        assertThat(kinds).containsExactly("activate:1", "activate:2", "rollback:1");

        assertThat(s.post("/v1/markets/TEST-H/activate", OPERATOR, JSON, "{\"policy\": \"swap\", \"version\": 5}").status())
                .isEqualTo(404);
        assertThat(s.post("/v1/markets/TEST-H/activate", PROPOSER, JSON, "{\"policy\": \"swap\", \"version\": 2}").status())
                .isEqualTo(403);
        assertThat(s.post("/v1/markets/TEST-H/rollback", VIEWER, null, null).status()).isEqualTo(403);
        s.post("/v1/policies", PROPOSER, TEXT, policy("elsewhere", 1, "upnl").replace("TEST-*", "BTC-PERP"));
        TestServer.Resp notHere = s.post("/v1/markets/TEST-H/activate", OPERATOR, JSON,
                "{\"policy\": \"elsewhere\", \"version\": 1}");
        assertThat(notHere.status()).isEqualTo(409);
        assertThat(notHere.json().get("message").asText()).contains("does not apply");
    }

    @Test
    void queueLookupsAndQuintileCounts() {
        s.market("TEST-Q", 10, 5, policy("queue", 1, "upnl"));
        JsonNode first = s.get("/v1/markets/TEST-Q/queue?account=S5").json();
        assertThat(first.get("side").asText()).isEqualTo("short");
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("of").asInt()).isEqualTo(5);
        assertThat(first.get("quintile").asInt()).isEqualTo(5);
        JsonNode last = s.get("/v1/markets/TEST-Q/queue?account=S1").json();
        assertThat(last.get("rank").asInt()).isEqualTo(5);
        assertThat(last.get("quintile").asInt()).isEqualTo(1);
        JsonNode counts = s.get("/v1/markets/TEST-Q/queue").json();
        assertThat(counts.get("long").get("eligible").asInt()).isEqualTo(10);
        assertThat(counts.get("long").get("quintiles").get("5").asInt()).isEqualTo(2);
        assertThat(counts.get("short").get("quintiles").get("1").asInt()).isEqualTo(1);
        assertThat(s.get("/v1/markets/TEST-Q/queue?account=NOBODY").status()).isEqualTo(404);
        assertThat(s.get("/v1/markets/NOPE/queue?account=S1").status()).isEqualTo(404);

        // the event takes S5 down to size 1: its upnl falls from 300 to 150 and it drops to the back
        JsonNode fill = s.post("/v1/markets/TEST-Q/events", OPERATOR, JSON, event("L1")).json().get("fills").get(0);
        assertThat(fill.get("account").asText()).isEqualTo("S5");
        assertThat(s.get("/v1/markets/TEST-Q/queue?account=S5").json().get("rank").asInt()).isEqualTo(5);
        assertThat(s.get("/v1/markets/TEST-Q/queue?account=S4").json().get("rank").asInt()).isEqualTo(1);
    }

    @Test
    void everyMarketEndpointAnswersUnknownMarketsRolesAndMediaInTheErrorFormat() {
        String which = "{\"policy\": \"x\", \"version\": 1}";
        String dry = "{\"policy\": \"x\", \"version\": 1, \"event\": " + event("L1") + "}";
        List<TestServer.Resp> missing = List.of(
                s.get("/v1/markets/NOPE/activations"),
                s.get("/v1/markets/NOPE/events"),
                s.get("/v1/markets/NOPE/queue"),
                s.post("/v1/markets/NOPE/activate", OPERATOR, JSON, which),
                s.post("/v1/markets/NOPE/rollback", OPERATOR, null, null),
                s.post("/v1/markets/NOPE/dry-run", OPERATOR, JSON, dry),
                s.post("/v1/markets/NOPE/approvals", OPERATOR, JSON, which),
                s.put("/v1/markets/NOPE/fund", OPERATOR, JSON, "{\"balance\": \"1\"}"),
                s.post("/v1/markets/NOPE/positions", OPERATOR, CSV, positions("NOPE", 2, 1)));
        for (TestServer.Resp r : missing) {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            JsonNode j = r.json();
            assertThat(j.get("code").asText()).isEqualTo("not_found");
            assertThat(j.get("message").asText()).contains("`NOPE`");
            assertThat(j.get("errors").isArray()).isTrue();
        }
        String csv = "account,source,notional,collateral,as_of\n";
        assertThat(s.put("/v1/exposures/venue-b", null, CSV, csv).status()).isEqualTo(401);
        assertThat(s.put("/v1/exposures/venue-b", VIEWER, CSV, csv).status()).isEqualTo(403);
        assertThat(s.put("/v1/exposures/venue-b", PROPOSER, CSV, csv).status()).isEqualTo(403);
        assertThat(s.put("/v1/exposures/venue-b", OPERATOR, TEXT, csv).status()).isEqualTo(415);
        assertThat(s.put("/v1/exposures/bad%20source", OPERATOR, CSV, csv).status()).isEqualTo(400);
        assertThat(s.put("/v1/exposures/venue-b", OPERATOR, CSV, "not,a,header\n").status()).isEqualTo(400);
        assertThat(s.post("/v1/markets/TEST-A/events", OPERATOR, TEXT, event("L1")).status()).isEqualTo(415);
        assertThat(s.post("/v1/markets/TEST-A/events", OPERATOR, null, event("L1")).status()).isEqualTo(415);
        assertThat(s.put("/v1/markets/TEST-A/fund", PROPOSER, JSON, "{\"balance\": \"1\"}").status()).isEqualTo(403);
        assertThat(s.post("/v1/markets/TEST-A/approvals", OPERATOR, JSON, which).status()).isEqualTo(404);

        s.put("/v1/markets/TEST-EMPTY", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}");
        TestServer.Resp noQueue = s.get("/v1/markets/TEST-EMPTY/queue?account=S1");
        assertThat(noQueue.status()).isEqualTo(409);
        assertThat(noQueue.json().get("message").asText()).contains("no active policy");
    }
}
