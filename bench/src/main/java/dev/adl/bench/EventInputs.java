package dev.adl.bench;

import dev.adl.ast.Builtins.MarketVar;
import dev.adl.compile.CompiledPolicy;
import dev.adl.runtime.MarketValues;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** The market values of {@link BenchMarket#event()} as the ranking kernel reads them. */
final class EventInputs {
    private EventInputs() {
    }

    static MarketValues values(BenchMarket m, CompiledPolicy policy) {
        Map<MarketVar, Double> market = new EnumMap<>(MarketVar.class);
        market.put(MarketVar.INSURANCE_FUND, 0.0);
        market.put(MarketVar.OPEN_INTEREST, m.store.longTotal().doubleValue() * BenchMarket.MARK);
        market.put(MarketVar.SHORTFALL, 500 * (1080.0 - BenchMarket.MARK));
        market.put(MarketVar.BANKRUPTCY_PRICE, 1080.0);
        market.put(MarketVar.MARK_PRICE, BenchMarket.MARK);
        Map<Long, Double> drawdowns = new HashMap<>();
        for (long w : policy.drawdownWindows()) {
            drawdowns.put(w, 1.0); // the fund fell from 1.2M to 0 inside every window the policies use
        }
        return new MarketValues(BenchMarket.MARK, market, drawdowns);
    }
}
