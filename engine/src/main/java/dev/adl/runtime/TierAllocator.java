package dev.adl.runtime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Splits the size to deleverage over one tier's members (indices into the candidates),
 * in fixed-point units. Queue tiers select only as many of the first members as they need;
 * pro-rata tiers order all their members and share in whole lots.
 */
final class TierAllocator {
    /** One candidate's fill, in fixed-point size units. */
    record Take(int candidate, long size, int tier) {
    }

    private static final int FIRST_BATCH = 16;

    /** floor(fraction * size / lot), in long arithmetic while it fits (fractions are short decimals). */
    private static final class Offer {
        private final BigDecimal fraction;
        private final BigDecimal lotBd;
        private final long num;
        private final long den;

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

        long lots(long size) {
            if (num >= 0) {
                long hi = Math.multiplyHigh(num, size);
                long lo = num * size;
                if (hi == 0 && lo >= 0) {
                    return lo / den;
                }
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

    private final long[] size;
    private final long lot;
    private final Ranking.IntOrder order;

    TierAllocator(long[] candidateSize, long lot, Ranking.IntOrder order) {
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
                long fill = Math.min(size[top[i]], need);
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
        if (members.length == 0 || need <= 0) {
            return need;
        }
        int[] m = members.clone();
        Ranking.sort(m, order);
        int n = m.length;
        BigDecimal lotBd = BigDecimal.valueOf(lot);
        long[] offer = new long[n];
        long totalOffer = 0;
        Offer offers = new Offer(fraction, lot);
        for (int j = 0; j < n; j++) {
            offer[j] = Math.max(0, Math.min(offers.lots(size[m[j]]), size[m[j]] / lot));
            totalOffer = Math.addExact(totalOffer, offer[j]);
        }
        long[] lots = new long[n];
        if (BigDecimal.valueOf(totalOffer).multiply(lotBd).compareTo(BigDecimal.valueOf(need)) <= 0) {
            System.arraycopy(offer, 0, lots, 0, n);
        } else {
            waterFill(m, need / lot, offer, weights, lots);
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

    /** Shares {@code needLots} among members (in rank order) by weight, capped by offers; fills {@code lots}. */
    private static void waterFill(int[] m, long needLots, long[] offer, double[] weights, long[] lots) {
        int n = m.length;
        BigDecimal[] w = new BigDecimal[n];
        boolean[] active = new boolean[n];
        for (int j = 0; j < n; j++) {
            double wj = weights == null ? 0 : weights[m[j]];
            // a member whose weight is 0 or less (or not a number) takes no share
            if (Double.isFinite(wj) && wj > 0 && offer[j] > 0) {
                w[j] = new BigDecimal(wj);
                active[j] = true;
            }
        }
        BigDecimal remaining = BigDecimal.valueOf(needLots);
        BigDecimal[] share = new BigDecimal[n];
        boolean anyActive = true;
        while (true) {
            BigDecimal total = BigDecimal.ZERO;
            anyActive = false;
            for (int j = 0; j < n; j++) {
                if (active[j]) {
                    total = total.add(w[j]);
                    anyActive = true;
                }
            }
            if (!anyActive) {
                break;
            }
            boolean capped = false;
            // one division per round; rounding down twice still never hands out more than remains
            BigDecimal perWeight = remaining.divide(total, Decimals.SHARES);
            for (int j = 0; j < n; j++) {
                if (active[j]) {
                    share[j] = w[j].multiply(perWeight, Decimals.SHARES);
                    if (share[j].compareTo(BigDecimal.valueOf(offer[j])) > 0) {
                        capped = true;
                    }
                }
            }
            if (!capped) {
                break;
            }
            for (int j = 0; j < n; j++) {
                if (active[j] && share[j].compareTo(BigDecimal.valueOf(offer[j])) > 0) {
                    lots[j] = offer[j];
                    remaining = remaining.subtract(BigDecimal.valueOf(offer[j]));
                    active[j] = false;
                }
            }
        }
        if (!anyActive) {
            return; // the capped members gave their offers; what remains passes to the next tier
        }
        long target = remaining.longValueExact();
        long given = 0;
        BigDecimal[] fractionPart = new BigDecimal[n];
        for (int j = 0; j < n; j++) {
            if (active[j]) {
                BigDecimal whole = share[j].setScale(0, RoundingMode.FLOOR);
                lots[j] = whole.longValueExact();
                fractionPart[j] = share[j].subtract(whole);
                given += lots[j];
            }
        }
        long leftover = target - given;
        if (leftover <= 0) {
            return;
        }
        // only the `leftover` largest remainders matter: select them, do not sort everyone
        int open = 0;
        int[] candidates = new int[n];
        for (int j = 0; j < n; j++) {
            if (active[j] && lots[j] < offer[j]) {
                candidates[open++] = j;
            }
        }
        int[] byRemainder = Ranking.top(java.util.Arrays.copyOf(candidates, open), (int) Math.min(leftover, open),
                (a, b) -> {
                    int c = fractionPart[b].compareTo(fractionPart[a]);
                    return c != 0 ? c : Integer.compare(a, b);
                });
        for (int j : byRemainder) {
            lots[j]++;
        }
    }
}
