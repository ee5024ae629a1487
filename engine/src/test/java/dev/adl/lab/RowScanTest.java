package dev.adl.lab;

import dev.adl.runtime.PositionStore;
import dev.adl.runtime.PositionsCsv;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan's answers at the thresholds themselves are the exact ones, not the doubles'. */
class RowScanTest {
    private static final BigDecimal MARK = new BigDecimal("99");
    private static final BigDecimal MM = new BigDecimal("0.01");

    private static PositionStore store(String rows) {
        return PositionsCsv.read(LabFixture.positions(rows), "pos.csv").get("M");
    }

    @Test
    void equityExactlyZeroIsNotBankruptAndOneUnitBelowIs() {
        // long 10 at 100: at 99 the upnl is -10
        PositionStore s = store("""
                a,M,long,10,100,10
                b,M,long,10,100,9.99999999
                c,M,short,3,66,0.00000001
                d,M,short,3,66.00000001,0
                """);
        // c: 0.00000001 + 3 * (66 - 99) < 0; d: 3 * (66.00000001 - 99) < 0 too
        assertThat(accounts(s, RowScan.bankrupt(s, MARK))).containsExactly("b", "c", "d");
    }

    @Test
    void equityExactlyAtMaintenanceIsNotLiquidatedAndOneUnitBelowIs() {
        // the threshold: 0.01 * 10 * 99 = 9.9; equity = collateral - 10
        PositionStore s = store("""
                a,M,long,10,100,19.9
                b,M,long,10,100,19.89999999
                c,M,long,10,100,10
                d,M,long,10,100,9.99999999
                e,M,long,0,100,5
                """);
        assertThat(accounts(s, RowScan.liquidatable(s, MARK, MM))).containsExactly("b", "c");
    }

    private static java.util.List<String> accounts(PositionStore s, int[] rows) {
        return java.util.Arrays.stream(rows).mapToObj(s::account).toList();
    }
}
