package dev.adl.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.Echo;
import dev.adl.diag.SourcePos;
import dev.adl.pool.PoolJson;
import dev.adl.pool.PoolState;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.Event;
import dev.adl.runtime.InputException;
import dev.adl.runtime.LayerState;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BUFFERS.json of {@code adl run} (EXCHANGE.md section 2): the state of every layer the policy
 * names, {@code {"layers": {"<name>": {"balance", "history": [{"at", "balance"}], "paid":
 * [{"at", "amount"}]}}}}. A policy layer missing from the file, or a file layer the policy does
 * not name, is an error naming the layer; every problem is reported at its line and column.
 * A pool layer may give its staking ledger ({@code "ledger"}, EXCHANGE.md section 3) in place of
 * {@code balance}: its balance is then the ledger's {@code value + reserve}.
 */
public final class BuffersJson {
    private final String source;
    private final LocatedJson json;
    private final Set<String> pools;
    private final List<Diagnostic> problems = new ArrayList<>();
    private final Map<String, PoolState> ledgers = new LinkedHashMap<>();

    /** {@code pools}: the layers that may give a ledger; null where every layer may (a venue file names no kinds). */
    private BuffersJson(String source, LocatedJson json, Set<String> pools) {
        this.source = source;
        this.json = json;
        this.pools = pools;
    }

