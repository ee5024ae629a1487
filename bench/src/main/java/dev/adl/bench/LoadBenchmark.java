package dev.adl.bench;

import dev.adl.io.SyntheticMarket;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.PositionsCsv;
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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Loading the positions and exposures CSVs of `adl generate` (1M positions) from bytes in memory,
 * so the disk is out of the measurement: the line reader (a String and a BigDecimal per cell),
 * the previous byte parser (a String and a dictionary lookup per account,
 * {@link PreviousPositionsReader}) and the reader `adl` uses now, in the same run. MB/s is the
 * file's size ({@link #sizes}) over the time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class LoadBenchmark {
    @Param({"1000000"})
    public int positions;

    @Param({"1000", "50000"})
    public long mark;

    byte[] csv;
    byte[] exposures;

    @Setup
    public void setUp() throws IOException {
        byte[][] files = files(positions, mark);
        csv = files[0];
        exposures = files[1];
        System.out.printf("positions CSV: %d bytes (%.1f MB), exposures CSV: %d bytes%n", csv.length, csv.length / 1e6,
                exposures.length);
    }

    /** The positions and the exposures CSV of `adl generate --seed 1` for this many positions at this mark. */
    static byte[][] files(int positions, long mark) throws IOException {
        StringWriter pos = new StringWriter();
        StringWriter exp = new StringWriter();
        new SyntheticMarket("BTC-PERP", positions, 1, Instant.parse("2026-01-01T08:00:00Z"), mark).write(pos, exp);
        return new byte[][]{pos.toString().getBytes(StandardCharsets.UTF_8), exp.toString().getBytes(StandardCharsets.UTF_8)};
    }

    /** The sizes in bytes of {@link #files}, for the report's MB/s. */
    static long[] sizes(int positions, long mark) throws IOException {
        byte[][] files = files(positions, mark);
        return new long[]{files[0].length, files[1].length};
    }

    @Benchmark
    public Map<String, PositionStore> lineReader() {
        return PositionsCsv.read(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8.newDecoder()),
                "positions.csv");
    }

    @Benchmark
    public Map<String, PositionStore> previousByteParser() {
        return PreviousPositionsReader.read(csv, "positions.csv");
    }

    @Benchmark
    public Map<String, PositionStore> byteParser() {
        return PositionsCsv.read(csv, "positions.csv");
    }

    @Benchmark
    public ExposureFeed exposuresLineReader() {
        return ExposuresCsv.read(new InputStreamReader(new ByteArrayInputStream(exposures),
                StandardCharsets.UTF_8.newDecoder()), "exposures.csv");
    }

    @Benchmark
    public ExposureFeed exposuresByteParser() {
        return ExposuresCsv.read(exposures, "exposures.csv");
    }
}
