package dev.adl.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected next to actual, one row per field, each row marked {@code ok} or {@code FAIL}.
 * Columns are as wide as their widest cell, so a scenario's rows line up whatever its values.
 */
final class ComparisonTable {
    private record Row(String field, String expected, String actual, boolean ok) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** A row that is ok when both sides read the same. */
    void add(String field, String expected, String actual) {
        add(field, expected, actual, expected.equals(actual));
    }

    /** A row whose verdict the caller decides (an expected error is a set of lines the message must contain). */
    void add(String field, String expected, String actual, boolean ok) {
        rows.add(new Row(field, expected, actual, ok));
    }

    boolean allOk() {
        return rows.stream().allMatch(Row::ok);
    }

    /** The rows under a header, each line starting with {@code indent}. */
    void print(PrintWriter out, String indent) {
        int f = width("", rows.stream().map(Row::field).toList());
        int e = width("expected", rows.stream().map(Row::expected).toList());
        int a = width("actual", rows.stream().map(Row::actual).toList());
        String format = indent + "%-" + f + "s  %-" + e + "s  %-" + a + "s  %s";
        out.println(String.format(format, "", "expected", "actual", "").stripTrailing());
        for (Row r : rows) {
            out.println(String.format(format, r.field(), r.expected(), r.actual(), r.ok() ? "ok" : "FAIL"));
        }
    }

    private static int width(String header, List<String> cells) {
        return Math.max(header.length(), cells.stream().mapToInt(String::length).max().orElse(0));
    }
}
