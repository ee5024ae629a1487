package dev.adl.runtime;

import java.math.BigDecimal;
import java.util.List;

/** The computed outcome and the store changes that carry it out. */
final class Plan {
    EventResult result;
    int bankruptRow;
    int[] fillRows;
    long[] newSizes;
    /** New collateral in fixed point, unless {@link #newCollateralExact} holds the row's value. */
    long[] newCollateral;
    /** Exact new collateral where it is finer than fixed point or out of its range; null elsewhere. */
    BigDecimal[] newCollateralExact;
    BigDecimal houseDelta;
    List<Fill> fills;
    /** Version 2: the fees the fills paid, into the first pool layer. */
    BigDecimal fees = BigDecimal.ZERO;
    long rankNanos;

    void commit(PositionStore store) {
        for (int i = 0; i < fillRows.length; i++) {
            store.setSize(fillRows[i], newSizes[i]);
            if (newCollateralExact[i] != null) {
                store.setCollateral(fillRows[i], newCollateralExact[i]);
            } else {
                store.setCollateralFixed(fillRows[i], newCollateral[i]);
            }
        }
        store.setSize(bankruptRow, 0);
        store.setCollateral(bankruptRow, BigDecimal.ZERO);
        store.addHouse(houseDelta);
    }

    EventResult result(long eventNanos) {
        return result.withTiming(new EventResult.Timing(eventNanos, rankNanos));
    }
}
