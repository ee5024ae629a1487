package dev.adl.runtime;

import dev.adl.ast.Builtins.MarketVar;
import dev.adl.ast.Builtins.PositionVar;
import dev.adl.ast.Expr.ExposureField;
import dev.adl.compile.BlockColumnInput;

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
    private final Map<PositionVar, double[]> columns = new EnumMap<>(PositionVar.class);
    private final Map<String, ExposureFeed.Gathered> gathered = new HashMap<>();

    CandidateColumns(PositionStore store, int[] rows, double mark, Map<MarketVar, Double> market,
                     Map<Long, Double> drawdowns, ExposureFeed exposures) {
        this.store = store;
        this.rows = rows;
        this.mark = mark;
        this.market = market;
        this.drawdowns = drawdowns;
        this.exposures = exposures;
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

    /**
     * The block form of {@link #column(PositionVar)}: the same formulas in the same order of
     * operations, so the values are the same doubles, computed from the store's arrays
     * without a column as long as the side.
     */
    @Override
    public void column(PositionVar var, int start, int len, double[] out) {
        int[] r = rows;
        PositionStore st = store;
        double m = mark;
        switch (var) {
            case SIZE -> {
                for (int i = 0; i < len; i++) out[i] = st.sizeFixed(r[start + i]) / UNIT;
            }
            case SIDE -> {
                for (int i = 0; i < len; i++) out[i] = st.side(r[start + i]);
            }
            case ENTRY_PRICE -> {
                for (int i = 0; i < len; i++) out[i] = st.entryPriceFixed(r[start + i]) / UNIT;
            }
            case COLLATERAL -> {
                for (int i = 0; i < len; i++) out[i] = st.collateralDouble(r[start + i]);
            }
            case NOTIONAL -> {
                for (int i = 0; i < len; i++) out[i] = st.sizeFixed(r[start + i]) / UNIT * m;
            }
            case ENTRY_NOTIONAL -> {
                for (int i = 0; i < len; i++) {
                    int row = r[start + i];
                    out[i] = st.sizeFixed(row) / UNIT * (st.entryPriceFixed(row) / UNIT);
                }
            }
            case UPNL -> {
                for (int i = 0; i < len; i++) out[i] = upnl(st, r[start + i], m);
            }
            case EQUITY -> {
                for (int i = 0; i < len; i++) {
                    int row = r[start + i];
                    out[i] = st.collateralDouble(row) + upnl(st, row, m);
                }
            }
            case LEVERAGE -> {
                for (int i = 0; i < len; i++) {
                    int row = r[start + i];
                    double notional = st.sizeFixed(row) / UNIT * m;
                    double equity = st.collateralDouble(row) + upnl(st, row, m);
                    out[i] = equity <= 0 ? Double.POSITIVE_INFINITY : notional / equity;
                }
            }
            case PNL_PCT -> {
                for (int i = 0; i < len; i++) {
                    int row = r[start + i];
                    out[i] = upnl(st, row, m) / (st.sizeFixed(row) / UNIT * (st.entryPriceFixed(row) / UNIT));
                }
            }
            case MARGIN_RATIO -> {
                for (int i = 0; i < len; i++) {
                    int row = r[start + i];
                    double equity = st.collateralDouble(row) + upnl(st, row, m);
                    out[i] = equity / (st.sizeFixed(row) / UNIT * m);
                }
            }
        }
    }

    /** side * size * (mark - entry), in the order of operations of the whole-column form. */
    private static double upnl(PositionStore st, int row, double mark) {
        double side = st.side(row);
        double size = st.sizeFixed(row) / UNIT;
        return side * size * (mark - st.entryPriceFixed(row) / UNIT);
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
                // equity <= 0 ranks first on leverage: LANGUAGE.md makes it +infinity
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
