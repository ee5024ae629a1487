package dev.adl.check;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every policy under src/test/resources/valid checks clean. */
class ValidPoliciesTest {
    private static final Path VALID = Path.of("src", "test", "resources", "valid");

    @TestFactory
    Stream<DynamicTest> everyValidPolicyChecksClean() throws IOException {
        try (Stream<Path> files = Files.list(VALID)) {
            return files.filter(p -> p.toString().endsWith(".adl")).sorted().toList().stream()
                    .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                        Analysis a = Frontend.analyze(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                        assertThat(a.diagnostics()).isEmpty();
                        assertThat(a.policy()).isNotNull();
                        assertThat(a.hasErrors()).isFalse();
                    }));
        }
    }
}
