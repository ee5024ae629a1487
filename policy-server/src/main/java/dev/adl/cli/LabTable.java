package dev.adl.cli;

import dev.adl.io.ResultJson;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Policies side by side: one row per metric (a map metric gives one row per key, such as
 * {@code paid.btc-fund}), one column per policy. Cells are whatever text the caller made
 * (one path's value, or p50 / p95 / p99).
 */
final class LabTable {
    private static final Set<String> RATIOS = Set.of("max_haircut_pct", "p99_haircut_pct", "gini_haircut",
            "top_winner_haircut_pct", "overshoot", "staker_loss_pct", "fund_drawdown_max", "price_impact");
    private final List<String> columns;
    private final Map<String, String[]> rows = new LinkedHashMap<>();

    LabTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds column {@code col}'s metrics, flattening maps. */
    @SuppressWarnings("unchecked")
    void column(int col, Map<String, Object> fields) {
        fields.forEach((name, v) -> {
            if (v instanceof Map<?, ?> m) {
                ((Map<String, Object>) m).forEach((k, x) -> cell(name + "." + k, col, shown(name, x)));
            } else {
                cell(name, col, shown(name, v));
            }
        });
    }

    /** Adds one column's metrics from several percentile maps, as {@code a / b / c}. */
    void percentiles(int col, List<Map<String, Object>> maps) {
        List<LabTable> parts = new ArrayList<>();
        for (Map<String, Object> m : maps) {
            LabTable t = new LabTable(List.of(""));
            t.column(0, m);
            parts.add(t);
        }
        for (String row : parts.get(0).rows.keySet()) {
            List<String> cells = new ArrayList<>();
            for (LabTable t : parts) cells.add(t.rows.get(row)[0]);
            cell(row, col, String.join(" / ", cells));
        }
    }

    void cell(String row, int col, String text) {
        rows.computeIfAbsent(row, r -> new String[columns.size()])[col] = text;
    }

    List<String> columns() {
        return columns;
    }

    Map<String, String[]> rows() {
        return rows;
    }

    /** Ratios are shown as they are (8 places); amounts to the cent, half-up: the JSON keeps every digit. */
    private static String shown(String metric, Object v) {
        if (v instanceof BigDecimal d && !RATIOS.contains(metric)) {
            return text(d.setScale(Math.min(2, Math.max(0, d.stripTrailingZeros().scale())), RoundingMode.HALF_UP));
        }
        return text(v);
    }

    static String text(Object v) {
        if (v == null) return "-";
        if (v instanceof BigDecimal d) return ResultJson.plain(d);
        return v.toString();
    }

    void print(PrintWriter out) {
        int first = Math.max(6, rows.keySet().stream().mapToInt(String::length).max().orElse(0));
        int[] width = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            width[c] = columns.get(c).length();
            for (String[] r : rows.values()) width[c] = Math.max(width[c], r[c] == null ? 1 : r[c].length());
        }
        StringBuilder head = new StringBuilder(String.format("%-" + first + "s", "metric"));
        for (int c = 0; c < columns.size(); c++) head.append("  ").append(String.format("%" + width[c] + "s", columns.get(c)));
        out.println(head.toString().stripTrailing());
        rows.forEach((name, cells) -> {
            StringBuilder line = new StringBuilder(String.format("%-" + first + "s", name));
            for (int c = 0; c < cells.length; c++) {
                line.append("  ").append(String.format("%" + width[c] + "s", cells[c] == null ? "-" : cells[c]));
            }
            out.println(line.toString().stripTrailing());
        });
    }
}
