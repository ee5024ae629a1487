package dev.adl.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import dev.adl.runtime.InputException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON tree together with where each of its values stands in the text, so that a message
 * about a value can name its line and column. Jackson's tree keeps no locations, so one
 * streaming pass builds the tree and records, by JSON Pointer, the place of every field
 * name and array element. A tree that came from elsewhere (a merged YAML mapping) has no
 * text: every place is then the fallback the caller gives.
 */
public final class LocatedJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final JsonNode root;
    private final Map<String, SourcePos> places;
    private final List<String> duplicates;
    private final SourcePos fallback;

    private LocatedJson(JsonNode root, Map<String, SourcePos> places, List<String> duplicates, SourcePos fallback) {
        this.root = root;
        this.places = places;
        this.duplicates = duplicates;
        this.fallback = fallback;
    }

    /**
     * Parses JSON text; text that is not JSON is an {@link InputException} at the place the
     * parser stopped, {@code what} naming the document in its sentence ("the event").
     */
    public static LocatedJson parse(String source, String text, String what) {
        Map<String, SourcePos> places = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw InputException.at(source, 1, 1, "bad_json", what + " is empty");
            }
            places.put("", place(p.currentTokenLocation()));
            JsonNode root = value(p, "", places, duplicates);
            if (p.nextToken() != null) {
                throw InputException.at(source, p.currentTokenLocation().getLineNr(),
                        p.currentTokenLocation().getColumnNr(), "bad_json", "unexpected content after " + what);
            }
            return new LocatedJson(root, places, List.copyOf(duplicates), new SourcePos(1, 1, 1));
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int col = at == null ? 0 : Math.max(0, at.getColumnNr());
            throw InputException.at(source, line, col, "bad_json", what + " is not valid JSON ("
                    + e.getOriginalMessage().lines().findFirst().orElse("unreadable") + ")");
        } catch (IOException e) {
            throw new InputException(source, List.of(new Diagnostic(Diagnostic.Severity.ERROR, "unreadable",
                    "cannot read " + what + " (" + e.getMessage() + ")", 0, 0, 1, null)));
        }
    }

    /** A tree without text: every value is reported at {@code fallback} (line 0 when there is no place at all). */
    public static LocatedJson of(JsonNode root, SourcePos fallback) {
        return new LocatedJson(root, Map.of(), List.of(), fallback);
    }

    public JsonNode root() {
        return root;
    }

    /**
     * Where the value at a JSON Pointer starts (for an object's field, where its name starts);
     * a value that is not in the text, such as a missing field, is reported at its nearest
     * enclosing value.
     */
    public SourcePos at(String pointer) {
        String p = pointer;
        while (true) {
            SourcePos found = places.get(p);
            if (found != null) return found;
            if (p.isEmpty()) return fallback;
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** Pointers of the fields given more than once in one object, in text order (JSON keeps the last). */
    public List<String> duplicates() {
        return duplicates;
    }

    /** The JSON Pointer of a field of the object at {@code parent}. */
    public static String child(String parent, String field) {
        return parent + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode value(JsonParser p, String pointer, Map<String, SourcePos> places, List<String> duplicates)
            throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    String at = child(pointer, field);
                    SourcePos pos = place(p.currentTokenLocation());
                    if (o.has(field)) duplicates.add(at);
                    places.put(at, pos);
                    p.nextToken();
                    o.set(field, value(p, at, places, duplicates));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String at = pointer + "/" + i++;
                    places.put(at, place(p.currentTokenLocation()));
                    a.add(value(p, at, places, duplicates));
                }
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            // numbers are kept by their text: a decimal's exact digits, and no huge value is ever expanded
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NODES.numberNode(new java.math.BigDecimal(p.getText()));
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalStateException("unexpected JSON token " + p.currentToken());
        };
    }

    private static SourcePos place(JsonLocation l) {
        return new SourcePos(l.getLineNr(), l.getColumnNr(), 1);
    }
}
