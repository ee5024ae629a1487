package dev.adl.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * A {@code haircut} tier (docs/semantics.md, "Haircut tiers"): the need is covered without closing
 * anything. The loss {@code u * covered} is split over the members in proportion to their weight
 * and water-filled under each member's cap, all in units of 10^-8 of the quote currency, so the
 * amounts sum exactly to the tier's total. Positions keep their size; each member's collateral
 * falls by its amount.
 */
final class HaircutTier {
    private static final BigInteger WEIGHT_LIMIT = BigInteger.ONE.shiftLeft(62);

    private HaircutTier() {
    }

    /** The member's most: {@code cap} of its positive upnl, never more than its equity, at 8 places down. */
    static long capUnits(PositionStore store, int row, BigDecimal mark, BigDecimal capShare) {
        BigDecimal upnl = upnl(store, row, mark);
        BigDecimal equity = store.collateral(row).add(upnl);
        BigDecimal most = capShare.multiply(upnl.max(BigDecimal.ZERO)).min(equity.max(BigDecimal.ZERO));
        return units(most);
    }

    static BigDecimal upnl(PositionStore store, int row, BigDecimal mark) {
        return BigDecimal.valueOf(store.side(row)).multiply(store.size(row))
                .multiply(mark.subtract(store.entryPrice(row)));
    }

    /** An amount in 10^-8 units, rounded down; amounts past the long range are refused by the exact conversion. */
    private static long units(BigDecimal v) {
        return v.setScale(Decimals.SCALE, RoundingMode.FLOOR).unscaledValue().longValueExact();
    }

    /**
     * Covers as much of {@code need} (fixed-point size) as the members' caps pay for; adds one take per
     * member with an amount. Returns the size covered: the whole need when the caps hold {@code u * need},
     * else the largest multiple of the lot whose loss they hold.
     *
     * @param weights the {@code by} column per candidate, or null for the exact positive upnl
     */
    static long cover(PositionStore store, int[] rows, int[] members, long need, long lot, BigDecimal u,
                      BigDecimal mark, BigDecimal capShare, double[] weights, Ranking.IntOrder order,
                      List<TierAllocator.Take> takes, int tier) {
        if (members.length == 0 || need <= 0) return 0;
        if (u.signum() <= 0) return need; // nothing to pay: the loss per unit is 0
        int[] m = members.clone();
        Ranking.sort(m, order);
        int n = m.length;
        long[] w = weights == null ? upnlWeights(store, rows, m, mark)
                : TierAllocator.integerWeights(m, weights, (long[]) null);
        long[] cap = new long[n];
        long capacity = 0;
        for (int j = 0; j < n; j++) {
            // a member whose weight is 0 or less takes no share, so its cap covers nothing
            cap[j] = w[j] > 0 ? capUnits(store, rows[m[j]], mark, capShare) : 0;
            capacity = Math.addExact(capacity, cap[j]);
        }
        BigDecimal needSize = Decimals.fromFixed(need);
        BigDecimal capacityQuote = Decimals.fromFixed(capacity);
        long covered = u.multiply(needSize).compareTo(capacityQuote) <= 0 ? need
                : Decimals.toFixed(Waterfall.absorbable(capacityQuote, u, Decimals.fromFixed(lot), needSize));
        // the tier's total, rounded up to 8 places: the loss is covered in full, never short by a unit
        long total = u.multiply(Decimals.fromFixed(covered)).setScale(Decimals.SCALE, RoundingMode.CEILING)
                .unscaledValue().longValueExact();
        if (total == 0) return covered;
        long[] offer = new long[n];
        for (int j = 0; j < n; j++) offer[j] = Math.min(cap[j], total);
        long[] amount = new long[n];
        TierAllocator.waterFill(m, total, offer, w, amount);
        long given = 0;
        for (int j = 0; j < n; j++) {
            if (amount[j] > 0) {
                takes.add(new TierAllocator.Take(m[j], 0, tier, amount[j]));
                given += amount[j];
            }
        }
        if (given != total) {
            throw new IllegalStateException("haircut amounts sum to " + given + ", not the tier's total " + total);
        }
        return covered;
    }

    /**
     * Positive upnl at 8 places (down) as whole numbers; when their sum passes 62 bits they are all
     * shifted right by the same count, which keeps the proportions to within one part in 2^62.
     */
    private static long[] upnlWeights(PositionStore store, int[] rows, int[] m, BigDecimal mark) {
        BigInteger[] raw = new BigInteger[m.length];
        BigInteger sum = BigInteger.ZERO;
        for (int j = 0; j < m.length; j++) {
            BigDecimal upnl = upnl(store, rows[m[j]], mark).max(BigDecimal.ZERO);
            raw[j] = upnl.setScale(Decimals.SCALE, RoundingMode.FLOOR).unscaledValue();
            sum = sum.add(raw[j]);
        }
        int shift = Math.max(0, sum.bitLength() - WEIGHT_LIMIT.bitLength() + 1);
        long[] out = new long[m.length];
        for (int j = 0; j < m.length; j++) out[j] = raw[j].shiftRight(shift).longValueExact();
        return out;
    }
}
