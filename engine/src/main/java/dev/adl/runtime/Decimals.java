package dev.adl.runtime;

import dev.adl.diag.Echo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Exact decimal helpers. Money and sizes are fixed point with {@link #SCALE} decimal
 * places in the store; everything derived from them is an exact {@link BigDecimal},
 * except a division that does not terminate, which LANGUAGE.md rounds to 8 places half-up.
 */
public final class Decimals {
    public static final int SCALE = 8;
    public static final long ONE_UNSCALED = 100_000_000L;
    /** For pro-rata shares: rounding down so that floors never hand out more than there is. */
    public static final MathContext SHARES = new MathContext(34, RoundingMode.DOWN);

    private static final Pattern PLAIN = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private Decimals() {
    }

    /** a / b, exact when the quotient terminates, else rounded to 8 places half-up. */
    public static BigDecimal div(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        try {
            return a.divide(b);
        } catch (ArithmeticException nonTerminating) {
            return a.divide(b, SCALE, RoundingMode.HALF_UP);
        }
    }

    /**
     * Parses a plain decimal ({@code 12}, {@code -0.5}); throws IllegalArgumentException
     * with a lowercase sentence naming the text otherwise.
     */
    public static BigDecimal parsePlain(String text) {
        if (text == null || !PLAIN.matcher(text).matches()) {
            throw new IllegalArgumentException("`" + Echo.of(text) + "` is not a plain decimal number");
        }
        return new BigDecimal(text);
    }

    /** The value's unscaled long at scale 8; throws IllegalArgumentException when it has more places or is out of range. */
    public static long toFixed(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() > SCALE) {
            throw new IllegalArgumentException("`" + Echo.of(value.toPlainString()) + "` has more than 8 decimal places");
        }
        try {
            return v.setScale(SCALE).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("`" + Echo.of(value.toPlainString()) + "` is out of range");
        }
    }

    /** Whether the value fits the fixed-point representation. */
    public static boolean fitsFixed(BigDecimal value) {
        int extra = value.scale() - SCALE;
        // 10^extra divides the unscaled value only if 2^extra does: an exact and cheap no for
        // nearly every value finer than 8 places (realised PnL), without stripping its zeros
        if (extra > 0 && value.signum() != 0 && value.unscaledValue().getLowestSetBit() < extra) {
            return false;
        }
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() <= SCALE && v.setScale(SCALE).unscaledValue().bitLength() < 64;
    }

    public static long parseFixed(String text) {
        return toFixed(parsePlain(text));
    }

    public static BigDecimal fromFixed(long unscaled) {
        return BigDecimal.valueOf(unscaled, SCALE);
    }

    /** The canonical form of a result value: no trailing zeros, never exponent notation when printed plain. */
    public static BigDecimal normalize(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** {@code normalize(BigDecimal.valueOf(unscaled, scale))} for scale >= 0, without BigInteger division. */
    public static BigDecimal normalized(long unscaled, int scale) {
        if (unscaled == 0) {
            return BigDecimal.ZERO;
        }
        // strip zeros eight, four, two, then one at a time: fills at scale 16 carry a dozen
        while (scale >= 8 && unscaled % 100_000_000L == 0) {
            unscaled /= 100_000_000L;
            scale -= 8;
        }
        while (scale >= 4 && unscaled % 10_000 == 0) {
            unscaled /= 10_000;
            scale -= 4;
        }
        while (scale >= 2 && unscaled % 100 == 0) {
            unscaled /= 100;
            scale -= 2;
        }
        while (scale > 0 && unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        return BigDecimal.valueOf(unscaled, scale);
    }

    /** floor(v / lot) * lot, for v >= 0 and lot > 0. */
    public static BigDecimal floorToLot(BigDecimal v, BigDecimal lot) {
        BigDecimal lots = v.divide(lot, 0, RoundingMode.FLOOR);
        return lots.multiply(lot);
    }
}
