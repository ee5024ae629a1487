package dev.adl.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.diag.Echo;
import dev.adl.diag.SourcePos;
import dev.adl.io.EventValidation.Sign;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.Event;
import dev.adl.runtime.InputException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The one reader of the event JSON of docs/language.md, for its three callers: a whole event
 * file ({@code adl run}), an event mapping inside a test suite, and the server's event
 * request, which names only the account, the mark and optionally the time (the market
 * holds the lot size and the fund). Every problem of an event is reported at once, each
 * as a diagnostic at the line and column of its field, in one {@link InputException}.
 */
public final class EventJson {
    /** The fields of a whole event, in the contract's order. */
    public static final List<String> FIELDS = List.of("market", "mark_price", "lot_size", "insurance_fund", "now",
            "fund_history", "bankrupt_account");
    /** Version 2's latch input, optional: an event without it is not latched. */
    public static final String TRIGGER_ACTIVE = "trigger_active";
    private static final Set<String> OPTIONAL = Set.of("fund_history", TRIGGER_ACTIVE);

    private EventJson() {
    }

    /** An event, the input it came from and where its fields were, for later messages about their values. */
    public record Read(String source, Event event, LocatedJson json) {
        /** Where a field of the event starts in the text (the event's own place when it has no text). */
        public SourcePos at(String field) {
            return json.at(LocatedJson.child("", field));
        }
    }

    /** The parts of an event a request to the server names; the market supplies the rest. */
    public record Request(String account, BigDecimal mark, Instant now) {
        /** The engine's event: this request applied to a market's lot size, fund and fund history. */
        public Event event(String market, BigDecimal lotSize, BigDecimal fund, List<Event.FundPoint> history) {
            return new Event(market, mark, lotSize, fund, now, history, account);
        }
    }

    /** A whole event file. */
    public static Read file(String source, String text) {
        return read(source, LocatedJson.parse(source, text, "the event"));
    }

    /** A whole event, every field of the contract; a suite passes its mapping with {@link LocatedJson#of}. */
    public static Read read(String source, LocatedJson json) {
        Fields f = new Fields(json);
        Set<String> known = new java.util.HashSet<>(FIELDS);
        known.add(TRIGGER_ACTIVE);
        f.refuseUnknown(known);
        String market = f.name("market");
        BigDecimal mark = f.amount("mark_price", Sign.POSITIVE);
        BigDecimal lot = f.amount("lot_size", Sign.POSITIVE);
        if (lot != null && !Decimals.fitsFixed(lot)) {
            f.check.problem("out_of_range", "`lot_size` `" + lot.toPlainString() + "` does not fit the store's "
                    + "fixed point", f.at("lot_size"));
        }
        BigDecimal fund = f.amount("insurance_fund", Sign.NOT_NEGATIVE);
        Instant now = f.instant("now");
        List<Event.FundPoint> history = f.history();
        String account = f.name("bankrupt_account");
        Boolean latched = f.flag(TRIGGER_ACTIVE);
        f.check.throwIfAny(source);
        return new Read(source, new Event(market, mark, lot, fund, now, history, account, latched), json);
    }

    /**
     * The server's event request: {@code bankrupt_account}, {@code mark_price} and optionally
     * {@code now} (the clock's time when absent). Fields the market owns are not read here.
     */
    public static Request request(JsonNode body, String source, Clock clock) {
        return request(source, LocatedJson.of(body, new SourcePos(0, 0, 1)), clock);
    }

    /** As {@link #request(JsonNode, String, Clock)}, with places in the request's text. */
    public static Request request(String source, LocatedJson body, Clock clock) {
        Fields f = new Fields(body);
        String account = f.name("bankrupt_account");
        BigDecimal mark = f.amount("mark_price", Sign.POSITIVE);
        Instant now = f.has("now") ? f.instant("now") : clock.instant();
        f.check.throwIfAny(source);
        return new Request(account, mark, now);
    }

    /** Reads the fields of one event object, recording every problem in one validation. */
    private static final class Fields {
        final EventValidation check = new EventValidation();
        private final LocatedJson json;
        private final ObjectNode object;

