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

/**
 * Compiling the reference policy once in a fresh JVM: every fork is a cold start (class
 * loading of the parser, checker and Drools, then interpreted code), the case of the first
 * policy a server loads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 5, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdCompileBenchmark {
    String text;

    @Setup
    public void setUp() {
        text = BenchPolicies.text("reference");
    }

    @Benchmark
    public CompiledPolicy compileCold() {
        return BenchPolicies.compileText("reference.adl", text);
    }
}
