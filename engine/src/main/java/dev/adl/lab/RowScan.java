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
 */
final class RowScan {
    /** Far above the few ulps a double's sum of two products can be off by. */
    private static final double GUARD = 1e-9;

    private RowScan() {
    }

    /** Rows with size > 0 and equity < 0 at the mark, ordered by account id. */
    static int[] bankrupt(PositionStore store, BigDecimal mark) {
        return scan(store, mark, null);
    }

    /** Rows with size > 0 and {@code 0 <= equity < mm * size * mark}, ordered by account id. */
    static int[] liquidatable(PositionStore store, BigDecimal mark, BigDecimal mm) {
        return scan(store, mark, mm);
    }

    private static int[] scan(PositionStore store, BigDecimal mark, BigDecimal mm) {
        long markFixed = Decimals.toFixed(mark);
        double m = markFixed / (double) Decimals.ONE_UNSCALED;
        double mmD = mm == null ? 0 : mm.doubleValue();
        int n = store.rows();
        int[] out = new int[16];
        int count = 0;
        for (int r = 0; r < n; r++) {
            long size = store.sizeFixed(r);
            if (size == 0) continue;
            long entry = store.entryPriceFixed(r);
            double q = size / (double) Decimals.ONE_UNSCALED;
            double e = entry / (double) Decimals.ONE_UNSCALED;
            double c = store.collateralDouble(r);
            double upnl = q * (m - e);
            double equity = store.side(r) > 0 ? c + upnl : c - upnl;
            double tol = GUARD * (Math.abs(c) + q * (Math.abs(m) + Math.abs(e)) + 1);
            boolean hit;
            if (mm == null) {
                hit = Math.abs(equity) > tol ? equity < 0 : exactEquity(store, r, mark).signum() < 0;
            } else {
                double threshold = mmD * q * m;
                if (Math.abs(equity) > tol && Math.abs(equity - threshold) > tol + GUARD * threshold) {
                    hit = equity >= 0 && equity < threshold;
                } else {
                    BigDecimal exact = exactEquity(store, r, mark);
                    hit = exact.signum() >= 0 && exact.compareTo(mm.multiply(store.size(r)).multiply(mark)) < 0;
                }
            }
            if (hit) {
                if (count == out.length) out = Arrays.copyOf(out, count * 2);
                out[count++] = r;
            }
        }
        int[] rows = Arrays.copyOf(out, count);
        return byAccount(store, rows);
    }

    private static BigDecimal exactEquity(PositionStore store, int row, BigDecimal mark) {
        return ForcedClose.equity(store, row, mark);
    }

    private static int[] byAccount(PositionStore store, int[] rows) {
        int[] order = Ranking.sortedRows(rows.length, (a, b) -> Integer.compare(store.orderKey(rows[a]),
                store.orderKey(rows[b])));
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = rows[order[i]];
        return out;
    }
}
