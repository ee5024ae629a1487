package dev.adl.runtime;

import java.io.Reader;
import java.math.BigDecimal;

/**
 * The engine's CSV reader for files of other packages (the lab's venue files): the same
 * header check, bounded lines, and {@code name:line:col} errors as the positions file.
 */
public final class CsvRows {
    /** Receives each data row; throws {@link Bad} for a cell at fault, IllegalArgumentException for the row. */
    public interface Handler {
        void row(String[] cells, int line);
    }

    /** A cell the handler refuses: its index in the row, a problem code and the sentence. */
    public static final class Bad extends IllegalArgumentException {
        private final int cell;
        private final String code;

        public Bad(int cell, String code, String sentence) {
            super(sentence);
            this.cell = cell;
            this.code = code;
        }
    }

    private CsvRows() {
    }

    public static void read(Reader in, String name, String header, Handler handler) {
        CsvLines.read(in, name, header, (cells, line) -> {
            try {
                handler.row(cells, line);
            } catch (Bad e) {
                throw new CsvLines.BadCell(e.cell, e.code, e.getMessage());
            }
        });
    }

    public static String required(String[] cells, int cell, String column) {
        return CsvLines.required(cells, cell, column);
    }

    public static long fixed(String[] cells, int cell, String column) {
        return CsvLines.fixed(cells, cell, column);
    }

    public static BigDecimal exact(String[] cells, int cell, String column) {
        return CsvLines.exact(cells, cell, column);
    }
}
