package dev.adl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.adl.cli.CommandLineTest.adl;
import static org.assertj.core.api.Assertions.assertThat;

/** Input files that are not what they should be: endless, huge, directories, with a byte-order mark, too large in sum. */
class InputFilesTest {
    private static final Path REF = Path.of("..", "examples", "reference");
    private static final Path ENDLESS = Path.of("/dev/zero");

    @TempDir
    Path tmp;

    /** `adl run` on the reference example with one input replaced. */
    private static CommandLineTest.Run run(String option, Path replacement) {
        List<String> args = new ArrayList<>(List.of("run",
                "--policy", REF.resolve("policy.adl").toString(),
                "--positions", REF.resolve("positions.csv").toString(),
                "--exposures", REF.resolve("exposures.csv").toString(),
                "--event", REF.resolve("drawdown.event.json").toString()));
        args.set(args.indexOf(option) + 1, replacement.toString());
        return adl(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--policy", "--positions", "--exposures", "--event"})
    void anEndlessFileIsRefusedWithItsName(String option) {
        CommandLineTest.Run r = run(option, ENDLESS);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(ENDLESS + ":").doesNotContain("OutOfMemory").doesNotContain("Exception");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void checkRefusesAnEndlessFile() {
        CommandLineTest.Run r = adl("check", ENDLESS.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(ENDLESS + ": error: the file is larger than 16 MiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--policy", "--positions", "--exposures", "--event"})
    void aDirectoryIsNamedAsOne(String option) {
        CommandLineTest.Run r = run(option, tmp);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(tmp + ": error: is a directory, not a file\n");
    }

    @Test
    void csvFilesWithAByteOrderMarkAreRead() throws IOException {
        Path positions = withByteOrderMark("positions.csv");
        Path exposures = withByteOrderMark("exposures.csv");
        CommandLineTest.Run plain = run("--policy", REF.resolve("policy.adl"));
        CommandLineTest.Run marked = adl("run", "--policy", REF.resolve("policy.adl").toString(),
                "--positions", positions.toString(), "--exposures", exposures.toString(),
                "--event", REF.resolve("drawdown.event.json").toString());
        assertThat(marked.err()).isEmpty();
        assertThat(marked.code()).isZero();
        assertThat(marked.out()).isEqualTo(plain.out());
    }

    @Test
    void sizesSummingPastWhatASideHoldsNameTheRow() throws IOException {
        Path positions = tmp.resolve("big.csv");
        Files.writeString(positions, """
                account,market,side,size,entry_price,collateral
                BL,BTC-PERP,long,50000000000,1200,12000
                L2,BTC-PERP,long,50000000000,900,20000
                S1,BTC-PERP,short,1,1100,20000
                """);
        CommandLineTest.Run r = run("--positions", positions);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(positions + ":3: the long sizes of market `BTC-PERP` add up past "
                + "92233720368.54775807, the most one side can hold\n");
    }

    @Test
    void aHugeHeaderIsQuotedOnlyInPart() throws IOException {
        Path positions = tmp.resolve("wide.csv");
        Files.writeString(positions, "x".repeat(50_000) + "\n");
        CommandLineTest.Run r = run("--positions", positions);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(positions + ":1: expected the header")
                .contains("x".repeat(100) + "... (50000 characters)`");
        assertThat(r.err().length()).isLessThan(400);
    }

    private Path withByteOrderMark(String name) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "\uFEFF" + Files.readString(REF.resolve(name)), StandardCharsets.UTF_8);
        return p;
    }
}
