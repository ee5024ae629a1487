package dev.adl.runtime;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One bankruptcy event, as docs/language.md defines its JSON (the command line parses that);
 * {@code triggerActive} is version 2's latch input, null when the event leaves it out.
 */
public record Event(String market, BigDecimal markPrice, BigDecimal lotSize, BigDecimal insuranceFund, Instant now,
                    List<FundPoint> fundHistory, String bankruptAccount, Boolean triggerActive) {

    /** An event without {@code trigger_active}: a latching trigger is not latched (version 1's form). */
    public Event(String market, BigDecimal markPrice, BigDecimal lotSize, BigDecimal insuranceFund, Instant now,
                 List<FundPoint> fundHistory, String bankruptAccount) {
        this(market, markPrice, lotSize, insuranceFund, now, fundHistory, bankruptAccount, null);
    }

    /** Whether the event says the market's trigger latch is set (EXCHANGE.md section 1). */
    public boolean latched() {
        return Boolean.TRUE.equals(triggerActive);
    }

    /** A past balance of the insurance fund. */
    public record FundPoint(Instant at, BigDecimal balance) {
    }

    public Event {
        fundHistory = AppendOnlyList.immutable(fundHistory);
    }
}
