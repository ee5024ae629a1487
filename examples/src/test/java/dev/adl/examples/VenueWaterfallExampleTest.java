package dev.adl.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adl.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/venue-waterfall as two `adl run` invocations: the second event starts from the
 * layers' state the first one leaves (`--buffers-after`), the stakers' pool as its ledger.
 */
class VenueWaterfallExampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("venue-waterfall");

    @TempDir
    Path tmp;

    private static String adl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        return out.toString();
    }

    private Path runBtc() {
        Path after = tmp.resolve("after.json");
        adl("run", "--policy", DIR.resolve("policy.adl").toString(), "--positions", DIR.resolve("positions.csv").toString(),
                "--event", DIR.resolve("btc-shortfall.event.json").toString(),
                "--buffers", DIR.resolve("btc-shortfall.buffers.json").toString(), "--buffers-after", after.toString());
        return after;
    }

    @Test
    void theSecondEventStartsWhereTheFirstLeftTheLayers() throws Exception {
        JsonNode after = JSON.readTree(Files.readString(runBtc()));
        assertThat(after).isEqualTo(JSON.readTree(Files.readString(DIR.resolve("eth-shortfall.buffers.json"))));
        // the fund paid 3,000 of 4,000; the clearing house 2,000 of 2,500; each payment is kept for the caps
        JsonNode layers = after.get("layers");
        assertThat(layers.at("/venue-fund/balance").asText()).isEqualTo("1000");
        assertThat(layers.at("/venue-fund/paid/0/amount").asText()).isEqualTo("3000");
        assertThat(layers.at("/clearing-house/balance").asText()).isEqualTo("500");
        assertThat(layers.at("/stakers/paid/0/at").asText()).isEqualTo("2026-03-01T12:00:00Z");
    }

    @Test
    void theStakersBearThePoolsLossInProportionToTheirShares() throws Exception {
        JsonNode ledger = JSON.readTree(Files.readString(runBtc())).at("/layers/stakers/ledger");
        // 3,000 of 10,000: every share is worth 0.7, A's 6,000 are 4,200 and B's 4,000 are 2,800
        assertThat(ledger.get("value").asText()).isEqualTo("7000");
        assertThat(ledger.at("/stakers/A/value").asText()).isEqualTo("4200");
        assertThat(ledger.at("/stakers/B/value").asText()).isEqualTo("2800");
        // B asked for 4,000 before the loss, and takes out min(2,800, 4,000) after its 13 days
        Files.writeString(tmp.resolve("state.json"), ledger.toString());
        Files.writeString(tmp.resolve("ops.json"), """
                [{"op": "withdraw", "at": "2026-03-12T00:00:00Z", "staker": "B"}]
                """);
        JsonNode pool = JSON.readTree(adl("pool", "--state", tmp.resolve("state.json").toString(),
                "--ops", tmp.resolve("ops.json").toString()));
        assertThat(pool.at("/results/0/ok").asBoolean()).isTrue();
        assertThat(pool.at("/results/0/payout").asText()).isEqualTo("2800");
        assertThat(pool.get("value").asText()).isEqualTo("4200");
        assertThat(pool.get("total_shares").asText()).isEqualTo("6000");
    }
}
