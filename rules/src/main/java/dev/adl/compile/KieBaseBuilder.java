package dev.adl.compile;

import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a KieBase from generated DRL. The DRL comes only from {@link DrlGenerator}, so a
 * build error is a compiler bug; it is reported as an {@code internal} diagnostic at the
 * clause whose rule failed, naming the DRL line.
 */
final class KieBaseBuilder {
    record Built(KieBase kieBase, List<Diagnostic> diagnostics) {
    }

    private KieBaseBuilder() {
    }

    static Built build(DrlGenerator.GeneratedDrl generated, SourcePos fallback) {
        KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
        kb.add(ResourceFactory.newByteArrayResource(generated.drl().getBytes(StandardCharsets.UTF_8))
                .setSourcePath("policy.drl"), ResourceType.DRL);
        if (!kb.hasErrors()) {
            return new Built(kb.newKieBase(), List.of());
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (KnowledgeBuilderError error : kb.getErrors()) {
            int[] lines = error.getLines();
            int drlLine = lines != null && lines.length > 0 ? lines[0] : 0;
            DrlGenerator.GeneratedRule rule = generated.ruleAt(drlLine);
            SourcePos at = rule != null ? rule.clausePos() : fallback;
            String where = rule != null ? "rule `" + rule.name() + "` at drl line " + drlLine : "drl line " + drlLine;
            diagnostics.add(Diagnostic.error("internal",
                    "internal compiler error: generated " + where + " does not build",
                    at, firstLine(error.getMessage())));
        }
        return new Built(null, diagnostics);
    }

    private static String firstLine(String message) {
        if (message == null) return null;
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
