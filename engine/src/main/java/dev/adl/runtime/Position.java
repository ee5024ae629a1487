package dev.adl.runtime;

import java.math.BigDecimal;

/** An exact, read-only copy of one row of a {@link PositionStore}; made on request, never stored. */
public record Position(int row, String account, String market, int side, BigDecimal size,
                       BigDecimal entryPrice, BigDecimal collateral) {

    public String sideName() {
        return side > 0 ? "long" : "short";
    }
}
