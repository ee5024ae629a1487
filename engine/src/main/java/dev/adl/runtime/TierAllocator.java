package dev.adl.runtime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Splits the size to deleverage over one tier's members (indices into the candidates),
 * in fixed-point units. Queue tiers select only as many of the first members as they need;
 * pro-rata tiers order all their members and share in whole lots.
 */
final class TierAllocator {
    /**
     * One candidate's fill, in fixed-point size units; a haircut tier's take has size 0 and the
     * amount its collateral falls by in {@code haircut} (fixed point, 8 places).
     */
    record Take(int candidate, long size, int tier, long haircut) {
        Take(int candidate, long size, int tier) {
            this(candidate, size, tier, 0);
        }
    }

    private static final int FIRST_BATCH = 16;

    /** floor(fraction * size / lot), in long arithmetic while it fits (fractions are short decimals). */
    private static final class Offer {
        private final BigDecimal fraction;
        private final BigDecimal lotBd;
        private final long num;
        private final long den;
        private final Int128 wide = new Int128();

        Offer(BigDecimal fraction, long lot) {
            this.fraction = fraction;
            this.lotBd = BigDecimal.valueOf(lot);
            BigDecimal f = fraction.stripTrailingZeros();
            long n = -1;
            long d = -1;
            if (f.scale() <= 18 && f.signum() >= 0) {
                try {
                    n = f.scale() < 0 ? f.setScale(0).unscaledValue().longValueExact() : f.unscaledValue().longValueExact();
                    d = Math.multiplyExact(f.scale() < 0 ? 1 : pow10(f.scale()), lot);
                } catch (ArithmeticException tooBig) {
                    n = -1;
                }
            }
            this.num = n;
            this.den = d;
        }

        /**
         * The offer in lots; past the long range (a fraction above 1 on a huge size) it is
         * {@code Long.MAX_VALUE}, which the caller's cap at the member's whole size replaces.
         */
        long lots(long size) {
            if (num >= 0) {
                long lo = num * size;
                if (Math.multiplyHigh(num, size) == 0 && lo >= 0) {
                    return lo / den;
                }
                // a fraction of five digits on a 10^7 size passes 64 bits: 128 bits hold it
                wide.setProduct(num, size).divRemUnsigned(den);
                return wide.high() == 0 && wide.low() >= 0 ? wide.low() : Long.MAX_VALUE;
            }
            return fraction.multiply(BigDecimal.valueOf(size)).divide(lotBd, 0, RoundingMode.FLOOR).longValueExact();
        }

        private static long pow10(int k) {
            long p = 1;
            for (int i = 0; i < k; i++) {
                p = Math.multiplyExact(p, 10);
            }
            return p;
        }
    }

    /** A candidate's size in fixed point, read from the store when a tier needs it. */
    private final IntToLongFunction size;
    private final long lot;
    private final Ranking.IntOrder order;

    TierAllocator(long[] candidateSize, long lot, Ranking.IntOrder order) {
        this(i -> candidateSize[i], lot, order);
    }

    /**
     * @param candidateSize a candidate's size: read on demand, since tiers see a few members
     *                      of a side that may hold millions of candidates
     */
    TierAllocator(IntToLongFunction candidateSize, long lot, Ranking.IntOrder order) {
        this.size = candidateSize;
        this.lot = lot;
        this.order = order;
    }

    /** Takes members in rank order, each up to its whole size; returns the need left. */
    long queue(int[] members, long need, List<Take> takes, int tier) {
        int taken = 0;
        int k = FIRST_BATCH;
        while (need > 0 && taken < members.length) {
            // the first k in order extend the first k/4: a bigger batch only appends
            int[] top = Ranking.top(members, k, order);
            for (int i = taken; i < top.length && need > 0; i++) {
                long fill = Math.min(size.applyAsLong(top[i]), need);
                takes.add(new Take(top[i], fill, tier));
                need -= fill;
            }
            taken = top.length;
            k = k > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : k * 4;
        }
        return need;
    }

