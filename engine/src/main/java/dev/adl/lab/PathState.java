package dev.adl.lab;

import dev.adl.compile.CompiledPolicy;
import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.ForcedClose;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.VenueAccounts;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run changes, owned by that run alone: a copy of every store, of the layers and
 * the current marks, and the accounts' sums across markets ({@link VenueAccounts}), kept up to
 * date after every event, liquidation and new mark. All changes to a path's venue go through
 * here, so the sums never fall behind the stores.
 */
final class PathState {
    final VenueSnapshot venue;
    final Map<String, PositionStore> stores;
    final PathLayers book;
    final Map<String, BigDecimal> marks = new LinkedHashMap<>();
    final VenueAccounts accounts;

    PathState(VenueSnapshot venue) {
        this.venue = venue;
        this.stores = venue.copyStores();
        this.book = venue.buffers().copy();
        for (MarketSpec m : venue.markets()) marks.put(m.market(), m.markPrice());
        this.accounts = VenueAccounts.build(stores, marks, venue.balances());
    }

    void mark(String market, BigDecimal mark) {
        if (mark.compareTo(marks.get(market)) == 0) return;
        marks.put(market, mark);
        accounts.setMark(market, mark);
    }

    /**
     * One bankruptcy as one engine event of the market's policy, drawing on the path's layers;
     * the rows it changes are captured before the store changes and the sums follow after.
     */
    EventResult apply(CompiledPolicy policy, Event event) {
        String market = event.market();
        PositionStore store = stores.get(market);
        VenueAccounts.Capture[] before = new VenueAccounts.Capture[1];
        EventResult r = AdlEngine.applyOnRecord(policy, store, venue.exposures(), event,
                book.venue(policy, accounts), result -> before[0] = accounts.capture(market, rows(store, result)));
        accounts.apply(before[0]);
        book.record(policy, market, event.now(), r);
        return r;
    }

    /** The rows an event changed: the bankrupt one and every fill's. */
    static int[] rows(PositionStore store, EventResult r) {
        return VenueAccounts.changedRows(store, r);
    }

    /** A liquidation: the row is closed at mark and its equity goes back to the account's cross balance. */
    BigDecimal liquidate(String market, int row) {
        PositionStore store = stores.get(market);
        VenueAccounts.Capture before = accounts.capture(market, new int[]{row});
        BigDecimal equity = ForcedClose.closeAtMark(store, row, marks.get(market));
        accounts.apply(before);
        accounts.credit(store.accountId(row), equity);
        return equity;
    }

    /** The account's cross balance plus the equity of each of its positions at its market's current mark. */
    BigDecimal accountEquity(String account) {
        return accounts.equity(account);
    }
}
