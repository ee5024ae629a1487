package dev.adl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.adl.cli.CommandLineTest.adl;
import static org.assertj.core.api.Assertions.assertThat;

/** `adl demo` prints, per scenario, the hand-computed expectation next to what the policy did. */
class DemoCommandTest {
    private static final Path REF = Path.of("..", "examples", "reference");

    @TempDir
    Path tmp;

    /** A copy of the reference example whose expected result is edited by {@code edit}. */
    private Path referenceExpecting(java.util.function.UnaryOperator<String> edit) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("reference"));
        for (String f : List.of("policy.adl", "positions.csv", "exposures.csv", "drawdown.event.json")) {
            Files.copy(REF.resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("drawdown.expected.json"),
                edit.apply(Files.readString(REF.resolve("drawdown.expected.json"))));
        return tmp;
    }

    @Test
    void expectedAndActualValuesStandSideBySide() throws IOException {
        CommandLineTest.Run r = adl("demo", "--examples", referenceExpecting(t -> t).toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                reference / drawdown: ok
                              expected                       actual
                  adl size    100                            100                            ok
                  fund paid   0                              0                              ok
                  fills       4                              4                              ok
                  first fill  SH3 20 @ 1080 (high-leverage)  SH3 20 @ 1080 (high-leverage)  ok
                1 scenarios, 0 not as expected
                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void aWrongExpectationIsAFailingRowWithBothValues() throws IOException {
        Path examples = referenceExpecting(t -> t.replace("\"adl_size\": \"100\"", "\"adl_size\": \"99\"")
                .replace("\"shortfall\": \"8000\"", "\"shortfall\": \"7999\""));
        CommandLineTest.Run r = adl("demo", "--examples", examples.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("reference / drawdown: DIFFERS")
                .containsPattern("\\n  adl size +99 +100 +FAIL\\R")
                .containsPattern("\\n  fund paid +0 +0 +ok\\R")
                .containsPattern("\\n  shortfall +7999 +8000 +FAIL\\R")
                .doesNotContain("bankruptcy_price")
                .endsWith("1 scenarios, 1 not as expected" + System.lineSeparator());
    }
}
