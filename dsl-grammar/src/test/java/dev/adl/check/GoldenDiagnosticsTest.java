package dev.adl.check;

import dev.adl.diag.DiagnosticFormatter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden tests of the rendered diagnostics. Each {@code src/test/resources/check/<case>.adl}
 * is analysed and the output of {@link DiagnosticFormatter#formatAll} must equal
 * {@code <case>.adl.baseline} byte for byte.
 *
 * <p>After an intended change of messages, regenerate the baselines with
 * {@code mvn -B -q verify -pl dsl-grammar -Dadl.golden.update=true}, then read the diff:
 * every message must read well and every caret must sit under the offending token.
 */
class GoldenDiagnosticsTest {
    private static final Path CASES = Path.of("src", "test", "resources", "check");
    private static final boolean UPDATE = Boolean.getBoolean("adl.golden.update");
    /** The cases there are: fewer found means the folder moved or lost files, and the test would prove nothing. */
    static final int MIN_CASES = 33;

    @Test
    void theCasesAreAllFound() throws IOException {
        assertThat(cases()).as("golden cases in " + CASES.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(MIN_CASES);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesItsBaseline() throws IOException {
        List<Path> cases = cases();
        assertThat(cases).as("golden cases in " + CASES.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(MIN_CASES);
        return cases.stream().map(adl -> DynamicTest.dynamicTest(adl.getFileName().toString(), () -> {
            String name = adl.getFileName().toString();
            String text = Files.readString(adl, StandardCharsets.UTF_8);
            Analysis analysis = Frontend.analyze(name, text);
            String rendered = DiagnosticFormatter.formatAll(name, text, analysis.diagnostics());
            Path baseline = adl.resolveSibling(name + ".baseline");
            if (UPDATE) {
                Files.writeString(baseline, rendered, StandardCharsets.UTF_8);
            }
            assertThat(rendered).as("every error case reports something").isNotEmpty();
            assertThat(baseline).as("baseline of " + name).exists();
            assertThat(rendered).isEqualTo(Files.readString(baseline, StandardCharsets.UTF_8));
        }));
    }

    @Test
    void everyBaselineHasItsCase() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            files.filter(p -> p.toString().endsWith(".baseline")).forEach(b -> assertThat(
                    b.resolveSibling(b.getFileName().toString().replace(".baseline", ""))).exists());
        }
    }

    private static List<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.filter(p -> p.toString().endsWith(".adl")).sorted().toList();
        }
    }
}
