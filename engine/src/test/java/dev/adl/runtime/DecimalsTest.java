package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalsTest {
    @Test
    void terminatingDivisionIsExact() {
        assertThat(Decimals.div(new BigDecimal("1"), new BigDecimal("64"))).isEqualByComparingTo("0.015625");
        assertThat(Decimals.div(new BigDecimal("1"), new BigDecimal("1024")).scale()).isGreaterThan(8);
    }

    @Test
    void nonTerminatingDivisionRoundsToEightPlacesHalfUp() {
        assertThat(Decimals.div(new BigDecimal("2"), new BigDecimal("3"))).isEqualTo(new BigDecimal("0.66666667"));
        assertThat(Decimals.div(new BigDecimal("1"), new BigDecimal("3"))).isEqualTo(new BigDecimal("0.33333333"));
        assertThat(Decimals.div(new BigDecimal("-2"), new BigDecimal("3"))).isEqualTo(new BigDecimal("-0.66666667"));
    }

    @Test
    void divisionByZeroIsRefused() {
        assertThatThrownBy(() -> Decimals.div(BigDecimal.ONE, BigDecimal.ZERO)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void fixedPointParsing() {
        assertThat(Decimals.parseFixed("1.5")).isEqualTo(150_000_000L);
        assertThat(Decimals.parseFixed("-0.00000001")).isEqualTo(-1L);
        assertThat(Decimals.parseFixed("2.100000000")).isEqualTo(210_000_000L);
        assertThat(Decimals.fromFixed(150_000_000L)).isEqualByComparingTo("1.5");
    }

    @Test
    void fixedPointRejectsWhatItCannotHold() {
        assertThatThrownBy(() -> Decimals.parseFixed("0.123456789")).hasMessage("`0.123456789` has more than 8 decimal places");
        assertThatThrownBy(() -> Decimals.parseFixed("100000000000")).hasMessage("`100000000000` is out of range");
        assertThatThrownBy(() -> Decimals.parseFixed("1e5")).hasMessage("`1e5` is not a plain decimal number");
        assertThatThrownBy(() -> Decimals.parseFixed("+1")).hasMessageContaining("not a plain decimal");
        assertThat(Decimals.fitsFixed(new BigDecimal("0.123456789"))).isFalse();
        assertThat(Decimals.fitsFixed(new BigDecimal("92233720368.54775807"))).isTrue();
        assertThat(Decimals.fitsFixed(new BigDecimal("92233720368.54775808"))).isFalse();
    }

    @Test
    void fixedPointFitOfValuesWithMorePlaces() {
        assertThat(Decimals.fitsFixed(new BigDecimal("1.0000000000"))).isTrue();
        assertThat(Decimals.fitsFixed(new BigDecimal("0.000000010"))).isTrue();
        assertThat(Decimals.fitsFixed(new BigDecimal("92233720368.5477580700000000"))).isTrue();
        assertThat(Decimals.fitsFixed(new BigDecimal("92233720368.5477580800000000"))).isFalse();
        assertThat(Decimals.fitsFixed(new BigDecimal("0.0000000000000000"))).isTrue();
        assertThat(Decimals.fitsFixed(new BigDecimal("0.0000000100000001"))).isFalse();
        // 2^8 divides the unscaled value, 10^8 does not: decided by the full check
        assertThat(Decimals.fitsFixed(new BigDecimal("0.0000000000000256"))).isFalse();
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        BigDecimal max = BigDecimal.valueOf(Long.MAX_VALUE);
        BigDecimal min = BigDecimal.valueOf(Long.MIN_VALUE);
        for (int i = 0; i < 20_000; i++) {
            java.math.BigInteger unscaled = java.math.BigInteger.valueOf(random.nextLong() >> random.nextInt(64))
                    .multiply(java.math.BigInteger.TEN.pow(random.nextInt(12)))
                    .shiftLeft(random.nextInt(3));
            BigDecimal v = new BigDecimal(unscaled, random.nextInt(24) - 4);
            BigDecimal units = v.movePointRight(8);
            // a whole number of 10^-8 units within the long range
            boolean expected = (units.signum() == 0 || units.stripTrailingZeros().scale() <= 0)
                    && units.compareTo(max) <= 0 && units.compareTo(min) >= 0;
            assertThat(Decimals.fitsFixed(v)).as(v.toString()).isEqualTo(expected);
        }
    }

    @Test
    void normalizePrintsPlain() {
        assertThat(Decimals.normalize(new BigDecimal("1.2E+3")).toPlainString()).isEqualTo("1200");
        assertThat(Decimals.normalize(new BigDecimal("8500.00000000")).toPlainString()).isEqualTo("8500");
        assertThat(Decimals.normalize(new BigDecimal("0.0000")).toPlainString()).isEqualTo("0");
    }

    @Test
    void floorToLot() {
        assertThat(Decimals.floorToLot(new BigDecimal("7.9"), new BigDecimal("0.5"))).isEqualByComparingTo("7.5");
        assertThat(Decimals.floorToLot(new BigDecimal("7.5"), new BigDecimal("0.5"))).isEqualByComparingTo("7.5");
    }

    @Test
    void normalizedFromALongIsNormalize() {
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 20_000; i++) {
            long unscaled = rnd.nextInt(4) == 0 ? 0 : rnd.nextLong() / (long) Math.pow(10, rnd.nextInt(19));
            unscaled *= (long) Math.pow(10, rnd.nextInt(3)); // more trailing zeros, sometimes overflowing sign
            int scale = rnd.nextBoolean() ? 8 : 16;
            BigDecimal expected = Decimals.normalize(BigDecimal.valueOf(unscaled, scale));
            BigDecimal actual = Decimals.normalized(unscaled, scale);
            assertThat(actual.toPlainString()).isEqualTo(expected.toPlainString());
            assertThat(actual.scale()).isEqualTo(expected.scale());
        }
    }
}
