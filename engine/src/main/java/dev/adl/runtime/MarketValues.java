package dev.adl.runtime;

import dev.adl.ast.Builtins.MarketVar;

import dev.adl.compile.LayerKey;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The market-level values a policy's per-position formulas may read during one event, as
 * doubles (formulas produce ranking scores only).
 *
 * @param mark      the mark price
 * @param market    every {@link MarketVar} the event defines
 * @param drawdowns {@code drawdown(window)} by window in seconds, for the windows the policy declares
 * @param layers    version 2: the layer balances and drawdowns the policy reads
 * @param venue     version 2: the venue's account sums for {@code account_*}; null: the event's market alone
 * @param exactMark the mark price exactly (the account sums revalue the event's market with it)
 */
public record MarketValues(double mark, Map<MarketVar, Double> market, Map<Long, Double> drawdowns,
                           Map<LayerKey, Double> layers, VenueAccounts venue, BigDecimal exactMark) {
    public MarketValues {
        market = Map.copyOf(market);
        drawdowns = Map.copyOf(drawdowns);
        layers = Map.copyOf(layers);
    }

    /** Values for a version 1 policy, which reads no layer and no account sums. */
    public MarketValues(double mark, Map<MarketVar, Double> market, Map<Long, Double> drawdowns) {
        this(mark, market, drawdowns, Map.of(), null, null);
    }
}
