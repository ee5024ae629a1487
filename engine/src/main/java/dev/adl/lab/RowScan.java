package dev.adl.lab;

import dev.adl.runtime.Decimals;
import dev.adl.runtime.ForcedClose;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.Ranking;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Finds the positions a new mark makes bankrupt (equity below 0) or liquidatable
 * ({@code 0 <= equity < maintenance_margin * notional}). A path scans every row at every
 * step, so each row is first judged in doubles; only a row whose equity lies within
 * rounding distance of a threshold is judged again exactly, so the answer is the exact one.
 *
 * <p>One pass at a step's new mark gives both sets ({@link #step}); the events in between
 * change only the rows they name (the bankrupt one and the fills), so the liquidatable set
 * after them is the pass's set with just those rows judged again ({@link #liquidatableAfter}).
 */
final class RowScan {
    /** Far above the few ulps a double's sum of two products can be off by. */
    private static final double GUARD = 1e-9;
    private static final int BANKRUPT = 1;
    private static final int LIQUIDATABLE = 2;

    /** The rows of one market at one mark, each set ordered by account id. */
    record Sets(int[] bankrupt, int[] liquidatable) {
    }

    private RowScan() {
    }

    /** Rows with size > 0 and equity < 0 at the mark, ordered by account id. */
    static int[] bankrupt(PositionStore store, BigDecimal mark) {
        return step(store, mark, BigDecimal.ZERO).bankrupt();
    }

    /** Rows with size > 0 and {@code 0 <= equity < mm * size * mark}, ordered by account id. */
    static int[] liquidatable(PositionStore store, BigDecimal mark, BigDecimal mm) {
        return step(store, mark, mm).liquidatable();
    }

    /** Both sets in one pass over the store. */
    static Sets step(PositionStore store, BigDecimal mark, BigDecimal mm) {
        Judge j = new Judge(store, mark, mm);
        int n = store.rows();
        int[] bankrupt = new int[16];
        int[] liquidatable = new int[16];
        int nb = 0;
        int nl = 0;
        for (int r = 0; r < n; r++) {
            int kind = j.kind(r);
            if (kind == BANKRUPT) {
                if (nb == bankrupt.length) bankrupt = Arrays.copyOf(bankrupt, nb * 2);
                bankrupt[nb++] = r;
            } else if (kind == LIQUIDATABLE) {
                if (nl == liquidatable.length) liquidatable = Arrays.copyOf(liquidatable, nl * 2);
                liquidatable[nl++] = r;
            }
        }
        return new Sets(byAccount(store, Arrays.copyOf(bankrupt, nb)), byAccount(store, Arrays.copyOf(liquidatable, nl)));
    }

    /**
     * The liquidatable rows now, given the set {@code before} of a pass at the same mark and
     * every row changed since ({@code touched}, repeats allowed): an untouched row is judged as
     * the pass judged it, a touched one again.
     */
    static int[] liquidatableAfter(PositionStore store, BigDecimal mark, BigDecimal mm, int[] before, int[] touched) {
        if (touched.length == 0) return before;
        int[] t = touched.clone();
        Arrays.sort(t);
        Judge j = new Judge(store, mark, mm);
        int[] out = new int[before.length + t.length];
        int k = 0;
        for (int r : before) {
            if (Arrays.binarySearch(t, r) < 0) out[k++] = r;
        }
        for (int i = 0; i < t.length; i++) {
            if (i > 0 && t[i] == t[i - 1]) continue;
            if (j.kind(t[i]) == LIQUIDATABLE) out[k++] = t[i];
        }
        return byAccount(store, Arrays.copyOf(out, k));
    }

    /** Judges rows of one store at one mark: bankrupt, liquidatable or neither (0). */
    private static final class Judge {
        private final PositionStore store;
        private final BigDecimal mark;
        private final BigDecimal mm;
        private final double m;
        private final double mmD;

        Judge(PositionStore store, BigDecimal mark, BigDecimal mm) {
            this.store = store;
            this.mark = mark;
            this.mm = mm;
            this.m = Decimals.toFixed(mark) / (double) Decimals.ONE_UNSCALED;
            this.mmD = mm.doubleValue();
        }

        int kind(int r) {
            long size = store.sizeFixed(r);
            if (size == 0) return 0;
            long entry = store.entryPriceFixed(r);
            double q = size / (double) Decimals.ONE_UNSCALED;
            double e = entry / (double) Decimals.ONE_UNSCALED;
            double c = store.collateralDouble(r);
            double upnl = q * (m - e);
            double equity = store.side(r) > 0 ? c + upnl : c - upnl;
            double tol = GUARD * (Math.abs(c) + q * (Math.abs(m) + Math.abs(e)) + 1);
            BigDecimal exact = null;
            boolean bankrupt;
            if (Math.abs(equity) > tol) {
                bankrupt = equity < 0;
            } else {
                exact = ForcedClose.equity(store, r, mark);
                bankrupt = exact.signum() < 0;
            }
            if (bankrupt) return BANKRUPT;
            double threshold = mmD * q * m;
            if (Math.abs(equity) > tol && Math.abs(equity - threshold) > tol + GUARD * threshold) {
                return equity >= 0 && equity < threshold ? LIQUIDATABLE : 0;
            }
            if (exact == null) exact = ForcedClose.equity(store, r, mark);
            return exact.signum() >= 0 && exact.compareTo(mm.multiply(store.size(r)).multiply(mark)) < 0 ? LIQUIDATABLE : 0;
        }
    }

    private static int[] byAccount(PositionStore store, int[] rows) {
        int[] order = Ranking.sortedRows(rows.length, (a, b) -> Integer.compare(store.orderKey(rows[a]),
                store.orderKey(rows[b])));
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = rows[order[i]];
        return out;
    }
}
