package dev.adl.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.adl.runtime.Event;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the event JSON of LANGUAGE.md. Streaming, so that every error names the line it
 * is on: {@code event.json:3: `mark_price` must be a decimal, got `abc`}.
 */
final class EventJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final Set<String> REQUIRED = Set.of("market", "mark_price", "lot_size", "insurance_fund", "now",
            "bankrupt_account");

    private final String name;

    private EventJson(String name) {
        this.name = name;
    }

    /** An event and the line each of its fields was on, for messages about their values. */
    record Parsed(Event event, java.util.Map<String, Integer> lines) {
        int line(String field) {
            return lines.getOrDefault(field, 1);
        }
    }

    static Event parse(String name, String text) {
        return parseWithLines(name, text).event();
    }

    static Parsed parseWithLines(String name, String text) {
        return new EventJson(name).parse(text);
    }

    private Parsed parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(p, "an event must be a JSON object");
            }
            String market = null;
            String account = null;
            BigDecimal mark = null;
            BigDecimal lot = null;
            BigDecimal fund = null;
            Instant now = null;
            List<Event.FundPoint> history = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            java.util.Map<String, Integer> lines = new java.util.HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (!seen.add(field)) throw error(p, "field `" + field + "` appears twice");
                lines.put(field, line(p));
                p.nextToken();
                switch (field) {
                    case "market" -> market = string(p, field);
                    case "bankrupt_account" -> account = string(p, field);
                    case "mark_price" -> mark = decimal(p, field);
                    case "lot_size" -> lot = decimal(p, field);
                    case "insurance_fund" -> fund = decimal(p, field);
                    case "now" -> now = instant(p, field);
                    case "fund_history" -> history = history(p);
                    default -> throw error(p, "unknown field `" + field + "`");
                }
            }
            if (p.nextToken() != null) throw error(p, "unexpected content after the event object");
            for (String f : REQUIRED) {
                if (!seen.contains(f)) throw new CliException(name + ":1: the event has no `" + f + "` field");
            }
            return new Parsed(new Event(market, mark, lot, fund, now, history, account), java.util.Map.copyOf(lines));
        } catch (JsonParseException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new CliException(name + ":" + line + ": the event is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new CliException(name + ": cannot read the event (" + e.getMessage() + ")");
        }
    }

    private List<Event.FundPoint> history(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw error(p, "`fund_history` must be a list");
        List<Event.FundPoint> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw error(p, "each `fund_history` entry must be an object with `at` and `balance`");
            }
            int line = line(p);
            Instant at = null;
            BigDecimal balance = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "at" -> at = instant(p, "at");
                    case "balance" -> balance = decimal(p, "balance");
                    default -> throw error(p, "unknown field `" + field + "` in a `fund_history` entry");
                }
            }
            if (at == null || balance == null) {
                throw new CliException(name + ":" + line + ": a `fund_history` entry needs both `at` and `balance`");
            }
            out.add(new Event.FundPoint(at, balance));
        }
        return out;
    }

    private String string(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw error(p, "`" + field + "` must be a string");
        String s = p.getText();
        if (s.isEmpty()) throw error(p, "`" + field + "` must not be empty");
        return s;
    }

    private BigDecimal decimal(JsonParser p, String field) throws IOException {
        // Decimals are strings in plain notation; a bare JSON number is accepted by its exact text.
        if (p.currentToken() != JsonToken.VALUE_STRING && p.currentToken() != JsonToken.VALUE_NUMBER_INT
                && p.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
            throw error(p, "`" + field + "` must be a decimal string such as \"1000.5\"");
        }
        String s = p.getText().trim();
        if (!s.matches("-?[0-9]+(\\.[0-9]+)?")) {
            throw error(p, "`" + field + "` must be a plain decimal, got `" + s + "`");
        }
        return new BigDecimal(s);
    }

    private Instant instant(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw error(p, "`" + field + "` must be an ISO-8601 instant string");
        try {
            return Instant.parse(p.getText());
        } catch (DateTimeParseException e) {
            throw error(p, "`" + field + "` must be an ISO-8601 instant such as \"2026-01-01T08:00:00Z\", got `"
                    + p.getText() + "`");
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private CliException error(JsonParser p, String sentence) {
        return new CliException(name + ":" + line(p) + ": " + sentence);
    }
}
