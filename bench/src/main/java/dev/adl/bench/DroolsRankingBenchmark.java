package dev.adl.bench;

import dev.adl.runtime.PositionStore;
import dev.adl.runtime.Ranking;
import dev.adl.runtime.ScoreOrder;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The same ranking and selection as {@link RankingBenchmark}, designed the way a Drools
 * user would first write it: one fact per position of the market (both sides), inserted
 * into a session, with a rule per {@code rank by} branch that scores the positions of the
 * side to deleverage; the first K are then selected in Java over the scored facts. Measured at 1M positions only: 10M facts need several gigabytes of heap and
 * about ten times as long per operation (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
public class DroolsRankingBenchmark {
    static final String DRL = """
            package dev.adl.bench.drools;
            import dev.adl.bench.PositionFact;

            rule "rank by pnl_pct * eff_leverage when upnl > 0"
            when
                $p : PositionFact(side == -1, size > 0, upnl > 0)
            then
                $p.setScore($p.getPnlPct() * $p.getEffLeverage());
            end

            rule "rank by pnl_pct / eff_leverage"
            when
                $p : PositionFact(side == -1, size > 0, upnl <= 0)
            then
                $p.setScore($p.getPnlPct() / $p.getEffLeverage());
            end
            """;

    @Param({"1000000"})
    public int positions;

    BenchMarket m;
    KieBase kieBase;
    PositionFact[] facts;

    @Setup
    public void setUp() {
        m = BenchMarket.generate(positions, 1);
        KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
        kb.add(ResourceFactory.newByteArrayResource(DRL.getBytes(StandardCharsets.UTF_8)).setSourcePath("rank.drl"),
                ResourceType.DRL);
        if (kb.hasErrors()) {
            throw new IllegalStateException(kb.getErrors().toString());
        }
        kieBase = kb.newKieBase();
        facts = facts(m);
        int[] expected = RankingBenchmark.handWritten(m, RankingBenchmark.K, x -> { });
        if (!Arrays.equals(droolsFacts(), expected)) {
            throw new IllegalStateException("the rules select other positions than the engine");
        }
    }

    /** One fact per position with size > 0 except the bankrupt one, both sides. */
    static PositionFact[] facts(BenchMarket m) {
        PositionStore s = m.store;
        PositionFact[] out = new PositionFact[s.rows()];
        int n = 0;
        for (int r = 0; r < s.rows(); r++) {
            if (s.sizeFixed(r) > 0 && r != m.bankruptRow) {
                out[n++] = new PositionFact(r, s.side(r), s.orderKey(r), s.sizeFixed(r) / 1e8,
                        s.entryPriceFixed(r) / 1e8, s.collateralDouble(r), m.extNotional[r], m.extCollateral[r],
                        BenchMarket.MARK);
            }
        }
        return Arrays.copyOf(out, n);
    }

    @Benchmark
    public int[] droolsFacts() {
        KieSession session = kieBase.newKieSession();
        try {
            for (PositionFact f : facts) {
                session.insert(f);
            }
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        int n = facts.length;
        double[] score = new double[n];
        int[] key = new int[n];
        int[] side = new int[n];
        int sideCount = 0;
        for (int i = 0; i < n; i++) {
            double v = facts[i].getScore();
            score[i] = v != v ? Double.NEGATIVE_INFINITY : v + 0.0;
            key[i] = facts[i].getOrderKey();
            if (facts[i].getSide() == -1) {
                side[sideCount++] = i;
            }
        }
        int[] top = Ranking.top(Arrays.copyOf(side, sideCount), RankingBenchmark.K, new ScoreOrder(score, key));
        for (int i = 0; i < top.length; i++) {
            top[i] = facts[top[i]].getRow();
        }
        return top;
    }
}
