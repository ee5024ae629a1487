package dev.adl.lab;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Percentiles of each metric over paths, by the nearest-rank method: the p-th percentile
 * of n values sorted ascending is the value at rank {@code ceil(p * n / 100)} (1-based), an
 * observed value, never an interpolation. A path whose ratio is null does not count; a
 * metric null on every path is null. Map metrics are taken key by key.
 */
public final class Percentiles {
    public static final int[] REPORTED = {50, 95, 99};

    private Percentiles() {
    }

    /** The 1-based rank of the p-th percentile of n values (n >= 1). */
    public static int nearestRank(int n, int p) {
        return Math.max(1, (int) ((p * (long) n + 99) / 100));
    }

    /** {@code {"p50": {...}, "p95": {...}, "p99": {...}}} over the paths' metrics. */
    public static Map<String, Map<String, Object>> of(List<Metrics> paths) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (int p : REPORTED) out.put("p" + p, at(paths, p));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(List<Metrics> paths, int p) {
        List<Map<String, Object>> fields = paths.stream().map(Metrics::fields).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : fields.get(0).keySet()) {
            Object first = fields.get(0).get(name);
            if (first instanceof Long) {
                List<Long> v = new ArrayList<>();
                for (Map<String, Object> f : fields) v.add((Long) f.get(name));
                v.sort(null);
                out.put(name, v.get(nearestRank(v.size(), p) - 1));
            } else if (first instanceof Map) {
                Map<String, Object> byKey = new LinkedHashMap<>();
                for (String key : ((Map<String, BigDecimal>) first).keySet()) {
                    List<BigDecimal> v = new ArrayList<>();
                    for (Map<String, Object> f : fields) v.add(((Map<String, BigDecimal>) f.get(name)).get(key));
                    byKey.put(key, decimal(v, p));
                }
                out.put(name, byKey);
            } else {
                List<BigDecimal> v = new ArrayList<>();
                for (Map<String, Object> f : fields) v.add((BigDecimal) f.get(name));
                out.put(name, decimal(v, p));
            }
        }
        return out;
    }

    private static BigDecimal decimal(List<BigDecimal> values, int p) {
        List<BigDecimal> known = new ArrayList<>();
        for (BigDecimal v : values) if (v != null) known.add(v);
        if (known.isEmpty()) return null;
        known.sort(null);
        return known.get(nearestRank(known.size(), p) - 1);
    }
}
