package dev.adl.runtime;

import dev.adl.diag.Echo;

import java.io.Reader;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The venue files of {@code adl run} for version 2: {@code market,lot_size,mark_price} (every
 * market of the venue) and {@code account,balance} (cross balances). A repeated market or
 * account is an error naming the line of the first.
 */
public final class VenueCsv {
    public static final String MARKETS_HEADER = "market,lot_size,mark_price";
    public static final String ACCOUNTS_HEADER = "account,balance";

    /** One market's lot size and mark price. */
    public record Market(BigDecimal lotSize, BigDecimal markPrice) {
    }

    private VenueCsv() {
    }

    public static Map<String, Market> markets(Reader in, String name) {
        Map<String, Market> out = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        CsvLines.read(in, name, MARKETS_HEADER, (cells, line) -> {
            String market = CsvLines.required(cells, 0, "market");
            once(lines, market, line, "market");
            BigDecimal lot = positive(cells, 1, "lot_size");
            if (!Decimals.fitsFixed(lot)) {
                throw new CsvLines.BadCell(1, "out_of_range", "lot_size `" + Echo.of(cells[1])
                        + "` does not fit the store's fixed point");
            }
            out.put(market, new Market(lot, positive(cells, 2, "mark_price")));
        });
        return out;
    }

    public static Map<String, BigDecimal> accounts(Reader in, String name) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        CsvLines.read(in, name, ACCOUNTS_HEADER, (cells, line) -> {
            String account = CsvLines.required(cells, 0, "account");
            once(lines, account, line, "account");
            out.put(account, CsvLines.exact(cells, 1, "balance"));
        });
        return out;
    }

    private static void once(Map<String, Integer> lines, String key, int line, String what) {
        Integer first = lines.putIfAbsent(key, line);
        if (first != null) {
            throw new CsvLines.BadCell(0, "duplicate_row", what + " `" + Echo.of(key)
                    + "` appears twice; the first is on line " + first);
        }
    }

    private static BigDecimal positive(String[] cells, int cell, String column) {
        BigDecimal v = CsvLines.exact(cells, cell, column);
        if (v.signum() <= 0) {
            throw new CsvLines.BadCell(cell, "bad_value", column + " `" + Echo.of(cells[cell]) + "` must be greater than 0");
        }
        return v;
    }
}
