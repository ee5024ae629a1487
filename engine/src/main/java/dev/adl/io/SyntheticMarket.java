package dev.adl.io;

import dev.adl.runtime.Event;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible synthetic market for trying the platform and for benchmarks: the same
 * seed gives the same rows. Longs and shorts balance exactly (sizes are whole lots and
 * the last short takes up the difference), entries scatter around the mark, leverage is
 * mostly moderate with a thin tail of highly levered traders, and a tenth of the shorts
 * hold positions on a second venue. One long, {@code BANKRUPT}, is under water: the
 * event liquidates it.
 *
 * <p>The rows go to a {@link Rows} sink as exact fixed-point numbers: {@link #write}
 * prints them as the CSV files of {@code adl generate}; the benchmarks build their store
 * straight from them without printing and parsing millions of lines.
 */
public final class SyntheticMarket {
    public static final String BANKRUPT = "BANKRUPT";
    /** The exposures' source. */
    public static final String VENUE = "venue-b";
    /** The mark price unless another is asked for. */
    public static final long DEFAULT_MARK = 1000;
    private static final long LOT_MILLIS = 1;           // lot size 0.001

    /**
     * Receives the generated rows in order: sizes in thousandths, prices and money in
     * hundredths. An exposure follows the position of its account.
     */
    public interface Rows {
        void position(String account, int side, long sizeMillis, long entryCents, long collateralCents)
                throws IOException;

        void exposure(String account, long notionalCents, long collateralCents, Instant asOf) throws IOException;
    }

    private final String market;
    private final int positions;
    private final long seed;
    private final Instant now;
    /** The mark price, a whole number; every price and amount of the market scales with it. */
    private final long mark;

    /** {@code positions} counts the bankrupt long too; at least 4, so that both sides have traders. */
    public SyntheticMarket(String market, int positions, long seed, Instant now) {
        this(market, positions, seed, now, DEFAULT_MARK);
    }

    /**
     * A market whose mark is {@code mark} (such as 50,000 for BTC): entries, collateral,
     * exposures and the fund scale with it, sizes and the random draws do not, so the same
     * seed ranks and fills the same accounts at any mark.
     */
    public SyntheticMarket(String market, int positions, long seed, Instant now, long mark) {
        if (positions < 4) throw new IllegalArgumentException("a synthetic market needs at least 4 positions");
        if (mark < 1 || mark > 10_000_000) throw new IllegalArgumentException("the mark must be 1 to 10,000,000");
        this.market = market;
        this.positions = positions;
        this.seed = seed;
        this.now = now;
        this.mark = mark;
    }

    public long mark() {
        return mark;
    }

    public String market() {
        return market;
    }

    /** Every row of the market, from one random stream. */
    public void generate(Rows out) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        // The bankrupt long: 500 at 1.2 x mark with a tenth of its notional as collateral, so its
        // bankruptcy price is 1.08 x mark (1200, 60000 and 1080 at a mark of 1000).
        long bankruptSize = 500_000; // 500.000 in lots of 0.001
        out.position(BANKRUPT, 1, bankruptSize, 120 * mark, 6_000 * mark);
        int traders = positions - 1;
        int longs = traders / 2;
        int shorts = traders - longs;
        long longTotal = bankruptSize;
        for (int i = 0; i < longs; i++) {
            long size = sizeMillis(rnd);
            longTotal += size;
            position(out, rnd, "L" + i, 1, size, mark * 100);
        }
        long shortTotal = 0;
        for (int i = 0; i < shorts; i++) {
            long size;
            if (i == shorts - 1) {
                size = longTotal - shortTotal;  // balances open interest exactly
            } else {
                // keep enough room for the last short to stay positive
                long left = longTotal - shortTotal - (shorts - 1 - i);
                size = Math.max(1, Math.min(sizeMillis(rnd), left / 2));
            }
            shortTotal += size;
            String account = "S" + i;
            position(out, rnd, account, -1, size, mark * 100);
            if (rnd.nextInt(10) == 0) {
                long notionalCents = 100 * (1_000 + rnd.nextLong(500_000)) * mark / DEFAULT_MARK;
                // margined like a position here: collateral and notional drawn apart would give leverages in
                // the thousands, which no venue allows, and put most exposed accounts in the most levered tier
                long collateralCents = Math.max(1, (long) (notionalCents / leverage(rnd)));
                out.exposure(account, notionalCents, collateralCents, now.minusSeconds(rnd.nextInt(50)));
            }
        }
    }

    /** Writes the positions CSV and the exposures CSV ({@code venue-b}) of {@code adl generate}. */
    public void write(Writer positionsOut, Writer exposuresOut) throws IOException {
        positionsOut.write("account,market,side,size,entry_price,collateral\n");
        exposuresOut.write("account,source,notional,collateral,as_of\n");
        generate(new Rows() {
            @Override
            public void position(String account, int side, long sizeMillis, long entryCents, long collateralCents)
                    throws IOException {
                // the bankrupt row is printed in whole numbers, the traders' rows at their full scale
                boolean whole = account.equals(BANKRUPT);
                positionsOut.write(account + ',' + market + ',' + (side > 0 ? "long" : "short") + ','
                        + decimal(sizeMillis, 3, whole) + ',' + decimal(entryCents, 2, whole) + ','
                        + decimal(collateralCents, 2, whole) + '\n');
            }

            @Override
            public void exposure(String account, long notionalCents, long collateralCents, Instant asOf)
                    throws IOException {
                exposuresOut.write(account + ',' + VENUE + ',' + decimal(notionalCents, 2, false) + ','
                        + decimal(collateralCents, 2, false) + ',' + asOf + '\n');
            }
        });
    }

    private static long sizeMillis(SplittableRandom rnd) {
        // Heavy-ish tail: most positions are small, a few are large.
        double u = rnd.nextDouble();
        long size = (long) (LOT_MILLIS * 1000 * (0.01 + 20 * u * u * u));
        return Math.max(LOT_MILLIS, size);
    }

    /** Mostly 1x to 20x, with one trader in fifty at 25x to 100x. */
    private static double leverage(SplittableRandom rnd) {
        return rnd.nextInt(50) == 0 ? 25 + rnd.nextDouble() * 75 : 1 + rnd.nextDouble() * 19;
    }

    private static void position(Rows out, SplittableRandom rnd, String account, int side, long sizeMillis,
                                 long markCents) throws IOException {
        long entryCents = markCents + (long) ((rnd.nextDouble() - 0.5) * 0.4 * markCents);
        double leverage = leverage(rnd);
        // collateral in cents: entry notional / leverage
        long collateralCents = Math.max(1, (long) (sizeMillis / 1000.0 * entryCents / leverage));
        out.position(account, side, sizeMillis, entryCents, collateralCents);
    }

    /** The event: at the mark, lot 0.001, an empty fund that held 1,200 x mark (1.2M at 1000) six hours before. */
    public Event event() {
        return new Event(market, BigDecimal.valueOf(mark), new BigDecimal("0.001"),
                BigDecimal.ZERO, now, List.of(new Event.FundPoint(now.minusSeconds(6 * 3600),
                BigDecimal.valueOf(1_200 * mark))), BANKRUPT);
    }

    /** {@link #event()} as the event file of {@code adl generate}. */
    public String eventJson() {
        return "{\"market\": \"" + market + "\", \"mark_price\": \"" + mark + "\", \"lot_size\": \"0.001\",\n"
                + " \"insurance_fund\": \"0\", \"now\": \"" + now + "\",\n"
                + " \"fund_history\": [{\"at\": \"" + now.minusSeconds(6 * 3600) + "\", \"balance\": \""
                + 1_200 * mark + "\"}],\n"
                + " \"bankrupt_account\": \"" + BANKRUPT + "\"}\n";
    }

    private static String decimal(long unscaled, int scale, boolean whole) {
        BigDecimal d = BigDecimal.valueOf(unscaled, scale);
        return (whole ? d.stripTrailingZeros() : d).toPlainString();
    }
}
