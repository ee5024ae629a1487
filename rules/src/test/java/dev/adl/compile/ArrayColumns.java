package dev.adl.compile;

import dev.adl.ast.Builtins.MarketVar;
import dev.adl.ast.Builtins.PositionVar;
import dev.adl.ast.Expr.ExposureField;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A ColumnInput over plain arrays, recording which columns a program reads. */
final class ArrayColumns implements ColumnInput {
    private final int rows;
    private final Map<PositionVar, double[]> columns = new EnumMap<>(PositionVar.class);
    private final Map<String, double[]> exposures = new HashMap<>();
    private final Map<MarketVar, Double> market = new EnumMap<>(MarketVar.class);
    private final Map<Long, Double> drawdowns = new HashMap<>();
    final List<String> reads = new ArrayList<>();

    ArrayColumns(int rows) {
        this.rows = rows;
    }

    ArrayColumns with(PositionVar var, double... values) {
        columns.put(var, check(values));
        return this;
    }

    ArrayColumns exposure(String source, ExposureField field, double... values) {
        exposures.put(source + "/" + field, check(values));
        return this;
    }

    ArrayColumns market(MarketVar var, double value) {
        market.put(var, value);
        return this;
    }

    ArrayColumns drawdown(long window, double value) {
        drawdowns.put(window, value);
        return this;
    }

    private double[] check(double[] values) {
        if (values.length != rows) throw new IllegalArgumentException("expected " + rows + " values");
        return values;
    }

    @Override public int rows() { return rows; }

    @Override
    public double[] column(PositionVar var) {
        reads.add(var.keyword());
        double[] c = columns.get(var);
        if (c == null) throw new IllegalStateException("column " + var + " not provided");
        return c;
    }

    @Override
    public double[] exposure(String source, ExposureField field) {
        reads.add("exposure:" + source + "." + field.keyword());
        double[] c = exposures.get(source + "/" + field);
        return c != null ? c : new double[rows];
    }

    @Override
    public double market(MarketVar var) {
        reads.add("market:" + var.keyword());
        Double v = market.get(var);
        if (v == null) throw new IllegalStateException("market value " + var + " not provided");
        return v;
    }

    @Override
    public double drawdown(long windowSeconds) {
        reads.add("drawdown:" + windowSeconds);
        Double v = drawdowns.get(windowSeconds);
        if (v == null) throw new IllegalStateException("drawdown " + windowSeconds + " not provided");
        return v;
    }
}
