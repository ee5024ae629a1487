package dev.adl.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.adl.cover.Mutant;
import dev.adl.cover.MutationResult;
import dev.adl.cover.PolicyCoverage;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The machine-readable report. Its coverage part has the shape of OPA's coverage report
 * ({@code files} with {@code covered} and {@code not_covered} line ranges, line counts and
 * {@code coverage} in percent of lines); a line counts as covered only when every branch on
 * it was seen. Branch counts and branch coverage (what {@code --threshold} checks) come
 * alongside, as do the cases and mutants.
 */
public final class JsonReport {
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private JsonReport() {
    }

    public static String write(RunReport r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            int coveredLines = 0, notCoveredLines = 0;
            if (!r.coverage().isEmpty()) {
                g.writeObjectFieldStart("files");
                for (PolicyCoverage c : r.coverage()) {
                    TreeMap<Integer, Boolean> lines = c.lines();
                    TreeSet<Integer> covered = new TreeSet<>(), notCovered = new TreeSet<>();
                    lines.forEach((l, ok) -> (ok ? covered : notCovered).add(l));
                    coveredLines += covered.size();
                    notCoveredLines += notCovered.size();
                    g.writeObjectFieldStart(c.file());
                    ranges(g, "covered", covered);
                    ranges(g, "not_covered", notCovered);
                    g.writeNumberField("covered_lines", covered.size());
                    g.writeNumberField("not_covered_lines", notCovered.size());
                    g.writeNumberField("coverage", percent(covered.size(), lines.size()));
                    g.writeNumberField("covered_branches", c.branchesCovered());
                    g.writeNumberField("branches", c.branchesTotal());
                    g.writeNumberField("branch_coverage", percent(c.branchesCovered(), c.branchesTotal()));
                    g.writeArrayFieldStart("missing");
                    for (String m : c.missing()) g.writeString(m);
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeNumberField("covered_lines", coveredLines);
                g.writeNumberField("not_covered_lines", notCoveredLines);
                g.writeNumberField("coverage", percent(coveredLines, coveredLines + notCoveredLines));
                g.writeNumberField("covered_branches", r.branchesCovered());
                g.writeNumberField("branches", r.branchesTotal());
                g.writeNumberField("branch_coverage", percent(r.branchesCovered(), r.branchesTotal()));
                if (r.threshold() > 0) g.writeNumberField("threshold", BigDecimal.valueOf(r.threshold()));
            }
            g.writeObjectFieldStart("cases");
            g.writeNumberField("total", r.cases().size());
            g.writeNumberField("passed", r.cases().size() - r.failed());
            g.writeNumberField("failed", r.failed());
            g.writeArrayFieldStart("failures");
            for (CaseResult c : r.cases()) {
                if (c.passed()) continue;
                g.writeStartObject();
                g.writeStringField("suite", c.testCase().suiteFile().toString());
                g.writeStringField("case", c.testCase().name());
                g.writeArrayFieldStart("differences");
                for (Difference d : c.differences()) {
                    g.writeStartObject();
                    g.writeStringField("field", d.field());
                    g.writeStringField("expected", d.expected());
                    g.writeStringField("actual", d.actual());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            strings(g, "suite_errors", r.suiteErrors());
            if (!r.mutations().isEmpty()) {
                g.writeObjectFieldStart("mutants");
                for (MutationResult m : r.mutations()) {
                    g.writeObjectFieldStart(m.policy().toString());
                    if (m.skipped() != null) g.writeStringField("skipped", m.skipped());
                    g.writeNumberField("total", m.mutants());
                    g.writeNumberField("killed", m.killed());
                    g.writeNumberField("rejected", m.invalid());
                    g.writeArrayFieldStart("survived");
                    for (Mutant s : m.survivors()) {
                        g.writeStartObject();
                        g.writeNumberField("line", s.line());
                        g.writeStringField("operator", s.operator());
                        g.writeStringField("change", s.change());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("crashed");
                    for (MutationResult.Crash c : m.crashes()) {
                        g.writeStartObject();
                        g.writeNumberField("line", c.mutant().line());
                        g.writeStringField("operator", c.mutant().operator());
                        g.writeStringField("change", c.mutant().change());
                        g.writeStringField("error", c.error());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeBooleanField("ok", r.ok());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static void ranges(JsonGenerator g, String name, TreeSet<Integer> lines) throws IOException {
        g.writeArrayFieldStart(name);
        for (LineRanges.Range range : LineRanges.of(lines)) {
            g.writeStartObject();
            g.writeObjectFieldStart("start");
            g.writeNumberField("row", range.start());
            g.writeEndObject();
            g.writeObjectFieldStart("end");
            g.writeNumberField("row", range.end());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    /** Percent with two decimals; nothing to cover is fully covered. */
    public static BigDecimal percent(int part, int whole) {
        if (whole == 0) return new BigDecimal("100");
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }

}
