package dev.adl.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adl.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The lab example as docs/lab.md runs it: the crash under the four policies, and the replay against the venue's fills. */
class LabExampleTest {
    private static final Path LAB = Path.of("lab");

    @TempDir
    Path tmp;

    private static int adl(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(err.toString()).isEmpty();
        return code;
    }

    @Test
    void theCrashRunsUnderTheFourPoliciesAndItsNumbersAddUp() throws Exception {
        Path json = tmp.resolve("crash.json");
        StringWriter out = new StringWriter();
        int code = adl(out, "stress", "--venue", LAB.resolve("venue").toString(), "--scenario",
                LAB.resolve("crash.json").toString(), "--policy", LAB.resolve("queue.adl").toString(), "--policy",
                LAB.resolve("pro-rata.adl").toString(), "--policy", LAB.resolve("haircut.adl").toString(), "--policy",
                LAB.resolve("drain.adl").toString(), "--paths", "2", "--seed", "7", "--json", json.toString());
        assertThat(code).isZero();
        String header = out.toString().lines().findFirst().orElseThrow();
        assertThat(header.trim().split(" {2,}")).containsExactly("metric", "1. perp-queue", "2. perp-pro-rata",
                "3. perp-haircut", "4. perp-drain");
        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        assertThat(root.get("runs")).extracting(r -> r.get("policy").asText())
                .containsExactly("perp-queue", "perp-pro-rata", "perp-haircut", "perp-drain");
        for (JsonNode run : root.get("runs")) {
            boolean haircutTier = run.get("policy").asText().equals("perp-haircut");
            for (JsonNode path : run.get("results")) {
                JsonNode m = path.get("metrics");
                assertThat(m.get("bankruptcies").asLong()).isPositive();
                assertThat(m.get("accounts_hit").asLong()).isPositive();
                BigDecimal paid = BigDecimal.ZERO;
                for (JsonNode p : m.get("paid")) paid = paid.add(new BigDecimal(p.asText()));
                BigDecimal covered = new BigDecimal(m.get("adl_covered").asText());
                BigDecimal accounted = paid.add(covered).add(new BigDecimal(m.get("unresolved_loss").asText()));
                BigDecimal shortfall = new BigDecimal(m.get("shortfall").asText());
                // the identities, again from the printed numbers; a haircut tier's total is rounded up to
                // 8 places, so its members give up less than 10^-8 per event more than the shortfall
                if (haircutTier) {
                    BigDecimal excess = accounted.subtract(shortfall);
                    assertThat(excess.signum()).isNotNegative();
                    assertThat(excess).isLessThan(new BigDecimal("0.00000001")
                            .multiply(BigDecimal.valueOf(m.get("bankruptcies").asLong())));
                } else {
                    assertThat(accounted).isEqualByComparingTo(shortfall);
                }
                BigDecimal haircuts = BigDecimal.ZERO;
                for (JsonNode h : path.get("haircuts")) haircuts = haircuts.add(new BigDecimal(h.asText()));
                assertThat(haircuts).isEqualByComparingTo(covered);
                assertThat(path.get("marks").get("BTC-PERP")).hasSize(31);
            }
        }
    }

    @Test
    void theReplayComparesTheQueueWithTheVenuesFills() {
        StringWriter out = new StringWriter();
        int code = adl(out, "replay", "--venue", LAB.resolve("venue").toString(), "--events",
                LAB.resolve("events.jsonl").toString(), "--actual", LAB.resolve("fills.csv").toString());
        assertThat(code).isZero();
        assertThat(out.toString()).containsPattern("bankruptcies +4\n").containsPattern("hit_by_both +3\n")
                .containsPattern("closed\\.S112 +15\\.865 \\(venue 15\\.865\\)");
    }
}
