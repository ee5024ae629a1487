package dev.adl.runtime;

import dev.adl.ast.Builtins.MarketVar;
import dev.adl.ast.Builtins.PositionVar;
import dev.adl.ast.Expr.ExposureField;
import dev.adl.compile.BlockColumnInput;
import dev.adl.compile.LayerKey;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The policy's view of some store rows: each column gathered from the primitive arrays
 * the first time a program asks for it, then cached for the rest of the event.
 */
final class CandidateColumns implements BlockColumnInput {
    private static final double UNIT = Decimals.ONE_UNSCALED;

    private final PositionStore store;
    private final int[] rows;
    private final double mark;
    private final Map<MarketVar, Double> market;
    private final Map<Long, Double> drawdowns;
    private final ExposureFeed exposures;
    private final Map<PositionVar, double[]> columns;
    private final Map<String, ExposureFeed.Gathered> gathered = new HashMap<>();

    CandidateColumns(PositionStore store, int[] rows, double mark, Map<MarketVar, Double> market,
                     Map<Long, Double> drawdowns, ExposureFeed exposures) {
        this(store, rows, mark, market, drawdowns, exposures, new EnumMap<>(PositionVar.class));
    }

    private CandidateColumns(PositionStore store, int[] rows, double mark, Map<MarketVar, Double> market,
                             Map<Long, Double> drawdowns, ExposureFeed exposures, Map<PositionVar, double[]> columns) {
        this.store = store;
        this.rows = rows;
        this.mark = mark;
        this.market = market;
        this.drawdowns = drawdowns;
        this.exposures = exposures;
        this.columns = columns;
    }

    /** Shares the columns already computed (read-only from here on) and the event's values; its own block buffers. */
    @Override
    public CandidateColumns view() {
        CandidateColumns v = new CandidateColumns(store, rows, mark, market, drawdowns, exposures, columns);
        v.version2(layers, venue, exactMark);
        return v;
    }

    private Map<LayerKey, Double> layers = Map.of();
    private VenueAccounts venue;
    private java.math.BigDecimal exactMark;

    /** Version 2's market values: layer balances and drawdowns, and the venue for {@code account_*}. */
    void version2(Map<LayerKey, Double> layers, VenueAccounts venue, java.math.BigDecimal exactMark) {
        this.layers = layers;
        this.venue = venue;
        this.exactMark = exactMark;
    }

    /** A layer value of the event; outside an event (the queue indicator) there are none, and each reads 0. */
    @Override
    public double layerValue(LayerKey key) {
        if (layers.isEmpty()) return 0.0;
        Double v = layers.get(key);
        if (v == null) throw new IllegalStateException("layer value " + key + " was not computed");
        return v;
    }

    /**
     * {@code account_equity}, {@code account_notional}, {@code account_leverage} and
     * {@code account_positions}, computed together: over the venue when there is one, else the
     * event's market alone with a cross balance of 0, where they are the position's own values.
     */
    private void accountColumns() {
        int n = rows.length;
        double[] equity;
        double[] notional;
        double[] leverage;
        double[] positions = new double[n];
        if (venue == null) {
            equity = column(PositionVar.EQUITY);
            notional = column(PositionVar.NOTIONAL);
            leverage = column(PositionVar.LEVERAGE);
            java.util.Arrays.fill(positions, 1.0);
        } else {
            equity = new double[n];
            notional = new double[n];
            leverage = new double[n];
            java.math.BigDecimal m = exactMark != null ? exactMark : java.math.BigDecimal.valueOf(mark);
            venue.columns(store, rows, m, equity, notional, leverage, positions);
        }
        columns.put(PositionVar.ACCOUNT_EQUITY, equity);
        columns.put(PositionVar.ACCOUNT_NOTIONAL, notional);
        columns.put(PositionVar.ACCOUNT_LEVERAGE, leverage);
        columns.put(PositionVar.ACCOUNT_POSITIONS, positions);
    }

    @Override
    public int rows() {
        return rows.length;
    }

    ExposureFeed.Gathered gathered(String source) {
        return gathered.computeIfAbsent(source, s -> exposures.gather(s, store, rows));
    }

    @Override
    public double[] exposure(String source, ExposureField field) {
        ExposureFeed.Gathered g = gathered(source);
        return field == ExposureField.NOTIONAL ? g.notional() : g.collateral();
    }

    /** Each candidate's store row, in candidate order. */
    int[] storeRows() {
        return rows;
    }

    ExposureFeed exposures() {
        return exposures;
    }

    PositionStore store() {
        return store;
    }

    @Override
    public void exposure(String source, ExposureField field, int start, int len, double[] out) {
        exposures.gatherBlock(source, field == ExposureField.NOTIONAL, store, rows, start, len, out);
    }

    // The block last read from the store: a program asks for several columns of the same
    // block in a row, and each is then computed from these, in cache, not from the store again.
    private int blockStart = -1;
    private int blockLen = -1;
    private double[] bSize = new double[0];
    private double[] bSide = new double[0];
    private double[] bEntry = new double[0];
    private double[] bColl = new double[0];

    private void loadBlock(int start, int len) {
        if (start == blockStart && len == blockLen) {
            return;
        }
        if (bSize.length < len) {
            bSize = new double[len];
            bSide = new double[len];
            bEntry = new double[len];
            bColl = new double[len];
        }
        int[] r = rows;
        PositionStore st = store;
        for (int i = 0; i < len; i++) {
            int row = r[start + i];
            bSize[i] = st.sizeFixed(row) / UNIT;
            bSide[i] = st.side(row);
            bEntry[i] = st.entryPriceFixed(row) / UNIT;
            bColl[i] = st.collateralDouble(row);
        }
        blockStart = start;
        blockLen = len;
    }

