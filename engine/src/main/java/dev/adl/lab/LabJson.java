package dev.adl.lab;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.adl.io.ResultJson;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The lab's JSON (STRESS.md section 3): decimals as plain strings as in {@code adl run},
 * null for a ratio without a denominator, keys in a fixed order, so the same run gives the
 * same bytes.
 */
public final class LabJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private LabJson() {
    }

    /** Writes the body of one JSON object. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    public static String object(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString() + "\n";
    }

    public static String stress(StressRun.Outcome o) {
        return object(g -> {
            g.writeStringField("scenario", o.scenario());
            g.writeNumberField("seed", o.seed());
            g.writeNumberField("paths", o.paths());
            g.writeArrayFieldStart("runs");
            for (StressRun.PolicyRun run : o.runs()) {
                g.writeStartObject();
                policy(g, run.policy());
                g.writeArrayFieldStart("results");
                for (PathResult r : run.results()) path(g, r);
                g.writeEndArray();
                g.writeObjectFieldStart("percentiles");
                for (Map.Entry<String, Map<String, Object>> p : run.percentiles().entrySet()) {
                    g.writeFieldName(p.getKey());
                    fields(g, p.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** {@code adl replay}'s JSON: per policy, the metrics, haircuts, skipped events and closed sizes, and the comparison. */
    public static String replay(String events, List<ReplayRun.Result> runs) {
        return object(g -> {
            g.writeStringField("events", events);
            g.writeArrayFieldStart("runs");
            for (ReplayRun.Result r : runs) {
                g.writeStartObject();
                policy(g, r.policy());
                g.writeFieldName("metrics");
                fields(g, r.metrics().fields());
                g.writeFieldName("haircuts");
                decimals(g, r.haircuts());
                g.writeArrayFieldStart("skipped_events");
                for (int line : r.skipped()) g.writeNumber(line);
                g.writeEndArray();
                g.writeFieldName("closed");
                decimals(g, r.closedSize());
                if (r.comparison() != null) comparison(g, r.comparison());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static void comparison(JsonGenerator g, ReplayRun.Comparison c) throws IOException {
        g.writeObjectFieldStart("actual");
        strings(g, "both", c.both());
        strings(g, "policy_only", c.policyOnly());
        strings(g, "venue_only", c.venueOnly());
        g.writeObjectFieldStart("closed");
        for (Map.Entry<String, BigDecimal[]> e : c.closed().entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            g.writeStringField("policy", ResultJson.plain(e.getValue()[0]));
            g.writeStringField("venue", ResultJson.plain(e.getValue()[1]));
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    public static void policy(JsonGenerator g, PolicySet p) throws IOException {
        g.writeStringField("policy", p.name());
        if (p.version() == null) g.writeNullField("version");
        else g.writeNumberField("version", p.version());
    }

    private static void path(JsonGenerator g, PathResult r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("path", r.path());
        g.writeFieldName("metrics");
        fields(g, r.metrics().fields());
        g.writeFieldName("haircuts");
        decimals(g, r.haircuts());
        series(g, "marks", r.marks());
        series(g, "marks_without_feedback", r.marksWithoutFeedback());
        series(g, "paid_over_time", r.paidOverTime());
        g.writeEndObject();
    }

    private static void series(JsonGenerator g, String name, Map<String, List<BigDecimal>> s) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, List<BigDecimal>> e : s.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (BigDecimal v : e.getValue()) g.writeString(ResultJson.plain(v));
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** A metrics object: Long as a number, decimals as strings, null as null, maps as objects. */
    @SuppressWarnings("unchecked")
    public static void fields(JsonGenerator g, Map<String, Object> fields) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue());
        }
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) g.writeNull();
        else if (v instanceof Long l) g.writeNumber(l);
        else if (v instanceof Integer i) g.writeNumber(i);
        else if (v instanceof BigDecimal d) g.writeString(ResultJson.plain(d));
        else if (v instanceof Map<?, ?> m) fields(g, (Map<String, Object>) m);
        else g.writeString(v.toString());
    }

    public static void decimals(JsonGenerator g, Map<String, BigDecimal> m) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, BigDecimal> e : m.entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue());
        }
        g.writeEndObject();
    }
}