        Fields(LocatedJson json) {
            this.json = json;
            if (json.root() instanceof ObjectNode o) {
                this.object = o;
            } else {
                this.object = null;
                check.problem("bad_value", "an event must be a JSON object", json.at(""));
            }
            for (String dup : json.duplicates()) {
                check.problem("duplicate_field", "field `" + Echo.of(dup.substring(dup.lastIndexOf('/') + 1))
                        + "` appears twice", json.at(dup));
            }
        }

        SourcePos at(String field) {
            return json.at(LocatedJson.child("", field));
        }

        boolean has(String field) {
            return object != null && object.hasNonNull(field);
        }

        void refuseUnknown(Set<String> known) {
            if (object == null) return;
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!known.contains(field)) check.problem("unknown_field", "unknown field `" + Echo.of(field) + "`", at(field));
            }
        }

        /** The field's value, or null after recording that it is missing (when required). */
        private JsonNode value(String field) {
            if (object == null) return null;
            JsonNode v = object.get(field);
            if (v == null || v.isNull()) {
                if (!OPTIONAL.contains(field)) {
                    check.problem("missing_field", "the event has no `" + field + "` field", json.at(""));
                }
                return null;
            }
            return v;
        }

        /** An optional true/false field; null when absent. */
        Boolean flag(String field) {
            JsonNode v = value(field);
            if (v == null) return null;
            if (!v.isBoolean()) {
                check.problem("bad_value", "`" + field + "` must be true or false", at(field));
                return null;
            }
            return v.booleanValue();
        }

        String name(String field) {
            JsonNode v = value(field);
            if (v == null) return null;
            if (!v.isTextual()) {
                check.problem("bad_value", "`" + field + "` must be a string", at(field));
                return null;
            }
            return check.name(field, v.asText(), at(field));
        }

        BigDecimal amount(String field, Sign sign) {
            JsonNode v = value(field);
            return v == null ? null : amount(field, v, sign, at(field));
        }

        private BigDecimal amount(String field, JsonNode v, Sign sign, SourcePos at) {
            if (v.isTextual()) return check.amount(field, v.asText().strip(), sign, at);
            if (v.isNumber()) {
                // a bare JSON number counts by its exact value; its text is how the user wrote it
                if (v.isFloatingPointNumber() && !v.isBigDecimal() && !Double.isFinite(v.doubleValue())) {
                    check.problem("bad_number", "`" + field + "` must be a decimal, got `" + v.asText() + "`", at);
                    return null;
                }
                BigDecimal d = v.isFloatingPointNumber() && !v.isBigDecimal() ? new BigDecimal(v.asText())
                        : v.decimalValue();
                return check.amount(field, d, v.isBigDecimal() ? EventValidation.shown(d) : v.asText(), sign, at);
            }
            check.problem("bad_number", "`" + field + "` must be a decimal string such as \"1000.5\"", at);
            return null;
        }

        Instant instant(String field) {
            JsonNode v = value(field);
            return v == null ? null : instant(field, v, at(field));
        }

        private Instant instant(String field, JsonNode v, SourcePos at) {
            if (!v.isTextual()) {
                check.problem("bad_instant", "`" + field + "` must be an ISO-8601 instant string", at);
                return null;
            }
            return check.instant(field, v.asText(), at);
        }

        List<Event.FundPoint> history() {
            List<Event.FundPoint> out = new ArrayList<>();
            JsonNode h = value("fund_history");
            if (h == null) return out;
            String base = LocatedJson.child("", "fund_history");
            if (!h.isArray()) {
                check.problem("bad_value", "`fund_history` must be a list", json.at(base));
                return out;
            }
            for (int i = 0; i < h.size(); i++) {
                JsonNode e = h.get(i);
                String entry = base + "/" + i;
                if (!(e instanceof ObjectNode o) || !o.hasNonNull("at") || !o.hasNonNull("balance") || o.size() != 2) {
                    check.problem("bad_value", "each `fund_history` entry must be an object with `at` and `balance`",
                            json.at(entry));
                    continue;
                }
                Instant at = instant("fund_history.at", o.get("at"), json.at(LocatedJson.child(entry, "at")));
                BigDecimal balance = amount("fund_history.balance", o.get("balance"), Sign.NOT_NEGATIVE,
                        json.at(LocatedJson.child(entry, "balance")));
                if (at != null && balance != null) out.add(new Event.FundPoint(at, balance));
            }
            return out;
        }
    }
}
