package dev.adl.server;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * A pool's realised yield over a window ending now: how much its share price grew, not
 * annualised, {@code price_now / price_from - 1}, computed exactly from values and shares and
 * then rounded to 8 places toward zero (a loss gives a negative yield). {@code from} is the
 * last point of the pool's history at or before {@code now - window}; a pool younger than
 * the window is measured from its first point with shares. No shares now, or none at the
 * start, gives no yield (null).
 */
record RealisedYield(String window, Instant from, BigDecimal sharePriceFrom, BigDecimal sharePriceTo,
                     BigDecimal growth) {

    static RealisedYield of(String window, long seconds, List<Layer.Point> history, BigDecimal value,
                            BigDecimal totalShares, Instant now) {
        Instant start = now.minusSeconds(seconds);
        Layer.Point from = null;
        for (Layer.Point p : history) {
            if (p.totalShares() == null || p.totalShares().signum() == 0 || p.value().signum() == 0) continue;
            if (!p.at().isAfter(start)) {
                from = p;
            } else {
                if (from == null && !p.at().isAfter(now)) from = p;
                break;
            }
        }
        if (from == null || totalShares.signum() == 0) return new RealisedYield(window, null, null, price(value, totalShares), null);
        // (V / T) / (V0 / T0) - 1 = (V * T0 - T * V0) / (T * V0), one division
        BigDecimal num = value.multiply(from.totalShares()).subtract(totalShares.multiply(from.value()));
        BigDecimal growth = num.divide(totalShares.multiply(from.value()), 8, RoundingMode.DOWN);
        return new RealisedYield(window, from.at(), price(from.value(), from.totalShares()), price(value, totalShares),
                growth);
    }

    /** value / total_shares to 8 places, rounded down; null without shares. */
    static BigDecimal price(BigDecimal value, BigDecimal totalShares) {
        if (totalShares == null || totalShares.signum() == 0) return null;
        return value.divide(totalShares, 8, RoundingMode.DOWN);
    }
}
