package dev.adl.runtime;

import java.math.BigDecimal;

/**
 * A fill's realised PnL {@code side * size * (bp - entry)} and the counterparty's new
 * collateral, exact. When the bankruptcy price has at most 8 decimals (nearly always) the
 * arithmetic runs on the store's fixed-point longs with 128-bit products ({@link Int128}):
 * at scale 16 a 10^7 price difference times a 10^7 size is about 10^30 units, past a long,
 * and no fill may pay for that with an exception and a retry. A bankruptcy price finer than
 * 8 places is priced in BigDecimal. Both give the same values: only the cost differs.
 */
final class FillPricer {
    private static final long ONE = Decimals.ONE_UNSCALED;
    private static final int PNL_SCALE = 2 * Decimals.SCALE;

    private final int side;
    private final BigDecimal bp;
    private final BigDecimal sign;
    private final BigDecimal price;
    private final boolean fixed;
    private final long bpFixed;
    private final Int128 pnl = new Int128();
    private final Int128 scratch = new Int128();

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
     * new collateral to {@code fixedOut[i]}, or, when it does not fit fixed point, to {@code exactOut[i]}
     * at scale 16 (or finer when the row's collateral already is).
     */
    BigDecimal fill(PositionStore store, int row, long size, long[] fixedOut, BigDecimal[] exactOut, int i) {
        long entry = store.entryPriceFixed(row);
        long diff = bpFixed - entry;
        // a negative bankruptcy price minus a large entry can leave the long range
        boolean diffFits = ((bpFixed ^ entry) & (bpFixed ^ diff)) >= 0;
        if (!fixed || !diffFits) {
            BigDecimal exact = sign.multiply(Decimals.fromFixed(size)).multiply(bp.subtract(store.entryPrice(row)));
            exactOut[i] = store.collateral(row).add(exact);
            return Decimals.normalize(exact);
        }
        // scale 16: size and price difference are both scale 8
        pnl.setProduct(size, diff);
        if (side < 0) {
            pnl.negate();
        }
        if (store.collateralInOverlay(row)) {
            exactOut[i] = store.collateral(row).add(pnl.toBigDecimal(PNL_SCALE));
        } else {
            newCollateral(store.collateralFixed(row), fixedOut, exactOut, i);
        }
        return pnl.normalized(PNL_SCALE);
    }

    /** Collateral {@code c} plus the PnL: fixed point when whole at 8 places and in range, else exact at scale 16. */
    private void newCollateral(long c, long[] fixedOut, BigDecimal[] exactOut, int i) {
        boolean whole;
        long delta;
        if (pnl.fitsLong()) {
            // most fills: a long division, not the 128-bit one
            whole = pnl.low() % ONE == 0;
            delta = pnl.low() / ONE;
        } else {
            whole = scratch.set(pnl).divRem(ONE) == 0 && scratch.fitsLong();
            delta = scratch.low();
        }
        if (whole) {
            long sum = c + delta;
            if (((c ^ sum) & (delta ^ sum)) >= 0) {
                fixedOut[i] = sum;
                return;
            }
        }
        exactOut[i] = scratch.set(pnl).addProduct(c, ONE).toBigDecimal(PNL_SCALE);
    }
}
