package dev.adl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The `adl` commands as a user meets them: exit codes, stdout, and errors that name file and line. */
class CommandLineTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path REF = EXAMPLES.resolve("reference");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run adl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Run runReference(Path positions, Path event) {
        return adl("run", "--policy", REF.resolve("policy.adl").toString(), "--positions", positions.toString(),
                "--exposures", REF.resolve("exposures.csv").toString(), "--event", event.toString());
    }

    @Test
    void noCommandIsAUsageErrorWithTheUsageOnStderr() {
        Run r = adl();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Usage: adl ").contains("Commands:").contains("serve");
    }

    @Test
    void eachCommandIsRegisteredUnderItsOwnNameAndTheUsageListsThemAll() {
        Run help = adl("--help");
        assertThat(help.code()).isZero();
        for (String name : java.util.List.of("check", "compile", "run", "test", "generate", "demo", "stress", "replay",
                "serve", "audit", "token", "pool", "help")) {
            assertThat(help.out()).containsPattern("(?m)^  " + name + " ");
            picocli.CommandLine one = Main.newCommandLine(name);
            assertThat(one.getSubcommands()).containsOnlyKeys(name.equals("help")
                    ? one.getSubcommands().keySet().toArray(new String[0]) : new String[] {name});
            // the name a command is registered under is the one its own annotation declares
            Object command = one.getSubcommands().get(name).getCommand();
            assertThat(command.getClass().getAnnotation(picocli.CommandLine.Command.class).name()).isEqualTo(name);
        }
        assertThat(Main.newCommandLine("help").getSubcommands()).hasSize(13);
        assertThat(adl("help", "check").out()).startsWith("Usage: adl check ");
    }

    @Test
    void aPlainCheckSkipsTheLibraryAndPrintsWhatTheLibraryPathPrints() throws IOException {
        Path bad = write("nored.adl", "policy \"p\" version 1\n");
        String[] line = {"check", bad.toString(), REF.resolve("policy.adl").toString(), tmp.resolve("none.adl").toString()};
        assertThat(Main.plainCheck(line)).hasSize(3);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CheckCommand.check(Main.plainCheck(line), new PrintWriter(out, true), new PrintWriter(err, true));
        Run library = adl(line);
        assertThat(code).isEqualTo(library.code()).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(library.out()).isEqualTo("3 files checked: 2 errors, 0 warnings\n");
        assertThat(err.toString()).isEqualTo(library.err()).contains("nored.adl:1:");
        // anything the library would interpret goes to it
        assertThat(Main.plainCheck(new String[]{"check"})).isNull();
        assertThat(Main.plainCheck(new String[]{"check", "--help"})).isNull();
        assertThat(Main.plainCheck(new String[]{"check", "a.adl", "-h"})).isNull();
        assertThat(Main.plainCheck(new String[]{"check", "@args.txt"})).isNull();
        assertThat(Main.plainCheck(new String[]{"check", "a\u0000b.adl"})).isNull();
        assertThat(Main.plainCheck(new String[]{"compile", "a.adl"})).isNull();
    }

    @Test
    void aMisspeltOptionIsReportedBeforeTheMissingOnes() {
        Run r = adl("run", "--polcy", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("adl: error: unknown option: `--polcy`; did you mean `--policy`")
                .contains("Try `adl run --help`").doesNotContain("Missing required");
    }

    @Test
    void anUnknownOptionAloneIsReportedTheSameWay() {
        Run r = adl("check", "--strcit", REF.resolve("policy.adl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("adl: error: unknown option: `--strcit`");
    }

    @Test
    void anUnknownCommandIsNamedWithTheClosestOnes() {
        Run r = adl("chek");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("adl: error: unknown command: `chek`; did you mean `check`");
    }

    @Test
    void missingOptionsWithoutAnUnknownOneKeepTheUsualReport() {
        Run r = adl("run", "--policy", REF.resolve("policy.adl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("Missing required options: '--positions=POS.csv', '--event=EVENT.json'");
    }

    @Test
    void checkAcceptsTheReferencePolicy() {
        Run r = adl("check", REF.resolve("policy.adl").toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("1 file checked: 0 errors, 0 warnings");
    }

    @Test
    void checkReportsEveryErrorWithLocationSourceLineAndCaret() throws IOException {
        Path bad = write("bad.adl", """
                policy "p" version 1
                let x = equty * 2
                eligible when size
                reduce {
                  tier "a" : queue
                }
                """);
        Run r = adl("check", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(bad + ":2:9: error: ").contains("`equty`").contains("  let x = equty * 2\n")
                .contains("          ^^^^^\n");
        assertThat(r.err()).contains(bad + ":3:");
        assertThat(r.out()).contains("2 errors");
    }

    @Test
    void checkOfAMissingFileSaysSo() {
        Run r = adl("check", tmp.resolve("nope.adl").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("nope.adl: error: no such file");
    }

    @Test
    void compilePrintsTheGeneratedRules() {
        Run r = adl("compile", REF.resolve("policy.adl").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("rule \"").contains("global dev.adl.compile.Decision decision");
    }

    @Test
    void compileProgramsListsTheFormulaPrograms() {
        Run r = adl("compile", "--programs", REF.resolve("policy.adl").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("// formula program: ")
                .contains("= exposure(\"venue-b\").notional\n")
                .contains("rank 0: score %").contains("tier 1: every row\n")
                .doesNotContain("rule \"");
    }

    @Test
    void compileOfABrokenPolicyPrintsDiagnosticsAndNothingOnStdout() throws IOException {
        Path bad = write("nored.adl", "policy \"p\" version 1\n");
        Run r = adl("compile", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(bad + ":").contains("error:").contains("reduce");
    }

    @Test
    void runPrintsOneJsonObjectAndTimingOnRequest() {
        Run r = adl("run", "--policy", REF.resolve("policy.adl").toString(),
                "--positions", REF.resolve("positions.csv").toString(),
                "--exposures", REF.resolve("exposures.csv").toString(),
                "--event", REF.resolve("drawdown.event.json").toString(), "--timing");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).startsWith("{").endsWith("}");
        assertThat(r.err()).matches("timing: load_ms=\\d+ compile_ms=\\d+ event_ms=\\d+ rank_ms=\\d+\\R");
    }

    @Test
    void aBadPositionsFileIsReportedBeforeABadPolicyThoughTheyAreReadAtOnce() throws IOException {
        Path bad = write("nored.adl", "policy \"p\" version 1\n");
        Path pos = write("pos.csv", "account,market,side,size,entry_price,collateral\nBL,BTC-PERP,sideways,1,1,1\n");
        Run both = adl("run", "--policy", bad.toString(), "--positions", pos.toString(),
                "--event", REF.resolve("drawdown.event.json").toString());
        assertThat(both.code()).isNotZero();
        assertThat(both.out()).isEmpty();
        assertThat(both.err()).startsWith(pos + ":2:").doesNotContain("nored.adl");
        Run policyOnly = adl("run", "--policy", bad.toString(), "--positions", REF.resolve("positions.csv").toString(),
                "--exposures", REF.resolve("exposures.csv").toString(),
                "--event", REF.resolve("drawdown.event.json").toString());
        assertThat(policyOnly.code()).isNotZero();
        assertThat(policyOnly.out()).isEmpty();
        assertThat(policyOnly.err()).startsWith(bad + ":").contains("reduce");
    }

    @Test
    void malformedPositionRowNamesFileAndLineAndPrintsNothing() throws IOException {
        Path pos = write("pos.csv", """
                account,market,side,size,entry_price,collateral
                BL,BTC-PERP,long,100,1200,12000
                SH1,BTC-PERP,sideways,30,1100,3000
                """);
        Run r = runReference(pos, REF.resolve("drawdown.event.json"));
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(pos + ":3:");
    }

    @Test
    void unknownBankruptAccountIsRefused() throws IOException {
        Path event = write("event.json", """
                {"market": "BTC-PERP", "mark_price": "1000", "lot_size": "1",
                 "insurance_fund": "0", "now": "2026-01-01T08:00:00Z",
                 "fund_history": [], "bankrupt_account": "NOBODY"}
                """);
        Run r = runReference(REF.resolve("positions.csv"), event);
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(event + ":3:22: account `NOBODY` has no position in market `BTC-PERP`");
    }

    @Test
    void malformedEventNamesTheLine() throws IOException {
        Path event = write("event.json", """
                {"market": "BTC-PERP",
                 "mark_price": "abc", "lot_size": "1",
                 "insurance_fund": "0", "now": "2026-01-01T08:00:00Z",
                 "fund_history": [], "bankrupt_account": "BL"}
                """);
        Run r = runReference(REF.resolve("positions.csv"), event);
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(event + ":2:2: `mark_price` must be a plain decimal, got `abc`");
    }

    @Test
    void eventWithoutARequiredFieldIsRefused() throws IOException {
        Path event = write("event.json", """
                {"market": "BTC-PERP", "mark_price": "1000", "lot_size": "1",
                 "now": "2026-01-01T08:00:00Z", "bankrupt_account": "BL"}
                """);
        Run r = runReference(REF.resolve("positions.csv"), event);
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("`insurance_fund`");
    }

    @Test
    void everyProblemOfAnEventIsPrintedAtOnceAtItsLineAndColumn() throws IOException {
        Path event = write("event.json", """
                {"market": "BTC-PERP",
                 "mark_price": 1e999999999,
                 "lot_size": "1000.000000001",
                 "fund_history": [], "bankrupt_account": "BL"}
                """);
        Run r = runReference(REF.resolve("positions.csv"), event);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(String.join("\n",
                event + ":1:1: the event has no `insurance_fund` field",
                event + ":1:1: the event has no `now` field",
                event + ":2:2: `mark_price` must be at most 1000000000000000 in size, got `1E+999999999`",
                event + ":3:2: `lot_size` must have at most 8 decimal places, got `1000.000000001`") + "\n");
    }

    @Test
    void aNegativeFundIsRefused() throws IOException {
        String good = Files.readString(REF.resolve("drawdown.event.json"));
        Path event = write("event.json", good.replaceFirst("\"insurance_fund\": \"[0-9.]+\"",
                "\"insurance_fund\": \"-0.5\""));
        assertThat(event).content().isNotEqualTo(good);
        Run r = runReference(REF.resolve("positions.csv"), event);
        assertThat(r).extracting(Run::code, Run::out).containsExactly(1, "");
        assertThat(r.err()).matches(java.util.regex.Pattern.quote(event.toString())
                + ":\\d+:\\d+: `insurance_fund` must be 0 or more, got `-0.5`\\R");
    }

    @Test
    void eventForAMarketWithoutPositionsIsRefused() throws IOException {
        Path event = write("event.json", """
                {"market": "ETH-PERP", "mark_price": "1000", "lot_size": "1", "insurance_fund": "0",
                 "now": "2026-01-01T08:00:00Z", "fund_history": [], "bankrupt_account": "BL"}
                """);
        Run r = runReference(REF.resolve("positions.csv"), event);
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(event + ":1:2: market `ETH-PERP` has no positions in");
    }

    @Test
    void lotSizeFinerThanTheStoreIsRefusedAtItsLine() throws IOException {
        Path event = write("event.json", """
                {"market": "BTC-PERP",
                 "mark_price": "1000",
                 "lot_size": "0.000000001", "insurance_fund": "0",
                 "now": "2026-01-01T08:00:00Z", "fund_history": [], "bankrupt_account": "BL"}
                """);
        Run r = runReference(REF.resolve("positions.csv"), event);
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(event + ":3:2: `lot_size` must have at most 8 decimal places, got `0.000000001`");
    }

    @Test
    void sameInputsGiveTheSameBytes() {
        String[] args = {"run", "--policy", REF.resolve("policy.adl").toString(),
                "--positions", REF.resolve("positions.csv").toString(),
                "--exposures", REF.resolve("exposures.csv").toString(),
                "--event", REF.resolve("drawdown.event.json").toString()};
        assertThat(adl(args).out()).isEqualTo(adl(args).out());
    }

    @Test
    void generateIsReproducibleAndBalanced() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(adl("generate", "--positions", "500", "--seed", "7", "--out", a.toString()).code()).isZero();
        assertThat(adl("generate", "--positions", "500", "--seed", "7", "--out", b.toString()).code()).isZero();
        assertThat(Files.readString(a.resolve("positions.csv"))).isEqualTo(Files.readString(b.resolve("positions.csv")));
        var rows = Files.readAllLines(a.resolve("positions.csv")).stream().skip(1).map(l -> l.split(",")).toList();
        assertThat(rows).hasSize(500);
        var longs = rows.stream().filter(r -> r[2].equals("long")).map(r -> new java.math.BigDecimal(r[3]))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        var shorts = rows.stream().filter(r -> r[2].equals("short")).map(r -> new java.math.BigDecimal(r[3]))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertThat(longs).isEqualByComparingTo(shorts);
        // The generated event runs under the reference policy.
        Run r = adl("run", "--policy", REF.resolve("policy.adl").toString(), "--positions",
                a.resolve("positions.csv").toString(), "--exposures", a.resolve("exposures.csv").toString(),
                "--event", a.resolve("event.json").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"bankrupt_account\": \"BANKRUPT\"");
    }
}
