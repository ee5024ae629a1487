package dev.adl.runtime;

import java.math.BigDecimal;

/**
 * One counterparty closed (in part) by deleveraging; rank is its place in the order of all eligible
 * candidates. {@code fee} is version 2's ADL fee on the fill (null for version 1 policies);
 * {@code haircut} is what a haircut tier took from its collateral (the fill's size is then 0; null
 * for a fill that closes).
 */
public record Fill(String account, String side, BigDecimal size, BigDecimal price, BigDecimal realizedPnl,
                   String tier, long rank, BigDecimal fee, BigDecimal haircut) {

    /** A fill that closes: no haircut. */
    public Fill(String account, String side, BigDecimal size, BigDecimal price, BigDecimal realizedPnl, String tier,
                long rank, BigDecimal fee) {
        this(account, side, size, price, realizedPnl, tier, rank, fee, null);
    }

    /** A fill of a version 1 policy, which charges no fee and reports none. */
    public Fill(String account, String side, BigDecimal size, BigDecimal price, BigDecimal realizedPnl, String tier,
                long rank) {
        this(account, side, size, price, realizedPnl, tier, rank, null, null);
    }
}
