package dev.adl.runtime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * A {@code drain by leverage} tier (docs/semantics.md, "Drain tiers"). Closing {@code x} of a member
 * at the fill price gives up {@code g = |mark - price|} per unit, so its leverage becomes
 * {@code (N - x * mark) / (E - x * g)} with {@code N} its notional and {@code E} its equity. The
 * reduction that brings it down to a level {@code L} is {@code x(L) = (N - L * E) / (mark - L * g)}
 * (its whole size when its equity is 0 or less). A member whose whole size closed at the fill price
 * would take more than its equity ({@code size * g > E}, so {@code N / E > mark / g}) cannot be
 * drained: every part closed raises its leverage, and closing all of it leaves it bankrupt, so it
 * gives nothing at any level and what the others cannot cover passes on. The common level is
 * the highest {@code L} on the grid of 10^-8 whose reductions cover the need, found by bisection;
 * the reductions at that level are then made the need in whole lots by pro-rata's water-filling
 * and largest remainders, ties by account id.
 */
final class DrainTier {
    private static final int X_SCALE = 16;
    private static final BigDecimal GRID = BigDecimal.ONE.movePointLeft(Decimals.SCALE);

    private final BigDecimal mark;
    private final BigDecimal giveUp;
    private final BigDecimal[] size;
    private final BigDecimal[] notional;
    private final BigDecimal[] equity;
    /** Members that closing at the fill price cannot bring down to any level (see the class comment). */
    private final boolean[] undrainable;

    private DrainTier(PositionStore store, int[] rows, int[] m, BigDecimal mark, BigDecimal giveUp) {
        this.mark = mark;
        this.giveUp = giveUp;
        int n = m.length;
        size = new BigDecimal[n];
        notional = new BigDecimal[n];
        equity = new BigDecimal[n];
        undrainable = new boolean[n];
        for (int j = 0; j < n; j++) {
            int row = rows[m[j]];
            size[j] = store.size(row);
            notional[j] = size[j].multiply(mark);
            equity[j] = store.collateral(row).add(HaircutTier.upnl(store, row, mark));
            undrainable[j] = equity[j].signum() > 0 && size[j].multiply(giveUp).compareTo(equity[j]) > 0;
        }
    }

    /** Member j's reduction for level {@code level}: what brings its leverage down to it, at most its size. */
    BigDecimal reduction(int j, BigDecimal level) {
        if (equity[j].signum() <= 0) return size[j];
        if (undrainable[j] || notional[j].compareTo(level.multiply(equity[j])) <= 0) return BigDecimal.ZERO;
        // size * g <= E means N / E <= mark / g, and N > L * E here, so L * g < mark: den > 0
        BigDecimal den = mark.subtract(level.multiply(giveUp));
        BigDecimal x = notional[j].subtract(level.multiply(equity[j])).divide(den, X_SCALE, RoundingMode.DOWN);
        return x.min(size[j]);
    }

    BigDecimal total(BigDecimal level) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = 0; j < size.length; j++) sum = sum.add(reduction(j, level));
        return sum;
    }

    /** The highest level on the 10^-8 grid whose reductions cover {@code need}; 0 when even closing all does not. */
    BigDecimal level(BigDecimal need) {
        BigDecimal top = BigDecimal.ZERO;
        for (int j = 0; j < size.length; j++) {
            if (equity[j].signum() > 0 && !undrainable[j]) top = top.max(notional[j].divide(equity[j], Decimals.SCALE, RoundingMode.CEILING));
        }
        long lo = 0;
        long hi = Decimals.toFixed(top);
        // the search stays between 0 and the highest leverage: at the top only members without equity give
        if (total(top).compareTo(need) >= 0) return top;
        if (total(BigDecimal.ZERO).compareTo(need) < 0) return BigDecimal.ZERO;
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (total(Decimals.fromFixed(mid)).compareTo(need) >= 0) lo = mid;
            else hi = mid;
        }
        return Decimals.fromFixed(lo);
    }

    /** Reduces the members to one common leverage; adds takes in rank order and returns the need left. */
    static long reduce(PositionStore store, int[] rows, int[] members, long need, long lot, BigDecimal mark,
                       BigDecimal giveUp, Ranking.IntOrder order, List<TierAllocator.Take> takes, int tier,
                       List<String> trace) {
        if (members.length == 0 || need <= 0) return need;
        // by account id: the ties of the largest remainders go to the lower id
        int[] m = Arrays.stream(members).boxed()
                .sorted((a, b) -> store.account(rows[a]).compareTo(store.account(rows[b])))
                .mapToInt(Integer::intValue).toArray();
        int n = m.length;
        DrainTier d = new DrainTier(store, rows, m, mark, giveUp);
        BigDecimal level = d.level(Decimals.fromFixed(need));
        long[] offer = new long[n];
        long[] weight = new long[n];
        long totalOffer = 0;
        for (int j = 0; j < n; j++) {
            offer[j] = d.undrainable[j] ? 0 : store.sizeFixed(rows[m[j]]) / lot;
            weight[j] = Decimals.toFixed(d.reduction(j, level).setScale(Decimals.SCALE, RoundingMode.DOWN));
            totalOffer = Math.addExact(totalOffer, offer[j]);
        }
        long[] lots = new long[n];
        if (totalOffer <= need / lot) {
            System.arraycopy(offer, 0, lots, 0, n);
        } else {
            TierAllocator.waterFill(m, need / lot, offer, weight, lots);
        }
        trace.add("drain level " + AdlEngine.plain(level));
        int kept = 0;
        for (boolean u : d.undrainable) kept += u ? 1 : 0;
        if (kept > 0) trace.add("drain: " + kept + " members not drained: closing at the fill price would take more than their equity");
        int[] taken = new int[n];
        long[] lotsOf = new long[members.length == 0 ? 0 : Arrays.stream(m).max().orElse(0) + 1];
        int k = 0;
        for (int j = 0; j < n; j++) {
            if (lots[j] > 0) {
                taken[k++] = m[j];
                lotsOf[m[j]] = lots[j];
            }
        }
        int[] inRank = Arrays.copyOf(taken, k);
        Ranking.sort(inRank, order);
        for (int c : inRank) {
            long fill = lotsOf[c] * lot;
            takes.add(new TierAllocator.Take(c, fill, tier));
            need -= fill;
        }
        return need;
    }
}
