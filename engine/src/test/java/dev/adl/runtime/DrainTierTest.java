package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The drain tier's common level worked out by hand (docs/semantics.md, "Drain tiers"). */
class DrainTierTest {
    private static final BigDecimal MARK = new BigDecimal("100");
    private static final long ONE = 100_000_000L;

    /**
     * Longs opened at the mark (upnl 0, equity = collateral): A 10 units, equity 100 (leverage 10);
     * B 10 units, equity 200 (leverage 5); C 5 units, equity 250 (leverage 2).
     */
    private static PositionStore abc() {
        return PositionStore.builder("X", new AccountDictionary())
                .add("A", 1, 10 * ONE, 100 * ONE, 100 * ONE, 1)
                .add("B", 1, 10 * ONE, 100 * ONE, 200 * ONE, 2)
                .add("C", 1, 5 * ONE, 100 * ONE, 250 * ONE, 3)
                .build();
    }

    private record Outcome(long left, long[] lots, List<String> trace) {
    }

    private static Outcome reduce(PositionStore store, long need, long lot, String giveUp) {
        int n = store.rows();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        List<TierAllocator.Take> takes = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        long left = DrainTier.reduce(store, rows, rows.clone(), need, lot, MARK, new BigDecimal(giveUp),
                Integer::compare, takes, 1, trace);
        long[] lots = new long[n];
        int last = -1;
        for (TierAllocator.Take t : takes) {
            assertThat(t.candidate()).as("takes in rank order").isGreaterThan(last);
            last = t.candidate();
            assertThat(t.size() % lot).as("whole lots").isZero();
            lots[t.candidate()] = t.size() / lot;
        }
        return new Outcome(left, lots, trace);
    }

    @Test
    void atMarkTheCommonLevelSolvesTheNeed() {
        // g = 0: x(L) = (N - L * E) / 100. Above leverage 5 only A gives; for L < 5,
        // x_A + x_B = (10 - L) + (10 - 2L) = 20 - 3L = 6 at L = 14/3. On the 10^-8 grid the highest L
        // whose reductions still reach 6 is 4.66666666 (20 - 13.99999998 = 6.00000002)
        Outcome o = reduce(abc(), 6 * ONE, ONE, "0");
        assertThat(o.trace()).containsExactly("drain level 4.66666666");
        // weights 5.33333334 and 0.66666668 of 6 lots: 5.333 and 0.667, floors 5 and 0, the leftover
        // lot to B's larger remainder; C (leverage 2, under L) gives nothing
        assertThat(o.lots()).containsExactly(5L, 1L, 0L);
        assertThat(o.left()).isZero();
        // A ends at (1000 - 500) / 100 = 5, B at (1000 - 100) / 200 = 4.5: near L up to the lot
    }

    @Test
    void lotRoundingMakesTheReductionsWholeLots() {
        // lot 2, need 6 = 3 lots; same level, weights 5.33333334 : 0.66666668 give 2.667 and 0.333:
        // floors 2 and 0, the leftover lot to A (remainder 0.667 over 0.333)
        Outcome o = reduce(abc(), 6 * ONE, 2 * ONE, "0");
        assertThat(o.lots()).containsExactly(3L, 0L, 0L);
        assertThat(o.left()).isZero();
    }

    @Test
    void closingAtTheBankruptcyPriceCountsTheGivenUpProfit() {
        // g = 10: B's leverage after closing x is (1000 - 100x) / (200 - 10x); x(L) = (1000 - 200L) / (100 - 10L).
        // Without A, need 4 from B: 1000 - 200L = 400 - 40L, L = 3.75 exactly (C at leverage 2 gives nothing).
        // B after: 6 units, notional 600, equity 200 - 40 = 160, leverage 3.75
        PositionStore s = PositionStore.builder("X", new AccountDictionary())
                .add("B", 1, 10 * ONE, 100 * ONE, 200 * ONE, 1)
                .add("C", 1, 5 * ONE, 100 * ONE, 250 * ONE, 2)
                .build();
        Outcome o = reduce(s, 4 * ONE, ONE, "10");
        assertThat(o.trace()).containsExactly("drain level 3.75");
        assertThat(o.lots()).containsExactly(4L, 0L);
    }

