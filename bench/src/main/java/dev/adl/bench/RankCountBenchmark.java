package dev.adl.bench;

import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Evaluation;
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

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The fill ranks of an event: each take's place among all eligible candidates, counted without
 * sorting them. The picks are what the reference policy's event takes: every member of its
 * pro-rata tier and the first {@link #QUEUE_PICKS} of its queue, one side of the benchmark
 * market. {@code ours} is the engine's count; {@code previous} the count before its branch-free
 * lookup ({@link PreviousRankCount}), the baseline of the same run. Both split the items over
 * the machine's cores the same way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class RankCountBenchmark {
    static final int QUEUE_PICKS = 1_000;

    @Param({"1000000", "10000000"})
    public int positions;

    int[] eligible;
    int[] picks;
    ScoreOrder order;
    PreviousRankCount previous;

    @Setup
    public void setUp() {
        BenchMarket m = BenchMarket.generate(positions, 1);
        CompiledPolicy policy = BenchPolicies.compile("reference");
        SideRanking side = SideRanking.candidates(policy, m.store, m.exposures, -1, m.bankruptRow,
                EventInputs.values(m, policy)).evaluate();
        Evaluation ev = side.evaluation();
        eligible = side.eligible();
        order = side.order();
        int[] members = Arrays.stream(eligible).filter(i -> ev.tier()[i] == 0).toArray();
        int[] rest = Arrays.stream(eligible).filter(i -> ev.tier()[i] != 0).toArray();
        int[] queue = Ranking.top(rest, QUEUE_PICKS, order);
        picks = new int[members.length + queue.length];
        System.arraycopy(members, 0, picks, 0, members.length);
        System.arraycopy(queue, 0, picks, members.length, queue.length);
        Ranking.sort(picks, order);
        previous = new PreviousRankCount(order, ev.score().length);
        if (!Arrays.equals(ours(), previous())) {
            throw new IllegalStateException("the two counts differ");
        }
        System.out.printf("%n%d eligible, %d picks%n", eligible.length, picks.length);
    }

    @Benchmark
    public long[] ours() {
        return Ranking.countBefore(eligible, picks, order);
    }

    @Benchmark
    public long[] previous() {
        return previous.countBefore(eligible, picks);
    }
}
