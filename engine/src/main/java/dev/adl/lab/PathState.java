package dev.adl.lab;

import dev.adl.runtime.ForcedClose;
import dev.adl.runtime.PositionStore;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run changes, owned by that run alone: a copy of every store, of the buffers and
 * the current marks; cross balances as changes over the venue's (no copy of every account).
 */
final class PathState {
    final Venue venue;
    final Map<String, PositionStore> stores;
    final LayerBook book;
    final Map<String, BigDecimal> marks = new LinkedHashMap<>();
    private final Map<String, BigDecimal> balanceChanges = new HashMap<>();

    PathState(Venue venue) {
        this.venue = venue;
        this.stores = venue.copyStores();
        this.book = venue.buffers().copy();
        for (MarketSpec m : venue.markets()) marks.put(m.market(), m.markPrice());
    }

    BigDecimal balance(String account) {
        BigDecimal changed = balanceChanges.get(account);
        return changed != null ? changed : venue.balances().getOrDefault(account, BigDecimal.ZERO);
    }

    void credit(String account, BigDecimal amount) {
        balanceChanges.put(account, balance(account).add(amount));
    }

    /** The account's cross balance plus the equity of each of its positions at its market's current mark. */
    BigDecimal accountEquity(String account) {
        BigDecimal sum = balance(account);
        for (Map.Entry<String, PositionStore> e : stores.entrySet()) {
            int row = e.getValue().rowOf(account);
            if (row >= 0) { // a closed row still holds its collateral (an ADL fill's realised PnL)
                sum = sum.add(ForcedClose.equity(e.getValue(), row, marks.get(e.getKey())));
            }
        }
        return sum;
    }
}
