package dev.adl.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.adl.runtime.VenueCsv;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

/**
 * The venue keys of a case (version 2): {@code buffers} (a BUFFERS.json or YAML file, or the
 * same inline as a mapping), {@code markets} and {@code accounts} (a CSV file or CSV text, with
 * the headers of {@code adl run}'s {@code --markets} and {@code --accounts}).
 */
final class VenueInputsReader {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private VenueInputsReader() {
    }

    static CaseVenue read(Path suiteFile, Path dir, JsonNode buffers, JsonNode markets, JsonNode accounts,
                          String where) {
        if (isAbsent(buffers) && isAbsent(markets) && isAbsent(accounts)) return CaseVenue.NONE;
        String buffersSource = null;
        String buffersText = null;
        if (isPath(buffers)) {
            Path file = dir.resolve(buffers.asText()).normalize();
            buffersSource = file.toString();
            buffersText = SuiteReader.readText(file, where);
            // a YAML file is read as the JSON it stands for; a JSON file as it is, for its lines
            if (!file.toString().endsWith(".json")) buffersText = asJson(yaml(buffersText, where + file + ": "));
        } else if (buffers.isObject()) {
            buffersSource = suiteFile + " (buffers of case)";
            buffersText = asJson(buffers);
        } else if (!isAbsent(buffers)) {
            throw new SuiteFormatException(where + "`buffers` must be a file path or a mapping with `layers`");
        }
        String marketsSource = isPath(markets) ? dir.resolve(markets.asText()).normalize().toString()
                : suiteFile + " (markets of case)";
        Map<String, VenueCsv.Market> marketRows = isAbsent(markets) ? null
                : VenueCsv.markets(new StringReader(csv(dir, markets, "markets", where)), marketsSource);
        String accountsSource = isPath(accounts) ? dir.resolve(accounts.asText()).normalize().toString()
                : suiteFile + " (accounts of case)";
        Map<String, BigDecimal> balances = isAbsent(accounts) ? Map.of()
                : VenueCsv.accounts(new StringReader(csv(dir, accounts, "accounts", where)), accountsSource);
        return new CaseVenue(buffersSource, buffersText, marketRows, balances, marketsSource);
    }

    private static boolean isAbsent(JsonNode n) {
        return n.isMissingNode() || n.isNull();
    }

    private static boolean isPath(JsonNode n) {
        return n.isTextual() && !n.asText().contains("\n");
    }

    private static String csv(Path dir, JsonNode n, String key, String where) {
        if (isPath(n)) return SuiteReader.readText(dir.resolve(n.asText()).normalize(), where);
        if (n.isTextual()) return n.asText().strip() + "\n";
        throw new SuiteFormatException(where + "`" + key + "` must be a CSV file path or CSV text");
    }

    private static JsonNode yaml(String text, String where) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SuiteFormatException(where + "not valid YAML or JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static String asJson(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree read from YAML is always JSON", e);
        }
    }
}
