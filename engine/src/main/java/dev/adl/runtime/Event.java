package dev.adl.runtime;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One bankruptcy event, as docs/language.md defines its JSON (the command line parses that). */
public record Event(String market, BigDecimal markPrice, BigDecimal lotSize, BigDecimal insuranceFund, Instant now,
                    List<FundPoint> fundHistory, String bankruptAccount) {

    /** A past balance of the insurance fund. */
    public record FundPoint(Instant at, BigDecimal balance) {
    }

    public Event {
        fundHistory = List.copyOf(fundHistory);
    }
}
