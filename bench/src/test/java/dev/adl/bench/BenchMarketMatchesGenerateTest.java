package dev.adl.bench;

import dev.adl.io.SyntheticMarket;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.PositionsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import java.io.StringReader;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks build their market in memory; BENCHMARKS.md says it is the market
 * `adl generate` writes. This keeps the two from drifting apart.
 */
class BenchMarketMatchesGenerateTest {

    @ParameterizedTest
    @ValueSource(longs = {1_000, 50_000})
    void sameSeedGivesTheSamePositionsAndExposures(long mark) throws Exception {
        int n = 3_000;
        BenchMarket bench = BenchMarket.generate(n, 1, mark);
        StringWriter pos = new StringWriter();
        StringWriter exp = new StringWriter();
        new SyntheticMarket(BenchMarket.MARKET, n, 1, BenchMarket.NOW, mark).write(pos, exp);
        PositionStore written = PositionsCsv.read(new StringReader(pos.toString()), "positions.csv")
                .get(BenchMarket.MARKET);
        ExposureFeed feed = ExposuresCsv.read(new StringReader(exp.toString()), "exposures.csv");

        assertThat(bench.store.rows()).isEqualTo(written.rows());
        for (int r = 0; r < written.rows(); r++) {
            String account = written.account(r);
            int b = bench.store.rowOf(account);
            assertThat(b).as(account).isNotNegative();
            assertThat(bench.store.position(b)).as(account).isEqualTo(written.position(r));
            ExposureFeed.Row w = feed.row("venue-b", account);
            ExposureFeed.Row m = bench.exposures.row("venue-b", account);
            assertThat(m == null).as("exposure row of %s", account).isEqualTo(w == null);
            if (w != null) {
                assertThat(m.notional()).isEqualByComparingTo(w.notional());
                assertThat(m.collateral()).isEqualByComparingTo(w.collateral());
                assertThat(m.asOf()).isEqualTo(w.asOf());
            }
        }
    }

    @Test
    void aHigherMarkScalesPricesAndMoneyButNotSizes() {
        BenchMarket low = BenchMarket.generate(2_000, 5);
        BenchMarket high = BenchMarket.generate(2_000, 5, 50_000);
        assertThat(high.store.rows()).isEqualTo(low.store.rows());
        for (int r = 0; r < low.store.rows(); r++) {
            assertThat(high.store.account(r)).isEqualTo(low.store.account(r));
            assertThat(high.store.size(r)).isEqualByComparingTo(low.store.size(r));
            // entries scatter the same way around their mark, to the cent
            BigDecimal lowOffset = low.store.entryPrice(r).subtract(BigDecimal.valueOf(1_000)).multiply(BigDecimal.valueOf(50));
            BigDecimal highOffset = high.store.entryPrice(r).subtract(BigDecimal.valueOf(50_000));
            assertThat(highOffset.subtract(lowOffset).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
        }
        assertThat(high.synthetic.event().markPrice()).isEqualByComparingTo("50000");
        assertThat(high.store.entryPrice(high.bankruptRow)).isEqualByComparingTo("60000");
    }
}
