package dev.adl.examples;

import dev.adl.testing.PolicyTests;
import dev.adl.testing.TestRun;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Runs every example's {@code policy_test.yaml} the way an exchange's own build would:
 * each case a test, and each policy held to 90% branch coverage with no surviving mutant.
 */
class PolicySuitesTest {
    @TestFactory
    Stream<DynamicNode> exampleSuites() {
        return PolicyTests.dynamicTests(Path.of(""), new TestRun.Options(null, true, 90, true));
    }
}
