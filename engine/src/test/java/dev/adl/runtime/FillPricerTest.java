package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fill pricing against its definition in BigDecimal: PnL {@code side * size * (bp - entry)}
 * and collateral plus PnL, equal in value and in scale (so printed the same), at prices and
 * sizes up to 10,000,000 with 8 places.
 */
class FillPricerTest {
    private static final long UNIT = Decimals.ONE_UNSCALED;
    private static final long LIMIT = 10_000_000L * UNIT;

    /** One store row to price a fill on. */
    private record Row(long size, long entry, BigDecimal collateral) {
    }

    @Test
    void pricesAndSizesAtTheLimits() {
        BigDecimal top = new BigDecimal("10000000");
        List<Row> rows = List.of(
                new Row(LIMIT, 1, new BigDecimal("0")),
                new Row(LIMIT, LIMIT, new BigDecimal("1")),
                new Row(LIMIT, LIMIT - 1, new BigDecimal("92233720368.54775807")),
                new Row(LIMIT - 1, 1, new BigDecimal("-92233720368.54775808")),
                new Row(1, LIMIT, new BigDecimal("0.00000001")),
                new Row(1, 1, new BigDecimal("5")),
                new Row(LIMIT, 12_345_678_912_345L, new BigDecimal("1000000.5")));
        for (int side : new int[]{1, -1}) {
            for (BigDecimal bp : List.of(top, new BigDecimal("0.00000001"), new BigDecimal("9999999.99999999"),
                    new BigDecimal("50000.12345678"))) {
                checkFills(side, bp, rows);
            }
        }
        // 10^7 * (10^7 - 10^-8) at scale 16 is about 10^30: the fast path's 128-bit case
        Priced p = price(-1, new BigDecimal("10000000"), new Row(LIMIT, 1, BigDecimal.ZERO));
        assertThat(p.pnl.toPlainString()).isEqualTo("-99999999999999.9");
        assertThat(p.fixed).isFalse();
        assertThat(p.exact.toPlainString()).isEqualTo("-99999999999999.9000000000000000");
    }

    @Test
    void collateralFinerThanEightPlaces() {
        List<Row> rows = List.of(
                new Row(1_000_000L, 5_000_000_000_000L, new BigDecimal("123.4567890123456789")),
                new Row(LIMIT, 1, new BigDecimal("-0.0000000000000001")),
                new Row(LIMIT, LIMIT, new BigDecimal("1E+30")),
                new Row(3, 7, new BigDecimal("0.000000005")));
        for (int side : new int[]{1, -1}) {
            checkFills(side, new BigDecimal("50000.00000001"), rows);
            checkFills(side, new BigDecimal("10000000"), rows);
        }
        Priced p = price(1, new BigDecimal("50000.00000001"), rows.get(0));
        // 0.01 * (50000.00000001 - 50000) = 1E-10, kept exact on top of the finer collateral
        assertThat(p.pnl.toPlainString()).isEqualTo("0.0000000001");
        assertThat(p.exact).isEqualTo(new BigDecimal("123.4567890124456789"));
    }

    @Test
    void wholeResultsStayFixedPoint() {
        // 2 * (50000.5 - 50000) = 1: whole at 8 places, so the store keeps a long
        Priced p = price(1, new BigDecimal("50000.5"), new Row(2 * UNIT, 50_000 * UNIT, new BigDecimal("10")));
        assertThat(p.fixed).isTrue();
        assertThat(p.fixedValue).isEqualTo(11 * UNIT);
        // 0.001 * (50000.12345678 - 50000): 11 places, past fixed point
        Priced fine = price(1, new BigDecimal("50000.12345678"), new Row(100_000, 50_000 * UNIT, new BigDecimal("10")));
        assertThat(fine.fixed).isFalse();
        assertThat(fine.exact.toPlainString()).isEqualTo("10.0001234567800000");
    }

