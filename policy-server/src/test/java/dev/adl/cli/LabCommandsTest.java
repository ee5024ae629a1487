package dev.adl.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static dev.adl.cli.CommandLineTest.adl;
import static org.assertj.core.api.Assertions.assertThat;

/** `adl stress` and `adl replay` on a thinned copy of the lab example's venue. */
class LabCommandsTest {
    private static final Path LAB = Path.of("..", "examples", "lab");
    private static final String SCENARIO = """
            {"steps": 3, "step": "1m",
             "shock": {"drift": {"BTC-PERP": -0.05, "ETH-PERP": -0.06, "SOL-PERP": -0.08},
                       "vol": {"BTC-PERP": 0.01, "ETH-PERP": 0.015, "SOL-PERP": 0.02},
                       "correlation": {"BTC-PERP/ETH-PERP": 0.85}},
             "impact": {"SOL-PERP": 0.000001}, "rehedge": 0.5}
            """;

    @TempDir
    Path tmp;
    Path venue;
    Path scenario;

    @BeforeEach
    void venue() throws IOException {
        venue = tmp.resolve("venue");
        Files.createDirectories(venue);
        for (String f : List.of("markets.csv", "buffers.json", "accounts.csv", "queue.adl")) {
            Files.copy(LAB.resolve("venue").resolve(f), venue.resolve(f));
        }
        // every tenth position, and the bankrupt ones: the same markets, a test's worth of rows
        List<String> rows = Files.readAllLines(LAB.resolve("venue/positions.csv"));
        String thin = rows.get(0) + "\n" + rows.stream().skip(1)
                .filter(l -> l.startsWith("BANKRUPT") || l.hashCode() % 10 == 0)
                .collect(Collectors.joining("\n")) + "\n";
        Files.writeString(venue.resolve("positions.csv"), thin);
        scenario = tmp.resolve("crash.json");
        Files.writeString(scenario, SCENARIO);
    }

    private CommandLineTest.Run stress(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("stress", "--venue", venue.toString(), "--scenario",
                scenario.toString(), "--policy", LAB.resolve("queue.adl").toString(), "--policy",
                LAB.resolve("pro-rata.adl").toString(), "--seed", "7"));
        args.addAll(List.of(more));
        return adl(args.toArray(String[]::new));
    }

    @Test
    void stressPrintsPoliciesSideBySideAndWritesTheSameJsonForTheSameSeedWhateverTheThreads() throws IOException {
        Path one = tmp.resolve("one.json");
        Path two = tmp.resolve("two.json");
        CommandLineTest.Run r = stress("--paths", "3", "--threads", "1", "--json", one.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().findFirst().orElseThrow()).contains("1. perp-queue").contains("2. perp-pro-rata");
        assertThat(r.out()).contains("bankruptcies").contains("paid.btc-fund").contains("price_impact.SOL-PERP");
        assertThat(stress("--paths", "3", "--threads", "2", "--json", two.toString()).code()).isZero();
        String json = Files.readString(one);
        assertThat(Files.readString(two)).isEqualTo(json);
        assertThat(json).contains("\"scenario\": \"crash.json\"").contains("\"seed\": 7").contains("\"paths\": 3")
                .contains("\"percentiles\"").contains("\"p99\"").contains("\"marks_without_feedback\"");
    }

    @Test
    void theReportIsOneSelfContainedPageWithTheTableAndCharts() throws IOException {
        Path report = tmp.resolve("out/report.html");
        CommandLineTest.Run r = stress("--report", report.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table>").contains("<th>1. perp-queue</th>")
                .contains("<td>bankruptcies</td>");
        // a chart per market, per layer, and a haircut histogram per policy
        assertThat(html.split("<svg ", -1).length - 1).isEqualTo(3 + 3 + 2);
        assertThat(html).contains("<polyline").contains("<rect").contains("without feedback");
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void aBadScenarioIsNamedByLineAndColumnAndNothingIsPrinted() throws IOException {
        Files.writeString(scenario, "{\"steps\": 3,\n \"returns\": {\"DOGE-PERP\": [0, 0, 0]}}");
        CommandLineTest.Run r = stress();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(scenario + ":2:14: market `DOGE-PERP` is not a market of the venue\n");
    }

    @Test
    void aPolicyThatDoesNotCoverEveryMarketIsRefused() throws IOException {
        Path btcOnly = tmp.resolve("btc.adl");
        Files.writeString(btcOnly, "policy \"btc\" version 1\nmarkets \"BTC-PERP\"\nreduce { tier \"q\" : queue }\n");
        CommandLineTest.Run r = adl("stress", "--venue", venue.toString(), "--scenario", scenario.toString(),
                "--policy", btcOnly.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(btcOnly + ": policy `btc` does not apply to market `ETH-PERP` of the venue\n");
    }

    @Test
    void replayComparesEachPolicyWithTheVenuesFills() throws IOException {
        Path json = tmp.resolve("replay.json");
        CommandLineTest.Run r = adl("replay", "--venue", LAB.resolve("venue").toString(), "--events",
                LAB.resolve("events.jsonl").toString(), "--actual", LAB.resolve("fills.csv").toString(),
                "--json", json.toString(), "--report", tmp.resolve("replay.html").toString());
        assertThat(r.code()).as(r.err()).isZero();
        // the markets' own policy (queue.adl) closes S112 as the venue did, S114 more than it did
        assertThat(r.out()).contains("hit_by_both").contains("closed.S112").containsPattern("closed\\.S0 +0 \\(venue 1\\.2\\)");
        String text = Files.readString(json);
        assertThat(text).contains("\"policy\": \"perp-queue\"").contains("\"venue_only\": [ \"S0\", \"S1\" ]");
        assertThat(Files.readString(tmp.resolve("replay.html"))).contains("<table>").doesNotContain("<script");
    }
}
