package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.TierInfo;

import java.math.BigDecimal;
import java.util.List;

/** What version 2's tier kinds report beside the fills ({@link EventResult.TierCover}). */
final class TierCovers {
    private TierCovers() {
    }

    /** Null for a policy with neither a haircut tier nor {@code fill at mark_price}: its result stays as it was. */
    static EventResult.TierCover cover(CompiledPolicy policy, CandidateSteps.Allocation alloc, List<Fill> fills,
                                       BigDecimal u, boolean atMark) {
        boolean haircut = policy.tiers().stream().anyMatch(t -> t.method() == TierInfo.Method.HAIRCUT);
        if (!haircut && !atMark) return null;
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal closed = BigDecimal.ZERO;
        for (Fill f : fills) {
            if (f.haircut() != null) paid = paid.add(f.haircut());
            closed = closed.add(f.size());
        }
        // at mark the counterparties give up nothing: the loss of each unit closed stays with the venue
        BigDecimal loss = atMark ? u.multiply(closed) : BigDecimal.ZERO;
        return new EventResult.TierCover(Decimals.normalize(Decimals.fromFixed(alloc.haircutSize())),
                Decimals.normalize(paid), Decimals.normalize(loss), Decimals.normalize(loss));
    }

    static EventResult.TierCover withUnresolved(EventResult.TierCover c, BigDecimal unresolved) {
        return new EventResult.TierCover(c.haircutSize(), c.haircutPaid(), c.markFillLoss(),
                Decimals.normalize(unresolved));
    }
}
