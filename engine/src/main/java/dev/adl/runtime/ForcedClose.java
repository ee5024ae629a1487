package dev.adl.runtime;

import java.math.BigDecimal;

/**
 * A position closed outside an ADL event: a liquidation through the order book, as the
 * policy lab simulates it. The book is outside the store's closed world, so the closed
 * size passes to the house position and open interest stays balanced.
 */
public final class ForcedClose {
    private ForcedClose() {
    }

    /** A row's equity at a mark: {@code collateral + side * size * (mark - entry)}, exact. */
    public static BigDecimal equity(PositionStore store, int row, BigDecimal mark) {
        BigDecimal upnl = Decimals.fromFixed(store.sizeFixed(row))
                .multiply(mark.subtract(Decimals.fromFixed(store.entryPriceFixed(row))));
        return store.collateral(row).add(store.side(row) > 0 ? upnl : upnl.negate());
    }

    /**
     * Closes the row at {@code mark}: size and collateral become 0, the house takes the size.
     * Returns the equity the position held at that mark (what goes back to the account).
     */
    public static BigDecimal closeAtMark(PositionStore store, int row, BigDecimal mark) {
        BigDecimal equity = equity(store, row, mark);
        long size = store.sizeFixed(row);
        int side = store.side(row);
        store.setSize(row, 0);
        store.setCollateralFixed(row, 0);
        store.addHouse(Decimals.fromFixed(side > 0 ? size : -size));
        return equity;
    }
}
