package dev.adl.bench;

import dev.adl.io.SyntheticMarket;
import dev.adl.runtime.AccountDictionary;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.VenueAccounts;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Version 2's account sums over a venue: {@code markets} markets of {@code adl generate}
 * ({@link SyntheticMarket}, a seed per market) over the same accounts, so each of the
 * {@code positions} accounts holds a position in every market. {@code build} is the full
 * pass a server makes at start; {@code update} is what follows one event: the rows a
 * large event changes ({@code changed}) captured and applied again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class VenueAccountsBenchmark {
    private static final long PER_MILLI = 100_000L;
    private static final long PER_CENT = 1_000_000L;

    @Param({"10"})
    public int markets;

    @Param({"1000000"})
    public int positions;

    /** The mark: 1,000 and a BTC-like 50,000, where notional sums of a whole account pass 64 bits of fixed point. */
    @Param({"1000", "50000"})
    public long mark;

    /** Rows one event changes: a queue fill touches a few, a pro-rata tier many thousands. */
    @Param({"1000"})
    public int changed;

    Map<String, PositionStore> stores;
    Map<String, BigDecimal> marks;
    Map<String, BigDecimal> balances;
    VenueAccounts venue;
    int[] rows;

    @Setup
    public void setUp() {
        stores = venue(markets, positions, mark);
        marks = new HashMap<>();
        stores.keySet().forEach(m -> marks.put(m, BigDecimal.valueOf(mark)));
        balances = new HashMap<>();
        for (int i = 0; i < positions; i += 10) balances.put("S" + i, BigDecimal.valueOf(i % 977));
        venue = VenueAccounts.build(stores, marks, balances);
        rows = new int[changed];
        for (int i = 0; i < changed; i++) rows[i] = (int) ((long) i * (positions - 1) / changed);
    }

    /** {@code markets} synthetic markets sharing one account dictionary. */
    static Map<String, PositionStore> venue(int markets, int positions, long mark) {
        AccountDictionary accounts = new AccountDictionary(positions);
        Map<String, PositionStore> out = new LinkedHashMap<>();
        for (int k = 0; k < markets; k++) {
            String market = "M" + k + "-PERP";
            PositionStore.Builder b = PositionStore.builder(market, accounts);
            try {
                new SyntheticMarket(market, positions, 1 + k, Instant.parse("2026-01-01T08:00:00Z"), mark).generate(
                        new SyntheticMarket.Rows() {
                            int line = 2;

                            @Override
                            public void position(String account, int side, long sizeMillis, long entryCents,
                                                 long collateralCents) {
                                b.add(account, side, sizeMillis * PER_MILLI, entryCents * PER_CENT,
                                        collateralCents * PER_CENT, line++);
                            }

                            @Override
                            public void exposure(String account, long notional, long collateral, Instant asOf) {
                                // account sums do not read exposures
                            }
                        });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            out.put(market, b.build());
        }
        return out;
    }

    @Benchmark
    public VenueAccounts build() {
        return VenueAccounts.build(stores, marks, balances);
    }

    @Benchmark
    public VenueAccounts update() {
        VenueAccounts.Capture c = venue.capture("M0-PERP", rows);
        venue.apply(c);
        return venue;
    }
}
