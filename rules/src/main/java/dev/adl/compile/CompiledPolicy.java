package dev.adl.compile;

import dev.adl.ast.Policy;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A policy version, compiled: its generated DRL with a built KieBase for the market-level
 * decisions, and its formula programs for the per-position work. Immutable and safe to
 * share between threads; each {@link #decide} runs in a fresh Drools session.
 */
public interface CompiledPolicy {
    Policy ast();

    String name();

    long version();

    /** The policy text it was compiled from. */
    String source();

    /** Hex SHA-256 of the source text (UTF-8). */
    String sha256();

    /** The generated DRL, byte for byte what the KieBase was built from. */
    String drl();

    /** The compiled formula programs as text, for review (`adl compile --programs`). */
    default String programListing() {
        return "";
    }

    /** Whether a market name matches one of the policy's {@code markets} globs (default "*"). */
    boolean appliesTo(String market);

    /** Every {@code drawdown(window)} window, in seconds, the policy mentions (the engine computes these). */
    Set<Long> drawdownWindows();

    /** Exposure sources the policy's formulas read, with their {@code stale_after} in seconds. */
    Map<String, Long> exposureSources();

    List<TierInfo> tiers();

    /** Whether the policy runs the loss waterfall of version 2 ({@link Policy#usesVersion2()}). */
    default boolean exchangeModel() {
        return false;
    }

    /** Version 2: the waterfall's layers in order (for a version 1 policy, empty). */
    default List<LayerInfo> layers() {
        return List.of();
    }

    /** Version 2: every layer balance and drawdown the policy reads (the engine computes these). */
    default Set<LayerKey> layerKeys() {
        return Set.of();
    }

    /** Version 2: the {@code fee} of {@code reduce}, a fraction; 0 without one. */
    default java.math.BigDecimal feeRate() {
        return java.math.BigDecimal.ZERO;
    }

    /** Version 2: whether {@code fill at mark_price} closes the fills at mark rather than at the bankruptcy price. */
    default boolean fillsAtMark() {
        return false;
    }

    /** Version 2: whether a trigger has {@code until}, so the trigger latches. */
    default boolean latches() {
        return false;
    }

    /** The {@code notify when quintile >= N} threshold N, or empty when the policy has no {@code notify}. */
    OptionalInt notifyQuintile();

    /** The {@code markets} globs as written (unescaped), or {@code ["*"]} when the policy has none. */
    List<String> markets();

    /** Source line of each {@code rank by} branch, in order; {@link Evaluation#rankBranch()} indexes this list. */
    List<Integer> rankLines();

    /** Source line of the {@code eligible} clause, or 0 when the policy has none. */
    int eligibleLine();

    /** Names of the {@code let} definitions, in order. */
    List<String> letNames();

    /** Source line of each {@code let}, parallel to {@link #letNames()}. */
    List<Integer> letLines();

    /** Names of the generated rules in firing order, as reported in {@link Decision#rulesFired()}. */
    List<String> ruleNames();

    /**
     * Runs the policy's rules over one market fact in a fresh session (disposed before
     * returning) and returns the decision, with the names of the rules that fired in order.
     */
    Decision decide(MarketFacts facts);

    /** Evaluates eligible, rank-by branches, tier membership and pro-rata weights over the rows. */
    Evaluation evaluate(ColumnInput input);
}
