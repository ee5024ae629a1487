package dev.adl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a case's {@code expect} mapping; every mistake names the case. */
final class ExpectationReader {
    private static final Set<String> EXPECT_KEYS;
    private static final Set<String> FILL_KEYS = Set.of("account", "size", "price", "side", "realized_pnl", "fee",
            "tier", "rank", "haircut");

    static {
        List<String> keys = new ArrayList<>(Expectation.AMOUNT_FIELDS);
        keys.addAll(List.of("fills", "fired", "not_fired", "notified", "error", "layers", "trigger_active_after"));
        EXPECT_KEYS = Set.copyOf(keys);
    }

    private ExpectationReader() {
    }

    static Expectation read(JsonNode node, String where) {
        if (node.isMissingNode()) throw new SuiteFormatException(where + "no `expect`: a case must check something");
        if (!(node instanceof ObjectNode o)) throw new SuiteFormatException(where + "`expect` must be a mapping");
        SuiteReader.checkKeys(o, EXPECT_KEYS, where + "expect: ");
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        for (String f : Expectation.AMOUNT_FIELDS) {
            if (o.has(f)) amounts.put(f, decimal(o.get(f), f, where));
        }
        List<Expectation.ExpectedFill> fills = null;
        if (o.has("fills")) {
            if (!o.get("fills").isArray()) throw new SuiteFormatException(where + "expect: `fills` must be a list");
            fills = new ArrayList<>();
            for (JsonNode f : o.get("fills")) {
                if (!(f instanceof ObjectNode fo)) throw new SuiteFormatException(where + "each fill must be a mapping");
                SuiteReader.checkKeys(fo, FILL_KEYS, where + "expect: fill: ");
                fills.add(new Expectation.ExpectedFill(text(f.path("account")), decimal(f.path("size"), "size", where),
                        decimal(f.path("price"), "price", where), text(f.path("side")),
                        decimal(f.path("realized_pnl"), "realized_pnl", where), text(f.path("tier")),
                        f.has("rank") ? f.get("rank").asLong() : null, decimal(f.path("fee"), "fee", where),
                        decimal(f.path("haircut"), "haircut", where)));
            }
        }
        Map<String, Expectation.ExpectedLayer> layers = layers(o.path("layers"), where);
        Boolean latch = null;
        if (o.has("trigger_active_after")) {
            if (!o.get("trigger_active_after").isBoolean()) {
                throw new SuiteFormatException(where + "expect: `trigger_active_after` must be true or false");
            }
            latch = o.get("trigger_active_after").asBoolean();
        }
        List<String> fired = strings(o.path("fired"), "fired", where);
        List<String> notFired = strings(o.path("not_fired"), "not_fired", where);
        List<String> notified = o.has("notified") ? strings(o.get("notified"), "notified", where) : null;
        List<String> errors = strings(o.path("error"), "error", where);
        boolean results = fills != null || !amounts.isEmpty() || !fired.isEmpty() || !notFired.isEmpty()
                || notified != null || !layers.isEmpty() || latch != null;
        if (!errors.isEmpty() && results) {
            throw new SuiteFormatException(where + "a case that expects an `error` cannot also expect results");
        }
        if (errors.isEmpty() && !results) {
            throw new SuiteFormatException(where + "`expect` checks nothing");
        }
        return new Expectation(fills, amounts, fired, notFired, notified, errors, layers, latch);
    }

    /** {@code layers: {<name>: {available, absorbed_size, paid, balance_before, balance_after}}}, any subset. */
    private static Map<String, Expectation.ExpectedLayer> layers(JsonNode n, String where) {
        Map<String, Expectation.ExpectedLayer> out = new LinkedHashMap<>();
        if (n.isMissingNode() || n.isNull()) return out;
        if (!(n instanceof ObjectNode o)) {
            throw new SuiteFormatException(where + "expect: `layers` must be a mapping of layers by name");
        }
        for (var it = o.fields(); it.hasNext(); ) {
            var e = it.next();
            String at = where + "expect: layer `" + e.getKey() + "`: ";
            if (!(e.getValue() instanceof ObjectNode lo)) {
                throw new SuiteFormatException(at + "must be a mapping such as {paid: 3000}");
            }
            SuiteReader.checkKeys(lo, Set.copyOf(Expectation.LAYER_FIELDS), at);
            if (lo.isEmpty()) throw new SuiteFormatException(at + "checks nothing");
            Map<String, BigDecimal> amounts = new LinkedHashMap<>();
            for (String f : Expectation.LAYER_FIELDS) {
                if (lo.has(f)) amounts.put(f, decimal(lo.get(f), f, at));
            }
            out.put(e.getKey(), new Expectation.ExpectedLayer(amounts));
        }
        return out;
    }

    private static List<String> strings(JsonNode n, String key, String where) {
        if (n.isMissingNode() || n.isNull()) return List.of();
        if (n.isValueNode()) return List.of(n.asText());
        if (!n.isArray()) throw new SuiteFormatException(where + "`" + key + "` must be a string or a list of strings");
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static BigDecimal decimal(JsonNode n, String key, String where) {
        if (n.isMissingNode() || n.isNull()) return null;
        if (n.isNumber()) return n.decimalValue();
        String s = n.asText().strip().replace("_", "");
        if (n.isTextual() && s.matches("-?[0-9]+(\\.[0-9]+)?")) return new BigDecimal(s);
        throw new SuiteFormatException(where + "`" + key + "` must be a decimal, got `" + n.asText() + "`");
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
