package dev.adl.runtime;

import dev.adl.diag.Echo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Cross-protocol exposures: at most one row per (account, source), exact values, each
 * with the time it was observed and the line it came from (for staleness messages).
 */
public final class ExposureFeed {
    /** One exposure row. */
    public record Row(String account, String source, BigDecimal notional, BigDecimal collateral, Instant asOf,
                      int line) {
    }

    /** One source's values gathered for a list of store rows; asOf is null where the account has no row. */
    public record Gathered(double[] notional, double[] collateral, Row[] rows) {
    }

    private static final ExposureFeed EMPTY = new ExposureFeed("(no exposures)", Map.of());

    private final String name;
    private final Map<String, Map<String, Row>> bySource;

    ExposureFeed(String name, Map<String, Map<String, Row>> bySource) {
        this.name = name;
        this.bySource = bySource;
    }

    public static ExposureFeed empty() {
        return EMPTY;
    }

    /** The display name of the file the rows came from. */
    public String name() {
        return name;
    }

    public Set<String> sources() {
        return bySource.keySet();
    }

    /** The row of an account for a source, or null. */
    public Row row(String source, String account) {
        Map<String, Row> rows = bySource.get(source);
        return rows == null ? null : rows.get(account);
    }

    /** One source resolved for some rows of a store (0 where an account has no row). */
    public Gathered gather(String source, PositionStore store, int[] storeRows) {
        double[] notional = new double[storeRows.length];
        double[] collateral = new double[storeRows.length];
        Row[] found = new Row[storeRows.length];
        Resolved res = resolve(source, store);
        if (res.rows.length > 0) {
            int[] index = res.indexByStoreRow;
            for (int i = 0; i < storeRows.length; i++) {
                int k = index[storeRows[i]];
                if (k >= 0) {
                    notional[i] = res.notional[k];
                    collateral[i] = res.collateral[k];
                    found[i] = res.rows[k];
                }
            }
        }
        return new Gathered(notional, collateral, found);
    }

    /**
     * Writes one field of a source for candidates {@code [start, start + len)} of {@code storeRows}
     * to {@code out[0, len)}, 0 where the account has no row: the block-wise form of {@link #gather},
     * which allocates nothing.
     */
    public void gatherBlock(String source, boolean notionalField, PositionStore store, int[] storeRows, int start,
                            int len, double[] out) {
        Resolved res = resolve(source, store);
        if (res.rows.length == 0) {
            java.util.Arrays.fill(out, 0, len, 0.0);
            return;
        }
        int[] index = res.indexByStoreRow;
        double[] values = notionalField ? res.notional : res.collateral;
        for (int i = 0; i < len; i++) {
            int k = index[storeRows[start + i]];
            out[i] = k >= 0 ? values[k] : 0.0;
        }
    }

    /** The first row, in the order of {@code storeRows}, of a source observed before {@code oldest}; null if none. */
    public Row firstStale(String source, PositionStore store, int[] storeRows, Instant oldest) {
        Resolved res = resolve(source, store);
        if (res.rows.length == 0 || !res.oldest.isBefore(oldest)) {
            return null; // no row of the source at all is that old: no candidate needs a look
        }
        int[] index = res.indexByStoreRow;
        for (int r : storeRows) {
            int k = index[r];
            if (k >= 0 && res.rows[k].asOf().isBefore(oldest)) {
                return res.rows[k];
            }
        }
        return null;
    }

    /** A source's rows as arrays, and for each row of a store the index of its account's row (-1: none). */
    private record Resolved(Row[] rows, double[] notional, double[] collateral, int[] indexByStoreRow, Instant oldest) {
    }

    // Keyed by the store's layout, which its copies share: resolving is once per store, not per event.
    private final Map<Object, Map<String, Resolved>> resolved =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private Resolved resolve(String source, PositionStore store) {
        Map<String, Resolved> perSource = resolved.computeIfAbsent(store.layout(),
                k -> new java.util.concurrent.ConcurrentHashMap<>());
        return perSource.computeIfAbsent(source, s -> {
            Map<String, Row> byAccount = bySource.getOrDefault(s, Map.of());
            Row[] rows = byAccount.values().toArray(Row[]::new);
            double[] notional = new double[rows.length];
            double[] collateral = new double[rows.length];
            int[] index = new int[store.rows()];
            java.util.Arrays.fill(index, -1);
            for (int k = 0; k < rows.length; k++) {
                notional[k] = rows[k].notional().doubleValue();
                collateral[k] = rows[k].collateral().doubleValue();
                int r = store.rowOf(rows[k].account());
                if (r >= 0) index[r] = k;
            }
            Instant oldestRow = Instant.MAX;
            for (Row row : rows) {
                if (row.asOf().isBefore(oldestRow)) {
                    oldestRow = row.asOf();
                }
            }
            return new Resolved(rows, notional, collateral, index, oldestRow);
        });
    }

    static final class Builder {
        private final String name;
        private final Map<String, Map<String, Row>> bySource = new HashMap<>();

        Builder(String name) {
            this.name = name;
        }

        void add(Row row) {
            Row first = bySource.computeIfAbsent(row.source(), s -> new HashMap<>()).putIfAbsent(row.account(), row);
            if (first != null) {
                throw new IllegalArgumentException("duplicate exposure for account `" + Echo.of(row.account())
                        + "` and source `" + Echo.of(row.source()) + "` (first given on line " + first.line() + ")");
            }
        }

        ExposureFeed build() {
            return new ExposureFeed(name, bySource);
        }
    }
}
