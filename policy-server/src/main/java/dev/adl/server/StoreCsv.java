package dev.adl.server;

import dev.adl.diag.Echo;
import dev.adl.runtime.AccountDictionary;
import dev.adl.runtime.InputException;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.PositionsCsv;

import java.util.Map;

/**
 * Stores from and to the positions CSV of LANGUAGE.md. A store is written row for row in
 * store order, so that reading it back gives the same rows, ranking tie-breaks and results.
 */
final class StoreCsv {
    private StoreCsv() {
    }

    /** Exact: collateral finer than 8 places is written in full and read back the same. */
    static String write(PositionStore store) {
        StringBuilder sb = new StringBuilder(64 + store.rows() * 48);
        sb.append(PositionsCsv.HEADER).append('\n');
        String market = store.market();
        for (int r = 0; r < store.rows(); r++) {
            sb.append(store.account(r)).append(',').append(market).append(',')
                    .append(store.side(r) > 0 ? "long" : "short").append(',')
                    .append(Views.plain(store.size(r))).append(',')
                    .append(Views.plain(store.entryPrice(r))).append(',')
                    .append(Views.plain(store.collateral(r))).append('\n');
        }
        return sb.toString();
    }

    /** The rows of one market; rows of another market or a malformed row are a 400 naming the line. */
    static PositionStore parse(String market, String csv) {
        return parse(market, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The rows of one market from the CSV's bytes (an upload as it came, not copied into text first). */
    static PositionStore parse(String market, byte[] csv) {
        Map<String, PositionStore> stores;
        try {
            stores = PositionsCsv.read(csv, "positions.csv");
        } catch (InputException e) {
            throw ApiException.input(400, "bad_csv", "the positions CSV has an error", e);
        } catch (java.io.UncheckedIOException notText) {
            throw new ApiException(400, "bad_csv", "the positions CSV is not UTF-8 text");
        }
        for (String other : stores.keySet()) {
            if (!other.equals(market)) {
                throw ApiException.badRequest("the positions CSV has rows for market `" + Echo.of(other)
                        + "`; this request is for market `" + market + "`");
            }
        }
        PositionStore s = stores.get(market);
        return s != null ? s : PositionStore.builder(market, new AccountDictionary()).build();
    }

    /**
     * A new store with each changed account's row replacing its old one (or added). The engine's
     * store has no row insertion, so it is rebuilt, with every collateral exact; the house
     * position restarts from the rows' imbalance. Changes that take a side's total past what
     * the store holds are a 400.
     */
    static PositionStore merge(PositionStore base, PositionStore changes) {
        try {
            return merged(base, changes);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("with these changes " + e.getMessage());
        }
    }

    private static PositionStore merged(PositionStore base, PositionStore changes) {
        PositionStore.Builder b = PositionStore.builder(base.market(), new AccountDictionary());
        int line = 1;
        for (int r = 0; r < base.rows(); r++) {
            String account = base.account(r);
            int c = changes.rowOf(account);
            PositionStore from = c >= 0 ? changes : base;
            int row = c >= 0 ? c : r;
            b.add(account, from.side(row), from.sizeFixed(row), from.entryPriceFixed(row), from.collateral(row),
                    ++line);
        }
        for (int r = 0; r < changes.rows(); r++) {
            if (base.rowOf(changes.account(r)) < 0) {
                b.add(changes.account(r), changes.side(r), changes.sizeFixed(r), changes.entryPriceFixed(r),
                        changes.collateral(r), ++line);
            }
        }
        return b.build();
    }


}
