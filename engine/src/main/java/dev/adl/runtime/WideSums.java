package dev.adl.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Per-account sums at scale 16 held in two long columns (high and low 64 bits): the exact
 * arithmetic of {@link VenueAccounts}, apart from what the sums mean.
 */
final class WideSums {
    private static final int SCALE16 = 2 * Decimals.SCALE;
    private static final double TWO_64 = 18446744073709551616.0;

    private WideSums() {
    }

    /** Adds the 128-bit value (bHi, bLo) to entry {@code id}. */
    static void add(long[] hi, long[] lo, int id, long bHi, long bLo) {
        long a = lo[id];
        long sum = a + bLo;
        hi[id] += bHi + (Long.compareUnsigned(sum, a) < 0 ? 1 : 0);
        lo[id] = sum;
    }

    /** A 128-bit value at scale 16 as the nearest double, near enough for a ranking score. */
    static double toDouble(long hi, long lo) {
        double low = (lo >>> 1) * 2.0 + (lo & 1);
        return (hi * TWO_64 + low) / 1e16;
    }

    /** The value exactly, plus what did not fit the columns ({@code rest}, may be null). */
    static BigDecimal exact(long hi, long lo, BigDecimal rest) {
        BigInteger v = BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
        BigDecimal d = new BigDecimal(v, SCALE16);
        return rest == null ? d : d.add(rest);
    }
}
