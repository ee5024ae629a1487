package dev.adl.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adl.diag.Echo;
import dev.adl.diag.SourcePos;
import dev.adl.io.LocatedJson;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.InputException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario file (STRESS.md section 2) against the venue's markets; every problem is
 * reported at its line and column. Defaults: {@code step} 1m, {@code start}
 * 2026-01-01T00:00:00Z, no impact, {@code rehedge} 0.
 */
public final class ScenarioJson {
    public static final int MAX_STEPS = 100_000;
    private static final Set<String> FIELDS = Set.of("steps", "step", "start", "returns", "shock", "impact", "rehedge");
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,8})(s|m|h|d)");

    private final String source;
    private final LocatedJson json;
    private final List<String> markets;
    private final Set<String> others;

    private ScenarioJson(String source, LocatedJson json, List<String> markets, Set<String> others) {
        this.source = source;
        this.json = json;
        this.markets = markets;
        this.others = others;
    }

    public static StressScenario read(String source, String text, List<String> markets) {
        return read(source, text, markets, Set.of());
    }

    /**
     * A scenario inside a larger request: the fields in {@code others} belong to the request
     * and are left to its reader, so every other problem keeps its line and column.
     */
    public static StressScenario read(String source, String text, List<String> markets, Set<String> others) {
        LocatedJson json = LocatedJson.parse(source, text, "the scenario");
        return new ScenarioJson(source, json, markets, others).scenario();
    }

    private StressScenario scenario() {
        JsonNode root = json.root();
        if (!root.isObject()) throw error("", "the scenario must be a JSON object");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f) && !others.contains(f)) throw error(LocatedJson.child("", f), "unknown field `" + Echo.of(f) + "`");
        }
        JsonNode stepsNode = root.get("steps");
        // numbers arrive as exact decimals: a whole number is one without places after zeros are stripped
        if (stepsNode == null || !stepsNode.isNumber() || stepsNode.decimalValue().stripTrailingZeros().scale() > 0
                || stepsNode.decimalValue().compareTo(BigDecimal.ONE) < 0
                || stepsNode.decimalValue().compareTo(BigDecimal.valueOf(MAX_STEPS)) > 0) {
            throw error("/steps", "`steps` must be a whole number from 1 to " + MAX_STEPS);
        }
        int steps = stepsNode.decimalValue().intValueExact();
        Duration step = root.has("step") ? duration(root.get("step")) : Duration.ofMinutes(1);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        if (root.has("start")) {
            try {
                start = Instant.parse(root.get("start").asText());
            } catch (DateTimeParseException e) {
                throw error("/start", "`start` `" + Echo.of(root.get("start").asText()) + "` is not an ISO-8601 instant");
            }
        }
        if (root.has("returns") == root.has("shock")) {
            throw error("", "the scenario needs exactly one of `returns` and `shock`");
        }
        Map<String, List<BigDecimal>> returns = root.has("returns") ? returns(root.get("returns"), steps) : null;
        StressScenario.Shock shock = root.has("shock") ? shock(root.get("shock")) : null;
        Map<String, BigDecimal> impact = root.has("impact") ? perMarket("/impact", root.get("impact"), true)
                : Map.of();
        BigDecimal rehedge = BigDecimal.ZERO;
        if (root.has("rehedge")) {
            rehedge = decimal("/rehedge", root.get("rehedge"));
            if (rehedge.signum() < 0) throw error("/rehedge", "`rehedge` must not be negative");
        }
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        return new StressScenario(name, steps, step, start, returns, shock, impact, rehedge);
    }

    private Duration duration(JsonNode v) {
        Matcher m = DURATION.matcher(v.isTextual() ? v.asText() : "");
        if (!m.matches()) throw error("/step", "`step` `" + Echo.of(v.asText()) + "` must be a duration such as 30s, 1m, 4h or 1d");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private Map<String, List<BigDecimal>> returns(JsonNode node, int steps) {
        if (!node.isObject()) throw error("/returns", "`returns` must map each market to a list of returns");
        Map<String, List<BigDecimal>> out = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String market = it.next();
            String p = LocatedJson.child("/returns", market);
            knownMarket(p, market);
            JsonNode list = node.get(market);
            if (!list.isArray() || list.size() != steps) {
                throw error(p, "the returns of `" + Echo.of(market) + "` must be a list of " + steps
                        + " numbers, one per step");
            }
            List<BigDecimal> rs = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                BigDecimal r = decimal(p + "/" + i, list.get(i));
                if (r.compareTo(BigDecimal.ONE.negate()) < 0) throw error(p + "/" + i, "a return must be at least -1");
                rs.add(r);
            }
            out.put(market, rs);
        }
        return out;
    }

    private StressScenario.Shock shock(JsonNode node) {
        if (!node.isObject()) throw error("/shock", "`shock` must be an object with `drift`, `vol` and `correlation`");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("drift", "vol", "correlation").contains(f)) {
                throw error(LocatedJson.child("/shock", f), "unknown field `" + Echo.of(f) + "`");
            }
        }
        Map<String, Double> drift = doubles(perMarket("/shock/drift", node.get("drift"), false));
        drift.forEach((m, d) -> {
            if (d <= -1) throw error(LocatedJson.child("/shock/drift", m), "a drift must be above -1 (a total return)");
        });
        Map<String, Double> vol = doubles(perMarket("/shock/vol", node.get("vol"), true));
        Map<String, Double> corr = new LinkedHashMap<>();
        JsonNode c = node.get("correlation");
        if (c != null) {
            if (!c.isObject()) throw error("/shock/correlation", "`correlation` must map \"A/B\" pairs to numbers");
            for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                String pair = it.next();
                String p = LocatedJson.child("/shock/correlation", pair);
                String[] ab = pair.split("/", -1);
                if (ab.length != 2 || ab[0].equals(ab[1])) {
                    throw error(p, "a correlation key must be two different markets as \"A/B\", got `" + Echo.of(pair) + "`");
                }
                knownMarket(p, ab[0]);
                knownMarket(p, ab[1]);
                double rho = decimal(p, c.get(pair)).doubleValue();
                if (rho < -1 || rho > 1) throw error(p, "a correlation must be from -1 to 1");
                String key = ab[0].compareTo(ab[1]) < 0 ? pair : ab[1] + "/" + ab[0];
                if (corr.put(key, rho) != null) throw error(p, "the pair `" + Echo.of(pair) + "` is given twice");
            }
        }
        return new StressScenario.Shock(drift, vol, corr);
    }

    private Map<String, BigDecimal> perMarket(String p, JsonNode node, boolean notNegative) {
        if (node == null) return new LinkedHashMap<>();
        if (!node.isObject()) throw error(p, "`" + p.substring(p.lastIndexOf('/') + 1) + "` must map markets to numbers");
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String market = it.next();
            String at = LocatedJson.child(p, market);
            knownMarket(at, market);
            BigDecimal v = decimal(at, node.get(market));
            if (notNegative && v.signum() < 0) throw error(at, "the value for `" + Echo.of(market) + "` must not be negative");
            out.put(market, v);
        }
        return out;
    }

    private static Map<String, Double> doubles(Map<String, BigDecimal> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.doubleValue()));
        return out;
    }

    private void knownMarket(String p, String market) {
        if (!markets.contains(market)) {
            throw error(p, "market `" + Echo.of(market) + "` is not a market of the venue");
        }
    }

    private BigDecimal decimal(String p, JsonNode v) {
        try {
            if (v != null && v.isNumber()) return v.decimalValue();
            if (v != null && v.isTextual()) return Decimals.parsePlain(v.asText().strip());
        } catch (IllegalArgumentException e) {
            throw error(p, e.getMessage());
        }
        throw error(p, "expected a number");
    }

    private InputException error(String pointer, String sentence) {
        SourcePos at = json.at(pointer);
        return InputException.at(source, at.line(), at.col(), "bad_scenario", sentence);
    }
}