    /**
     * LANGUAGE.md's pro-rata: offers of {@code fraction * size} in whole lots; when they cover
     * the need, the need (in whole lots; a remainder under one lot passes on) is split by weight
     * with water-filling, then made whole lots by largest remainder. Returns the need left.
     */
    long proRata(int[] members, long need, BigDecimal fraction, double[] weights, List<Take> takes, int tier) {
        return proRata(members, need, fraction, weights, false, takes, tier);
    }

    /**
     * @param bySize the tier has no {@code by}: weigh by the exact fixed-point sizes rather
     *               than by the double column
     */
    long proRata(int[] members, long need, BigDecimal fraction, double[] weights, boolean bySize, List<Take> takes,
                 int tier) {
        if (members.length == 0 || need <= 0) {
            return need;
        }
        int[] m = members.clone();
        Ranking.sort(m, order);
        int n = m.length;
        long[] offer = new long[n];
        long totalOffer = 0;
        Offer offers = new Offer(fraction, lot);
        for (int j = 0; j < n; j++) {
            long sz = size.applyAsLong(m[j]);
            offer[j] = Math.max(0, Math.min(offers.lots(sz), sz / lot));
            totalOffer = Math.addExact(totalOffer, offer[j]);
        }
        long[] lots = new long[n];
        // totalOffer * lot <= need, for whole numbers and lot > 0, without the product
        if (totalOffer <= need / lot) {
            System.arraycopy(offer, 0, lots, 0, n);
        } else {
            waterFill(m, need / lot, offer, integerWeights(m, bySize ? null : weights, size), lots);
        }
        for (int j = 0; j < n; j++) {
            if (lots[j] > 0) {
                long fill = lots[j] * lot;
                takes.add(new Take(m[j], fill, tier));
                need -= fill;
            }
        }
        return need;
    }

    /**
     * Shares {@code needLots} among members (in rank order) by weight, capped by offers;
     * fills {@code lots}. All in exact integer arithmetic: weights are whole numbers
     * ({@link #integerWeights}), a share is the rational {@code remaining * w / W}, and
     * largest remainders compare as integers over the round's common denominator W.
     */
    static void waterFill(int[] m, long needLots, long[] offer, long[] w, long[] lots) {
        int n = m.length;
        boolean[] active = new boolean[n];
        for (int j = 0; j < n; j++) {
            // a member whose weight is 0 or less takes no share
            active[j] = w[j] > 0 && offer[j] > 0;
        }
        long remaining = needLots;
        long[] whole = new long[n];
        long[] rem = new long[n];
        Int128 wide = new Int128();
        long total;
        while (true) {
            total = 0;
            for (int j = 0; j < n; j++) {
                if (active[j]) total = Math.addExact(total, w[j]);
            }
            if (total == 0) {
                return; // the capped members gave their offers; what remains passes to the next tier
            }
            boolean capped = false;
            for (int j = 0; j < n; j++) {
                if (active[j]) {
                    mulDivRem(remaining, w[j], total, whole, rem, j, wide);
                    if (whole[j] > offer[j] || (whole[j] == offer[j] && rem[j] > 0)) capped = true;
                }
            }
            if (!capped) break;
            for (int j = 0; j < n; j++) {
                if (active[j] && (whole[j] > offer[j] || (whole[j] == offer[j] && rem[j] > 0))) {
                    lots[j] = offer[j];
                    remaining -= offer[j];
                    active[j] = false;
                }
            }
        }
        long given = 0;
        int open = 0;
        int[] withRemainder = new int[n];
        for (int j = 0; j < n; j++) {
            if (active[j]) {
                lots[j] = whole[j];
                given += whole[j];
                if (rem[j] > 0) withRemainder[open++] = j;
            }
        }
        // the remainders sum to (remaining - given) * total, so exactly that many lots are left,
        // and each member with a remainder is below its offer
        long leftover = remaining - given;
        if (leftover <= 0) return;
        int take = (int) Math.min(leftover, open);
        if (take <= 0) return;
        // The `take` largest remainders, ties to the earlier rank: every remainder above the
        // take-th largest value, then the earliest members holding that value. A selection in
        // linear time; no order of the members is needed.
        long[] values = new long[open];
        for (int i = 0; i < open; i++) {
            values[i] = rem[withRemainder[i]];
        }
        long threshold = kthLargest(values, take);
        int above = 0;
        for (int i = 0; i < open; i++) {
            if (rem[withRemainder[i]] > threshold) {
                lots[withRemainder[i]]++;
                above++;
            }
        }
        int atThreshold = take - above;
        for (int i = 0; i < open && atThreshold > 0; i++) {
            if (rem[withRemainder[i]] == threshold) {  // withRemainder is in rank order
                lots[withRemainder[i]]++;
                atThreshold--;
            }
        }
    }

