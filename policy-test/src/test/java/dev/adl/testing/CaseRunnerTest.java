package dev.adl.testing;

import dev.adl.runtime.EventObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures are reported field by field, with what was expected and what happened. */
class CaseRunnerTest {
    @TempDir
    Path dir;

    private CaseResult runOne(String expect) {
        Path file = Fixtures.write(dir, "x_test.yaml", Fixtures.WEAK_SUITE.replace("      adl_size: 10\n", expect));
        TestCase c = new SuiteReader().read(file).get(0);
        PolicyCache.Entry p = new PolicyCache().get(c.policyFile());
        return CaseRunner.run(c, p.policy(), p.error(), EventObserver.NONE);
    }

    @Test
    void wrongFillsAreReportedPerField() {
        // at 105 both shorts are taken whole, S1 first: its pnl_pct * leverage is larger
        CaseResult r = runOne("""
                      fills:
                        - {account: S1, size: 5, price: 105, realized_pnl: 75, tier: rest, rank: 1}
                        - {account: S2, size: 4, price: 105}
                        - {account: S3, size: 1}
                """);
        assertThat(r.passed()).isFalse();
        assertThat(r.differences()).extracting(Difference::toString).containsExactly(
                "fills: expected 3 fills, got 2 fills",
                "fills[1].size: expected 4, got 5",
                "fills[2]: expected {account: S3, size: 1}, got no fill");
    }

    @Test
    void clauseReferencesMustNameRulesOfThePolicy() {
        CaseResult r = runOne("""
                      fired: [floor, tier@12]
                      not_fired: [trigger, cap@99]
                """);
        assertThat(r.differences()).extracting(Difference::field).containsExactly("not_fired");
        assertThat(r.differences().get(0).actual()).contains("`cap@99` names none");
    }

    @Test
    void anUnexpectedRefusalAndAMissingRefusalAreBothFailures() {
        CaseResult ok = runOne("""
                      error: "has no position"
                """);
        assertThat(ok.differences()).extracting(Difference::field).containsExactly("error");
        assertThat(ok.differences().get(0).actual()).startsWith("no error: adl_size 10");

        Path file = Fixtures.write(dir, "y_test.yaml", Fixtures.WEAK_SUITE.replace("bankrupt_account: BL",
                "bankrupt_account: NOBODY"));
        TestCase c = new SuiteReader().read(file).get(0);
        PolicyCache.Entry p = new PolicyCache().get(c.policyFile());
        CaseResult refused = CaseRunner.run(c, p.policy(), p.error(), EventObserver.NONE);
        assertThat(refused.differences()).extracting(Difference::toString)
                .containsExactly("error: expected none, got `account `NOBODY` has no position in market `M``");
    }

    @Test
    void aPolicyThatDoesNotCompileFailsItsCasesWithTheDiagnostics() {
        Path file = Fixtures.write(dir, "x_test.yaml", Fixtures.WEAK_SUITE);
        TestCase c = new SuiteReader().read(file).get(0);
        CaseResult r = CaseRunner.run(c, null, "policy.adl:3:1: error: something", EventObserver.NONE);
        assertThat(r.passed()).isFalse();
        assertThat(r.error()).contains("policy.adl:3:1");
        assertThat(List.copyOf(r.differences())).hasSize(1);
    }

    @Test
    void haircutAmountsAndTheTierKindsResultFieldsAreChecked() throws Exception {
        Path file = Fixtures.write(dir, "h_test.yaml", Fixtures.WEAK_SUITE.replace("      adl_size: 10\n", """
                      adl_size: 6
                      unresolved_size: 4
                      haircut_size: 6
                      haircut_paid: 30
                      mark_fill_loss: 0
                      mark_fill_loss_unresolved: 1
                      fills:
                        - {account: S1, size: 0, haircut: 20, fee: 0, tier: cut}
                        - {account: S2, size: 0, haircut: 11, tier: cut}
                """));
        // bp 105, u 5: caps 20% of upnl 100 and 50 are 20 and 10; 30 holds 6 of 10 units, split 100:50
        java.nio.file.Files.writeString(dir.resolve("policy.adl"), """
                policy "cut" version 2
                markets "M"
                rank by upnl
                reduce { tier "cut" : haircut cap 20% of upnl }
                """);
        TestCase c = new SuiteReader().read(file).get(0);
        PolicyCache.Entry p = new PolicyCache().get(c.policyFile());
        CaseResult r = CaseRunner.run(c, p.policy(), p.error(), EventObserver.NONE);
        assertThat(r.differences()).extracting(Difference::toString).containsExactly(
                "mark_fill_loss_unresolved: expected 1, got 0",
                "fills[1].haircut: expected 11, got 10");
    }

    @Test
    void aVersion1ResultHasNoHaircutFields() {
        CaseResult r = runOne("""
                      haircut_size: 0
                """);
        assertThat(r.differences()).extracting(Difference::toString).containsExactly(
                "haircut_size: expected 0, got nothing");
    }
}
