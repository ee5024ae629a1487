package dev.adl.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.adl.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/staking through the real `adl pool` command. By hand: A stakes 6,000 and B 4,000
 * (1 share per unit); revenue 1,000 makes a share 1.1; B asks for its 4,000 shares (worth
 * 4,400) and A for 1,000 (1,100); a loss of 2,200 takes the price to 0.88, down by exactly
 * 2,200 / 10,000; B's withdrawal two days later is refused (cooldown 7d from 03-03); A
 * cancels (its 1,000 shares are worth 880, not more than 1,100: it keeps them all); B
 * withdraws on 03-10, min(4,000 * 0.88, 4,400) = 3,520, bearing 40% of the loss; A's 6,000
 * shares are left with 5,280.
 */
class StakingExampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("staking");

    @TempDir
    Path tmp;

    private static JsonNode pool(Path state, Path ops) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "pool", "--state", state.toString(),
                "--ops", ops.toString());
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        return JSON.readTree(out.toString());
    }

    @Test
    void theOperationsGiveTheExpectedState() throws Exception {
        JsonNode actual = pool(DIR.resolve("state.json"), DIR.resolve("ops.json"));
        assertThat(actual).isEqualTo(JSON.readTree(Files.readString(DIR.resolve("expected.json"))));
        assertThat(actual.at("/results/6/ok").asBoolean()).isFalse();
        assertThat(actual.at("/results/6/error").asText()).isEqualTo("staker `B` may withdraw from "
                + "`2026-03-10T00:00:00Z` (requested at `2026-03-03T00:00:00Z`, cooldown `7d`), not at "
                + "`2026-03-05T00:00:00Z`");
        assertThat(actual.at("/results/8/payout").asText()).isEqualTo("3520");
        assertThat(actual.at("/stakers/A/value").asText()).isEqualTo("5280");
    }

    @Test
    void theLossLowersTheSharePriceByExactlyLossOverShares() throws Exception {
        ArrayNode ops = (ArrayNode) JSON.readTree(Files.readString(DIR.resolve("ops.json")));
        ArrayNode beforeLoss = JSON.createArrayNode();
        for (int i = 0; i < 5; i++) beforeLoss.add(ops.get(i));
        Path early = Files.writeString(tmp.resolve("early.json"), beforeLoss.toString());
        JsonNode before = pool(DIR.resolve("state.json"), early);
        beforeLoss.add(ops.get(5));
        Path withLoss = Files.writeString(tmp.resolve("loss.json"), beforeLoss.toString());
        JsonNode after = pool(DIR.resolve("state.json"), withLoss);
        BigDecimal shares = new BigDecimal(after.get("total_shares").asText());
        BigDecimal priceBefore = new BigDecimal(before.get("value").asText()).divide(shares);
        BigDecimal priceAfter = new BigDecimal(after.get("value").asText()).divide(shares);
        assertThat(priceBefore).isEqualByComparingTo("1.1");
        assertThat(priceBefore.subtract(priceAfter)).isEqualByComparingTo(new BigDecimal("2200").divide(shares));
        // B's request bears its part: its 4,000 shares are worth 3,520 now, under the 4,400 it asked for
        assertThat(after.at("/stakers/B/value").asText()).isEqualTo("3520");
    }
}
