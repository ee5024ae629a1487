package dev.adl.lab;

import dev.adl.io.SyntheticMarket;
import dev.adl.runtime.InputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whole runs: many correlated paths, two policies, on a small synthetic venue. */
class StressRunTest {
    static final String SCENARIO = """
            {"steps": 6, "step": "1m", "start": "2026-01-01T00:00:00Z",
             "shock": {"drift": {"BTC-PERP": -0.25, "ETH-PERP": -0.3},
                       "vol": {"BTC-PERP": 0.02, "ETH-PERP": 0.03},
                       "correlation": {"BTC-PERP/ETH-PERP": 0.85}},
             "impact": {"BTC-PERP": 0.0000002, "ETH-PERP": 0.000002},
             "rehedge": 0.5}
            """;
    private static VenueSnapshot venue;
    private static List<PolicySet> policies;

    @BeforeAll
    static void venue() {
        String positions = synthetic("BTC-PERP", 1000, 1) + synthetic("ETH-PERP", 100, 2).lines().skip(1)
                .map(l -> l + "\n").reduce("", String::concat);
        venue = VenueReader.read(LabFixture.source(Map.of(
                "markets.csv", "market,lot_size,mark_price,maintenance_margin,policy\n"
                        + "BTC-PERP,0.001,1000,0.01,q.adl\nETH-PERP,0.001,100,0.01,q.adl\n",
                "positions.csv", positions,
                "buffers.json", "{\"layers\": {\"fund\": {\"balance\": \"20000\"}}}")));
        policies = List.of(LabFixture.everywhere(venue, LabFixture.QUEUE),
                LabFixture.everywhere(venue, LabFixture.PRO_RATA));
    }

    static String synthetic(String market, long mark, long seed) {
        StringWriter pos = new StringWriter();
        try {
            new SyntheticMarket(market, 300, seed, Instant.parse("2026-01-01T00:00:00Z"), mark)
                    .write(pos, new StringWriter());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pos.toString();
    }

    private static String json(long seed, int paths, int threads) {
        StressScenario s = LabFixture.returns(SCENARIO, venue);
        return LabJson.stress(StressRun.run(venue, policies, s, paths, seed, threads, true, StressRun.Progress.NONE));
    }

    @Test
    void theSameSeedGivesByteIdenticalJsonWhateverTheThreads() {
        String one = json(7, 5, 1);
        assertThat(json(7, 5, 3)).isEqualTo(one);
        assertThat(json(7, 5, 1)).isEqualTo(one);
        assertThat(json(8, 5, 2)).isNotEqualTo(one);
    }

    @Test
    void everyPathHasBankruptciesPaymentsAndBothPoliciesSideBySide() {
        StressScenario s = LabFixture.returns(SCENARIO, venue);
        StressRun.Outcome o = StressRun.run(venue, policies, s, 4, 7, 2, false, StressRun.Progress.NONE);
        assertThat(o.runs()).extracting(r -> r.policy().name()).containsExactly("queue", "pro-rata");
        for (StressRun.PolicyRun run : o.runs()) {
            assertThat(run.results()).extracting(PathResult::path).containsExactly(1, 2, 3, 4);
            for (PathResult r : run.results()) {
                // the identities were checked when the metrics were made; here: the crash did happen
                assertThat(r.metrics().bankruptcies()).isPositive();
                assertThat(r.metrics().shortfall()).isPositive();
                assertThat(r.marks().get("ETH-PERP")).hasSize(7);
                // the accounts were dropped, their distribution kept
                assertThat(r.haircuts()).isEmpty();
                assertThat(r.bins().total()).isEqualTo(r.metrics().accountsHit());
            }
            assertThat(run.percentiles()).containsOnlyKeys("p50", "p95", "p99");
            // p99 of 4 paths is the largest of them (nearest rank 4)
            long most = run.results().stream().mapToLong(r -> r.metrics().bankruptcies()).max().orElseThrow();
            assertThat(run.percentiles().get("p99").get("bankruptcies")).isEqualTo(most);
        }
        // the same returns on each path, whatever the policy
        assertThat(o.runs().get(0).results().get(2).marksWithoutFeedback())
                .isEqualTo(o.runs().get(1).results().get(2).marksWithoutFeedback());
    }

    @Test
    void aStopEndsTheRunAtTheNextPathOrStep() {
        StressScenario s = LabFixture.returns(SCENARIO, venue);
        java.util.concurrent.atomic.AtomicInteger reported = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        // one thread: paths run in order; the stop is set once two are done, so the third never starts
        assertThatThrownBy(() -> StressRun.run(venue, policies, s, 5, 7, 1, false, (done, total) -> {
            reported.set(done);
            if (done == 2) stop.set(true);
        }, stop::get)).isInstanceOf(Stopped.class);
        assertThat(reported.get()).isEqualTo(2);
        // within a path: asked once before the path, then before each of its 6 steps; true on the
        // 4th question stops it before step 3
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        assertThatThrownBy(() -> StressRun.run(venue, policies, s, 1, 7, 1, false, StressRun.Progress.NONE,
                () -> asked.incrementAndGet() >= 4)).isInstanceOf(Stopped.class);
        assertThat(asked.get()).isEqualTo(4);
    }

    @Test
    void correlatedDrawsHaveTheirDriftAndCorrelation() {
        // many one-step paths: the sample mean return is the drift, the sample correlation 0.85
        StressScenario s = ScenarioJson.read("s.json", """
                {"steps": 1, "shock": {"drift": {"A": -0.1, "B": 0.05}, "vol": {"A": 0.02, "B": 0.04},
                 "correlation": {"B/A": 0.85}}}""", List.of("A", "B"));
        ReturnPaths paths = new ReturnPaths(s, List.of("A", "B"));
        int n = 20_000;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int p = 1; p <= n; p++) {
            var r = paths.path(3, p);
            a[p - 1] = r[0][0].doubleValue();
            b[p - 1] = r[1][0].doubleValue();
        }
        assertThat(mean(a)).isCloseTo(-0.1, org.assertj.core.data.Offset.offset(0.001));
        assertThat(mean(b)).isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.002));
        assertThat(correlation(a, b)).isCloseTo(0.85, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aPerStepMeanCompoundsToTheDrift() {
        StressScenario s = ScenarioJson.read("s.json", "{\"steps\": 4, \"shock\": {\"drift\": {\"A\": -0.19}}}",
                List.of("A"));
        double mu = new ReturnPaths(s, List.of("A")).stepMeans()[0];
        assertThat(Math.pow(1 + mu, 4)).isCloseTo(0.81, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void correlationsThatCannotBeAMatrixAreRefused() {
        assertThatThrownBy(() -> new ReturnPaths(ScenarioJson.read("s.json", """
                {"steps": 1, "shock": {"correlation": {"A/B": 0.9, "B/C": 0.9, "A/C": -0.9}}}""",
                List.of("A", "B", "C")), List.of("A", "B", "C")))
                .isInstanceOf(InputException.class).hasMessageContaining("not positive semi-definite");
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    private static double correlation(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
