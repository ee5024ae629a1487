package dev.adl.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Reads a simple comma-separated file line by line with 1-based line numbers: a fixed
 * header, no quoting (account names and sources carry no commas), blank lines skipped.
 */
final class CsvLines {
    interface RowHandler {
        void row(String[] cells, int line);
    }

    private CsvLines() {
    }

    static void read(Reader in, String name, String header, RowHandler handler) {
        int columns = header.split(",", -1).length;
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        try {
            String first = reader.readLine();
            if (first == null) {
                throw InputException.at(name, 1, "the file is empty; expected the header `" + header + "`");
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            if (!first.strip().equals(header)) {
                throw InputException.at(name, 1, "expected the header `" + header + "`, found `" + first.strip() + "`");
            }
            int line = 1;
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] cells = text.split(",", -1);
                if (cells.length != columns) {
                    throw InputException.at(name, line, "expected " + columns + " columns, found " + cells.length);
                }
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].strip();
                }
                try {
                    handler.row(cells, line);
                } catch (IllegalArgumentException e) {
                    throw InputException.at(name, line, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String required(String value, String column) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the " + column + " is empty");
        }
        return value;
    }

    static long fixed(String value, String column) {
        required(value, column);
        try {
            return Decimals.parseFixed(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + " " + e.getMessage());
        }
    }

    static java.math.BigDecimal exact(String value, String column) {
        required(value, column);
        try {
            return Decimals.parsePlain(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + " " + e.getMessage());
        }
    }
}
