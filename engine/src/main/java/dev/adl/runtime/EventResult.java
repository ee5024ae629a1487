package dev.adl.runtime;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of one event. {@code layers} and {@code triggerActiveAfter} are version 2's
 * waterfall (null for a version 1 policy, whose result has neither). The components up to {@code rulesFired} are the {@code adl run}
 * JSON contract, in its order; decimals are normalised (no trailing zeros). The trace and
 * the timing are for people and benchmarks, not part of the contract.
 */
public record EventResult(
        String policy,
        long version,
        String market,
        String bankruptAccount,
        String side,
        BigDecimal size,
        BigDecimal bankruptcyPrice,
        BigDecimal shortfall,
        BigDecimal fundBefore,
        BigDecimal fundAbsorbedSize,
        BigDecimal fundPaid,
        BigDecimal fundAfter,
        BigDecimal adlSize,
        BigDecimal unresolvedSize,
        List<Fill> fills,
        List<String> rulesFired,
        List<String> trace,
        Timing timing,
        List<LayerResult> layers,
        Boolean triggerActiveAfter,
        TierCover tierCover) {

    /**
     * Version 2's tier kinds, reported only by a policy that uses them: the part of {@code adl_size} a
     * haircut tier covered without closing ({@code haircutSize}) and what its members paid for it; under
     * {@code fill at mark_price}, the loss {@code u * size} the fills at mark left, and the part of it no
     * layer paid.
     */
    public record TierCover(BigDecimal haircutSize, BigDecimal haircutPaid, BigDecimal markFillLoss,
                            BigDecimal markFillLossUnresolved) {
    }

    /** A result without version 2's tier kinds. */
    public EventResult(String policy, long version, String market, String bankruptAccount, String side, BigDecimal size,
                       BigDecimal bankruptcyPrice, BigDecimal shortfall, BigDecimal fundBefore,
                       BigDecimal fundAbsorbedSize, BigDecimal fundPaid, BigDecimal fundAfter, BigDecimal adlSize,
                       BigDecimal unresolvedSize, List<Fill> fills, List<String> rulesFired, List<String> trace,
                       Timing timing, List<LayerResult> layers, Boolean triggerActiveAfter) {
        this(policy, version, market, bankruptAccount, side, size, bankruptcyPrice, shortfall, fundBefore,
                fundAbsorbedSize, fundPaid, fundAfter, adlSize, unresolvedSize, fills, rulesFired, trace, timing,
                layers, triggerActiveAfter, null);
    }

    /** A version 1 result: no layers, no latch. */
    public EventResult(String policy, long version, String market, String bankruptAccount, String side, BigDecimal size,
                       BigDecimal bankruptcyPrice, BigDecimal shortfall, BigDecimal fundBefore,
                       BigDecimal fundAbsorbedSize, BigDecimal fundPaid, BigDecimal fundAfter, BigDecimal adlSize,
                       BigDecimal unresolvedSize, List<Fill> fills, List<String> rulesFired, List<String> trace,
                       Timing timing) {
        this(policy, version, market, bankruptAccount, side, size, bankruptcyPrice, shortfall, fundBefore,
                fundAbsorbedSize, fundPaid, fundAfter, adlSize, unresolvedSize, fills, rulesFired, trace, timing,
                null, null, null);
    }

    /** Wall-clock cost of the event; rankNanos covers scoring, ordering and ranks. */
    public record Timing(long eventNanos, long rankNanos) {
        public static final Timing NONE = new Timing(0, 0);
    }

    public EventResult {
        fills = List.copyOf(fills);
        rulesFired = List.copyOf(rulesFired);
        trace = List.copyOf(trace);
        layers = layers == null ? null : List.copyOf(layers);
    }

    /** The same result with another timing. */
    public EventResult withTiming(Timing t) {
        return new EventResult(policy, version, market, bankruptAccount, side, size, bankruptcyPrice, shortfall,
                fundBefore, fundAbsorbedSize, fundPaid, fundAfter, adlSize, unresolvedSize, fills, rulesFired, trace,
                t, layers, triggerActiveAfter, tierCover);
    }

    /** The same result with timing cleared: two runs of the same event compare equal this way. */
    public EventResult withoutTiming() {
        return withTiming(Timing.NONE);
    }
}