    @Test
    void whenClosingEveryoneIsNotEnoughAllCloseAndTheRestPassesOn() {
        Outcome o = reduce(abc(), 30 * ONE, ONE, "0");
        assertThat(o.lots()).containsExactly(10L, 10L, 5L);
        assertThat(o.left()).isEqualTo(5 * ONE);
    }

    @Test
    void aMemberWhoseLeverageIsMarkOverGiveUpClosesWhole() {
        // g = 10 and A's leverage is 10 = mark / g: x_A(L) = (1000 - 100L) / (100 - 10L) = 10 for every L < 10,
        // so closing at bp never lowers its leverage until it is gone. A alone covers need 10 just under
        // its own leverage: the highest grid level is 9.99999999, where B (5) and C (2) give nothing
        List<String> trace = new ArrayList<>();
        int[] rows = {0, 1, 2};
        List<TierAllocator.Take> takes = new ArrayList<>();
        long left = DrainTier.reduce(abc(), rows, rows.clone(), 10 * ONE, ONE, MARK, BigDecimal.TEN, Integer::compare,
                takes, 0, trace);
        assertThat(left).isZero();
        assertThat(trace).containsExactly("drain level 9.99999999");
        assertThat(takes).containsExactly(new TierAllocator.Take(0, 10 * ONE, 0));
    }

    /**
     * Longs opened at the mark 100 (equity = collateral), closed at a fill price 10 away (g = 10, so
     * mark / g = 10): A 10 units, equity 50 (leverage 20); B 10 units, equity 100 (leverage 10); C 10
     * units, equity 200 (leverage 5); D 5 units, equity 250 (leverage 2).
     */
    private static PositionStore abcd() {
        return PositionStore.builder("X", new AccountDictionary())
                .add("A", 1, 10 * ONE, 100 * ONE, 50 * ONE, 1)
                .add("B", 1, 10 * ONE, 100 * ONE, 100 * ONE, 2)
                .add("C", 1, 10 * ONE, 100 * ONE, 200 * ONE, 3)
                .add("D", 1, 5 * ONE, 100 * ONE, 250 * ONE, 4)
                .build();
    }

    @Test
    void aMemberThatClosingAtTheFillPriceWouldBankruptIsNotDrained() {
        // A: closing x at 90 leaves (1000 - 100x) / (50 - 10x), 20 at x = 0, rising to +infinity at x = 5;
        // closing all 10 takes 100 of its 50. It cannot be brought down to any level and gives nothing.
        // B (10 = mark / g) gives its whole 10 at every level under 10 and ends with equity 0; C gives
        // x_C = (1000 - 200L) / (100 - 10L) = 2 at L = 800 / 180 = 4.444...: on the grid 4.44444444
        // (x_C = 111.11111200 / 55.5555556 = 2.0000000144), the next level gives 1.99999998.
        Outcome o = reduce(abcd(), 12 * ONE, ONE, "10");
        assertThat(o.trace()).containsExactly("drain level 4.44444444",
                "drain: 1 members not drained: closing at the fill price would take more than their equity");
        // weights 10 and 2.00000001 of 12 lots: 9.99999999 and 2.00000001, floors 9 and 2, the leftover lot
        // to B's larger remainder. C ends at 8 units, equity 200 - 20 = 180: leverage 800 / 180 = 4.44
        assertThat(o.lots()).containsExactly(0L, 10L, 2L, 0L);
        assertThat(o.left()).isZero();
    }

    @Test
    void whatTheDrainableMembersCannotCoverPassesOnAndTheUndrainableKeepTheirSize() {
        // B, C and D close whole (25 units) and A still gives nothing: 5 of 30 pass on
        Outcome o = reduce(abcd(), 30 * ONE, ONE, "10");
        assertThat(o.lots()).containsExactly(0L, 10L, 10L, 5L);
        assertThat(o.left()).isEqualTo(5 * ONE);
    }

    @Test
    void atMarkEveryMemberCanBeDrained() {
        // g = 0: closing at mark never costs equity, so A (leverage 20) leads. Above leverage 10 only A
        // gives: x_A = (1000 - 50L) / 100 = 4 at L = 12 exactly; B (10) gives nothing there
        Outcome o = reduce(abcd(), 4 * ONE, ONE, "0");
        assertThat(o.trace()).containsExactly("drain level 12");
        assertThat(o.lots()).containsExactly(4L, 0L, 0L, 0L);
    }
}