    /** The k-th largest value (1-based, 1 <= k <= length), by quickselect; reorders {@code a}. */
    static long kthLargest(long[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        int target = k - 1; // index in descending order
        while (lo < hi) {
            // median of three as pivot: deterministic, and fine on sorted or constant runs
            int mid = (lo + hi) >>> 1;
            long x = a[lo];
            long y = a[mid];
            long z = a[hi];
            long pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            // three-way partition, descending: [lo, lt) > pivot, [lt, gt] == pivot, (gt, hi] < pivot
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                long v = a[i];
                if (v > pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v < pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (target < lt) {
                hi = lt - 1;
            } else if (target > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[lo];
    }

    /**
     * whole[j] = floor(a * b / d), rem[j] = (a * b) mod d, for non-negative a, b and positive d.
     * Scaled {@code by} weights use 62 bits, so a * b passes 64 bits for any need over a few
     * lots: the product is formed in 128 bits, and the quotient fits a long because b <= d.
     */
    private static void mulDivRem(long a, long b, long d, long[] whole, long[] rem, int j, Int128 wide) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            whole[j] = lo / d;
            rem[j] = lo % d;
            return;
        }
        rem[j] = wide.setProduct(a, b).divRemUnsigned(d);
        whole[j] = wide.low();
    }

    /**
     * Pro-rata weights as whole numbers. The default weight, size, is already exact (fixed
     * point). A {@code by} formula gives doubles: they are scaled by one power of two (exact)
     * so that their sum stays within 62 bits, and the fraction below one unit is dropped —
     * a weight under 2^-62 of the total would earn less than a lot in any case. Not finite
     * or non-positive weights become 0 (no share).
     */
    static long[] integerWeights(int[] members, double[] weights, long[] exactSizes) {
        return integerWeights(members, weights, i -> exactSizes[i]);
    }

    static long[] integerWeights(int[] members, double[] weights, IntToLongFunction exactSizes) {
        int n = members.length;
        long[] out = new long[n];
        if (weights == null) {
            for (int j = 0; j < n; j++) out[j] = exactSizes.applyAsLong(members[j]);
            return out;
        }
        double sum = 0;
        for (int member : members) {
            double v = weights[member];
            if (Double.isFinite(v) && v > 0) sum += v;
        }
        if (sum == 0 || !Double.isFinite(sum)) {
            if (!Double.isFinite(sum)) {
                // finite weights whose sum overflows: halve them all until it fits, exactly
                return integerWeights(members, halved(members, weights), exactSizes);
            }
            return out;
        }
        int shift = 61 - Math.getExponent(sum);
        for (int j = 0; j < n; j++) {
            double v = weights[members[j]];
            out[j] = Double.isFinite(v) && v > 0 ? (long) Math.floor(Math.scalb(v, shift)) : 0;
        }
        return out;
    }

    private static double[] halved(int[] members, double[] weights) {
        double[] copy = weights.clone();
        for (int member : members) copy[member] = copy[member] / 2;
        return copy;
    }
}
