package dev.adl.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A signed 128-bit integer in two longs, changed in place: a register for the exact
 * products of fixed-point longs. Two 8-place values of up to 10^7 each multiply to about
 * 10^30 units, well past a long; every product of two longs fits here, so money
 * arithmetic never has to catch an overflow and retry in {@link BigDecimal}.
 *
 * <p>One register serves one computation at a time: callers keep one per thread of work.
 */
final class Int128 {
    private static final long[] POWERS_OF_TEN = {100_000_000L, 10_000L, 100L, 10L};
    private static final int[] POWER_DIGITS = {8, 4, 2, 1};
    private static final long HALF = 1L << 32;
    private static final long LOW_HALF = HALF - 1;

    private long hi;
    private long lo;

    /** The high 64 bits (two's complement): the sign and everything above the low long. */
    long high() {
        return hi;
    }

    /** The low 64 bits; the whole value when {@link #fitsLong()}. */
    long low() {
        return lo;
    }

    /** this = a * b, exactly. */
    Int128 setProduct(long a, long b) {
        hi = Math.multiplyHigh(a, b);
        lo = a * b;
        return this;
    }

    /** this += a * b, exactly while the sum stays within 128 bits (always, for fixed-point money). */
    Int128 addProduct(long a, long b) {
        long pHi = Math.multiplyHigh(a, b);
        long pLo = a * b;
        long sum = lo + pLo;
        hi += pHi + (Long.compareUnsigned(sum, lo) < 0 ? 1 : 0);
        lo = sum;
        return this;
    }

    Int128 set(Int128 other) {
        hi = other.hi;
        lo = other.lo;
        return this;
    }

    Int128 negate() {
        lo = -lo;
        hi = ~hi + (lo == 0 ? 1 : 0);
        return this;
    }

    boolean fitsLong() {
        return hi == (lo >> 63);
    }

    int signum() {
        return hi < 0 ? -1 : (hi == 0 && lo == 0 ? 0 : 1);
    }

    /**
     * Divides by {@code d > 0}, truncating toward zero as {@code /} does on longs; returns the
     * remainder, which takes the dividend's sign as {@code %} does.
     */
    long divRem(long d) {
        if (hi < 0) {
            negate();
            long r = divRemUnsigned(d);
            negate();
            return -r;
        }
        return divRemUnsigned(d);
    }

    /** Divides the value read as unsigned by {@code d > 0}; returns the remainder. */
    long divRemUnsigned(long d) {
        long qHi = Long.divideUnsigned(hi, d);
        long r = Long.remainderUnsigned(hi, d);
        long qLo = divideTwoWords(r, lo, d);
        // the true remainder is below d, so the low 64 bits of r:lo - qLo * d are all of it
        long rem = lo - qLo * d;
        hi = qHi;
        lo = qLo;
        return rem;
    }

    /**
     * floor((u1 * 2^64 + u0) / v) for unsigned words with u1 < v: Knuth's algorithm D on
     * 32-bit digits (Hacker's Delight, divlu), every comparison unsigned.
     */
    private static long divideTwoWords(long u1, long u0, long v) {
        if (u1 == 0) {
            return Long.divideUnsigned(u0, v);
        }
        int s = Long.numberOfLeadingZeros(v);
        v <<= s;
        long vn1 = v >>> 32;
        long vn0 = v & LOW_HALF;
        long un32 = (u1 << s) | (s == 0 ? 0 : u0 >>> (64 - s));
        long un10 = u0 << s;
        long un1 = un10 >>> 32;
        long un0 = un10 & LOW_HALF;

        long q1 = quotientDigit(un32, un1, vn1, vn0);
        long un21 = (un32 << 32) + un1 - q1 * v;
        long q0 = quotientDigit(un21, un0, vn1, vn0);
        return (q1 << 32) | q0;
    }

    /**
     * One 32-bit digit of the quotient of {@code (top * 2^32 + next)} by the normalized divisor
     * {@code vn1 * 2^32 + vn0}: estimated from the top digits, then corrected (at most twice).
     */
    private static long quotientDigit(long top, long next, long vn1, long vn0) {
        long q = Long.divideUnsigned(top, vn1);
        long rhat = top - q * vn1;
        while (Long.compareUnsigned(q, HALF) >= 0 || Long.compareUnsigned(q * vn0, (rhat << 32) | next) > 0) {
            q--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, HALF) >= 0) {
                break;
            }
        }
        return q;
    }

    BigInteger toBigInteger() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new BigInteger(bytes);
    }

    /** The value as a decimal with {@code scale} places, exactly as {@code BigDecimal.valueOf(unscaled, scale)} would give it. */
    BigDecimal toBigDecimal(int scale) {
        return fitsLong() ? BigDecimal.valueOf(lo, scale) : new BigDecimal(toBigInteger(), scale);
    }

    /**
     * {@link Decimals#normalize} of the value at {@code scale >= 0} places: trailing zeros are
     * divided out in 128 bits until the value fits a long, then by {@link Decimals#normalized}.
     * Changes this register.
     */
    BigDecimal normalized(int scale) {
        for (int k = 0; k < POWERS_OF_TEN.length && !fitsLong(); k++) {
            while (scale >= POWER_DIGITS[k] && !fitsLong()) {
                long savedHi = hi;
                long savedLo = lo;
                if (divRem(POWERS_OF_TEN[k]) != 0) {
                    hi = savedHi;
                    lo = savedLo;
                    break;
                }
                scale -= POWER_DIGITS[k];
            }
        }
        return fitsLong() ? Decimals.normalized(lo, scale) : new BigDecimal(toBigInteger(), scale);
    }
}
