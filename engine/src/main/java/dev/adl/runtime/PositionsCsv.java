package dev.adl.runtime;

import dev.adl.diag.Echo;

import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code account,market,side,size,entry_price,collateral} into one store per market.
 * Sizes and entry prices have at most 8 decimal places (the store's fixed point); collateral
 * is any plain decimal and stays exact.
 */
public final class PositionsCsv {
    public static final String HEADER = "account,market,side,size,entry_price,collateral";

    private PositionsCsv() {
    }

    /**
     * Stores by market from the file's bytes: the common clean form is parsed straight into
     * the store's columns ({@link PositionsCsvBytes}); anything else, and every error, goes
     * through the line reader, so the result and the messages are the same either way.
     * Invalid UTF-8 is an {@link java.io.UncheckedIOException} as from a strict reader.
     */
    public static Map<String, PositionStore> read(byte[] data, String name) {
        // a row of a positions file is 30 bytes or more: size the dictionary once
        AccountDictionary accounts = new AccountDictionary(data.length / 30);
        Map<String, PositionStore.Builder> builders = PositionsCsvBytes.parse(data, data.length, accounts);
        if (builders == null) {
            java.nio.charset.CharsetDecoder strict = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
            return read(new java.io.InputStreamReader(new java.io.ByteArrayInputStream(data), strict), name);
        }
        Map<String, PositionStore> stores = new TreeMap<>();
        builders.forEach((market, b) -> stores.put(market, b.build()));
        return stores;
    }

    /** {@link #read(byte[], String)} of a text held in memory (a request body, a suite's rows). */
    public static Map<String, PositionStore> read(String text, String name) {
        return read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), name);
    }

    /** Stores by market, in ascending market order; every malformed row is an {@link InputException} naming its line. */
    public static Map<String, PositionStore> read(Reader in, String name) {
        AccountDictionary accounts = new AccountDictionary();
        Map<String, PositionStore.Builder> builders = new LinkedHashMap<>();
        CsvLines.read(in, name, HEADER, (cells, line) -> {
            String account = CsvLines.required(cells, 0, "account");
            String market = CsvLines.required(cells, 1, "market");
            int side = switch (cells[2]) {
                case "long" -> 1;
                case "short" -> -1;
                default -> throw new CsvLines.BadCell(2, "bad_value", "side `" + Echo.of(cells[2]) + "` must be `long` or `short`");
            };
            long size = CsvLines.fixed(cells, 3, "size");
            if (size < 0) throw new CsvLines.BadCell(3, "out_of_range", "size `" + Echo.of(cells[3]) + "` must not be negative");
            long entry = CsvLines.fixed(cells, 4, "entry price");
            if (entry <= 0) {
                throw new CsvLines.BadCell(4, "out_of_range", "entry price `" + Echo.of(cells[4]) + "` must be greater than 0");
            }
            // collateral may be finer than the store's 8 places (realised PnL makes it so): kept exact
            java.math.BigDecimal collateral = CsvLines.exact(cells, 5, "collateral");
            builders.computeIfAbsent(market, m -> PositionStore.builder(m, accounts))
                    .add(account, side, size, entry, collateral, line);
        });
        Map<String, PositionStore> stores = new TreeMap<>();
        builders.forEach((market, b) -> stores.put(market, b.build()));
        return stores;
    }
}
