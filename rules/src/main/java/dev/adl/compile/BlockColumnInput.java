package dev.adl.compile;

import dev.adl.ast.Builtins.PositionVar;
import dev.adl.ast.Expr.ExposureField;

/**
 * A {@link ColumnInput} that can write any block of rows of a column into the caller's
 * buffer. Programs then read their inputs block by block into registers that stay in
 * cache, and no array as long as the input is allocated per call: for a million rows
 * that is megabytes per column per event, which the garbage collector would otherwise
 * have to reclaim in the middle of an event.
 */
public interface BlockColumnInput extends ColumnInput {
    /** Writes rows {@code [start, start + len)} of a built-in column to {@code out[0, len)}. */
    void column(PositionVar var, int start, int len, double[] out);

    /** Writes rows {@code [start, start + len)} of an exposure field to {@code out[0, len)}, 0 where there is no row. */
    void exposure(String source, ExposureField field, int start, int len, double[] out);

    /**
     * A view of the same rows for another thread: the same values, its own buffers. Whole
     * columns this input computes on a first read are shared, so a caller that splits a pass
     * reads every input once on its own thread before handing views to others.
     */
    BlockColumnInput view();
}
