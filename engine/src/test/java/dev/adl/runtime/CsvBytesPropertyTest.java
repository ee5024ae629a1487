package dev.adl.runtime;

import dev.adl.diag.Diagnostic;
import dev.adl.prop.Choices;
import dev.adl.prop.Gen;
import dev.adl.prop.Property;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Random stores written as CSV read back through the byte parsers exactly as written, and as
 * the line reader reads them; a row spoiled in one cell is refused by both with the same
 * line, column and code.
 */
class CsvBytesPropertyTest {
    /** Name pieces: ASCII, two- three- and four-byte UTF-8 (the last two order differently in UTF-16). */
    private static final String[] PIECES = {"a", "Z", "7", "-", "_", "é", "ß", "Ω", "日本", "\uE000", "\uFFFD", "😀",
            "𝄞", "acct", "L", "S"};

    /** One row as written: the exact values the file holds. */
    record Row(String account, String market, int side, BigDecimal size, BigDecimal entry, BigDecimal collateral) {
    }

    private static final Gen<String> NAME = c -> {
        StringBuilder sb = new StringBuilder();
        int n = 1 + c.below(4);
        for (int i = 0; i < n; i++) sb.append(PIECES[c.below(PIECES.length)]);
        return sb.toString();
    };

    /** A decimal of up to {@code places} places whose magnitude stays below 10,000,000. */
    private static BigDecimal decimal(Choices c, int places, boolean signed, boolean positive) {
        int scale = c.below(places + 1);
        long whole = c.chance(0.3) ? c.below(10_000_000) : c.below(1_000);
        long fraction = scale == 0 ? 0 : c.below((int) pow10(Math.min(scale, 9)));
        BigDecimal v = BigDecimal.valueOf(whole).add(BigDecimal.valueOf(fraction, scale));
        if (positive && v.signum() == 0) v = BigDecimal.valueOf(1, scale);
        return signed && c.chance(0.3) ? v.negate() : v;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }

    private static final Gen<List<Row>> ROWS = c -> {
        List<Row> rows = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        int n = c.below(40);
        for (int i = 0; i < n; i++) {
            String market = c.chance(0.2) ? "ETH-PERP" : "BTC-PERP";
            String account = NAME.next(c);
            if (!taken.add(market + "/" + account)) continue; // one row per account and market
            // collateral finer than 8 places now and then: realised PnL makes it so
            BigDecimal collateral = decimal(c, c.chance(0.1) ? 12 : 8, true, false);
            rows.add(new Row(account, market, c.chance(0.5) ? 1 : -1, decimal(c, 8, false, false),
                    decimal(c, 8, false, true), collateral));
        }
        return rows;
    };

