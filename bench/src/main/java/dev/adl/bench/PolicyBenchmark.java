package dev.adl.bench;

import dev.adl.compile.CompiledPolicy;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Policy versions: compiling the reference policy in a warm JVM (parse, check, DRL, KieBase,
 * formula program) and activating a compiled version, which is one atomic reference swap:
 * an event in flight keeps the version it read.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyBenchmark {
    String text;
    CompiledPolicy v1;
    CompiledPolicy v2;
    final AtomicReference<CompiledPolicy> active = new AtomicReference<>();

    @Setup
    public void setUp() {
        text = BenchPolicies.text("reference");
        v1 = BenchPolicies.compileText("reference.adl", text);
        v2 = BenchPolicies.compileText("reference.adl", text.replace("version 1", "version 2"));
        active.set(v1);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CompiledPolicy compileWarm() {
        return BenchPolicies.compileText("reference.adl", text);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public CompiledPolicy swap() {
        CompiledPolicy was = active.get();
        return active.getAndSet(was == v1 ? v2 : v1);
    }
}
