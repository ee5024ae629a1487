package dev.adl.bench;

import dev.adl.compile.CompiledPolicy;
import dev.adl.runtime.MarketValues;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.Ranking;
import dev.adl.runtime.SideRanking;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Ranking and selection over one side of a market with the reference policy's formulas
 * (eligible, two rank-by branches, the eff_leverage tier condition), then the first
 * {@link #K} in order: what a queue event does before allocating.
 *
 * <ul>
 *   <li>{@code compiled}: the engine's kernel ({@link SideRanking}) running the compiled formula program;</li>
 *   <li>{@code handWritten}: the same formulas typed as one Java loop over the same store arrays, the
 *       same order and the same selection: the practical limit;</li>
 *   <li>{@code compiledFullSort}: the kernel, then a full sort of the side instead of a top-k selection.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class RankingBenchmark {
    static final int K = 100;

    @Param({"1000000", "10000000"})
    public int positions;

    BenchMarket m;
    CompiledPolicy policy;
    MarketValues values;

    @Setup
    public void setUp() {
        m = BenchMarket.generate(positions, 1);
        policy = BenchPolicies.compile("reference");
        values = EventInputs.values(m, policy);
        int[] a = compiled();
        int[] b = handWritten(m, K, x -> { });
        if (!java.util.Arrays.equals(a, b)) {
            throw new IllegalStateException("the hand-written loop selects other positions than the engine");
        }
    }

    @Benchmark
    public int[] compiled() {
        return SideRanking.candidates(policy, m.store, m.exposures, -1, m.bankruptRow, values).evaluate().top(K);
    }

    @Benchmark
    public int[] compiledFullSort() {
        SideRanking r = SideRanking.candidates(policy, m.store, m.exposures, -1, m.bankruptRow, values).evaluate();
        int[] all = r.eligible().clone();
        Ranking.sort(all, r.order());
        return all;
    }

    @Benchmark
    public int[] handWritten(Blackhole bh) {
        return handWritten(m, K, bh::consume);
    }

    /** The reference formulas over the store's arrays, written out by hand. */
    static int[] handWritten(BenchMarket m, int k, java.util.function.Consumer<Object> sink) {
        PositionStore store = m.store;
        int rows = store.rows();
        int n = 0;
        for (int r = 0; r < rows; r++) {
            n += store.side(r) == -1 && store.sizeFixed(r) > 0 && r != m.bankruptRow ? 1 : 0;
        }
        int[] cand = new int[n];
        int j = 0;
        for (int r = 0; r < rows && j < n; r++) {
            if (store.side(r) == -1 && store.sizeFixed(r) > 0 && r != m.bankruptRow) {
                cand[j++] = r;
            }
        }
        double mark = BenchMarket.MARK;
        double[] score = new double[n];
        int[] tier = new int[n];
        int[] key = new int[n];
        int[] eligible = new int[n];
        int e = 0;
        for (int i = 0; i < n; i++) {
            int r = cand[i];
            double size = store.sizeFixed(r) / 1e8;
            double entry = store.entryPriceFixed(r) / 1e8;
            double coll = store.collateralDouble(r);
            double notional = size * mark;
            double upnl = -size * (mark - entry);
            double equity = coll + upnl;
            double pnlPct = upnl / (size * entry);
            double effLev = (notional + m.extNotional[r]) / (equity + m.extCollateral[r]);
            double s = upnl > 0 ? pnlPct * effLev : pnlPct / effLev;
            score[i] = s != s ? Double.NEGATIVE_INFINITY : s + 0.0;
            tier[i] = effLev >= 25 ? 0 : 1;
            key[i] = store.orderKey(r);
            if (size > 0) {
                eligible[e++] = i;
            }
        }
        int[] top = Ranking.top(java.util.Arrays.copyOf(eligible, e), k, new Ranking.ScoreOrder(score, key));
        for (int i = 0; i < top.length; i++) {
            top[i] = cand[top[i]];
        }
        sink.accept(tier);
        return top;
    }
}
