package dev.adl.bench;

import dev.adl.compile.CompiledPolicy;
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

/**
 * One whole event on 1M positions (500k candidates), sampled for percentiles: the Drools
 * decision, ranking, allocation and the fills' exact arithmetic. {@code dryRun} computes
 * everything {@code apply} does and leaves the store as it was, so every sample sees the
 * same market; {@code apply} adds only writing the fills back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class EventBenchmark {
    /** queue: a few fills from the top; prorata: one tier over every eligible short; reference: both tiers. */
    @Param({"queue", "prorata", "reference"})
    public String policyName;

    @Param({"1000000"})
    public int positions;

    /** The mark: 1,000 (the first benchmarks) and 50,000 (a BTC market), where fill money is in the 1e12s. */
    @Param({"1000", "50000"})
    public long mark;

    BenchMarket m;
    CompiledPolicy policy;
    Event event;
    int fills;

    @Setup
    public void setUp() {
        m = BenchMarket.generate(positions, 1, mark);
        policy = BenchPolicies.compile(policyName);
        event = m.synthetic.event();
        fills = event().fills().size();
    }

    @TearDown
    public void report() {
        System.out.println("fills per event: " + fills);
    }

    @Benchmark
    public EventResult event() {
        return AdlEngine.dryRun(policy, m.store, m.exposures, event);
    }
}
