package dev.adl.bench;

import dev.adl.compile.CompiledPolicy;
import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.SideRanking;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmarks compare like with like: every baseline selects what the engine selects. */
class BaselinesAgreeTest {
    private final BenchMarket m = BenchMarket.generate(20_000, 3);
    private final CompiledPolicy policy = BenchPolicies.compile("reference");

    @Test
    void theMarketIsBalancedAndReproducible() {
        assertThat(m.store.longTotal()).isEqualByComparingTo(m.store.shortTotal());
        BenchMarket again = BenchMarket.generate(20_000, 3);
        for (int r = 0; r < m.store.rows(); r += 97) {
            assertThat(again.store.position(r)).isEqualTo(m.store.position(r));
        }
    }

    @Test
    void handWrittenLoopAndDroolsFactsSelectWhatTheEngineSelects() {
        int[] engine = SideRanking.candidates(policy, m.store, m.exposures, -1, m.bankruptRow,
                EventInputs.values(m, policy)).evaluate().top(RankingBenchmark.K);
        assertThat(engine).hasSize(RankingBenchmark.K);
        assertThat(RankingBenchmark.handWritten(m, RankingBenchmark.K, x -> { })).containsExactly(engine);
        assertThat(RankingBenchmark.handWrittenFused(m, RankingBenchmark.K)).containsExactly(engine);
        DroolsRankingBenchmark drools = new DroolsRankingBenchmark();
        drools.positions = 20_000;
        drools.setUp(); // its own market, seed 1; it checks its selection against the hand-written loop
        int[] engineThere = SideRanking.candidates(policy, drools.m.store, drools.m.exposures, -1,
                drools.m.bankruptRow, EventInputs.values(drools.m, policy)).evaluate().top(RankingBenchmark.K);
        assertThat(drools.droolsFacts()).containsExactly(engineThere);
    }

    @Test
    void everyBenchmarkPolicyRunsTheEventAndFillsIt() {
        for (String name : new String[]{"queue", "prorata", "reference"}) {
            EventResult r = AdlEngine.dryRun(BenchPolicies.compile(name), m.store, m.exposures, BenchMarket.event());
            assertThat(r.fills()).as(name).isNotEmpty();
            assertThat(r.unresolvedSize().signum()).as(name).isZero();
        }
    }
}
