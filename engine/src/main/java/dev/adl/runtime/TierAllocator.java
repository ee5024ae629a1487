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
        for (int j = 0; j < n; j++) {
            long lots = fraction.multiply(BigDecimal.valueOf(size[m[j]])).divide(lotBd, 0, RoundingMode.FLOOR)
                    .longValueExact();
            offer[j] = Math.max(0, Math.min(lots, size[m[j]] / lot));
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
            for (int j = 0; j < n; j++) {
                if (active[j]) {
                    share[j] = remaining.multiply(w[j]).divide(total, Decimals.SHARES);
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
        int[] byRemainder = Ranking.sortedRows(n, (a, b) -> {
            boolean ea = active[a];
            boolean eb = active[b];
            if (ea != eb) {
                return ea ? -1 : 1;
            }
            if (ea) {
                int c = fractionPart[b].compareTo(fractionPart[a]);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a, b);
        });
        for (int j : byRemainder) {
            if (leftover == 0 || !active[j]) {
                break;
            }
            if (lots[j] < offer[j]) {
                lots[j]++;
                leftover--;
            }
        }
    }
}
