package dev.adl.testing;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyTestsTest {
    @TempDir
    Path dir;

    @Test
    void casesBecomeTestsGroupedBySuiteAndChecksBecomeTestsPerPolicy() {
        Fixtures.write(dir, "weak_test.yaml", Fixtures.WEAK_SUITE.replace("adl_size: 10", "adl_size: 10\n"
                + "  - name: off by one\n"
                + "    positions: positions.csv\n"
                + "    event: {market: M, mark_price: 100, lot_size: 1, insurance_fund: 0,\n"
                + "            now: \"2026-01-01T08:00:00Z\", bankrupt_account: BL}\n"
                + "    expect: {adl_size: 9}"));
        List<DynamicNode> nodes = PolicyTests.dynamicTests(dir, new TestRun.Options(null, true, 90, true)).toList();
        assertThat(nodes).hasSize(3);
        DynamicContainer suite = (DynamicContainer) nodes.get(0);
        List<DynamicTest> cases = suite.getChildren().map(DynamicTest.class::cast).toList();
        assertThat(cases).extracting(DynamicNode::getDisplayName).containsExactly("everything is deleveraged",
                "off by one");
        assertThatCode(cases.get(0).getExecutable()::execute).doesNotThrowAnyException();
        assertThatThrownBy(cases.get(1).getExecutable()::execute).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("adl_size: expected 9, got 10");
        Executable coverage = ((DynamicTest) nodes.get(1)).getExecutable();
        assertThat(nodes.get(1).getDisplayName()).startsWith("coverage of ");
        assertThatThrownBy(coverage::execute).hasMessageContaining("uncovered lines [5, 7, 8, 9, 11, 14]");
        // a failing case makes the mutation check meaningless: it says so rather than passing
        assertThatThrownBy(((DynamicTest) nodes.get(2)).getExecutable()::execute)
                .hasMessageContaining("its cases must pass before mutants are tried");
    }
}
