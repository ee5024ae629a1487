package dev.adl.lab;

import dev.adl.diag.Echo;
import dev.adl.io.BuffersJson;
import dev.adl.runtime.AccountDictionary;
import dev.adl.runtime.CsvRows;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;
import dev.adl.runtime.InputException;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.PositionsCsv;
import dev.adl.runtime.VenueCsv;

import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a venue folder (STRESS.md section 1): markets.csv, positions.csv, and optionally
 * accounts.csv and exposures.csv, and buffers.json. Every error names the file, line and
 * column, as the positions reader does.
 */
public final class VenueReader {
    public static final String MARKETS = "markets.csv";
    public static final String POSITIONS = "positions.csv";
    public static final String ACCOUNTS = "accounts.csv";
    public static final String EXPOSURES = "exposures.csv";
    public static final String BUFFERS = "buffers.json";
    public static final String MARKETS_HEADER = "market,lot_size,mark_price,maintenance_margin,policy";
    /** The optional last column naming each market's fund layer. */
    public static final String MARKETS_HEADER_WITH_FUND = MARKETS_HEADER + ",fund";

    private VenueReader() {
    }

    public static VenueSnapshot read(VenueSource src) {
        List<MarketSpec> markets = markets(src);
        Map<String, PositionStore> stores = positions(src, markets);
        Map<String, BigDecimal> balances = accounts(src);
        byte[] exp = src.read(EXPOSURES);
        ExposureFeed exposures = exp == null ? ExposureFeed.empty()
                : ExposuresCsv.read(exp, src.display(EXPOSURES));
        PathLayers buffers = PathLayers.of(BuffersJson.readVenue(src.display(BUFFERS), text(src, BUFFERS)), markets,
                src.display(BUFFERS), src.display(MARKETS));
        return new VenueSnapshot(markets, stores, balances, exposures, buffers);
    }

    static List<MarketSpec> markets(VenueSource src) {
        String name = src.display(MARKETS);
        String text = text(src, MARKETS);
        String first = text.lines().findFirst().orElse("").replace("\uFEFF", "").strip();
        boolean withFund = first.equals(MARKETS_HEADER_WITH_FUND);
        List<MarketSpec> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        CsvRows.read(new java.io.StringReader(text), name, withFund ? MARKETS_HEADER_WITH_FUND : MARKETS_HEADER,
                (cells, line) -> {
                    String market = CsvRows.required(cells, 0, "market");
                    Integer before = seen.putIfAbsent(market, line);
                    if (before != null) {
                        throw new CsvRows.Bad(0, "duplicate", "market `" + Echo.of(market)
                                + "` is given twice (first on line " + before + ")");
                    }
                    BigDecimal lot = positive(cells, 1, "lot size");
                    BigDecimal mark = positive(cells, 2, "mark price");
                    BigDecimal mm = CsvRows.exact(cells, 3, "maintenance margin");
                    if (mm.signum() < 0 || mm.compareTo(BigDecimal.ONE) >= 0) {
                        throw new CsvRows.Bad(3, "out_of_range", "maintenance margin `" + Echo.of(cells[3])
                                + "` must be at least 0 and below 1 (a fraction of notional)");
                    }
                    String policy = CsvRows.required(cells, 4, "policy");
                    String fund = withFund ? CsvRows.required(cells, 5, "fund") : null;
                    out.add(new MarketSpec(market, lot, mark, mm, policy, fund));
                });
        if (out.isEmpty()) throw InputException.at(name, 2, 0, "bad_value", "the venue has no markets");
        return out;
    }

    private static BigDecimal positive(String[] cells, int cell, String column) {
        long v = CsvRows.fixed(cells, cell, column);
        if (v <= 0) {
            throw new CsvRows.Bad(cell, "out_of_range", column + " `" + Echo.of(cells[cell]) + "` must be greater than 0");
        }
        return Decimals.fromFixed(v);
    }

    private static Map<String, PositionStore> positions(VenueSource src, List<MarketSpec> markets) {
        byte[] bytes = src.read(POSITIONS);
        if (bytes == null) throw new InputException(src.display(POSITIONS) + ": no such file");
        Map<String, PositionStore> read = PositionsCsv.read(bytes, src.display(POSITIONS));
        Map<String, PositionStore> out = new LinkedHashMap<>();
        for (String m : read.keySet()) {
            if (markets.stream().noneMatch(s -> s.market().equals(m))) {
                throw new InputException(src.display(POSITIONS) + ": market `" + Echo.of(m) + "` is not in "
                        + src.display(MARKETS));
            }
        }
        AccountDictionary accounts = read.isEmpty() ? new AccountDictionary()
                : read.values().iterator().next().accounts();
        for (MarketSpec m : markets) {
            PositionStore s = read.get(m.market());
            out.put(m.market(), s != null ? s : PositionStore.builder(m.market(), accounts).build());
        }
        return out;
    }

    private static Map<String, BigDecimal> accounts(VenueSource src) {
        byte[] bytes = src.read(ACCOUNTS);
        return bytes == null ? Map.of() : VenueCsv.accounts(reader(bytes), src.display(ACCOUNTS));
    }

    private static String text(VenueSource src, String file) {
        byte[] bytes = src.read(file);
        if (bytes == null) throw new InputException(src.display(file) + ": no such file");
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(src.display(file) + ": the file is not valid UTF-8 text");
        }
    }

    private static Reader reader(byte[] bytes) {
        return new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder());
    }
}
