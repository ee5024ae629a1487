package dev.adl.runtime;

import dev.adl.diag.Echo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Reads a simple comma-separated file line by line with 1-based line numbers: a fixed
 * header, no quoting (account names and sources carry no commas), blank lines skipped.
 * A problem with one cell is reported at that cell's column (1-based, where its text
 * starts); a problem with the whole row at column 0. Lines are bounded ({@link BoundedLines}),
 * and messages quote at most the start of a long cell ({@link Echo}).
 */
final class CsvLines {
    interface RowHandler {
        /** Throws {@link BadCell} for a cell at fault, IllegalArgumentException for the row as a whole. */
        void row(String[] cells, int line);
    }

    /** A cell the row handler refuses: its index in the row, the problem's code and sentence. */
    static final class BadCell extends IllegalArgumentException {
        final int cell;
        final String code;

        BadCell(int cell, String code, String sentence) {
            super(sentence);
            this.cell = cell;
            this.code = code;
        }
    }

    private CsvLines() {
    }

    static void read(Reader in, String name, String header, RowHandler handler) {
        int columns = header.split(",", -1).length;
        BoundedLines reader = new BoundedLines(in, name);
        try {
            String first = reader.next(1);
            if (first == null) {
                throw InputException.at(name, 1, 0, "bad_header", "the file is empty; expected the header `" + header + "`");
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            if (!first.strip().equals(header)) {
                throw InputException.at(name, 1, 0, "bad_header", "expected the header `" + header + "`, found `"
                        + Echo.of(first.strip()) + "`");
            }
            int line = 2;
            String text;
            for (; (text = reader.next(line)) != null; line++) {
                if (text.isBlank()) continue;
                String[] cells = text.split(",", -1);
                if (cells.length != columns) {
                    throw InputException.at(name, line, 0, "bad_row", "expected " + columns + " columns, found "
                            + cells.length);
                }
                int[] starts = new int[cells.length];
                int offset = 0;
                for (int i = 0; i < cells.length; i++) {
                    String raw = cells[i];
                    cells[i] = raw.strip();
                    int lead = cells[i].isEmpty() ? 0 : raw.indexOf(cells[i].charAt(0));
                    starts[i] = offset + lead + 1;
                    offset += raw.length() + 1;
                }
                try {
                    handler.row(cells, line);
                } catch (BadCell e) {
                    throw InputException.at(name, line, starts[e.cell], e.code, e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw InputException.at(name, line, 0, "bad_row", e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String required(String[] cells, int cell, String column) {
        if (cells[cell].isEmpty()) {
            throw new BadCell(cell, "missing_value", "the " + column + " is empty");
        }
        return cells[cell];
    }

    static long fixed(String[] cells, int cell, String column) {
        required(cells, cell, column);
        try {
            return Decimals.parseFixed(cells[cell]);
        } catch (IllegalArgumentException e) {
            throw new BadCell(cell, "bad_number", column + " " + e.getMessage());
        }
    }

    static java.math.BigDecimal exact(String[] cells, int cell, String column) {
        required(cells, cell, column);
        try {
            return Decimals.parsePlain(cells[cell]);
        } catch (IllegalArgumentException e) {
            throw new BadCell(cell, "bad_number", column + " " + e.getMessage());
        }
    }
}
