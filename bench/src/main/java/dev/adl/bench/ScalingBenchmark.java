package dev.adl.bench;

import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Parallel;
import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
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

/** The cost of one event under the reference policy as the market grows from 10k to 10M positions. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScalingBenchmark {
    @Param({"10000", "100000", "1000000", "10000000"})
    public int positions;

    /** The mark: 1,000 (the tables above) or 50,000 (a BTC market, where fill money is in the 1e12s). */
    @Param({"1000"})
    public long mark;

    /** Threads for the passes over rows: 0 lets the engine choose (one per core above its threshold). */
    @Param({"0"})
    public int threads;

    BenchMarket m;
    CompiledPolicy policy;
    Event event;

    @Setup
    public void setUp() {
        m = BenchMarket.generate(positions, 1, mark);
        policy = BenchPolicies.compile("reference");
        event = m.synthetic.event();
        if (threads > 0) {
            System.setProperty(Parallel.THREADS_PROPERTY, Integer.toString(threads));
        }
    }

    @TearDown
    public void unforce() {
        System.clearProperty(Parallel.THREADS_PROPERTY);
    }

    @Benchmark
    public EventResult event() {
        return AdlEngine.dryRun(policy, m.store, m.exposures, event);
    }
}