    /**
     * A venue's layers: the state of each in file order, and the ledger of each pool given as
     * one (its balance is the ledger's {@code value + reserve}).
     */
    public record Layers(Map<String, LayerState> states, Map<String, PoolState> ledgers) {
        public Layers {
            states = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(states));
            ledgers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ledgers));
        }
    }

    /** Every layer of the file, whichever policies draw on them; a pool may be given as its ledger. */
    public static Layers readVenue(String source, String text) {
        LocatedJson json = LocatedJson.parse(source, text, "the buffers file");
        JsonNode layers = json.root().isObject() ? json.root().get("layers") : null;
        List<String> names = new ArrayList<>();
        if (layers != null && layers.isObject()) layers.fieldNames().forEachRemaining(names::add);
        BuffersJson b = new BuffersJson(source, json, null);
        Map<String, LayerState> out = b.layers(names);
        if (!b.problems.isEmpty()) throw new InputException(source, b.problems);
        return new Layers(out, b.ledgers);
    }

    /** The layers' states by name and the ledgers of the pool layers given as one. */
    public record Buffers(Map<String, LayerState> layers, Map<String, PoolState> ledgers) {
        public Buffers {
            layers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layers));
            ledgers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ledgers));
        }
    }

    /** The layers' states for the policy's {@code layers}, of which {@code pools} may give a {@code ledger}. */
    public static Buffers read(String source, String text, List<String> layers, Set<String> pools) {
        BuffersJson b = new BuffersJson(source, LocatedJson.parse(source, text, "the buffers file"), pools);
        Map<String, LayerState> out = b.layers(layers);
        if (!b.problems.isEmpty()) throw new InputException(source, b.problems);
        return new Buffers(out, b.ledgers);
    }

    private Map<String, LayerState> layers(List<String> names) {
        Map<String, LayerState> out = new LinkedHashMap<>();
        JsonNode root = json.root();
        JsonNode layers = root.isObject() ? root.get("layers") : null;
        if (layers == null || !layers.isObject()) {
            problem("bad_value", "the buffers file must be an object with a `layers` object", "");
            return out;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("layers")) problem("unknown_field", "unknown field `" + Echo.of(f) + "`", LocatedJson.child("", f));
        }
        String base = LocatedJson.child("", "layers");
        for (Iterator<String> it = layers.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String at = LocatedJson.child(base, name);
            if (!names.contains(name)) {
                problem("unknown_layer", "layer `" + Echo.of(name) + "` is not a layer of the policy", at);
                continue;
            }
            LayerState s = layer(name, layers.get(name), at);
            if (s != null) out.put(name, s);
        }
        for (String name : names) {
            if (!layers.has(name)) problem("missing_layer", "the policy's layer `" + Echo.of(name) + "` is missing", base);
        }
        return out;
    }

    private LayerState layer(String name, JsonNode node, String at) {
        if (!node.isObject()) {
            problem("bad_value", "a layer must be an object with `balance`, `history` and `paid`", at);
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("balance", "history", "paid", "ledger").contains(f)) {
                problem("unknown_field", "unknown field `" + Echo.of(f) + "`", LocatedJson.child(at, f));
            }
        }
        BigDecimal balance;
        if (node.has("ledger") && node.has("balance")) {
            problem("bad_value", "a layer gives either its `balance` or its `ledger`, not both", at);
            balance = null;
        } else if (node.has("ledger")) {
            balance = ledgerBalance(name, LocatedJson.child(at, "ledger"));
        } else if (!node.has("balance")) {
            problem("missing_field", "the layer has no `balance`", at);
            balance = null;
        } else {
            balance = amount(node.get("balance"), LocatedJson.child(at, "balance"), "balance");
        }
        List<Event.FundPoint> history = new ArrayList<>();
        for (Entry e : entries(node, at, "history", "balance")) history.add(new Event.FundPoint(e.at(), e.amount()));
        List<LayerState.Paid> paid = new ArrayList<>();
        for (Entry e : entries(node, at, "paid", "amount")) paid.add(new LayerState.Paid(e.at(), e.amount()));
        return balance == null ? null : new LayerState(balance, history, paid);
    }

    /**
     * The balance of a pool layer given as its staking ledger (EXCHANGE.md section 3): the
     * ledger's {@code value + reserve}, all of which stands behind the layer (a loss takes the
     * reserve first). The ledger is kept so that what the layer pays can be applied to it.
     */
    private BigDecimal ledgerBalance(String name, String at) {
        if (pools != null && !pools.contains(name)) {
            problem("bad_value", "layer `" + Echo.of(name) + "` is not a `pool`; only a pool layer has a `ledger`", at);
            return null;
        }
        try {
            PoolState ledger = PoolJson.state(source, json, at);
            ledgers.put(name, ledger);
            return ledger.balance();
        } catch (InputException e) {
            problems.addAll(e.diagnostics());
            return null;
        }
    }

    private record Entry(Instant at, BigDecimal amount) {
    }

    private List<Entry> entries(JsonNode layer, String at, String field, String amountField) {
        List<Entry> out = new ArrayList<>();
        JsonNode list = layer.get(field);
        if (list == null || list.isNull()) return out;
        String base = LocatedJson.child(at, field);
        if (!list.isArray()) {
            problem("bad_value", "`" + field + "` must be a list", base);
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String p = base + "/" + i;
            if (!e.isObject() || !e.has("at") || !e.has(amountField)) {
                problem("bad_value", "each `" + field + "` entry must be an object with `at` and `" + amountField + "`", p);
                continue;
            }
            Instant when = instant(e.get("at"), LocatedJson.child(p, "at"));
            BigDecimal amount = amount(e.get(amountField), LocatedJson.child(p, amountField), amountField);
            if (when != null && amount != null) out.add(new Entry(when, amount));
        }
        return out;
    }

    private Instant instant(JsonNode v, String at) {
        try {
            if (v.isTextual()) return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            // reported below
        }
        problem("bad_instant", "`at` must be an ISO-8601 instant such as \"2026-01-01T00:00:00Z\"", at);
        return null;
    }

    private BigDecimal amount(JsonNode v, String at, String field) {
        BigDecimal d = null;
        try {
            if (v.isTextual()) d = Decimals.parsePlain(v.asText().strip());
            else if (v.isNumber()) d = new BigDecimal(v.asText());
        } catch (IllegalArgumentException e) {
            d = null;
        }
        if (d == null) {
            problem("bad_number", "`" + field + "` must be a decimal string such as \"1000.5\"", at);
        } else if (d.signum() < 0) {
            problem("bad_value", "`" + field + "` `" + d.toPlainString() + "` must not be negative", at);
            d = null;
        }
        return d;
    }

    private void problem(String code, String sentence, String pointer) {
        SourcePos p = json.at(pointer);
        problems.add(Diagnostic.error(code, sentence, p));
    }
}
