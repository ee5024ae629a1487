package dev.adl.runtime;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The state of one waterfall layer before an event (EXCHANGE.md section 2): its balance, its
 * balance history (for {@code drawdown}) and what it paid before, with when (for caps).
 */
public record LayerState(BigDecimal balance, List<Event.FundPoint> history, List<Paid> paid) {
    public LayerState {
        // a lab path's histories grow by one point per event: they are shared, not copied
        history = AppendOnlyList.immutable(history);
        paid = AppendOnlyList.immutable(paid);
    }

    /** An amount a layer paid at an instant. */
    public record Paid(Instant at, BigDecimal amount) {
    }
}
