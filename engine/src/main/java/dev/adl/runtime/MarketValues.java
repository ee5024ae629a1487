package dev.adl.runtime;

import dev.adl.ast.Builtins.MarketVar;

import java.util.Map;

/**
 * The market-level values a policy's per-position formulas may read during one event, as
 * doubles (formulas produce ranking scores only).
 *
 * @param mark      the mark price
 * @param market    every {@link MarketVar} the event defines
 * @param drawdowns {@code drawdown(window)} by window in seconds, for the windows the policy declares
 */
public record MarketValues(double mark, Map<MarketVar, Double> market, Map<Long, Double> drawdowns) {
    public MarketValues {
        market = Map.copyOf(market);
        drawdowns = Map.copyOf(drawdowns);
    }
}
