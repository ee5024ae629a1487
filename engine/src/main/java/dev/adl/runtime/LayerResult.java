package dev.adl.runtime;

import java.math.BigDecimal;

/** One layer of the waterfall in an event's result, as the {@code adl run} JSON reports it. */
public record LayerResult(String name, String kind, BigDecimal balanceBefore, BigDecimal available,
                          BigDecimal absorbedSize, BigDecimal paid, BigDecimal balanceAfter) {
}
