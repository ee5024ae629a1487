package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Evaluation;
import dev.adl.compile.Parallel;

/**
 * The ranking kernel: one side of a market's candidates (size > 0, one row excluded), the
 * policy's formulas evaluated over them column by column, and the resulting order (score
 * descending, then account ascending). Nothing is sorted here: callers select what they
 * need ({@link #top} for a queue, a full sort only for a pro-rata tier).
 */
public final class SideRanking {
    private final CompiledPolicy policy;
    private final int[] rows;
    private final CandidateColumns columns;
    private final PositionStore store;
    private Evaluation evaluation;
    private ScoreOrder order;
    private int[] eligible;

    private SideRanking(CompiledPolicy policy, PositionStore store, int[] rows, CandidateColumns columns) {
        this.policy = policy;
        this.rows = rows;
        this.columns = columns;
        this.store = store;
    }

    /** The candidates of one side (rows with that side and size > 0, except {@code excludedRow}), not yet evaluated. */
    public static SideRanking candidates(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, int side,
                                         int excludedRow, MarketValues values) {
        int[] rows = candidateRows(store, excludedRow, side);
        CandidateColumns columns = new CandidateColumns(store, rows, values.mark(), values.market(),
                values.drawdowns(), exposures == null ? ExposureFeed.empty() : exposures);
        columns.version2(values.layers(), values.venue(), values.exactMark());
        return new SideRanking(policy, store, rows, columns);
    }

    /** Evaluates the policy's formulas over the candidates and prepares the order; returns this. */
    public SideRanking evaluate() {
        Evaluation ev = policy.evaluate(columns);
        int n = rows.length;
        if (ev.eligible().length != n || ev.score().length != n || ev.tier().length != n) {
            throw new IllegalStateException("policy evaluation returned " + ev.score().length
                    + " rows for " + n + " candidates");
        }
        evaluation = ev;
        int[] orderKey = new int[n];
        int threads = Parallel.threads(n);
        Parallel.run(n, Parallel.ranges(n, threads), threads, (w, r, from, to) -> {
            for (int i = from; i < to; i++) {
                orderKey[i] = store.orderKey(rows[i]);
            }
        });
        order = new ScoreOrder(AdlEngine.normalizedScores(ev.score()), orderKey);
        eligible = indicesOf(ev.eligible());
        return this;
    }

    /** Store rows of the first {@code k} eligible candidates in rank order, in O(n log k). */
    public int[] top(int k) {
        int[] first = Ranking.top(eligible, k, order);
        for (int i = 0; i < first.length; i++) {
            first[i] = rows[first[i]];
        }
        return first;
    }

    /** Store row of each candidate; candidate indices below index this array. */
    public int[] rows() {
        return rows;
    }

    CandidateColumns columns() {
        return columns;
    }

    public Evaluation evaluation() {
        return evaluation;
    }

    /** Candidate indices where {@code eligible} holds, ascending. */
    public int[] eligible() {
        return eligible;
    }

    /** The order on candidate indices. */
    public ScoreOrder order() {
        return order;
    }

    /** Counts first so the only array as long as the side is the one kept. */
    static int[] candidateRows(PositionStore store, int excludedRow, int side) {
        int rowsInStore = store.rows();
        int n = 0;
        for (int r = 0; r < rowsInStore; r++) {
            n += store.side(r) == side && store.sizeFixed(r) > 0 && r != excludedRow ? 1 : 0;
        }
        int[] out = new int[n];
        int j = 0;
        for (int r = 0; r < rowsInStore && j < n; r++) {
            if (store.side(r) == side && store.sizeFixed(r) > 0 && r != excludedRow) {
                out[j++] = r;
            }
        }
        return out;
    }

    private static int[] indicesOf(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        int[] out = new int[n];
        int j = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                out[j++] = i;
            }
        }
        return out;
    }
}
