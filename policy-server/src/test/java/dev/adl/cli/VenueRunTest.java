package dev.adl.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.adl.cli.CommandLineTest.adl;
import static org.assertj.core.api.Assertions.assertThat;

/** `adl run` for a venue: markets, accounts and the layers' state, and their errors. */
class VenueRunTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @BeforeEach
    void files() throws IOException {
        write("policy.adl", """
                policy "venue" version 2
                markets "*-PERP"
                waterfall {
                  fund "f" floor 1000 max_use 50% per event
                  pool "p" cap 2000 per 1h
                  trigger when drawdown("f", 8h) > 90% until balance("f") > 1_000_000
                }
                rank by account_leverage
                reduce {
                  tier "all" : queue
                  fee 0.1%
                }
                """);
        // BL: bp = 1200 - 12000/100 = 1080, at mark 1000 u = 80
        write("positions.csv", """
                account,market,side,size,entry_price,collateral
                BL,BTC-PERP,long,100,1200,12000
                X,BTC-PERP,short,50,1250,5000
                Y,BTC-PERP,short,80,1100,8000
                X,ETH-PERP,long,10,100,100
                """);
        write("markets.csv", "market,lot_size,mark_price\nBTC-PERP,1,999\nETH-PERP,0.1,50\n");
        write("accounts.csv", "account,balance\nY,100000\n");
        write("buffers.json", """
                {"layers": {
                  "f": {"balance": "3000", "history": [{"at": "2026-01-01T07:00:00Z", "balance": "3000"}]},
                  "p": {"balance": "10000", "paid": [{"at": "2026-01-01T07:30:00Z", "amount": "500"}]}
                }}
                """);
        write("event.json", """
                {"market": "BTC-PERP", "mark_price": "1000", "lot_size": "1", "insurance_fund": "0",
                 "now": "2026-01-01T08:00:00Z", "bankrupt_account": "BL", "trigger_active": false}
                """);
    }

    private CommandLineTest.Run run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--policy", dir.resolve("policy.adl").toString(),
                "--positions", dir.resolve("positions.csv").toString(), "--event", dir.resolve("event.json").toString()));
        args.addAll(List.of(extra));
        return adl(args.toArray(String[]::new));
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void aVenueEventReportsEveryLayerAndTheFees() {
        CommandLineTest.Run r = run("--markets", path("markets.csv"), "--accounts", path("accounts.csv"),
                "--buffers", path("buffers.json"));
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        // f: 1000 available -> 12 lots, pays 960; p: 2000 - 500 = 1500 -> 18 lots, pays 1440; 70 left to ADL.
        // X: BTC equity 5000 + 50 * 250 = 17500 and ETH 100 - 500 = -400: 17100 for 50000 + 500 notional;
        // Y: 8000 + 80 * 100 + 100000 = 116000 for 80000: X (2.95) before Y (0.69)
        assertThat(r.out()).contains("""
                  "fund_before": "13000",
                  "fund_absorbed_size": "30",
                  "fund_paid": "2400",
                """).contains("""
                  "adl_size": "70",
                  "unresolved_size": "0",
                  "layers": [
                    {
                      "name": "f",
                      "kind": "fund",
                      "balance_before": "3000",
                      "available": "1000",
                      "absorbed_size": "12",
                      "paid": "960",
                      "balance_after": "2040"
                    },
                    {
                      "name": "p",
                      "kind": "pool",
                      "balance_before": "10000",
                      "available": "1500",
                      "absorbed_size": "18",
                      "paid": "1440",
                      "balance_after": "8635.6"
                    }
                  ],
                  "trigger_active_after": false,
                """).contains("""
                      "account": "X",
                      "side": "short",
                      "size": "50",
                      "price": "1080",
                      "realized_pnl": "8500",
                      "fee": "54",
                """).contains("""
                      "account": "Y",
                      "side": "short",
                      "size": "20",
                      "price": "1080",
                      "realized_pnl": "400",
                      "fee": "21.6",
                """);
        // fees 54 + 21.6 go to the pool: 10000 - 1440 + 75.6; fund_after 2040 + 8635.6
        assertThat(r.out()).contains("\"fund_after\": \"10675.6\"");
    }

    @Test
    void withoutOtherMarketsTheAccountIsItsPosition() {
        CommandLineTest.Run r = run("--buffers", path("buffers.json"));
        assertThat(r.code()).isZero();
        // X alone: 50000 / 17500 = 2.86; Y alone: 80000 / 16000 = 5: Y first, and its 80 cover the 70
        assertThat(r.out()).contains("\"account\": \"Y\"").doesNotContain("\"account\": \"X\"");
    }

    @Test
    void aMissingOrExtraLayerIsNamed() throws IOException {
        write("buffers.json", """
                {"layers": {
                  "f": {"balance": "3000"},
                  "q": {"balance": "1"}
                }}
                """);
        CommandLineTest.Run r = run("--buffers", path("buffers.json"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(path("buffers.json") + ":3:3: layer `q` is not a layer of the policy")
                .contains(path("buffers.json") + ":1:2: the policy's layer `p` is missing");
    }

    @Test
    void aPoolGivenAsItsLedgerPaysFromItsReserveFirstAndTakesTheFees() throws IOException {
        write("buffers.json", """
                {"layers": {
                  "f": {"balance": "3000", "history": [{"at": "2026-01-01T07:00:00Z", "balance": "3000"}]},
                  "p": {"ledger": {"value": "9000", "reserve": "1000", "total_shares": "4500", "cooldown": "7d",
                                   "stakers": {"S": {"shares": "4500", "request": null}}},
                        "paid": [{"at": "2026-01-01T07:30:00Z", "amount": "500"}]}
                }}
                """);
        CommandLineTest.Run r = run("--markets", path("markets.csv"), "--accounts", path("accounts.csv"),
                "--buffers", path("buffers.json"), "--buffers-after", path("after.json"));
        assertThat(r.err()).isEmpty();
        // the same balance as the first test (9000 + 1000): the same waterfall and fees
        assertThat(r.out()).contains("\"balance_after\": \"8635.6\"").contains("\"fund_after\": \"10675.6\"");
        String after = read("after.json");
        // the 1440 paid: the reserve's 1000, then 440 of value (8560); the fees 75.6 are revenue: 8635.6,
        // a share 8635.6 / 4500 = 1.91902222 (down)
        assertThat(after).contains("\"value\" : \"8635.6\"").contains("\"reserve\" : \"0\"")
                .contains("\"total_shares\" : \"4500\"");
        assertThat(after.replaceAll("\\s", "")).contains("\"paid\":[{\"at\":\"2026-01-01T07:30:00Z\",\"amount\":\"500\"},"
                + "{\"at\":\"2026-01-01T08:00:00Z\",\"amount\":\"1440\"}]")
                .contains("\"f\":{\"balance\":\"2040\",\"history\":[{\"at\":\"2026-01-01T07:00:00Z\",\"balance\":"
                        + "\"3000\"},{\"at\":\"2026-01-01T08:00:00Z\",\"balance\":\"2040\"}]");
    }

    @Test
    void aLedgerThatIsNotOneOrOnTheWrongLayerIsRefusedWhereItIs() throws IOException {
        write("buffers.json", """
                {"layers": {"f": {"balance": "3000"}, "p": {"ledger": {"value": "1"}}}}
                """);
        CommandLineTest.Run r = run("--buffers", path("buffers.json"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(":1:45: field `reserve` is required");
        write("buffers.json", """
                {"layers": {"f": {"ledger": {}}, "p": {"balance": "1", "ledger": {}}}}
                """);
        r = run("--buffers", path("buffers.json"));
        assertThat(r.err()).contains(":1:19: layer `f` is not a `pool`; only a pool layer has a `ledger`")
                .contains(":1:34: a layer gives either its `balance` or its `ledger`, not both");
    }

    @Test
    void feesIntoAPoolWithoutStakersAreRefusedAndNothingIsWritten() throws IOException {
        write("buffers.json", """
                {"layers": {"f": {"balance": "3000"},
                  "p": {"ledger": {"value": "0", "reserve": "10000", "total_shares": "0", "cooldown": "7d",
                                   "stakers": {}}}}}
                """);
        CommandLineTest.Run r = run("--buffers", path("buffers.json"), "--buffers-after", path("after.json"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("the ledger of pool `p` refuses the event's payment");
        assertThat(dir.resolve("after.json")).doesNotExist();
    }

    @Test
    void buffersAfterNeedsBuffers() throws IOException {
        write("policy.adl", "policy \"v1\" version 1\nmarkets \"*-PERP\"\nrank by upnl\nreduce { tier \"all\" : queue }\n");
        CommandLineTest.Run r = run("--buffers-after", path("after.json"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--buffers-after writes the state of the layers read with --buffers");
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    @Test
    void aWaterfallNeedsItsBuffersAndAMarketNeedsItsMark() throws IOException {
        CommandLineTest.Run none = run();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("draws on the layers `f`, `p`; give their state with --buffers");
        write("markets.csv", "market,lot_size,mark_price\nBTC-PERP,1,999\nBTC-PERP,1,5\n");
        CommandLineTest.Run twice = run("--buffers", path("buffers.json"), "--markets", path("markets.csv"));
        assertThat(twice.err()).startsWith(path("markets.csv") + ":3:1: market `BTC-PERP` appears twice; "
                + "the first is on line 2");
        write("markets.csv", "market,lot_size,mark_price\nBTC-PERP,1,999\n");
        CommandLineTest.Run missing = run("--buffers", path("buffers.json"), "--markets", path("markets.csv"));
        assertThat(missing.err()).contains("market `ETH-PERP` of " + path("positions.csv") + " has no row");
    }
}
