package dev.adl.lab;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * How many hit accounts lost what share of their equity: ten bins of 10% (the last also
 * holding everything above 90%), and the accounts without a percentage (equity not above 0).
 * Small enough to keep for every path when the per-account haircuts are not.
 */
public record HaircutBins(long[] counts, long unknown) {
    public static final int BINS = 10;

    public HaircutBins {
        counts = counts.clone();
    }

    public static HaircutBins of(Collection<BigDecimal> pcts) {
        long[] counts = new long[BINS];
        long unknown = 0;
        for (BigDecimal p : pcts) {
            if (p == null) {
                unknown++;
                continue;
            }
            counts[p.signum() <= 0 ? 0 : Math.min(BINS - 1, p.movePointRight(1).intValue())]++;
        }
        return new HaircutBins(counts, unknown);
    }

    public HaircutBins plus(HaircutBins other) {
        long[] sum = counts.clone();
        for (int i = 0; i < BINS; i++) sum[i] += other.counts[i];
        return new HaircutBins(sum, unknown + other.unknown);
    }

    public static HaircutBins empty() {
        return new HaircutBins(new long[BINS], 0);
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    public long total() {
        long t = unknown;
        for (long c : counts) t += c;
        return t;
    }
}
