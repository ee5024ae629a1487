package dev.adl.lab;

import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.PositionStore;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A venue's state at the start of every run: its markets in markets.csv order, one store
 * per market, the accounts' cross balances, the exposures and the buffers. Never changed:
 * each path works on its own {@link #copyStores() copies}.
 */
public record VenueSnapshot(List<MarketSpec> markets, Map<String, PositionStore> stores, Map<String, BigDecimal> balances,
                    ExposureFeed exposures, PathLayers buffers) {
    public VenueSnapshot {
        markets = List.copyOf(markets);
        stores = Map.copyOf(stores);
        balances = Map.copyOf(balances);
    }

    public MarketSpec market(String name) {
        for (MarketSpec m : markets) {
            if (m.market().equals(name)) return m;
        }
        return null;
    }

    /** A fresh copy of every store, in market order: primitive array copies, no object per position. */
    public Map<String, PositionStore> copyStores() {
        Map<String, PositionStore> out = new LinkedHashMap<>();
        for (MarketSpec m : markets) {
            out.put(m.market(), stores.get(m.market()).copy());
        }
        return out;
    }

    /** Positions over every market. */
    public long positions() {
        long n = 0;
        for (PositionStore s : stores.values()) n += s.rows();
        return n;
    }
}
