package dev.adl.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.io.EventValidation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The server's one JSON mapper, and readers for request fields that answer bad input with a 400. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** A request body that must be one JSON object. */
    public static ObjectNode requestObject(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
            throw new ApiException(400, "bad_json", "the request body is not valid JSON",
                    List.of(new ApiException.Detail(line, col, e.getOriginalMessage())));
        }
        if (!(node instanceof ObjectNode o)) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        return o;
    }

    public static String text(JsonNode obj, String field, boolean required) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            if (required) throw ApiException.badRequest("field `" + field + "` is required");
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw ApiException.badRequest("field `" + field + "` must be a non-empty string");
        }
        return v.asText();
    }

    /** A decimal given as a string in plain notation (or a JSON number, taken by its exact text). */
    public static BigDecimal decimal(JsonNode obj, String field, boolean required) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            if (required) throw ApiException.badRequest("field `" + field + "` is required");
            return null;
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            // the one range rule of amounts, decided before anything expands `1e999999999`
            if (EventValidation.tooManyDigits(d) || d.scale() > 16) {
                throw ApiException.badRequest("field `" + field + "` `" + v + "` is out of range");
            }
        }
        String s = v.isTextual() ? v.asText().trim() : v.isNumber() ? v.decimalValue().toPlainString() : null;
        if (s == null || !s.matches("-?[0-9]+(\\.[0-9]+)?")) {
            throw ApiException.badRequest("field `" + field + "` must be a plain decimal such as \"1000.5\", got `"
                    + (v.isTextual() ? v.asText() : v.toString()) + "`");
        }
        return new BigDecimal(s);
    }

    public static Instant instant(JsonNode obj, String field, boolean required) {
        String s = text(obj, field, required);
        if (s == null) return null;
        try {
            Instant t = Instant.parse(s);
            if (!EventValidation.inYears(t)) {
                throw ApiException.badRequest("field `" + field + "` must lie in the years 1970 to 9999, got `" + s + "`");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("field `" + field + "` must be an ISO-8601 instant such as "
                    + "\"2026-01-01T08:00:00Z\", got `" + s + "`");
        }
    }

    public static long integer(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) throw ApiException.badRequest("field `" + field + "` is required");
        // canConvertToExactIntegral alone would let 2^64 + 2 through and wrap it to 2
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
        if (v.isTextual() && v.asText().matches("[0-9]{1,18}")) return Long.parseLong(v.asText());
        throw ApiException.badRequest("field `" + field + "` must be a whole number, got `" + v + "`");
    }
}
