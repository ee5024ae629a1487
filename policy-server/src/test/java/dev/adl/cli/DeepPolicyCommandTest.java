package dev.adl.cli;

import dev.adl.grammar.NestingLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.adl.cli.CommandLineTest.adl;
import static org.assertj.core.api.Assertions.assertThat;

/** `adl check` and `adl run` on deep policies and on a policy file that starts with a byte-order mark. */
class DeepPolicyCommandTest {
    private static final int N = NestingLimit.MAX_DEPTH;
    private static final Path REF = Path.of("..", "examples", "reference");
    private static final String HEADER = "policy \"p\" version 1\n";
    private static final String REDUCE = "\nreduce {\n  tier \"all\" : queue\n}\n";

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static void assertRefusedAt(Path file, int line, int col) {
        CommandLineTest.Run r = adl("check", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(file + ":" + line + ":" + col + ": error: expression nested deeper than " + N + "\n")
                .doesNotContain("Exception").doesNotContain("Error:");
        assertThat(r.out()).isEqualTo("1 file checked: 1 error, 0 warnings\n");
    }

    @Test
    void checkRefusesTwoThousandParentheses() throws IOException {
        Path p = write("parens.adl", HEADER + "eligible when " + "(".repeat(2_000) + "size > 0" + ")".repeat(2_000) + REDUCE);
        assertRefusedAt(p, 2, "eligible when ".length() + N + 1);
    }

    @Test
    void checkRefusesAThreeThousandTermChain() throws IOException {
        Path p = write("chain.adl", HEADER + "rank by size" + " + size".repeat(2_999) + REDUCE);
        assertRefusedAt(p, 2, "rank by size".length() + N * " + size".length() + 2);
    }

    @Test
    void checkRefusesTenThousandUnaryMinuses() throws IOException {
        Path p = write("minus.adl", HEADER + "let x = " + "-".repeat(10_000) + "size" + REDUCE);
        assertRefusedAt(p, 2, "let x = ".length() + N + 1);
    }

    @Test
    void checkAndRunReadAPolicyFileStartingWithAByteOrderMark() throws IOException {
        Path plain = REF.resolve("policy.adl");
        Path marked = tmp.resolve("marked.adl");
        byte[] text = Files.readAllBytes(plain);
        byte[] withMark = new byte[text.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withMark, 3, text.length);
        Files.write(marked, withMark);

        CommandLineTest.Run check = adl("check", marked.toString());
        assertThat(check.err()).isEmpty();
        assertThat(check.code()).isZero();
        assertThat(run(marked)).isEqualTo(run(plain));
    }

    @Test
    void checkPlacesTheCaretOfAFirstLineErrorAfterTheMark() throws IOException {
        Path p = tmp.resolve("v0.adl");
        Files.write(p, ("\uFEFFpolicy \"p\" version 0" + REDUCE).getBytes(StandardCharsets.UTF_8));
        CommandLineTest.Run r = adl("check", p.toString());
        assertThat(r.err()).startsWith(p + ":1:20: error: ");
    }

    @Test
    void aPolicyNestedAtTheLimitRunsAnEventLikeItsShallowTwinAndOneLevelMoreIsRefused() throws IOException {
        Path deeper = write("deeper.adl", HEADER + "eligible when " + "-".repeat(N) + "size < 0" + REDUCE);
        CommandLineTest.Run refused = adl("run", "--policy", deeper.toString(),
                "--positions", REF.resolve("positions.csv").toString(),
                "--exposures", REF.resolve("exposures.csv").toString(),
                "--event", REF.resolve("drawdown.event.json").toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        // the minuses bind tighter: the comparison above them is the level too many
        assertThat(refused.err()).startsWith(deeper + ":2:" + ("eligible when ".length() + N + "size ".length() + 1)
                + ": error: expression nested deeper than " + N + "\n");

        // each expression is exactly N deep: a call is a level, a let one level above its definition
        // (a division: two), and N is even, so an odd number of minuses before `size < 0` means `size > 0`
        Path deep = write("deep.adl", HEADER
                + "buffer {\n  trigger when drawdown(8h)" + " + 0".repeat(N - 2) + " > 30%\n}\n"
                + "let lev = " + "(".repeat(N - 1) + "notional / equity" + ")".repeat(N - 1) + "\n"
                + "eligible when " + "-".repeat(N - 1) + "size < 0\n"
                + "rank by " + "abs(".repeat(N - 3) + "pnl_pct * lev" + ")".repeat(N - 3) + "\n"
                + "reduce {\n  tier \"all\" : pro_rata 100% by " + "-".repeat(N) + "size\n}\n");
        Path shallow = write("shallow.adl", HEADER
                + "buffer {\n  trigger when drawdown(8h) > 30%\n}\n"
                + "let lev = notional / equity\n"
                + "eligible when size > 0\n"
                + "rank by abs(pnl_pct * lev)\n"
                + "reduce {\n  tier \"all\" : pro_rata 100% by size\n}\n");
        String deepOut = run(deep);
        assertThat(deepOut).contains("\"fills\"");
        assertThat(deepOut).isEqualTo(run(shallow));
    }

    private static String run(Path policy) {
        CommandLineTest.Run r = adl("run", "--policy", policy.toString(),
                "--positions", REF.resolve("positions.csv").toString(),
                "--exposures", REF.resolve("exposures.csv").toString(),
                "--event", REF.resolve("drawdown.event.json").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        return r.out();
    }
}
