package dev.adl.cli;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A reproducible synthetic market for trying the platform and for benchmarks: the same
 * seed gives the same files byte for byte. Longs and shorts balance exactly (sizes are
 * whole lots and the last short takes up the difference), entries scatter around the
 * mark, leverage is mostly moderate with a thin tail of highly levered traders, and a
 * tenth of the shorts hold positions on a second venue. One long, {@code BANKRUPT},
 * is under water: the event liquidates it.
 */
public final class SyntheticMarket {
    public static final String BANKRUPT = "BANKRUPT";
    static final long MARK_CENTS = 100_000;     // mark price 1000.00
    private static final long LOT_MILLIS = 1;    // lot size 0.001

    private final String market;
    private final int positions;
    private final long seed;
    private final Instant now;

    public SyntheticMarket(String market, int positions, long seed, Instant now) {
        if (positions < 4) throw new CliException("adl generate: --positions must be at least 4");
        this.market = market;
        this.positions = positions;
        this.seed = seed;
        this.now = now;
    }

    /** Writes the positions CSV and the exposures CSV ({@code venue-b}) together, so both share one random stream. */
    public void write(Writer positionsOut, Writer exposuresOut) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        positionsOut.write("account,market,side,size,entry_price,collateral\n");
        exposuresOut.write("account,source,notional,collateral,as_of\n");
        // The bankrupt long: bankruptcy price 1080 against a mark of 1000.
        long bankruptSize = 500_000; // 500.000 in lots of 0.001
        positionsOut.write(BANKRUPT + "," + market + ",long,500,1200,60000\n");
        int traders = positions - 1;
        int longs = traders / 2;
        int shorts = traders - longs;
        long longTotal = bankruptSize;
        for (int i = 0; i < longs; i++) {
            long size = sizeMillis(rnd);
            longTotal += size;
            writePosition(positionsOut, rnd, "L" + i, "long", size);
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
            writePosition(positionsOut, rnd, account, "short", size);
            if (rnd.nextInt(10) == 0) {
                long notionalCents = 100 * (1_000 + rnd.nextLong(500_000));
                // margined like a position here: collateral and notional drawn apart would give leverages in
                // the thousands, which no venue allows, and put most exposed accounts in the most levered tier
                long collateralCents = Math.max(1, (long) (notionalCents / leverage(rnd)));
                Instant asOf = now.minusSeconds(rnd.nextInt(50));
                exposuresOut.write(account + ",venue-b," + decimal(notionalCents, 2) + "," + decimal(collateralCents, 2)
                        + "," + asOf + "\n");
            }
        }
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

    private void writePosition(Writer out, SplittableRandom rnd, String account, String side, long sizeMillis)
            throws IOException {
        long entryCents = MARK_CENTS + (long) ((rnd.nextDouble() - 0.5) * 0.4 * MARK_CENTS);
        double leverage = leverage(rnd);
        // collateral in cents: entry notional / leverage
        long collateralCents = Math.max(1, (long) (sizeMillis / 1000.0 * entryCents / leverage));
        out.write(account);
        out.write(',');
        out.write(market);
        out.write(',');
        out.write(side);
        out.write(',');
        out.write(decimal(sizeMillis, 3));
        out.write(',');
        out.write(decimal(entryCents, 2));
        out.write(',');
        out.write(decimal(collateralCents, 2));
        out.write('\n');
    }

    String eventJson() {
        return "{\"market\": \"" + market + "\", \"mark_price\": \"1000\", \"lot_size\": \"0.001\",\n"
                + " \"insurance_fund\": \"0\", \"now\": \"" + now + "\",\n"
                + " \"fund_history\": [{\"at\": \"" + now.minusSeconds(6 * 3600) + "\", \"balance\": \"1200000\"}],\n"
                + " \"bankrupt_account\": \"" + BANKRUPT + "\"}\n";
    }

    static String decimal(long unscaled, int scale) {
        return java.math.BigDecimal.valueOf(unscaled, scale).toPlainString();
    }
}
