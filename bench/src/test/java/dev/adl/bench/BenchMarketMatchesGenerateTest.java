package dev.adl.bench;

import dev.adl.io.SyntheticMarket;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.PositionsCsv;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks build their market in memory; BENCHMARKS.md says it is the market
 * `adl generate` writes. This keeps the two from drifting apart.
 */
class BenchMarketMatchesGenerateTest {

    @Test
    void sameSeedGivesTheSamePositionsAndExposures() throws Exception {
        int n = 3_000;
        BenchMarket bench = BenchMarket.generate(n, 1);
        StringWriter pos = new StringWriter();
        StringWriter exp = new StringWriter();
        new SyntheticMarket(BenchMarket.MARKET, n, 1, BenchMarket.NOW).write(pos, exp);
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
}
