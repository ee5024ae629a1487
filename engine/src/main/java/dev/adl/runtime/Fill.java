package dev.adl.runtime;

import java.math.BigDecimal;

/** One counterparty closed (in part) by deleveraging; rank is its place in the order of all eligible candidates. */
public record Fill(String account, String side, BigDecimal size, BigDecimal price, BigDecimal realizedPnl,
                   String tier, long rank) {
}
