package dev.adl.lab;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The lab's ratios: exact quotient rounded to 8 places, half-up; null when the denominator is 0. */
public final class Ratios {
    private Ratios() {
    }

    public static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        if (denominator == null || numerator == null || denominator.signum() == 0) return null;
        // one exact division rounded once: rounding twice could move a value sitting near a half
        return strip(numerator.divide(denominator, 8, RoundingMode.HALF_UP));
    }

    /** 8 places, half-up, trailing zeros stripped. */
    public static BigDecimal round(BigDecimal v) {
        return v == null ? null : strip(v.setScale(8, RoundingMode.HALF_UP));
    }

    static BigDecimal strip(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
