package dev.adl.runtime;

import dev.adl.prop.Choices;
import dev.adl.prop.Gen;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators of markets and bankruptcy events at realistic magnitudes: prices around 100
 * or around 50,000, lots from 1 down to 0.001, collateral from a little below zero to 60%
 * of the entry notional, exposure rows on another venue. Cases print as the CSV rows they
 * stand for, so a shrunk failure can be replayed with {@code adl run}.
 */
public final class MarketGen {
    public static final String MARKET = "M";
    public static final Instant NOW = Instant.parse("2026-01-01T08:00:00Z");
    private static final String[] LOTS = {"1", "0.5", "0.01", "0.001"};
    private static final int[] PRICES = {100, 50_000};

    private MarketGen() {
    }

    /** One position, with the row another venue reports for the account (or none). */
    public record Row(String account, String side, BigDecimal size, BigDecimal entryPrice, BigDecimal collateral,
                      Exposure exposure) {
        String csv() {
            return account + "," + MARKET + "," + side + "," + size.toPlainString() + "," + entryPrice.toPlainString()
                    + "," + collateral.toPlainString();
        }
    }

    /** Notional and collateral on another venue; the row's age is placed in a range when a feed is made. */
    public record Exposure(BigDecimal notional, BigDecimal collateral, int ageDraw) {
    }

    public record Market(BigDecimal lot, int price, List<Row> rows) {
        /** A new store holding the rows. */
        public PositionStore store() {
            StringBuilder csv = new StringBuilder(PositionsCsv.HEADER).append('\n');
            rows.forEach(r -> csv.append(r.csv()).append('\n'));
            return PositionsCsv.read(new StringReader(csv.toString()), "positions.csv").get(MARKET);
        }

        /** The exposure rows of the given sources (names without commas), each observed between minAge and maxAge seconds before NOW. */
        public ExposureFeed feed(List<String> sources, int minAge, int maxAge) {
            StringBuilder csv = new StringBuilder(ExposuresCsv.HEADER).append('\n');
            for (String source : sources) {
                for (Row r : rows) {
                    Exposure x = r.exposure();
                    if (x == null) continue;
                    csv.append(r.account()).append(',').append(source).append(',')
                            .append(x.notional().toPlainString()).append(',')
                            .append(x.collateral().toPlainString()).append(',')
                            .append(NOW.minusSeconds(minAge + x.ageDraw() % (maxAge - minAge + 1))).append('\n');
                }
            }
            return ExposuresCsv.read(new StringReader(csv.toString()), "exposures.csv");
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("lot " + lot.toPlainString() + ", prices near " + price + "\n");
            rows.forEach(r -> s.append("  ").append(r.csv())
                    .append(r.exposure() == null ? "" : "  [exposure " + r.exposure().notional() + " / "
                            + r.exposure().collateral() + ", age draw " + r.exposure().ageDraw() + "]").append('\n'));
            return s.toString();
        }
    }

