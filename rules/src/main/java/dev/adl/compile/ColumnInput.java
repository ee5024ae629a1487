package dev.adl.compile;

import dev.adl.ast.Builtins.MarketVar;
import dev.adl.ast.Builtins.PositionVar;
import dev.adl.ast.Expr.ExposureField;

/**
 * The data a policy's per-position programs read, column by column, for a set of rows
 * (the candidates of one event, or one side of a market for the queue indicator).
 * The engine implements it over its primitive-array store; programs never see
 * positions as objects. Arrays returned are read-only to the caller and have length
 * {@link #rows()}; implementations may compute them lazily and cache them.
 */
public interface ColumnInput {
    /** Number of rows. */
    int rows();

    /** A built-in per-position column, as doubles (scores are the only doubles the engine allows). */
    double[] column(PositionVar var);

    /** {@code exposure("source").notional|collateral} per row; 0 where the account has no row for the source. */
    double[] exposure(String source, ExposureField field);

    /** A market value for this event. */
    double market(MarketVar var);

    /** {@code drawdown(window)} as a fraction, for a window (seconds) the policy declared. */
    double drawdown(long windowSeconds);

    /** A version 2 layer value (balance or drawdown) the policy declared; only version 2 policies read it. */
    default double layerValue(LayerKey key) {
        throw new IllegalStateException("layer value " + key + " is not available here");
    }
}