    @Test
    void randomInputsAcrossMagnitudesMatchBigDecimal() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int event = 0; event < 200; event++) {
            int side = random.nextBoolean() ? 1 : -1;
            BigDecimal bp = Decimals.fromFixed(price(random));
            if (random.nextInt(10) == 0) {
                bp = bp.negate(); // a bankruptcy price below zero (collateral above the notional)
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                // a quarter of the entries within a unit or two of the bankruptcy price
                long entry = random.nextInt(4) == 0
                        ? Math.max(1, bp.abs().movePointRight(8).longValueExact() + 1 - random.nextInt(3)) : price(random);
                rows.add(new Row(logUniform(random, 1, LIMIT), entry, collateral(random)));
            }
            checkFills(side, bp, rows);
        }
    }

    /** A price from 0.00000001 to 10,000,000, log-uniform, rounded to 0..8 places. */
    private static long price(SplittableRandom random) {
        long v = logUniform(random, 1, LIMIT);
        long keep = pow10(random.nextInt(9));
        long rounded = v / keep * keep;
        return rounded == 0 ? v : rounded;
    }

    /** Fixed-point collateral anywhere in range, or exact collateral finer than 8 places or past a long. */
    private static BigDecimal collateral(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> BigDecimal.valueOf(logUniform(random, 1, Long.MAX_VALUE) * (random.nextBoolean() ? 1 : -1), 8);
            case 1 -> BigDecimal.valueOf(logUniform(random, 1, Long.MAX_VALUE), 8 + 1 + random.nextInt(10));
            case 2 -> new BigDecimal(java.math.BigInteger.valueOf(logUniform(random, 1, Long.MAX_VALUE))
                    .multiply(java.math.BigInteger.valueOf(logUniform(random, 1, Long.MAX_VALUE))), 8);
            default -> BigDecimal.valueOf(logUniform(random, 1, 1_000_000 * UNIT), 8);
        };
    }

    static long logUniform(SplittableRandom random, long min, long max) {
        double v = Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)));
        return Math.max(min, Math.min(max, (long) v));
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) p *= 10;
        return p;
    }

    /** What one fill wrote: the PnL and either the fixed-point or the exact new collateral. */
    private record Priced(BigDecimal pnl, boolean fixed, long fixedValue, BigDecimal exact) {
    }

    private static Priced price(int side, BigDecimal bp, Row row) {
        PositionStore store = store(List.of(row));
        long[] fixedOut = new long[1];
        BigDecimal[] exactOut = new BigDecimal[1];
        BigDecimal pnl = new FillPricer(side, bp).fill(store, 0, row.size, fixedOut, exactOut, 0);
        return new Priced(pnl, exactOut[0] == null, fixedOut[0], exactOut[0]);
    }

    /** Prices a fill of each row's whole size and checks it against the BigDecimal definition. */
    private static void checkFills(int side, BigDecimal bp, List<Row> rows) {
        PositionStore store = store(rows);
        FillPricer pricer = new FillPricer(side, bp);
        long[] fixedOut = new long[rows.size()];
        BigDecimal[] exactOut = new BigDecimal[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            BigDecimal pnl = pricer.fill(store, i, row.size, fixedOut, exactOut, i);

            BigDecimal expectedPnl = BigDecimal.valueOf(side).multiply(Decimals.fromFixed(row.size))
                    .multiply(bp.subtract(Decimals.fromFixed(row.entry)));
            BigDecimal expectedCollateral = row.collateral.add(expectedPnl);
            String what = "side " + side + ", bp " + bp + ", " + row;
            assertThat(pnl).as(what).isEqualTo(Decimals.normalize(expectedPnl));
            assertThat(pnl.toPlainString()).as(what).isEqualTo(Decimals.normalize(expectedPnl).toPlainString());
            if (exactOut[i] == null) {
                assertThat(Decimals.fitsFixed(expectedCollateral)).as(what).isTrue();
                assertThat(fixedOut[i]).as(what).isEqualTo(Decimals.toFixed(expectedCollateral));
            } else {
                // equal in value and scale: what the BigDecimal computation gave, digit for digit
                assertThat(exactOut[i]).as(what).isEqualTo(expectedCollateral);
                boolean fixedCollateral = Decimals.fitsFixed(row.collateral);
                if (fixedCollateral) {
                    assertThat(Decimals.fitsFixed(expectedCollateral)).as(what).isFalse();
                }
            }
        }
    }

    private static PositionStore store(List<Row> rows) {
        PositionStore.Builder b = PositionStore.builder("M", new AccountDictionary());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            b.add("a" + i, 1, r.size, r.entry, r.collateral, i + 2);
        }
        return b.build();
    }
}
