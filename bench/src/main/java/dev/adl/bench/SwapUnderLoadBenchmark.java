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

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Event latency (reference policy, 1M positions) while another thread activates a new policy
 * version every 100 ms: it compiles version n + 1 from text and swaps it in, as the server
 * does on activation. {@code none} is the same event without activations, in the same run.
 * Each event reads the active version once and finishes on it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class SwapUnderLoadBenchmark {
    @Param({"none", "every100ms"})
    public String activations;

    BenchMarket m;
    String text;
    Event event;
    final AtomicReference<CompiledPolicy> active = new AtomicReference<>();
    ScheduledExecutorService activator;
    long nextVersion = 2;
    final Set<Long> versionsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Setup
    public void setUp() {
        m = BenchMarket.generate(1_000_000, 1);
        text = BenchPolicies.text("reference");
        event = BenchMarket.event();
        active.set(BenchPolicies.compileText("reference.adl", text));
        if (activations.equals("every100ms")) {
            activator = Executors.newSingleThreadScheduledExecutor();
            activator.scheduleAtFixedRate(() -> {
                long v = nextVersion++;
                active.set(BenchPolicies.compileText("reference.adl", text.replace("version 1", "version " + v)));
            }, 100, 100, TimeUnit.MILLISECONDS);
        }
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        if (activator != null) {
            activator.shutdown();
            activator.awaitTermination(10, TimeUnit.SECONDS);
        }
        System.out.println("policy versions activated: " + (nextVersion - 2) + ", seen by events: " + versionsSeen.size());
    }

    @Benchmark
    public EventResult event() {
        CompiledPolicy p = active.get();
        EventResult r = AdlEngine.dryRun(p, m.store, m.exposures, event);
        versionsSeen.add(r.version());
        return r;
    }
}
