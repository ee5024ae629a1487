package dev.adl.bench;

import dev.adl.io.SyntheticMarket;
import dev.adl.runtime.AccountDictionary;
import dev.adl.runtime.Event;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;
import dev.adl.runtime.PositionStore;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The market of {@code adl generate} ({@link SyntheticMarket}) built straight into a
 * {@link PositionStore}: building in memory skips writing and parsing a CSV of ten
 * million lines for each benchmark fork.
 *
 * <p>The hand-written baseline reads the exposures as dense per-row columns
 * ({@link #extNotional}, {@link #extCollateral}); the engine reads the same values through
 * its {@link ExposureFeed}.
 */
public final class BenchMarket {
    public static final String MARKET = "BTC-PERP";
    public static final String BANKRUPT = SyntheticMarket.BANKRUPT;
    public static final Instant NOW = Instant.parse("2026-01-01T08:00:00Z");
    static final double MARK = SyntheticMarket.DEFAULT_MARK;
    private static final long PER_MILLI = 100_000L;   // fixed point of 8 places per thousandth
    private static final long PER_CENT = 1_000_000L;  // and per hundredth

    public final PositionStore store;
    public final ExposureFeed exposures;
    /** Per store row: venue-b notional and collateral (0 where the account has none). */
    public final double[] extNotional;
    public final double[] extCollateral;
    public final int bankruptRow;
    /** The synthetic market this store holds; its event is {@link SyntheticMarket#event()}. */
    public final SyntheticMarket synthetic;

    private BenchMarket(SyntheticMarket synthetic, PositionStore store, ExposureFeed exposures, double[] extNotional,
                        double[] extCollateral) {
        this.synthetic = synthetic;
        this.store = store;
        this.exposures = exposures;
        this.extNotional = extNotional;
        this.extCollateral = extCollateral;
        this.bankruptRow = store.rowOf(BANKRUPT);
    }

    public static BenchMarket generate(int positions, long seed) {
        return generate(positions, seed, SyntheticMarket.DEFAULT_MARK);
    }

    /** The market of {@code adl generate --mark}: the same accounts and sizes, prices scaled to {@code mark}. */
    public static BenchMarket generate(int positions, long seed, long mark) {
        SyntheticMarket synthetic = new SyntheticMarket(MARKET, positions, seed, NOW, mark);
        PositionStore.Builder b = PositionStore.builder(MARKET, new AccountDictionary());
        Writer exposuresCsv = new StringWriter();
        double[] extN = new double[positions];
        double[] extC = new double[positions];
        try {
            exposuresCsv.write(ExposuresCsv.HEADER + "\n");
            synthetic.generate(new SyntheticMarket.Rows() {
                int line = 2;      // as in the file: line 1 is the header
                int row = -1;

                @Override
                public void position(String account, int side, long sizeMillis, long entryCents,
                                     long collateralCents) {
                    b.add(account, side, sizeMillis * PER_MILLI, entryCents * PER_CENT, collateralCents * PER_CENT,
                            line++);
                    row++;
                }

                @Override
                public void exposure(String account, long notionalCents, long collateralCents, Instant asOf)
                        throws IOException {
                    // an exposure follows its account's position, so it belongs to the last row added
                    extN[row] = notionalCents / 100.0;
                    extC[row] = collateralCents / 100.0;
                    // a tenth of the shorts: few enough to go through the exposures reader as text
                    exposuresCsv.write(account + "," + SyntheticMarket.VENUE + ","
                            + BigDecimal.valueOf(notionalCents, 2).toPlainString() + ","
                            + BigDecimal.valueOf(collateralCents, 2).toPlainString() + "," + asOf + "\n");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the in-memory writers do no I/O
        }
        ExposureFeed feed = ExposuresCsv.read(new StringReader(exposuresCsv.toString()), "exposures.csv");
        return new BenchMarket(synthetic, b.build(), feed, extN, extC);
    }

    /** The event of {@code adl generate}: mark 1000, lot 0.001, an empty fund that fell 100% in 8 hours. */
    public static Event event() {
        return new SyntheticMarket(MARKET, 4, 1, NOW).event();
    }
}
