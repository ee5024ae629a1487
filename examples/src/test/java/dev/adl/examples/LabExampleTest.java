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

/** The lab example as docs/lab.md runs it: the crash under both policies, and the replay against the venue's fills. */
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
    void theCrashRunsUnderBothPoliciesAndItsNumbersAddUp() throws Exception {
        Path json = tmp.resolve("crash.json");
        int code = adl(new StringWriter(), "stress", "--venue", LAB.resolve("venue").toString(), "--scenario",
                LAB.resolve("crash.json").toString(), "--policy", LAB.resolve("queue.adl").toString(), "--policy",
                LAB.resolve("pro-rata.adl").toString(), "--paths", "2", "--seed", "7", "--json", json.toString());
        assertThat(code).isZero();
        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        assertThat(root.get("runs")).hasSize(2);
        for (JsonNode run : root.get("runs")) {
            for (JsonNode path : run.get("results")) {
                JsonNode m = path.get("metrics");
                assertThat(m.get("bankruptcies").asLong()).isPositive();
                BigDecimal paid = BigDecimal.ZERO;
                for (JsonNode p : m.get("paid")) paid = paid.add(new BigDecimal(p.asText()));
                // the identity, again from the printed numbers
                assertThat(paid.add(new BigDecimal(m.get("adl_covered").asText()))
                        .add(new BigDecimal(m.get("unresolved_loss").asText())))
                        .isEqualByComparingTo(m.get("shortfall").asText());
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
