package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static dev.adl.runtime.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

class QueueIndicatorTest {
    @Test
    void quintilesFollowThePolicyOrder() {
        CompiledPolicy policy = compile("""
                policy "q" version 1
                eligible when size > 1
                rank by size
                reduce {
                  tier "all" : queue
                }
                """);
        // shorts by size: S7 70, S6 60, S5 50, S4 40, S3a/S3b 30 (ties by account id), S1 10; S0 is not eligible
        PositionStore store = store("M", """
                S1,M,short,10,100,0
                S3b,M,short,30,100,0
                S3a,M,short,30,100,0
                S4,M,short,40,100,0
                S5,M,short,50,100,0
                S6,M,short,60,100,0
                S7,M,short,70,100,0
                S0,M,short,1,100,0
                L1,M,long,5,100,0
                """);
        QueueIndicator qi = QueueIndicator.compute(policy, store, null,
                new QueueIndicator.MarketState(new BigDecimal("100"), BigDecimal.ZERO, NOW, List.of()));
        assertThat(qi.eligibleCount(-1)).isEqualTo(7);
        assertThat(qi.eligibleCount(1)).isEqualTo(1);
        // n = 7: ranks 1..7 -> quintiles 5,5,4,3,3,2,1
        assertThat(qi.rank("S7")).hasValue(1);
        assertThat(qi.quintile("S7")).hasValue(5);
        assertThat(qi.quintile("S6")).hasValue(5);
        assertThat(qi.quintile("S5")).hasValue(4);
        assertThat(qi.quintile("S4")).hasValue(3);
        assertThat(qi.rank("S3a")).hasValue(5);
        assertThat(qi.rank("S3b")).hasValue(6);
        assertThat(qi.quintile("S3b")).hasValue(2);
        assertThat(qi.quintile("S1")).hasValue(1);
        assertThat(qi.quintile("L1")).hasValue(5);
        assertThat(qi.quintile("S0")).isEmpty();
        assertThat(qi.quintile("nobody")).isEmpty();
        assertThat(qi.counts(-1)).containsExactly(1, 1, 2, 1, 2);
        assertThat(qi.accountsAtLeast(-1, 4)).containsExactly("S7", "S6", "S5");
        assertThat(qi.accountsAtLeast(-1, 1)).hasSize(7);
    }

    @Test
    void countsAgreeWithTheFormulaRankByRank() {
        for (int n = 1; n <= 60; n++) {
            long[] expected = new long[5];
            for (int i = 1; i <= n; i++) {
                expected[QueueIndicator.quintileOf(i, n) - 1]++;
            }
            long[] counts = new long[5];
            int side = 1;
            // counts() depends on n only; check it through a store of n longs ranked by size
            PositionStore.Builder b = PositionStore.builder("M", new AccountDictionary());
            for (int i = 0; i < n; i++) {
                b.add("a" + i, side, (i + 1) * 100_000_000L, 100_000_000L, 0, i + 2);
            }
            QueueIndicator qi = QueueIndicator.compute(FakePolicy.queue("M", in -> in.column(
                            dev.adl.ast.Builtins.PositionVar.SIZE), FakePolicy::defaults), b.build(), null,
                    new QueueIndicator.MarketState(BigDecimal.ONE, BigDecimal.ZERO, NOW, List.of()));
            counts = qi.counts(side);
            assertThat(counts).as("n = %d", n).containsExactly(expected);
            assertThat(qi.quintile("a" + (n - 1))).hasValue(5);
            // the last in line is quintile 1 once there are five; before that: n = 1 -> 5, 2 -> 3, 3 and 4 -> 2
            assertThat(qi.quintile("a0")).hasValue(n >= 5 ? 1 : new int[]{0, 5, 3, 2, 2}[n]);
        }
    }
}
