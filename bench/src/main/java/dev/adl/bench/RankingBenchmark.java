package dev.adl.bench;

import dev.adl.compile.CompiledPolicy;
import dev.adl.runtime.MarketValues;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.Ranking;
import dev.adl.runtime.ScoreOrder;
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
 *   <li>{@code handWritten}: the same formulas typed as one Java loop over the same store arrays into
 *       score and tier columns, then the same top-k selection: what one writes by hand;</li>
 *   <li>{@code handWrittenFused}: one loop that scores each position and offers it straight to a
 *       bounded heap, with no column at all: the practical limit for a queue;</li>
 *   <li>{@code compiledFullSort}: the kernel, then a full sort of the side instead of a top-k selection.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-XX:+AlwaysPreTouch"})
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
        int[] c = handWrittenFused(m, K);
        if (!java.util.Arrays.equals(a, b) || !java.util.Arrays.equals(a, c)) {
            throw new IllegalStateException("a hand-written loop selects other positions than the engine");
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

    @Benchmark
    public int[] handWrittenFused() {
        return handWrittenFused(m, K);
    }

    /**
     * Scoring fused with selection: each short is scored and compared with the worst of the
     * best k so far (score descending, then account order); only the few that beat it enter
     * the heap. Nothing as long as the side is allocated.
     */
    static int[] handWrittenFused(BenchMarket m, int k) {
        PositionStore store = m.store;
        double mark = BenchMarket.MARK;
        double[] hs = new double[k];
        int[] hk = new int[k];
        int[] hr = new int[k];
        int size = 0;
        int lowTier = 0;
        for (int r = 0, rows = store.rows(); r < rows; r++) {
            if (store.side(r) != -1 || store.sizeFixed(r) <= 0 || r == m.bankruptRow) {
                continue;
            }
            double sz = store.sizeFixed(r) / 1e8;
            double entry = store.entryPriceFixed(r) / 1e8;
            double upnl = -sz * (mark - entry);
            double equity = store.collateralDouble(r) + upnl;
            double pnlPct = upnl / (sz * entry);
            double effLev = (sz * mark + m.extNotional[r]) / (equity + m.extCollateral[r]);
            double s = upnl > 0 ? pnlPct * effLev : pnlPct / effLev;
            s = s != s ? Double.NEGATIVE_INFINITY : s + 0.0;
            lowTier += effLev >= 25 ? 0 : 1;
            int key = store.orderKey(r);
            if (size < k) {
                // sift up: the root is the worst of the kept
                int i = size++;
                while (i > 0) {
                    int p = (i - 1) >>> 1;
                    if (!worse(s, key, hs[p], hk[p])) break;
                    hs[i] = hs[p]; hk[i] = hk[p]; hr[i] = hr[p];
                    i = p;
                }
                hs[i] = s; hk[i] = key; hr[i] = r;
            } else if (worse(hs[0], hk[0], s, key)) {
                int i = 0;
                while (true) {
                    int l = 2 * i + 1;
                    if (l >= k) break;
                    int c = l + 1 < k && worse(hs[l + 1], hk[l + 1], hs[l], hk[l]) ? l + 1 : l;
                    if (!worse(hs[c], hk[c], s, key)) break;
                    hs[i] = hs[c]; hk[i] = hk[c]; hr[i] = hr[c];
                    i = c;
                }
                hs[i] = s; hk[i] = key; hr[i] = r;
            }
        }
        // the k kept, best first
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> worse(hs[x], hk[x], hs[y], hk[y]) ? 1 : -1);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) out[i] = hr[order[i]];
        if (lowTier < 0) throw new AssertionError(); // keeps the tier condition computed
        return out;
    }

    /** Whether (s1, k1) comes after (s2, k2): lower score, or equal score and higher account key. */
    private static boolean worse(double s1, int k1, double s2, int k2) {
        int c = Double.compare(s1, s2);
        return c < 0 || (c == 0 && k1 > k2);
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
        int[] top = Ranking.top(java.util.Arrays.copyOf(eligible, e), k, new ScoreOrder(score, key));
        for (int i = 0; i < top.length; i++) {
            top[i] = cand[top[i]];
        }
        sink.accept(tier);
        return top;
    }
}