    /** Markets of 2 to maxRows positions. */
    public static Gen<Market> markets(int maxRows) {
        return c -> {
            BigDecimal lot = new BigDecimal(Gen.oneOf(LOTS).next(c));
            int price = Gen.oneOf(PRICES[0], PRICES[1]).next(c);
            List<Row> rows = Gen.listOf(row(lot, price), 2, maxRows, 0.95).next(c);
            List<Row> named = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                named.add(new Row("A" + i, r.side(), r.size(), r.entryPrice(), r.collateral(), r.exposure()));
            }
            return new Market(lot, price, named);
        };
    }

    private static Gen<Row> row(BigDecimal lot, int price) {
        return c -> {
            String side = c.below(2) == 0 ? "long" : "short";
            BigDecimal size = c.chance(0.9) ? lot.multiply(BigDecimal.valueOf(1 + c.below(40))) : BigDecimal.ZERO;
            BigDecimal entry = priceNear(c, price, 50);
            // collateral from -5% to +60% of the entry notional, in cents
            BigDecimal collateral = entry.multiply(size).multiply(BigDecimal.valueOf(c.below(6_500) - 500))
                    .movePointLeft(4).setScale(2, RoundingMode.HALF_UP);
            Exposure exposure = c.chance(0.67) ? new Exposure(cents(c, price * 500), cents(c, price * 50),
                    c.below(1 << 20)) : null;
            return new Row(null, side, size.stripTrailingZeros().max(BigDecimal.ZERO), entry, collateral, exposure);
        };
    }

    /** A price within spreadPct percent of the given one, in cents. */
    static BigDecimal priceNear(Choices c, int price, int spreadPct) {
        long spread = price * 100L * spreadPct / 100;
        return BigDecimal.valueOf(price * 100L - spread + c.below((int) (2 * spread)), 2);
    }

    static BigDecimal cents(Choices c, int maxUnits) {
        return BigDecimal.valueOf(c.below(maxUnits) * 100L + c.below(100), 2);
    }

    /**
     * What an event will be, before the store it meets is known: which open position goes
     * bankrupt, how far the mark lies beyond its bankruptcy price, the fund and its
     * history. {@code refusal} above 0 makes an event the engine must refuse.
     */
    public record EventPlan(int who, int beyondBasisPoints, boolean anyMark, BigDecimal anyMarkShare, int fundUnits,
                            List<Integer> historyAges, List<Integer> historyUnits, int refusal) {
        /** The event on the store as it is now, or null when no position is open. */
        public Event resolve(PositionStore store, Market market) {
            List<String> open = new ArrayList<>();
            for (int r = 0; r < store.rows(); r++) {
                if (store.sizeFixed(r) > 0) open.add(store.account(r));
            }
            if (open.isEmpty()) return null;
            String bankrupt = open.get(who % open.size());
            int b = store.rowOf(bankrupt);
            BigDecimal bp = store.entryPrice(b).subtract(BigDecimal.valueOf(store.side(b))
                    .multiply(Decimals.div(store.collateral(b), store.size(b))));
            // mostly a real bankruptcy: the mark beyond the bankruptcy price, so there is a shortfall
            BigDecimal mark = bp.subtract(BigDecimal.valueOf(store.side(b)).multiply(bp.abs())
                    .multiply(BigDecimal.valueOf(beyondBasisPoints)).movePointLeft(4)).setScale(2, RoundingMode.DOWN);
            if (anyMark || mark.signum() <= 0) {
                mark = BigDecimal.valueOf(market.price()).multiply(anyMarkShare).setScale(2, RoundingMode.HALF_UP);
            }
            // the fund is counted in units of a hundredth of one lot's notional, so it meets the losses of
            // small and large positions alike
            BigDecimal unit = BigDecimal.valueOf(market.price()).multiply(market.lot()).movePointLeft(2);
            List<Event.FundPoint> history = new ArrayList<>();
            for (int i = 0; i < historyAges.size(); i++) {
                history.add(new Event.FundPoint(NOW.minusSeconds(historyAges.get(i)),
                        unit.multiply(BigDecimal.valueOf(historyUnits.get(i)))));
            }
            return new Event(MARKET, mark, market.lot(), unit.multiply(BigDecimal.valueOf(fundUnits)), NOW, history,
                    bankrupt);
        }

        /** An event the engine must refuse, against an account of the store. */
        public Event refused(PositionStore store, Market market) {
            String someone = store.account(who % store.rows());
            BigDecimal fund = BigDecimal.valueOf(1000);
            return switch (refusal) {
                case 1 -> new Event(MARKET, BigDecimal.valueOf(100), market.lot(), fund, NOW, List.of(), "nobody");
                case 2 -> new Event(MARKET, BigDecimal.ZERO, market.lot(), fund, NOW, List.of(), someone);
                case 3 -> new Event(MARKET, BigDecimal.valueOf(100), BigDecimal.ZERO, fund, NOW, List.of(), someone);
                default -> new Event(MARKET, BigDecimal.valueOf(100), new BigDecimal("0.000000001"), fund, NOW,
                        List.of(), someone);
            };
        }
    }

    /** Event plans; about one in eight is an event to refuse. */
    public static Gen<EventPlan> events() {
        return c -> {
            int who = c.below(1 << 16);
            int beyond = c.below(3_000);
            boolean anyMark = c.chance(0.1);
            BigDecimal share = BigDecimal.valueOf(40 + c.below(121)).movePointLeft(2);
            int fund = c.chance(0.67) ? c.below(4_000) : 0;
            List<Integer> ages = new ArrayList<>();
            List<Integer> units = new ArrayList<>();
            int points = c.below(4);
            for (int i = 0; i < points; i++) {
                ages.add(c.below(7_200));
                units.add(c.below(20_000));
            }
            int refusal = c.chance(1.0 / 8) ? 1 + c.below(4) : 0;
            return new EventPlan(who, beyond, anyMark, share, fund, ages, units, refusal);
        };
    }
}
