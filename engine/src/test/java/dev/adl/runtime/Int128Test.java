package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The 128-bit register against BigInteger on random operands of every bit length. */
class Int128Test {
    /** A random long whose magnitude has a random bit length, so small and huge values are equally likely. */
    static long anyMagnitude(SplittableRandom random) {
        int bits = random.nextInt(64);
        long v = bits == 0 ? 0 : random.nextLong() >>> (64 - bits);
        return random.nextBoolean() ? v : -v;
    }

    @Test
    void productsAndSumsAreExact() {
        SplittableRandom random = new SplittableRandom(11);
        Int128 r = new Int128();
        for (int i = 0; i < 20_000; i++) {
            long a = anyMagnitude(random);
            long b = anyMagnitude(random);
            long c = anyMagnitude(random);
            long d = anyMagnitude(random);
            r.setProduct(a, b);
            assertThat(r.toBigInteger()).isEqualTo(big(a).multiply(big(b)));
            r.addProduct(c, d);
            BigInteger sum = big(a).multiply(big(b)).add(big(c).multiply(big(d)));
            assertThat(r.toBigInteger()).as("%d*%d + %d*%d", a, b, c, d).isEqualTo(sum);
            assertThat(r.fitsLong()).isEqualTo(sum.bitLength() < 64);
            assertThat(r.signum()).isEqualTo(sum.signum());
            r.negate();
            assertThat(r.toBigInteger()).isEqualTo(sum.negate());
        }
    }

    @Test
    void signedDivisionTruncatesLikeLongDivision() {
        SplittableRandom random = new SplittableRandom(12);
        Int128 r = new Int128();
        for (int i = 0; i < 20_000; i++) {
            long a = anyMagnitude(random);
            long b = anyMagnitude(random);
            long d = Math.abs(anyMagnitude(random));
            if (d == 0) d = 1 + random.nextInt(1000);
            BigInteger[] qr = big(a).multiply(big(b)).divideAndRemainder(big(d));
            long rem = r.setProduct(a, b).divRem(d);
            assertThat(r.toBigInteger()).as("%d*%d / %d", a, b, d).isEqualTo(qr[0]);
            assertThat(rem).isEqualTo(qr[1].longValueExact());
        }
    }

    @Test
    void unsignedDivisionCoversEveryDivisorWidth() {
        SplittableRandom random = new SplittableRandom(13);
        Int128 r = new Int128();
        for (int i = 0; i < 20_000; i++) {
            long a = Math.abs(anyMagnitude(random));
            long b = Math.abs(anyMagnitude(random));
            // divisors from 1 up to 2^63 - 1, and the words Knuth's correction steps are known to need
            long d = switch (i % 4) {
                case 0 -> 1 + Math.abs(anyMagnitude(random)) % Long.MAX_VALUE;
                case 1 -> Long.MAX_VALUE - random.nextInt(3);
                case 2 -> (1L << (32 + random.nextInt(31))) - random.nextInt(2);
                default -> 1L + random.nextInt(Integer.MAX_VALUE);
            };
            BigInteger product = big(a).multiply(big(b));
            long rem = r.setProduct(a, b).divRemUnsigned(d);
            BigInteger[] qr = product.divideAndRemainder(big(d));
            assertThat(r.toBigInteger()).as("%d*%d / %d", a, b, d).isEqualTo(qr[0]);
            assertThat(rem).isEqualTo(qr[1].longValueExact());
        }
    }

    @Test
    void extremesOfTheLongRange() {
        Int128 r = new Int128();
        long[] edges = {Long.MIN_VALUE + 1, Long.MIN_VALUE, Long.MAX_VALUE, -1, 1, 0};
        for (long a : edges) {
            for (long b : edges) {
                BigInteger p = big(a).multiply(big(b));
                assertThat(r.setProduct(a, b).toBigInteger()).isEqualTo(p);
                for (long d : new long[]{1, 3, Long.MAX_VALUE}) {
                    long rem = r.setProduct(a, b).divRem(d);
                    assertThat(r.toBigInteger()).as("%d*%d / %d", a, b, d).isEqualTo(p.divide(big(d)));
                    assertThat(rem).isEqualTo(p.remainder(big(d)).longValueExact());
                }
            }
        }
    }

    @Test
    void normalizedMatchesTheBigDecimalNormalForm() {
        SplittableRandom random = new SplittableRandom(14);
        Int128 r = new Int128();
        for (int i = 0; i < 20_000; i++) {
            // trailing zeros of both factors make the stripping loops run
            long a = anyMagnitude(random) / pow10(random.nextInt(8)) * pow10(random.nextInt(8));
            long b = anyMagnitude(random) / pow10(random.nextInt(8)) * pow10(random.nextInt(8));
            int scale = random.nextInt(20);
            BigDecimal expected = Decimals.normalize(new BigDecimal(big(a).multiply(big(b)), scale));
            BigDecimal actual = r.setProduct(a, b).normalized(scale);
            assertThat(actual).as("%d*%d at scale %d", a, b, scale).isEqualTo(expected);
            assertThat(actual.toPlainString()).isEqualTo(expected.toPlainString());
        }
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) p *= 10;
        return p;
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }
}
