package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

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
        // the rows come in the same order as the accounts
        assertThat(java.util.Arrays.stream(qi.rowsAtLeast(-1, 4)).mapToObj(store::account).toList())
                .containsExactly("S7", "S6", "S5");
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

    /**
     * A random store large enough for the radix passes, with many tied scores: every rank,
     * quintile and selection must be what sorting the eligible positions by hand gives.
     */
    @Test
    void agreesWithAFullSortOnARandomStore() {
        CompiledPolicy policy = compile("""
                policy "r" version 1
                eligible when size > 3
                rank by collateral / size
                reduce {
                  tier "all" : queue
                }
                """);
        Random random = new Random(7);
        PositionStore.Builder b = PositionStore.builder("M", new AccountDictionary());
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            // integral sizes and collateral: the scores are exact quotients, with many ties
            long size = 1 + random.nextInt(12);
            long collateral = random.nextInt(25);
            b.add("acc" + random.nextInt(1_000_000_000) + "-" + i, random.nextBoolean() ? 1 : -1,
                    size * 100_000_000L, 100 * 100_000_000L, collateral * 100_000_000L, i + 2);
        }
        PositionStore store = b.build();
        QueueIndicator qi = QueueIndicator.compute(policy, store, null,
                new QueueIndicator.MarketState(new BigDecimal("100"), BigDecimal.ZERO, NOW, List.of()));
        for (int side : new int[] {1, -1}) {
            List<Position> expected = new ArrayList<>();
            store.forEach(p -> {
                if (p.side() == side && p.size().compareTo(new BigDecimal("3")) > 0) {
                    expected.add(p);
                }
            });
            expected.sort(Comparator.comparingDouble((Position p) -> -(p.collateral().doubleValue()
                    / p.size().doubleValue())).thenComparing(Position::account));
            List<String> accounts = expected.stream().map(Position::account).toList();
            int m = accounts.size();
            assertThat(m).isGreaterThan(5_000);
            assertThat(qi.eligibleCount(side)).isEqualTo(m);
            assertThat(qi.accountsAtLeast(side, 1)).containsExactlyElementsOf(accounts);
            for (int q = 2; q <= 5; q++) {
                int take = 0;
                for (int k = q; k <= 5; k++) {
                    take += (int) qi.counts(side)[k - 1];
                }
                assertThat(qi.accountsAtLeast(side, q)).as("quintile %d", q)
                        .containsExactlyElementsOf(accounts.subList(0, take));
            }
            for (int i = 0; i < m; i += 97) {
                assertThat(qi.rank(accounts.get(i))).hasValue(i + 1);
                assertThat(qi.quintile(accounts.get(i))).hasValue(QueueIndicator.quintileOf(i + 1, m));
            }
        }
        store.forEach(p -> {
            if (p.size().compareTo(new BigDecimal("3")) <= 0) {
                assertThat(qi.rank(p.account())).isEmpty();
            }
        });
    }
}
