package dev.adl.runtime;

import java.math.BigDecimal;

/**
 * A fill's realised PnL {@code side * size * (bp - entry)} and the counterparty's new
 * collateral, exact. When the bankruptcy price has at most 8 decimals (nearly always) the
 * arithmetic runs on the store's fixed-point longs, checked for overflow; otherwise, or on
 * overflow, in BigDecimal. Both give the same values: only the cost differs.
 */
final class FillPricer {
    private static final long ONE = Decimals.ONE_UNSCALED;

    private final int side;
    private final BigDecimal bp;
    private final BigDecimal sign;
    private final BigDecimal price;
    private final boolean fixed;
    private final long bpFixed;

    FillPricer(int side, BigDecimal bankruptcyPrice) {
        this.side = side;
        this.bp = bankruptcyPrice;
        this.sign = BigDecimal.valueOf(side);
        this.price = Decimals.normalize(bankruptcyPrice);
        this.fixed = Decimals.fitsFixed(bankruptcyPrice);
        this.bpFixed = fixed ? Decimals.toFixed(bankruptcyPrice) : 0;
    }

    /** The fill price as printed, the same for every fill of the event. */
    BigDecimal price() {
        return price;
    }

    /**
     * The normalized PnL of taking {@code size} (fixed point) from {@code row}; writes the row's
     * new collateral to {@code fixedOut[i]}, or, when it does not fit fixed point, to {@code exactOut[i]}.
     */
    BigDecimal fill(PositionStore store, int row, long size, long[] fixedOut, BigDecimal[] exactOut, int i) {
        if (fixed && !store.collateralInOverlay(row)) {
            try {
                // scale 16: size and price difference are both scale 8
                long pnl16 = Math.multiplyExact(Math.multiplyExact((long) side, size),
                        Math.subtractExact(bpFixed, store.entryPriceFixed(row)));
                if (pnl16 % ONE == 0) {
                    fixedOut[i] = Math.addExact(store.collateralFixed(row), pnl16 / ONE);
                } else {
                    exactOut[i] = store.collateral(row).add(BigDecimal.valueOf(pnl16, 2 * Decimals.SCALE));
                }
                return Decimals.normalized(pnl16, 2 * Decimals.SCALE);
            } catch (ArithmeticException overflow) {
                // falls through to the exact path
            }
        }
        BigDecimal pnl = sign.multiply(Decimals.fromFixed(size)).multiply(bp.subtract(store.entryPrice(row)));
        exactOut[i] = store.collateral(row).add(pnl);
        return Decimals.normalize(pnl);
    }
}
