package dev.adl.server;

import dev.adl.runtime.AccountDictionary;
import dev.adl.runtime.PositionStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots and merges go through the positions CSV: collateral must survive it exactly. */
class StoreCsvTest {

    private static PositionStore store() {
        return PositionStore.builder("BTC-PERP", new AccountDictionary())
                .add("A", 1, 200_000_000L, 100_00000000L, new BigDecimal("10.0000000000000017"), 2)
                .add("B", -1, 150_000_000L, 100_00000000L, new BigDecimal("5.5"), 3)
                .add("C", -1, 50_000_000L, 90_00000000L, new BigDecimal("-0.123456789012"), 4)
                .build();
    }

    @Test
    void writeThenParseKeepsEveryCollateralExactly() {
        PositionStore before = store();
        PositionStore after = StoreCsv.parse("BTC-PERP", StoreCsv.write(before));
        for (String account : new String[]{"A", "B", "C"}) {
            assertThat(after.collateral(after.rowOf(account)))
                    .isEqualByComparingTo(before.collateral(before.rowOf(account)));
        }
        assertThat(after.collateral(after.rowOf("A"))).isEqualTo(new BigDecimal("10.0000000000000017"));
        assertThat(after.house()).isEqualByComparingTo(before.house());
    }

    @Test
    void mergeReplacesChangedRowsAndKeepsTheOthersExact() {
        PositionStore changes = PositionStore.builder("BTC-PERP", new AccountDictionary())
                .add("B", -1, 100_000_000L, 100_00000000L, new BigDecimal("6"), 2)
                .add("D", 1, 50_000_000L, 95_00000000L, new BigDecimal("1"), 3)
                .build();
        PositionStore merged = StoreCsv.merge(store(), changes);
        assertThat(merged.rows()).isEqualTo(4);
        assertThat(merged.collateral(merged.rowOf("A"))).isEqualTo(new BigDecimal("10.0000000000000017"));
        assertThat(merged.collateral(merged.rowOf("C"))).isEqualTo(new BigDecimal("-0.123456789012"));
        assertThat(merged.collateral(merged.rowOf("B"))).isEqualByComparingTo("6");
        assertThat(merged.sizeFixed(merged.rowOf("B"))).isEqualTo(100_000_000L);
        // longs 2 + 0.5, shorts 1 + 0.5: the house holds the difference
        assertThat(merged.house()).isEqualByComparingTo("-1");
    }
}