    /**
     * The block form of {@link #column(PositionVar)}: the same formulas in the same order of
     * operations, so the values are the same doubles, computed from the store's arrays
     * without a column as long as the side.
     */
    @Override
    public void column(PositionVar var, int start, int len, double[] out) {
        if (var.since >= 2) {
            System.arraycopy(column(var), start, out, 0, len);
            return;
        }
        loadBlock(start, len);
        double[] size = bSize;
        double[] side = bSide;
        double[] entry = bEntry;
        double[] coll = bColl;
        double m = mark;
        switch (var) {
            case SIZE -> System.arraycopy(size, 0, out, 0, len);
            case SIDE -> System.arraycopy(side, 0, out, 0, len);
            case ENTRY_PRICE -> System.arraycopy(entry, 0, out, 0, len);
            case COLLATERAL -> System.arraycopy(coll, 0, out, 0, len);
            case NOTIONAL -> {
                for (int i = 0; i < len; i++) out[i] = size[i] * m;
            }
            case ENTRY_NOTIONAL -> {
                for (int i = 0; i < len; i++) out[i] = size[i] * entry[i];
            }
            case UPNL -> {
                for (int i = 0; i < len; i++) out[i] = side[i] * size[i] * (m - entry[i]);
            }
            case EQUITY -> {
                for (int i = 0; i < len; i++) out[i] = coll[i] + side[i] * size[i] * (m - entry[i]);
            }
            case LEVERAGE -> {
                for (int i = 0; i < len; i++) {
                    double notional = size[i] * m;
                    double equity = coll[i] + side[i] * size[i] * (m - entry[i]);
                    out[i] = equity <= 0 ? Double.POSITIVE_INFINITY : notional / equity;
                }
            }
            case PNL_PCT -> {
                for (int i = 0; i < len; i++) out[i] = side[i] * size[i] * (m - entry[i]) / (size[i] * entry[i]);
            }
            case MARGIN_RATIO -> {
                for (int i = 0; i < len; i++) {
                    double equity = coll[i] + side[i] * size[i] * (m - entry[i]);
                    out[i] = equity / (size[i] * m);
                }
            }
        }
    }

    @Override
    public double market(MarketVar var) {
        Double v = market.get(var);
        if (v == null) {
            throw new IllegalStateException("market value " + var.keyword() + " was not computed");
        }
        return v;
    }

    @Override
    public double drawdown(long windowSeconds) {
        Double d = drawdowns.get(windowSeconds);
        if (d == null) {
            throw new IllegalStateException("drawdown window " + windowSeconds + "s was not computed");
        }
        return d;
    }

    @Override
    public double[] column(PositionVar var) {
        double[] c = columns.get(var);
        if (c == null && var.since >= 2) {
            accountColumns();
            return columns.get(var);
        }
        if (c == null) {
            c = compute(var);
            columns.put(var, c);
        }
        return c;
    }

    private double[] compute(PositionVar var) {
        int n = rows.length;
        double[] out = new double[n];
        switch (var) {
            case SIZE -> {
                for (int i = 0; i < n; i++) out[i] = store.sizeFixed(rows[i]) / UNIT;
            }
            case SIDE -> {
                for (int i = 0; i < n; i++) out[i] = store.side(rows[i]);
            }
            case ENTRY_PRICE -> {
                for (int i = 0; i < n; i++) out[i] = store.entryPriceFixed(rows[i]) / UNIT;
            }
            case COLLATERAL -> {
                for (int i = 0; i < n; i++) out[i] = store.collateralDouble(rows[i]);
            }
            case NOTIONAL -> {
                double[] size = column(PositionVar.SIZE);
                for (int i = 0; i < n; i++) out[i] = size[i] * mark;
            }
            case ENTRY_NOTIONAL -> {
                double[] size = column(PositionVar.SIZE);
                double[] entry = column(PositionVar.ENTRY_PRICE);
                for (int i = 0; i < n; i++) out[i] = size[i] * entry[i];
            }
            case UPNL -> {
                double[] size = column(PositionVar.SIZE);
                double[] side = column(PositionVar.SIDE);
                double[] entry = column(PositionVar.ENTRY_PRICE);
                for (int i = 0; i < n; i++) out[i] = side[i] * size[i] * (mark - entry[i]);
            }
            case EQUITY -> {
                double[] coll = column(PositionVar.COLLATERAL);
                double[] upnl = column(PositionVar.UPNL);
                for (int i = 0; i < n; i++) out[i] = coll[i] + upnl[i];
            }
            case LEVERAGE -> {
                double[] notional = column(PositionVar.NOTIONAL);
                double[] equity = column(PositionVar.EQUITY);
                // equity <= 0 ranks first on leverage: docs/language.md makes it +infinity
                for (int i = 0; i < n; i++) out[i] = equity[i] <= 0 ? Double.POSITIVE_INFINITY : notional[i] / equity[i];
            }
            case PNL_PCT -> {
                double[] upnl = column(PositionVar.UPNL);
                double[] entryNotional = column(PositionVar.ENTRY_NOTIONAL);
                for (int i = 0; i < n; i++) out[i] = upnl[i] / entryNotional[i];
            }
            case MARGIN_RATIO -> {
                double[] equity = column(PositionVar.EQUITY);
                double[] notional = column(PositionVar.NOTIONAL);
                for (int i = 0; i < n; i++) out[i] = equity[i] / notional[i];
            }
        }
        return out;
    }
}
