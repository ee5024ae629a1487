package dev.adl.bench;

import dev.adl.runtime.AccountDictionary;
import dev.adl.runtime.Event;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;
import dev.adl.runtime.PositionStore;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic market built straight into a {@link PositionStore}, with the
 * distributions of {@code adl generate} (dev.adl.cli.SyntheticMarket): half longs, half
 * shorts balancing them exactly, entries within 20% of a mark of 1000, leverage 1x to 20x
 * with one trader in fifty at 25x to 100x, and a tenth of the shorts with a venue-b
 * exposure margined the same way. Building in memory skips writing and parsing a CSV of
 * ten million lines for each benchmark fork.
 *
 * <p>The hand-written baseline reads the exposures as dense per-row columns
 * ({@link #extNotional}, {@link #extCollateral}); the engine reads the same values through
 * its {@link ExposureFeed}.
 */
public final class BenchMarket {
    public static final String MARKET = "BTC-PERP";
    public static final String BANKRUPT = "BANKRUPT";
    public static final Instant NOW = Instant.parse("2026-01-01T08:00:00Z");
    static final double MARK = 1000.0;
    private static final long SCALE = 100_000_000L;   // fixed point, 8 decimals

    public final PositionStore store;
    public final ExposureFeed exposures;
    /** Per store row: venue-b notional and collateral (0 where the account has none). */
    public final double[] extNotional;
    public final double[] extCollateral;
    public final int bankruptRow;

    private BenchMarket(PositionStore store, ExposureFeed exposures, double[] extNotional, double[] extCollateral) {
        this.store = store;
        this.exposures = exposures;
        this.extNotional = extNotional;
        this.extCollateral = extCollateral;
        this.bankruptRow = store.rowOf(BANKRUPT);
    }

    public static BenchMarket generate(int positions, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PositionStore.Builder b = PositionStore.builder(MARKET, new AccountDictionary());
        double[] extN = new double[positions];
        double[] extC = new double[positions];
        StringBuilder csv = new StringBuilder(ExposuresCsv.HEADER).append('\n');
        int line = 2;
        // the bankrupt long: 500 at 1200 with 60000 collateral, bankruptcy price 1080
        b.add(BANKRUPT, 1, 500 * SCALE, 1200 * SCALE, 60_000 * SCALE, line++);
        long bankruptMillis = 500_000;
        int traders = positions - 1;
        int longs = traders / 2;
        int shorts = traders - longs;
        long longTotal = bankruptMillis;
        for (int i = 0; i < longs; i++) {
            long size = sizeMillis(rnd);
            longTotal += size;
            add(b, rnd, "L" + i, 1, size, line++);
        }
        long shortTotal = 0;
        for (int i = 0; i < shorts; i++) {
            long size;
            if (i == shorts - 1) {
                size = longTotal - shortTotal;
            } else {
                long left = longTotal - shortTotal - (shorts - 1 - i);
                size = Math.max(1, Math.min(sizeMillis(rnd), left / 2));
            }
            shortTotal += size;
            String account = "S" + i;
            add(b, rnd, account, -1, size, line++);
            if (rnd.nextInt(10) == 0) {
                long notionalCents = 100 * (1_000 + rnd.nextLong(500_000));
                long collateralCents = Math.max(1, (long) (notionalCents / leverage(rnd)));
                int row = 1 + longs + i;
                extN[row] = notionalCents / 100.0;
                extC[row] = collateralCents / 100.0;
                csv.append(account).append(",venue-b,").append(BigDecimal.valueOf(notionalCents, 2).toPlainString())
                        .append(',').append(BigDecimal.valueOf(collateralCents, 2).toPlainString()).append(',')
                        .append(NOW.minusSeconds(rnd.nextInt(50))).append('\n');
            }
        }
        PositionStore store = b.build();
        ExposureFeed feed = ExposuresCsv.read(new StringReader(csv.toString()), "exposures.csv");
        return new BenchMarket(store, feed, extN, extC);
    }

    /** The event of {@code adl generate}: mark 1000, lot 0.001, an empty fund that fell 100% in 8 hours. */
    public static Event event() {
        return new Event(MARKET, new BigDecimal("1000"), new BigDecimal("0.001"), BigDecimal.ZERO, NOW,
                List.of(new Event.FundPoint(NOW.minusSeconds(6 * 3600), new BigDecimal("1200000"))), BANKRUPT);
    }

    private static void add(PositionStore.Builder b, SplittableRandom rnd, String account, int side, long sizeMillis,
                            int line) {
        long entryCents = 100_000 + (long) ((rnd.nextDouble() - 0.5) * 0.4 * 100_000);
        double leverage = leverage(rnd);
        long collateralCents = Math.max(1, (long) (sizeMillis / 1000.0 * entryCents / leverage));
        b.add(account, side, sizeMillis * (SCALE / 1000), entryCents * (SCALE / 100), collateralCents * (SCALE / 100),
                line);
    }

    private static long sizeMillis(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        long size = (long) (1000 * (0.01 + 20 * u * u * u));
        return Math.max(1, size);
    }

    private static double leverage(SplittableRandom rnd) {
        return rnd.nextInt(50) == 0 ? 25 + rnd.nextDouble() * 75 : 1 + rnd.nextDouble() * 19;
    }
}
