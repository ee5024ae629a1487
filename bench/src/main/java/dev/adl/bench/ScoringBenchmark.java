package dev.adl.bench;

import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Parallel;
import dev.adl.runtime.MarketValues;
import dev.adl.runtime.PositionStore;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Scoring one side and selecting its first {@link RankingBenchmark#K}, against two limits
 * and across threads:
 *
 * <ul>
 *   <li>{@code oursOneThread}, {@code oursTwoThreads}: the engine's kernel ({@link SideRanking}),
 *       its passes forced to one or two threads ({@link Parallel#THREADS_PROPERTY});</li>
 *   <li>{@code handFused}: the reference formulas as one hand-written loop feeding a bounded heap
 *       ({@link RankingBenchmark#handWrittenFused}), on one thread;</li>
 *   <li>{@code limit}: the simplest loop that computes a score from three long columns of the same
 *       store and keeps the best: what streaming the side through one core costs at all.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScoringBenchmark {
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
        int[] one = oursOneThread();
        int[] two = oursTwoThreads();
        int[] fused = handFused();
        if (!java.util.Arrays.equals(one, two) || !java.util.Arrays.equals(one, fused)) {
            throw new IllegalStateException("the kernel on two threads or the fused loop selects other positions");
        }
    }

    @TearDown
    public void unforce() {
        System.clearProperty(Parallel.THREADS_PROPERTY);
    }

    @Benchmark
    public int[] oursOneThread() {
        return ours(1);
    }

    @Benchmark
    public int[] oursTwoThreads() {
        return ours(2);
    }

    private int[] ours(int threads) {
        System.setProperty(Parallel.THREADS_PROPERTY, Integer.toString(threads));
        return SideRanking.candidates(policy, m.store, m.exposures, -1, m.bankruptRow, values).evaluate()
                .top(RankingBenchmark.K);
    }

    @Benchmark
    public int[] handFused() {
        return RankingBenchmark.handWrittenFused(m, RankingBenchmark.K);
    }

    @Benchmark
    public int limit() {
        return limit(m.store, BenchMarket.MARK, m.bankruptRow);
    }

    /** The short with the highest profit on its collateral: three long columns, one pass, no output array. */
    static int limit(PositionStore store, double mark, int bankruptRow) {
        double best = Double.NEGATIVE_INFINITY;
        int bestRow = -1;
        for (int r = 0, rows = store.rows(); r < rows; r++) {
            if (store.side(r) != -1 || store.sizeFixed(r) <= 0 || r == bankruptRow) {
                continue;
            }
            double size = store.sizeFixed(r) / 1e8;
            double entry = store.entryPriceFixed(r) / 1e8;
            double s = (entry - mark) * size / store.collateralDouble(r);
            if (s > best) {
                best = s;
                bestRow = r;
            }
        }
        return bestRow;
    }
}
