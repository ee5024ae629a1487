package dev.adl.runtime;

import dev.adl.ast.Policy;
import dev.adl.compile.ColumnInput;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Decision;
import dev.adl.compile.Evaluation;
import dev.adl.compile.MarketFacts;
import dev.adl.compile.TierInfo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/** A hand-written policy for exercising the engine without the compiler. */
final class FakePolicy implements CompiledPolicy {
    private final String market;
    private final List<TierInfo> tiers;
    private final Function<MarketFacts, Decision> decide;
    private final Function<ColumnInput, Evaluation> evaluate;
    private final Set<Long> windows;
    private final Map<String, Long> sources;

    FakePolicy(String market, List<TierInfo> tiers, Function<MarketFacts, Decision> decide,
               Function<ColumnInput, Evaluation> evaluate, Set<Long> windows, Map<String, Long> sources) {
        this.market = market;
        this.tiers = tiers;
        this.decide = decide;
        this.evaluate = evaluate;
        this.windows = windows;
        this.sources = sources;
    }

    /** One queue tier holding everyone, all eligible, ranked by the given score column. */
    static FakePolicy queue(String market, Function<ColumnInput, double[]> score, Function<MarketFacts, Decision> decide) {
        return new FakePolicy(market, List.of(new TierInfo(0, "all", 1, TierInfo.Method.QUEUE, null, false)), decide,
                in -> everyoneInTier0(score.apply(in), null), Set.of(), Map.of());
    }

    static Evaluation everyoneInTier0(double[] score, double[] weights) {
        int n = score.length;
        boolean[] eligible = new boolean[n];
        Arrays.fill(eligible, true);
        return new Evaluation(eligible, score, new int[n], new int[n], new double[][]{weights});
    }

    static Decision defaults(MarketFacts facts) {
        return new Decision();
    }

    @Override public Policy ast() { return null; }
    @Override public String name() { return "fake"; }
    @Override public long version() { return 1; }
    @Override public String source() { return ""; }
    @Override public String sha256() { return ""; }
    @Override public String drl() { return ""; }
    @Override public boolean appliesTo(String m) { return market.equals(m); }
    @Override public Set<Long> drawdownWindows() { return windows; }
    @Override public Map<String, Long> exposureSources() { return sources; }
    @Override public List<TierInfo> tiers() { return tiers; }
    @Override public OptionalInt notifyQuintile() { return OptionalInt.empty(); }
    @Override public List<String> markets() { return List.of(market); }
    @Override public List<Integer> rankLines() { return List.of(1); }
    @Override public int eligibleLine() { return 0; }
    @Override public List<String> letNames() { return List.of(); }
    @Override public List<Integer> letLines() { return List.of(); }
    @Override public List<String> ruleNames() { return List.of(); }
    @Override public Decision decide(MarketFacts facts) { return decide.apply(facts); }
    @Override public Evaluation evaluate(ColumnInput input) { return evaluate.apply(input); }
}
