package dev.adl.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.adl.cli.CommandLineTest.adl;
import static org.assertj.core.api.Assertions.assertThat;

/** `adl test`: exit codes, the filter, and each output format. */
class TestCommandTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void writeSuite() throws IOException {
        Files.writeString(tmp.resolve("policy.adl"), """
                policy "t" version 1
                buffer {
                  trigger when shortfall > 1_000_000
                }
                reduce {
                  tier "all" : queue
                }
                """);
        Files.writeString(tmp.resolve("positions.csv"), """
                account,market,side,size,entry_price,collateral
                BL,M,long,10,110,50
                S1,M,short,5,120,100
                S2,M,short,5,110,100
                """);
        Files.writeString(tmp.resolve("policy_test.yaml"), """
                policy: policy.adl
                defaults:
                  positions: positions.csv
                  event: {market: M, mark_price: 100, lot_size: 1, insurance_fund: 0,
                          now: "2026-01-01T08:00:00Z", bankrupt_account: BL}
                cases:
                  - name: both shorts, in account order
                    expect:
                      fills:
                        - {account: S1, size: 5, price: 105}
                        - {account: S2, size: 5, price: 105}
                  - name: nothing unresolved
                    expect: {unresolved_size: 0, not_fired: [trigger]}
                """);
    }

    @Test
    void passingSuiteExitsZero() {
        CommandLineTest.Run r = adl("test", tmp.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("2 cases: 2 passed, 0 failed");
    }

    @Test
    void coverageUnderTheThresholdExitsOneAndNamesTheLine() {
        // the trigger is never true: 2 of 3 branches
        CommandLineTest.Run r = adl("test", tmp.toString(), "--threshold", "90");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("66.7%  2/3  uncovered lines: 3", "(threshold 90%: FAILED)");
        assertThat(adl("test", tmp.toString(), "--threshold", "60").code()).isZero();
    }

    @Test
    void mutateReportsTheSurvivingTriggerMutants() {
        CommandLineTest.Run r = adl("test", tmp.toString(), "--mutate");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("policy.adl:3: number nudged: `1_000_000` -> `900000`");
    }

    @Test
    void aFailingCaseIsAFieldByFieldDiff() throws IOException {
        Path suite = tmp.resolve("policy_test.yaml");
        Files.writeString(suite, Files.readString(suite).replace("{account: S2, size: 5, price: 105}",
                "{account: S2, size: 4, price: 105}"));
        CommandLineTest.Run r = adl("test", suite.toString(), "--run", "account order");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL " + suite + ": both shorts, in account order\n"
                + "    fills[1].size\n      - expected: 4\n      + actual:   5\n");
        assertThat(r.out()).contains("1 cases: 0 passed, 1 failed");
    }

    @Test
    void formats() {
        assertThat(adl("test", tmp.toString(), "--format", "lcov").out()).startsWith("TN:adl\nSF:")
                .contains("BRDA:3,0,0,0\n", "BRDA:3,0,1,2\n");
        assertThat(adl("test", tmp.toString(), "--format", "json", "--coverage").out())
                .contains("\"not_covered\" : [ {", "\"ok\" : true");
        assertThat(adl("test", tmp.toString(), "--format", "junit").out())
                .contains("<testsuites name=\"adl test\" tests=\"2\" failures=\"0\">");
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(adl("test", tmp.toString(), "--run", "(").code()).isEqualTo(2);
        assertThat(adl("test", tmp.toString(), "--threshold", "120").code()).isEqualTo(2);
        CommandLineTest.Run missing = adl("test", tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.out()).contains("nope: no such file or folder");
    }
}
