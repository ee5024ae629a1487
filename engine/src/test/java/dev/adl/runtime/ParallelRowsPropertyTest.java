package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Evaluation;
import dev.adl.compile.Parallel;
import dev.adl.prop.Gen;
import dev.adl.prop.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.adl.runtime.TestSupport.compile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passes split across threads (evaluation, top-k selection, fill ranks) give exactly the
 * serial result: every score bit, the same order, the same event. Markets are random and
 * then repeated many times over under new names, so ranges are long, scores tie across
 * range cuts and only the account order separates them.
 */
class ParallelRowsPropertyTest {
    private static final Map<String, String> POLICIES = Map.of(
            "tiered", """
                    policy "tiered" version 1
                    let lev = leverage
                    eligible when size > 0
                    rank by pnl_pct * lev when upnl > 0
                    rank by -margin_ratio
                    reduce {
                      tier "hot" when lev >= 5 : pro_rata 100% by equity
                      tier "profit" when upnl > 0 : queue
                      tier "rest" : pro_rata 50%
                    }
                    """,
            "exposed", """
                    policy "exposed" version 1
                    inputs {
                      exposure "venue-b" stale_after 600s
                    }
                    let eff = (notional + exposure("venue-b").notional) / (equity + exposure("venue-b").collateral)
                    eligible when upnl > 0 or eff > 3
                    rank by pnl_pct * eff when upnl > 0
                    rank by pnl_pct / eff
                    reduce {
                      tier "levered" when eff >= 8 : pro_rata 50% by exposure("venue-b").notional + notional
                      tier "rest" : queue
                    }
                    """,
            "queue", """
                    policy "queue" version 1
                    rank by upnl
                    reduce {
                      tier "queue" : queue
                    }
                    """,
            "haircut", """
                    policy "haircut" version 2
                    eligible when collateral > 0
                    rank by upnl
                    reduce {
                      tier "haircut" when upnl > 0 : haircut cap 15% of upnl
                      tier "rest" : queue
                    }
                    """);

    /** A random market repeated under new account names, an event on it, and the threads to force. */
    record Case(MarketGen.Market market, MarketGen.EventPlan event, int threads) {
        @Override
        public String toString() {
            return market.rows().size() + " rows, " + threads + " threads, event " + event + "\n" + market;
        }
    }

    private static final Gen<Case> CASES = c -> {
        MarketGen.Market small = MarketGen.markets(40).next(c);
        int copies = Gen.between(1, 120).next(c);
        List<MarketGen.Row> rows = new ArrayList<>();
        for (int k = 0; k < copies; k++) {
            for (MarketGen.Row r : small.rows()) {
                rows.add(new MarketGen.Row(r.account() + "x" + k, r.side(), r.size(), r.entryPrice(),
                        r.collateral(), r.exposure()));
            }
        }
        MarketGen.EventPlan plan = MarketGen.events().next(c);
        return new Case(new MarketGen.Market(small.lot(), small.price(), rows), plan, Gen.between(2, 5).next(c));
    };

    @AfterEach
    void unforce() {
        System.clearProperty(Parallel.THREADS_PROPERTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiered", "exposed", "queue", "haircut"})
    void splitPassesGiveTheSerialEvent(String name) {
        CompiledPolicy policy = compile(POLICIES.get(name));
        int[] events = new int[2]; // events compared, with fills
        Property.check("threads give the serial result under " + name, 40, CASES, k -> {
            PositionStore store = k.market().store();
            ExposureFeed feed = k.market().feed(List.of("venue-b"), 0, 50);
            Event event = k.event().refusal() > 0 ? null : k.event().resolve(store, k.market());
            if (event == null) {
                return;
            }
            EventResult serial = withThreads(1, () -> dryRunOrRefusal(policy, store, feed, event));
            EventResult split = withThreads(k.threads(), () -> dryRunOrRefusal(policy, store, feed, event));
            assertThat(split == null).isEqualTo(serial == null);
            if (serial != null) {
                assertThat(split.withoutTiming()).isEqualTo(serial.withoutTiming());
                events[0]++;
                events[1] += serial.fills().isEmpty() ? 0 : 1;
            }

            int side = store.side(store.rowOf(event.bankruptAccount()));
            SideRanking one = withThreads(1, () -> ranking(policy, store, feed, -side));
            SideRanking many = withThreads(k.threads(), () -> ranking(policy, store, feed, -side));
            Evaluation a = one.evaluation();
            Evaluation b = many.evaluation();
            assertThat(bits(b.score())).isEqualTo(bits(a.score()));
            assertThat(b.eligible()).isEqualTo(a.eligible());
            assertThat(b.rankBranch()).isEqualTo(a.rankBranch());
            assertThat(b.tier()).isEqualTo(a.tier());
            for (int t = 0; t < a.weights().length; t++) {
                assertThat(a.weights()[t] == null ? null : bits(b.weights()[t]))
                        .isEqualTo(a.weights()[t] == null ? null : bits(a.weights()[t]));
            }
            for (int top : new int[]{1, 7, 100, one.eligible().length}) {
                int[] expected = one.top(top);
                assertThat(withThreads(k.threads(), () -> many.top(top))).isEqualTo(expected);
            }
        });
        // enough events reach the tiers for the comparison to mean something
        assertThat(events[0]).as("events compared").isGreaterThan(15);
        assertThat(events[1]).as("events with fills").isGreaterThan(5);
    }

    /** Fill ranks over many picks and ties: the split count equals a brute-force count. */
    @Test
    void splitRankCountsMatchBruteForce() {
        Property.check("split rank counts", 60, c -> {
            int n = Gen.between(1, 6_000).next(c);
            double[] score = new double[n];
            int[] key = new int[n];
            for (int i = 0; i < n; i++) {
                // few distinct scores, both signs: ties everywhere, broken by key
                score[i] = (c.below(41) - 20) * (c.chance(0.5) ? 1.0 : 0.001);
                key[i] = c.below(n);
            }
            int threads = Gen.between(2, 5).next(c);
            int picks = Gen.between(1, n).next(c);
            return new Object[]{score, key, threads, picks};
        }, k -> {
            double[] score = (double[]) k[0];
            int[] key = (int[]) k[1];
            ScoreOrder order = new ScoreOrder(score, key);
            int n = score.length;
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            int[] picked = withThreads(1, () -> Ranking.top(all, (Integer) k[3], order));
            long[] split = withThreads((Integer) k[2], () -> Ranking.countBefore(all, picked, order));
            for (int j = 0; j < picked.length; j++) {
                long before = 0;
                for (int i = 0; i < n; i++) {
                    before += order.compare(i, picked[j]) < 0 ? 1 : 0;
                }
                assertThat(split[j]).as("pick " + j).isEqualTo(before);
            }
        });
    }

    private static SideRanking ranking(CompiledPolicy policy, PositionStore store, ExposureFeed feed, int side) {
        MarketValues values = new MarketValues(1000.0, Map.of(), Map.of());
        return SideRanking.candidates(policy, store, feed, side, -1, values).evaluate();
    }

    private static EventResult dryRunOrRefusal(CompiledPolicy policy, PositionStore store, ExposureFeed feed,
                                               Event event) {
        try {
            return AdlEngine.dryRun(policy, store, feed, event);
        } catch (EventRefusedException refused) {
            return null;
        }
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static <T> T withThreads(int threads, java.util.function.Supplier<T> run) {
        System.setProperty(Parallel.THREADS_PROPERTY, Integer.toString(threads));
        try {
            return run.get();
        } finally {
            System.clearProperty(Parallel.THREADS_PROPERTY);
        }
    }
}
