package dev.adl.compile;

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
 * Each {@code drl/<case>.adl} compiles to exactly {@code drl/<case>.drl.baseline}, and its
 * formula programs list as exactly {@code drl/<case>.programs.baseline}.
 * Run with {@code -Dadl.golden.update=true} to rewrite the baselines after an intended change.
 */
class GoldenDrlTest {
    private static final Path DIR = Path.of("src/test/resources/drl");
    private static final boolean UPDATE = Boolean.getBoolean("adl.golden.update");

    @TestFactory
    Stream<DynamicTest> generatedDrlMatchesBaselines() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(DIR)) {
            cases = files.filter(p -> p.toString().endsWith(".adl")).sorted().toList();
        }
        assertThat(cases).as("golden cases").hasSizeGreaterThanOrEqualTo(3);
        return cases.stream().map(adl -> DynamicTest.dynamicTest(adl.getFileName().toString(), () -> check(adl)));
    }

    @Test
    void hostileNamesProduceTheReferenceDrl() throws IOException {
        assertThat(Files.readString(DIR.resolve("hostile.drl.baseline")))
                .isEqualTo(Files.readString(DIR.resolve("reference.drl.baseline")));
        CompileResult hostile = PolicyCompiler.compile("hostile.adl", Files.readString(DIR.resolve("hostile.adl")));
        assertThat(hostile.policy().name()).isEqualTo("end\" then rule \"x\" when System.exit(1); end */ // \\n \\");
        assertThat(hostile.policy().markets()).contains("rule \"x\" when then end");
    }

    private static void check(Path adl) throws IOException {
        String text = Files.readString(adl, StandardCharsets.UTF_8);
        CompileResult result = PolicyCompiler.compile(adl.getFileName().toString(), text);
        assertThat(result.hasErrors()).as(result.formatDiagnostics()).isFalse();
        String drl = result.policy().drl();
        Path baseline = adl.resolveSibling(adl.getFileName().toString().replace(".adl", ".drl.baseline"));
        if (UPDATE) {
            Files.writeString(baseline, drl, StandardCharsets.UTF_8);
        }
        assertThat(baseline).as("baseline for " + adl.getFileName() + " (run with -Dadl.golden.update=true)").exists();
        assertThat(drl).isEqualTo(Files.readString(baseline, StandardCharsets.UTF_8));

        String listing = result.policy().programListing();
        Path programs = adl.resolveSibling(adl.getFileName().toString().replace(".adl", ".programs.baseline"));
        if (UPDATE) {
            Files.writeString(programs, listing, StandardCharsets.UTF_8);
        }
        assertThat(programs).as("baseline for " + adl.getFileName() + " (run with -Dadl.golden.update=true)").exists();
        assertThat(listing).isEqualTo(Files.readString(programs, StandardCharsets.UTF_8));
    }
}
