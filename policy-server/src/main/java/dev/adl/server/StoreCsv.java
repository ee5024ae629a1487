package dev.adl.server;

import dev.adl.runtime.PositionStore;
import dev.adl.runtime.PositionsCsv;

/**
 * A store written back as the positions CSV of LANGUAGE.md, row for row in store order, so
 * that reading it gives a store whose rows, ranking tie-breaks and results are the same.
 */
final class StoreCsv {
    private StoreCsv() {
    }

    /** Only exact for stores without collateral finer than 8 places ({@link PositionStore#overlayRows()} is 0). */
    static String write(PositionStore store) {
        StringBuilder sb = new StringBuilder(64 + store.rows() * 48);
        sb.append(PositionsCsv.HEADER).append('\n');
        String market = store.market();
        for (int r = 0; r < store.rows(); r++) {
            sb.append(store.account(r)).append(',').append(market).append(',')
                    .append(store.side(r) > 0 ? "long" : "short").append(',')
                    .append(ServerState.plain(store.size(r))).append(',')
                    .append(ServerState.plain(store.entryPrice(r))).append(',')
                    .append(ServerState.plain(store.collateral(r))).append('\n');
        }
        return sb.toString();
    }
}
