package dev.adl.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adl.diag.Echo;
import dev.adl.diag.SourcePos;
import dev.adl.io.LocatedJson;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.Event;
import dev.adl.runtime.InputException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads buffers.json (EXCHANGE.md section 2): {@code {"layers": {"<name>": {"balance",
 * "history": [{"at", "balance"}], "paid": [{"at", "amount"}]}}}}, a pool possibly with
 * {@code "ledger"} (its {@code value} and {@code reserve}) in place of {@code balance}.
 */
final class BuffersJson {
    private static final Set<String> LAYER_FIELDS = Set.of("balance", "ledger", "history", "paid");

    private BuffersJson() {
    }

    static List<LayerBook.Layer> read(String source, String text) {
        LocatedJson json = LocatedJson.parse(source, text, "the buffers file");
        Reader r = new Reader(source, json);
        JsonNode layers = json.root().get("layers");
        if (!json.root().isObject() || layers == null || !layers.isObject()) {
            throw r.error("", "the buffers file must be an object with a `layers` object");
        }
        List<LayerBook.Layer> out = new ArrayList<>();
        for (Iterator<String> it = layers.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            out.add(r.layer(name, layers.get(name), LocatedJson.child("/layers", name)));
        }
        return out;
    }

    private record Reader(String source, LocatedJson json) {
        InputException error(String pointer, String sentence) {
            SourcePos at = json.at(pointer);
            return InputException.at(source, at.line(), at.col(), "bad_value", sentence);
        }

        LayerBook.Layer layer(String name, JsonNode node, String at) {
            if (!node.isObject()) throw error(at, "layer `" + Echo.of(name) + "` must be an object");
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!LAYER_FIELDS.contains(f)) throw error(LocatedJson.child(at, f), "unknown field `" + Echo.of(f) + "`");
            }
            boolean hasLedger = node.has("ledger");
            if (hasLedger == node.has("balance")) {
                throw error(at, "layer `" + Echo.of(name) + "` needs exactly one of `balance` and `ledger`");
            }
            BigDecimal value = null;
            BigDecimal reserve = null;
            BigDecimal balance;
            if (hasLedger) {
                String l = LocatedJson.child(at, "ledger");
                value = amount(node.get("ledger").get("value"), LocatedJson.child(l, "value"), "ledger value");
                reserve = amount(node.get("ledger").get("reserve"), LocatedJson.child(l, "reserve"), "ledger reserve");
                balance = value.add(reserve);
            } else {
                balance = amount(node.get("balance"), LocatedJson.child(at, "balance"), "balance");
            }
            List<Event.FundPoint> history = new ArrayList<>();
            for (Entry e : entries(node, at, "history", "balance")) history.add(new Event.FundPoint(e.at, e.amount));
            List<LayerBook.Paid> paid = new ArrayList<>();
            for (Entry e : entries(node, at, "paid", "amount")) paid.add(new LayerBook.Paid(e.at, e.amount));
            return new LayerBook.Layer(name, balance, history, paid, value, reserve);
        }

        private record Entry(Instant at, BigDecimal amount) {
        }

        private List<Entry> entries(JsonNode layer, String at, String field, String amountField) {
            List<Entry> out = new ArrayList<>();
            JsonNode list = layer.get(field);
            if (list == null) return out;
            String p = LocatedJson.child(at, field);
            if (!list.isArray()) throw error(p, "`" + field + "` must be a list");
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                String ep = p + "/" + i;
                if (!e.isObject() || e.size() != 2 || !e.has("at") || !e.has(amountField)) {
                    throw error(ep, "each `" + field + "` entry must be an object with `at` and `" + amountField + "`");
                }
                out.add(new Entry(instant(e.get("at"), LocatedJson.child(ep, "at")),
                        amount(e.get(amountField), LocatedJson.child(ep, amountField), amountField)));
            }
            return out;
        }

        private Instant instant(JsonNode v, String p) {
            try {
                if (v.isTextual()) return Instant.parse(v.asText());
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw error(p, "`at` `" + Echo.of(v.asText()) + "` is not an ISO-8601 instant");
        }

        private BigDecimal amount(JsonNode v, String p, String what) {
            if (v == null || v.isNull()) throw error(p, "the " + what + " is missing");
            BigDecimal d;
            try {
                d = v.isNumber() ? v.decimalValue() : Decimals.parsePlain(v.asText().strip());
            } catch (IllegalArgumentException e) {
                throw error(p, "the " + what + " " + e.getMessage());
            }
            if (d.signum() < 0) throw error(p, "the " + what + " `" + d.toPlainString() + "` must not be negative");
            return d;
        }
    }
}