    static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder(PositionsCsv.HEADER).append('\n');
        for (Row r : rows) {
            sb.append(r.account()).append(',').append(r.market()).append(',').append(r.side() > 0 ? "long" : "short")
                    .append(',').append(r.size().toPlainString()).append(',').append(r.entry().toPlainString())
                    .append(',').append(r.collateral().toPlainString()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void storesWrittenAsCsvReadBackAsWrittenAndAsTheLineReaderReadsThem() {
        Property.check("positions read back", 300, ROWS, rows -> {
            String text = csv(rows);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(PositionsCsvBytes.parse(bytes, bytes.length, new AccountDictionary())).as("taken from its bytes")
                    .isNotNull();
            Map<String, PositionStore> fast = PositionsCsv.read(bytes, "p.csv");
            Map<String, PositionStore> slow = PositionsCsv.read(new StringReader(text), "p.csv");
            assertThat(fast.keySet()).containsExactlyElementsOf(slow.keySet());
            for (String market : slow.keySet()) {
                PositionStore f = fast.get(market);
                PositionStore s = slow.get(market);
                List<Row> written = rows.stream().filter(r -> r.market().equals(market)).toList();
                assertThat(f.rows()).isEqualTo(written.size()).isEqualTo(s.rows());
                for (int r = 0; r < f.rows(); r++) {
                    Row w = written.get(r);
                    assertThat(f.account(r)).isEqualTo(w.account()).isEqualTo(s.account(r));
                    assertThat(f.side(r)).isEqualTo(w.side());
                    assertThat(f.size(r)).isEqualByComparingTo(w.size());
                    assertThat(f.entryPrice(r)).isEqualByComparingTo(w.entry());
                    assertThat(f.collateral(r)).isEqualByComparingTo(w.collateral());
                    assertThat(f.position(r)).isEqualTo(s.position(r));
                    assertThat(f.orderKey(r)).as("rank of %s", w.account()).isEqualTo(s.orderKey(r));
                    assertThat(f.rowOf(w.account())).isEqualTo(r);
                }
                assertThat(f.house()).isEqualTo(s.house());
                assertThat(f.overlayRows()).isEqualTo(s.overlayRows());
            }
        });
    }

    /** A file of good rows with one cell spoiled: the row's line and the cell's column in characters. */
    record Spoiled(String text, int line, int col) {
    }

    private static final String[][] BAD_CELLS = {{""}, {""}, {"flat", "LONG"}, {"x1", "1e5", "-1", "5."},
            {"0", "-2", "1.000000001"}, {"1,5", "1.2.3", ""}};

    private static final Gen<Spoiled> SPOILED = c -> {
        List<Row> rows = ROWS.next(c);
        if (rows.isEmpty()) rows = List.of(new Row("é", "M", 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO));
        int at = c.below(rows.size());
        int cell = c.below(BAD_CELLS.length);
        String bad = BAD_CELLS[cell][c.below(BAD_CELLS[cell].length)];
        String[] lines = csv(rows).split("\n");
        String[] cells = lines[at + 1].split(",", -1);
        int col = 1;
        for (int i = 0; i < cell; i++) col += cells[i].length() + 1;
        cells[cell] = bad;
        lines[at + 1] = String.join(",", cells);
        // an empty cell is reported where it would start; a seventh column is a row fault (column 0)
        boolean extraColumn = bad.contains(",");
        return new Spoiled(String.join("\n", lines) + "\n", at + 2, extraColumn ? 0 : col);
    };

    @Test
    void aSpoiledCellIsRefusedAtItsLineAndColumnByBothReaders() {
        Property.check("spoiled positions", 300, SPOILED, k -> {
            InputException fast = catchThrowableOfType(() -> PositionsCsv.read(k.text().getBytes(StandardCharsets.UTF_8),
                    "p.csv"), InputException.class);
            InputException slow = catchThrowableOfType(() -> PositionsCsv.read(new StringReader(k.text()), "p.csv"),
                    InputException.class);
            assertThat(fast).as(k.text()).isNotNull();
            assertThat(slow).isNotNull();
            Diagnostic d = fast.diagnostics().get(0);
            assertThat(d.line()).isEqualTo(k.line());
            assertThat(d.col()).isEqualTo(k.col());
            assertThat(d.code()).isEqualTo(slow.diagnostics().get(0).code());
            assertThat(fast.getMessage()).isEqualTo(slow.getMessage());
        });
    }

    private static final Gen<String> EXPOSURES = c -> {
        StringBuilder sb = new StringBuilder(ExposuresCsv.HEADER).append('\n');
        Set<String> taken = new HashSet<>();
        int n = c.below(30);
        for (int i = 0; i < n; i++) {
            String account = NAME.next(c);
            String source = c.chance(0.3) ? "venue-a" : "venue-b";
            if (!taken.add(source + "/" + account)) continue;
            Instant asOf = Instant.ofEpochSecond(1_700_000_000L + c.below(100_000_000));
            sb.append(account).append(',').append(source).append(',')
                    .append(decimal(c, c.chance(0.1) ? 20 : 8, false, false).toPlainString()).append(',')
                    .append(decimal(c, 8, true, false).toPlainString()).append(',').append(asOf).append('\n');
        }
        return sb.toString();
    };

    @Test
    void exposuresReadBackAsTheLineReaderReadsThem() {
        Property.check("exposures read back", 300, EXPOSURES, text -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ExposureFeed fast = ExposuresCsvBytes.parse(bytes, "e.csv");
            assertThat(fast).as("taken from its bytes").isNotNull();
            ExposureFeed slow = ExposuresCsv.read(new StringReader(text), "e.csv");
            assertThat(fast.sources()).isEqualTo(slow.sources());
            int lines = 0;
            for (String line : text.split("\n")) {
                if (lines++ == 0) continue;
                String[] cells = line.split(",");
                ExposureFeed.Row f = fast.row(cells[1], cells[0]);
                // records compare BigDecimals by equals: the same value at the same scale
                assertThat(f).isEqualTo(slow.row(cells[1], cells[0]));
                assertThat(f.notional()).isEqualTo(new BigDecimal(cells[2]));
                assertThat(f.asOf()).isEqualTo(Instant.parse(cells[4]));
            }
        });
    }
}
