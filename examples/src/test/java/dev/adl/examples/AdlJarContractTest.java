package dev.adl.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The `adl` jar as outside tools call it: a separate process, its exit code, and exactly
 * what it writes on stdout and stderr.
 */
class AdlJarContractTest {
    private static final Path JAR = Path.of("..", "policy-server", "target", "adl.jar");
    private static final Path REF = Path.of("reference");

    record Proc(int code, String out, String err) {
    }

    static Proc adl(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the shaded jar is built before this module's tests").exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("adl-out", ".txt");
        Path err = Files.createTempFile("adl-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void runPrintsExactlyTheExpectedJsonAndNothingOnStderr() throws Exception {
        Proc p = adl("run", "--policy", REF.resolve("policy.adl").toString(),
                "--positions", REF.resolve("positions.csv").toString(),
                "--exposures", REF.resolve("exposures.csv").toString(),
                "--event", REF.resolve("drawdown.event.json").toString());
        assertThat(p.err()).isEmpty();
        assertThat(p.code()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(p.out())).isEqualTo(json.readTree(REF.resolve("drawdown.expected.json").toFile()));
    }

    @Test
    void compileWritesTheWholeDrlToStdout() throws Exception {
        Proc p = adl("compile", REF.resolve("policy.adl").toString());
        assertThat(p.code()).isZero();
        assertThat(p.out()).contains("rule \"floor@10\"").contains("rule \"notify@29\"").endsWith("end\n");
    }

    @Test
    void checkErrorsReachStderrWithLocation() throws Exception {
        Path bad = Files.createTempFile("bad", ".adl");
        try {
            Files.writeString(bad, "policy \"p\" version 1\neligible when size\nreduce { tier \"a\" : queue }\n");
            Proc p = adl("check", bad.toString());
            assertThat(p.code()).isEqualTo(1);
            assertThat(p.err()).startsWith(bad + ":2:15: error: ");
        } finally {
            Files.deleteIfExists(bad);
        }
    }

    @Test
    void badInputExitsNonZeroWithNothingOnStdout() throws Exception {
        Proc p = adl("run", "--policy", REF.resolve("policy.adl").toString(),
                "--positions", "no-such-positions.csv",
                "--event", REF.resolve("drawdown.event.json").toString());
        assertThat(p.code()).isNotZero();
        assertThat(p.out()).isEmpty();
        assertThat(p.err()).isEqualTo("no-such-positions.csv: error: no such file\n");
    }
}
