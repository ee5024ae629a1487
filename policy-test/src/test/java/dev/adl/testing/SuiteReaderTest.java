package dev.adl.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteReaderTest {
    @TempDir
    Path dir;

    private List<TestCase> read(String suite) {
        return new SuiteReader().read(Fixtures.write(dir, "x_test.yaml", suite));
    }

    private static final String EVENT = """
                event: {market: M, mark_price: 100, lot_size: 1, insurance_fund: 0,
                        now: "2026-01-01T08:00:00Z", bankrupt_account: BL}
            """;

    @Test
    void tableRowsAreMergedOverTheirCase() {
        List<TestCase> cases = read("""
                policy: policy.adl
                defaults:
                  positions: positions.csv
                cases:
                  - name: fund
                """ + EVENT + """
                    expect: {adl_size: 10, fired: [floor]}
                    rows:
                      - name: none
                      - name: some
                        event: {insurance_fund: "12.5"}
                        expect: {adl_size: 9}
                """);
        assertThat(cases).extracting(TestCase::name).containsExactly("fund [none]", "fund [some]");
        assertThat(cases.get(0).inputs().event().insuranceFund()).isEqualByComparingTo("0");
        assertThat(cases.get(1).inputs().event().insuranceFund()).isEqualByComparingTo("12.5");
        // the row's expectation is laid over the case's: adl_size replaced, fired kept
        assertThat(cases.get(1).expect().amounts()).containsEntry("adl_size", new BigDecimal("9"));
        assertThat(cases.get(1).expect().fired()).containsExactly("floor");
        assertThat(cases.get(1).inputs().event().now()).isEqualTo(Instant.parse("2026-01-01T08:00:00Z"));
    }

    @Test
    void everyBadEventValueIsAnInputErrorAtTheCasesLine() {
        List<TestCase> cases = read("""
                policy: policy.adl
                cases:
                  - name: bad
                    positions: positions.csv
                    event: {market: M, mark_price: -1, lot_size: 0.000000001, insurance_fund: 1e999999999,
                            now: yesterday, bankrupt_account: BL}
                    expect: {error: "mark_price"}
                """);
        Inputs in = cases.get(0).inputs();
        assertThat(in.ok()).isFalse();
        assertThat(in.loadError().lines().toList()).allMatch(l -> l.contains("x_test.yaml:3: ")).containsExactly(
                dir.resolve("x_test.yaml") + ":3: `mark_price` must be greater than 0, got `-1`",
                dir.resolve("x_test.yaml") + ":3: `lot_size` must have at most 8 decimal places, got `0.000000001`",
                dir.resolve("x_test.yaml") + ":3: `insurance_fund` must be at most 1000000000000000 in size, got `1E+999999999`",
                dir.resolve("x_test.yaml") + ":3: `now` must be an ISO-8601 instant such as `2026-01-01T08:00:00Z`, got `yesterday`");
    }

    @Test
    void positionsMayBeInlineRowsWithTheEventsMarket() {
        List<TestCase> cases = read("""
                policy: policy.adl
                cases:
                  - name: inline
                    positions:
                      - {account: BL, side: long, size: 10, entry_price: 110, collateral: 50}
                      - {account: S1, side: short, size: 2.5, entry_price: 120, collateral: 100}
                """ + EVENT + """
                    expect: {adl_size: 2.5}
                """);
        var store = cases.get(0).inputs().stores().get("M");
        assertThat(store.rows()).isEqualTo(2);
        assertThat(store.size(store.rowOf("S1"))).isEqualByComparingTo("2.5");
    }

    @Test
    void anEventFileCanBeReusedWithFieldsChanged() throws IOException {
        Files.writeString(dir.resolve("e.event.json"), """
                {"market": "M", "mark_price": "100", "lot_size": "1", "insurance_fund": "0",
                 "now": "2026-01-01T08:00:00Z", "fund_history": [{"at": "2026-01-01T07:00:00Z", "balance": "5"}],
                 "bankrupt_account": "BL"}
                """);
        List<TestCase> cases = read("""
                policy: policy.adl
                cases:
                  - positions: positions.csv
                    event: {file: e.event.json, mark_price: 90}
                    expect: {adl_size: 1}
                """);
        var event = cases.get(0).inputs().event();
        assertThat(event.markPrice()).isEqualByComparingTo("90");
        assertThat(event.fundHistory()).hasSize(1);
        assertThat(cases.get(0).name()).isEqualTo("case 1");
    }

    @Test
    void aBadPositionsFileBecomesTheCasesErrorSoACaseCanExpectIt() {
        List<TestCase> cases = read("""
                policy: policy.adl
                cases:
                  - positions: |
                      account,market,side,size,entry_price,collateral
                      BL,M,sideways,10,110,50
                """ + EVENT + """
                    expect: {error: "side `sideways`"}
                """);
        assertThat(cases.get(0).inputs().ok()).isFalse();
        assertThat(cases.get(0).inputs().loadError()).contains(":2:").contains("sideways");
    }

    @Test
    void mistakesNameTheFileAndCase() {
        assertThatThrownBy(() -> read("""
                policy: policy.adl
                cases:
                  - name: typo
                    positions: positions.csv
                """ + EVENT + """
                    expect: {adl_sise: 1}
                """)).isInstanceOf(SuiteFormatException.class)
                .hasMessageContaining("x_test.yaml:3: case `typo`: expect: unknown key `adl_sise`");
        assertThatThrownBy(() -> read("""
                policy: policy.adl
                cases:
                  - name: vague
                    positions: positions.csv
                """ + EVENT + """
                    expect: {}
                """)).hasMessageContaining("x_test.yaml:3: case `vague`: `expect` checks nothing");
        assertThatThrownBy(() -> read("policy: policy.adl\ncases: [\n")).hasMessageContaining("x_test.yaml:")
                .hasMessageContaining("not valid YAML");
    }
}
