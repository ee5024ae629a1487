package dev.adl.testing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.adl.diag.SourcePos;
import dev.adl.io.EventJson;
import dev.adl.io.LocatedJson;
import dev.adl.runtime.Event;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;
import dev.adl.runtime.InputException;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.PositionsCsv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML suite file into cases. Paths in a suite are relative to the suite's folder.
 * Top level: {@code policy}, optional {@code defaults} (merged under every case) and
 * {@code cases}. A case may give a version 2 venue ({@code buffers}, {@code markets},
 * {@code accounts}). A case with {@code rows} is a table: each row is merged over the case,
 * which serves as the template. CSV files are read once per reader and shared by cases.
 */
public final class SuiteReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Set<String> SUITE_KEYS = Set.of("policy", "defaults", "cases");
    private static final Set<String> CASE_KEYS = Set.of("name", "policy", "positions", "exposures", "event", "expect",
            "rows", "buffers", "markets", "accounts");
    private static final Set<String> EVENT_KEYS = Set.of("file", "market", "mark_price", "lot_size", "insurance_fund",
            "now", "fund_history", "bankrupt_account", "trigger_active");

    private final Map<Path, Map<String, PositionStore>> positionFiles = new HashMap<>();
    private final Map<Path, ExposureFeed> exposureFiles = new HashMap<>();
    private final Map<Path, InputException> failedFiles = new HashMap<>();

    /** The cases of one suite file, in file order, table rows expanded. */
    public List<TestCase> read(Path suiteFile) {
        JsonNode root = parse(suiteFile);
        List<Integer> caseLines = caseLines(suiteFile);
        if (!(root instanceof ObjectNode top)) {
            throw new SuiteFormatException(suiteFile + ": a suite must be a mapping with `policy` and `cases`");
        }
        checkKeys(top, SUITE_KEYS, suiteFile + ": ");
        JsonNode defaults = top.path("defaults");
        if (!defaults.isMissingNode() && !defaults.isObject()) {
            throw new SuiteFormatException(suiteFile + ": `defaults` must be a mapping");
        }
        JsonNode cases = top.path("cases");
        if (!cases.isArray() || cases.isEmpty()) {
            throw new SuiteFormatException(suiteFile + ": `cases` must be a non-empty list");
        }
        ObjectNode base = top.objectNode();
        if (top.has("policy")) base.set("policy", top.get("policy"));
        if (defaults.isObject()) {
            checkKeys((ObjectNode) defaults, CASE_KEYS, suiteFile + ": defaults: ");
            base = merge(base, defaults);
        }
        List<TestCase> out = new ArrayList<>();
        int index = 0;
        for (JsonNode c : cases) {
            index++;
            if (!(c instanceof ObjectNode caseNode)) {
                throw new SuiteFormatException(suiteFile + ": case " + index + " must be a mapping");
            }
            String name = c.path("name").isTextual() ? c.get("name").asText() : "case " + index;
            int line = index <= caseLines.size() ? caseLines.get(index - 1) : 1;
            String where = suiteFile + ":" + line + ": case `" + name + "`: ";
            checkKeys(caseNode, CASE_KEYS, where);
            ObjectNode merged = merge(base, without(caseNode, "rows"));
            JsonNode rows = c.path("rows");
            if (rows.isMissingNode()) {
                out.add(build(suiteFile, line, name, merged, where));
                continue;
            }
            if (!rows.isArray() || rows.isEmpty()) {
                throw new SuiteFormatException(where + "`rows` must be a non-empty list");
            }
            int r = 0;
            for (JsonNode row : rows) {
                r++;
                if (!(row instanceof ObjectNode rowNode)) {
                    throw new SuiteFormatException(where + "row " + r + " must be a mapping");
                }
                String rowName = name + " [" + (row.path("name").isTextual() ? row.get("name").asText() : "row " + r)
                        + "]";
                String rowWhere = suiteFile + ":" + line + ": case `" + rowName + "`: ";
                checkKeys(rowNode, CASE_KEYS, rowWhere);
                if (row.has("rows")) throw new SuiteFormatException(rowWhere + "a row cannot have `rows` of its own");
                out.add(build(suiteFile, line, rowName, merge(merged, without(rowNode, "name")), rowWhere));
            }
        }
        return out;
    }

    private TestCase build(Path suiteFile, int line, String name, ObjectNode c, String where) {
        Path dir = suiteFile.toAbsolutePath().getParent();
        if (!c.path("policy").isTextual()) {
            throw new SuiteFormatException(where + "no `policy` (give it at the top of the suite or in the case)");
        }
        Path policy = relative(suiteFile, dir.resolve(c.get("policy").asText()));
        Expectation expect = ExpectationReader.read(c.path("expect"), where);
        Inputs inputs;
        try {
            Event event = event(suiteFile, line, dir, c.path("event"), where);
            Map<String, PositionStore> stores = positions(suiteFile, dir, c.path("positions"), event.market(), where);
            ExposureFeed exposures = exposures(suiteFile, dir, c.path("exposures"), where);
            CaseVenue venue = VenueInputsReader.read(suiteFile, dir, c.path("buffers"), c.path("markets"),
                    c.path("accounts"), where);
            inputs = new Inputs(stores, exposures, event, venue, null);
        } catch (InputException e) {
            inputs = Inputs.failed(e.getMessage());
        }
        return new TestCase(suiteFile, name, suiteFile + ": " + name, policy, inputs, expect);
    }

    /** Paths in reports as the user would write them: relative to the working folder when inside it. */
    private static Path relative(Path suiteFile, Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return suiteFile.isAbsolute() || !abs.startsWith(cwd) ? abs : cwd.relativize(abs);
    }

    // ---- event ----

    private Event event(Path suiteFile, int line, Path dir, JsonNode node, String where) {
        ObjectNode fields;
        if (node.isTextual()) {
            fields = eventFile(dir.resolve(node.asText()), where);
        } else if (node instanceof ObjectNode o) {
            checkKeys(o, EVENT_KEYS, where + "event: ");
            fields = o.has("file") ? merge(eventFile(dir.resolve(o.get("file").asText()), where), without(o, "file"))
                    : o;
        } else {
            throw new SuiteFormatException(where + "no `event` (a path to an event JSON file, or a mapping)");
        }
        checkKeys(fields, EVENT_KEYS, where + "event: ");
        // the merged mapping has no text of its own: its problems are reported at the case's line
        return EventJson.read(suiteFile.toString(), LocatedJson.of(fields, new SourcePos(line, 0, 1))).event();
    }

    private static ObjectNode eventFile(Path file, String where) {
        JsonNode n = parse(file);
        if (!(n instanceof ObjectNode o)) throw new SuiteFormatException(where + file + ": an event must be an object");
        return o;
    }

    // ---- positions and exposures ----

    private Map<String, PositionStore> positions(Path suiteFile, Path dir, JsonNode node, String market, String where) {
        if (node.isTextual() && !node.asText().contains("\n")) {
            Path file = dir.resolve(node.asText()).normalize();
            rethrowIfFailed(file);
            try {
                return positionFiles.computeIfAbsent(file,
                        f -> PositionsCsv.read(readText(f, where), relative(suiteFile, f).toString()));
            } catch (InputException e) {
                failedFiles.put(file, e);
                throw e;
            }
        }
        String name = suiteFile + " (positions of case)";
        if (node.isTextual()) {
            return PositionsCsv.read(node.asText().strip() + "\n", name);
        }
        if (node.isArray()) {
            StringBuilder csv = new StringBuilder(PositionsCsv.HEADER).append('\n');
            for (JsonNode row : node) {
                csv.append(cell(row, "account", where)).append(',')
                        .append(row.has("market") ? cell(row, "market", where) : market).append(',')
                        .append(cell(row, "side", where)).append(',')
                        .append(cell(row, "size", where)).append(',')
                        .append(cell(row, "entry_price", where)).append(',')
                        .append(cell(row, "collateral", where)).append('\n');
            }
            return PositionsCsv.read(csv.toString(), name);
        }
        throw new SuiteFormatException(where + "no `positions` (a CSV path, CSV text, or a list of positions)");
    }

    private ExposureFeed exposures(Path suiteFile, Path dir, JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) return ExposureFeed.empty();
        if (node.isTextual() && !node.asText().contains("\n")) {
            Path file = dir.resolve(node.asText()).normalize();
            rethrowIfFailed(file);
            try {
                return exposureFiles.computeIfAbsent(file,
                        f -> ExposuresCsv.read(readText(f, where), relative(suiteFile, f).toString()));
            } catch (InputException e) {
                failedFiles.put(file, e);
                throw e;
            }
        }
        String name = suiteFile + " (exposures of case)";
        if (node.isTextual()) {
            return ExposuresCsv.read(node.asText().strip() + "\n", name);
        }
        if (node.isArray()) {
            StringBuilder csv = new StringBuilder(ExposuresCsv.HEADER).append('\n');
            for (JsonNode row : node) {
                csv.append(cell(row, "account", where)).append(',').append(cell(row, "source", where)).append(',')
                        .append(cell(row, "notional", where)).append(',').append(cell(row, "collateral", where))
                        .append(',').append(cell(row, "as_of", where)).append('\n');
            }
            return ExposuresCsv.read(csv.toString(), name);
        }
        throw new SuiteFormatException(where + "`exposures` must be a CSV path, CSV text, or a list of rows");
    }

    private void rethrowIfFailed(Path file) {
        InputException e = failedFiles.get(file);
        if (e != null) throw e;
    }

    private static String cell(JsonNode row, String key, String where) {
        JsonNode v = row.path(key);
        if (v.isMissingNode() || v.isNull() || v.isContainerNode()) {
            throw new SuiteFormatException(where + "an inline row has no `" + key + "`");
        }
        String s = v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
        if (s.contains(",") || s.contains("\n")) {
            throw new SuiteFormatException(where + "`" + key + "` value `" + s + "` must not contain a comma");
        }
        return s;
    }

    // ---- YAML plumbing ----

    /** The line each entry of {@code cases} starts on, so that mistakes in a case can name it. */
    private static List<Integer> caseLines(Path file) {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser p = YAML.getFactory().createParser(readText(file, ""))) {
            if (p.nextToken() != JsonToken.START_OBJECT) return lines;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("cases") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        lines.add(p.currentTokenLocation().getLineNr());
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // the tree was read already; without lines, messages fall back to line 1
        }
        return lines;
    }

    private static JsonNode parse(Path file) {
        try {
            JsonNode n = YAML.readTree(readText(file, ""));
            return n == null ? YAML.missingNode() : n;
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            String why = e.getOriginalMessage().strip().lines().findFirst().orElse("unreadable");
            throw new SuiteFormatException(file + ":" + line + ": not valid YAML (" + why + ")");
        } catch (IOException e) {
            throw new SuiteFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** A file a suite names, as text; a missing or unreadable one is a suite error naming it. */
    static String readText(Path file, String where) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SuiteFormatException(where + file + ": no such file");
        } catch (IOException e) {
            throw new SuiteFormatException(where + file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    static void checkKeys(ObjectNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new SuiteFormatException(where + "unknown key `" + k + "` (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private static ObjectNode without(ObjectNode n, String key) {
        ObjectNode copy = n.deepCopy();
        copy.remove(key);
        return copy;
    }

    /** {@code over} laid on {@code under}: mappings merge key by key, anything else is replaced. */
    static ObjectNode merge(ObjectNode under, JsonNode over) {
        ObjectNode out = under.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode mine = out.get(e.getKey());
            if (e.getKey().equals("event") && mine != null && mine.isTextual() && e.getValue().isObject()
                    && !e.getValue().has("file")) {
                // a row that changes some fields of the template's event file keeps the file
                ObjectNode file = out.objectNode();
                file.set("file", mine);
                mine = file;
            }
            if (mine instanceof ObjectNode m && e.getValue() instanceof ObjectNode o) {
                out.set(e.getKey(), merge(m, o));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }
}
