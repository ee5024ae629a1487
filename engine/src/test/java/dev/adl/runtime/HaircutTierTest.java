package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The haircut tier's split worked out by hand (docs/semantics.md, "Haircut tiers"). */
class HaircutTierTest {
    private static final BigDecimal MARK = new BigDecimal("100");
    private static final long ONE = 100_000_000L;

    /**
     * At mark 100: A short 10 @ 130 has upnl 300 and equity 350; B short 10 @ 110 has upnl 100 and
     * equity 110; C short 10 @ 105 has upnl 50 but collateral -20, so its equity is 30.
     */
    private static PositionStore abc() {
        return PositionStore.builder("X", new AccountDictionary())
                .add("A", -1, 10 * ONE, 130 * ONE, 50 * ONE, 1)
                .add("B", -1, 10 * ONE, 110 * ONE, 10 * ONE, 2)
                .add("C", -1, 10 * ONE, 105 * ONE, -20 * ONE, 3)
                .build();
    }

    private record Outcome(long covered, long[] amounts, List<TierAllocator.Take> takes) {
    }

    private static Outcome cover(PositionStore store, long need, long lot, String u, String cap) {
        int n = store.rows();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        List<TierAllocator.Take> takes = new ArrayList<>();
        long covered = HaircutTier.cover(store, rows, rows.clone(), need, lot, new BigDecimal(u), MARK,
                new BigDecimal(cap), null, Integer::compare, takes, 4);
        long[] amounts = new long[n];
        for (TierAllocator.Take t : takes) {
            assertThat(t.size()).as("a haircut closes nothing").isZero();
            assertThat(t.tier()).isEqualTo(4);
            amounts[t.candidate()] += t.haircut();
        }
        return new Outcome(covered, amounts, takes);
    }

    private static long units(String quote) {
        return Decimals.toFixed(new BigDecimal(quote));
    }

    @Test
    void capsArePctOfPositiveUpnlNeverMoreThanEquity() {
        PositionStore s = abc();
        assertThat(HaircutTier.capUnits(s, 0, MARK, BigDecimal.ONE)).isEqualTo(units("300"));
        assertThat(HaircutTier.capUnits(s, 2, MARK, BigDecimal.ONE)).as("equity 30 < upnl 50").isEqualTo(units("30"));
        assertThat(HaircutTier.capUnits(s, 1, MARK, new BigDecimal("0.15"))).isEqualTo(units("15"));
        // a losing member: upnl -200 at mark 100 for a short from 80; no profit, no cap
        PositionStore losing = PositionStore.builder("X", new AccountDictionary())
                .add("L", -1, 10 * ONE, 80 * ONE, 1000 * ONE, 1).build();
        assertThat(HaircutTier.capUnits(losing, 0, MARK, BigDecimal.ONE)).isZero();
        // 1/3 of upnl 100 is 33.333...: rounded down to 8 places
        assertThat(HaircutTier.capUnits(s, 1, MARK, new BigDecimal("0.333333333333"))).isEqualTo(units("33.33333333"));
    }

    @Test
    void waterFillsUnderTheCapsWhenTheCapsHoldTheLoss() {
        // u 2, need 150: loss 300 <= caps 300 + 100 + 30. By upnl 300:100:50 the shares are
        // 200, 66.67, 33.33; C is capped at 30, the other 270 split 3:1 gives 202.5 and 67.5
        Outcome o = cover(abc(), 150 * ONE, ONE, "2", "1");
        assertThat(o.covered()).isEqualTo(150 * ONE);
        assertThat(o.amounts()).containsExactly(units("202.5"), units("67.5"), units("30"));
        assertThat(o.takes()).extracting(TierAllocator.Take::candidate).containsExactly(0, 1, 2);
    }

    @Test
    void capsShortOfTheLossCoverTheLargestLotMultipleAndTheRestPassesOn() {
        // u 2, need 300 = loss 600 > caps 430; lot 10 costs 20, so 21 lots (420) are covered, not 22 (440).
        // Split 420: C capped at 30, then 390 split 3:1 = 292.5 and 97.5, both under their caps
        Outcome o = cover(abc(), 300 * ONE, 10 * ONE, "2", "1");
        assertThat(o.covered()).isEqualTo(210 * ONE);
        assertThat(o.amounts()).containsExactly(units("292.5"), units("97.5"), units("30"));
        // lot 1: 215 lots cost exactly the caps, 430, and every member pays its cap
        Outcome all = cover(abc(), 300 * ONE, ONE, "2", "1");
        assertThat(all.covered()).isEqualTo(215 * ONE);
        assertThat(all.amounts()).containsExactly(units("300"), units("100"), units("30"));
    }

    @Test
    void capPctLowersEveryCap() {
        // cap 50%: A 150, B 50, C min(25, 30) = 25; u 1, need 300 -> 225 covered, each at its cap
        Outcome o = cover(abc(), 300 * ONE, ONE, "1", "0.5");
        assertThat(o.covered()).isEqualTo(225 * ONE);
        assertThat(o.amounts()).containsExactly(units("150"), units("50"), units("25"));
    }

    @Test
    void largestRemaindersGoToTheEarlierRankAndTheTotalRoundsUp() {
        PositionStore equal = PositionStore.builder("X", new AccountDictionary())
                .add("P", -1, ONE, 200 * ONE, 0, 1)
                .add("Q", -1, ONE, 200 * ONE, 0, 2)
                .add("R", -1, ONE, 200 * ONE, 0, 3)
                .build();
        // each has upnl 100; u 0.1 on need 1: total 0.1 = 10_000_000 units, 3_333_333 each and
        // one unit left, which goes to the first in rank order
        Outcome o = cover(equal, ONE, ONE, "0.1", "1");
        assertThat(o.amounts()).containsExactly(3_333_334L, 3_333_333L, 3_333_333L);
        // u 0.123456789 on need 1: the total 0.123456789 rounds up to 0.12345679 (12_345_679 units);
        // 4_115_226 each and one left over, again to the first
        Outcome up = cover(equal, ONE, ONE, "0.123456789", "1");
        assertThat(up.amounts()).containsExactly(4_115_227L, 4_115_226L, 4_115_226L);
    }

    @Test
    void aMemberWithoutProfitTakesNoShareAndLendsNoCap() {
        PositionStore s = PositionStore.builder("X", new AccountDictionary())
                .add("W", -1, 10 * ONE, 130 * ONE, 0, 1)
                .add("Z", -1, 10 * ONE, 100 * ONE, 5000 * ONE, 2)
                .build();
        // Z has upnl 0 (weight 0) and lends nothing though its equity is 5000: caps 300 for u 1, need 500
        Outcome o = cover(s, 500 * ONE, ONE, "1", "1");
        assertThat(o.covered()).isEqualTo(300 * ONE);
        assertThat(o.amounts()).containsExactly(units("300"), 0L);
        assertThat(o.takes()).hasSize(1);
    }
}
