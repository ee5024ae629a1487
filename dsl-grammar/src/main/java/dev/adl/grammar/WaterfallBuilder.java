package dev.adl.grammar;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.check.Suggestions;
import dev.adl.diag.Diagnostic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds {@code waterfall { ... }} (version 2): its layers with their options, and its
 * triggers. A repeated option of one layer is reported here, like a repeated option of
 * {@code buffer}; two caps are the same option only when they have the same window, which
 * the checker decides.
 */
final class WaterfallBuilder {
    private final AstBuilder ast;

    WaterfallBuilder(AstBuilder ast) {
        this.ast = ast;
    }

    Policy.Waterfall waterfall(AdlParser.WaterfallClauseContext w) {
        List<Policy.Layer> layers = new ArrayList<>();
        List<Policy.Trigger> triggers = new ArrayList<>();
        for (AdlParser.WaterfallItemContext item : w.waterfallItem()) {
            if (item instanceof AdlParser.WaterfallTriggerItemContext t) {
                triggers.add(ast.trigger(t.trigger()));
            } else if (item instanceof AdlParser.LayerItemContext l) {
                Policy.Layer layer = layer(l);
                if (layer != null) layers.add(layer);
            }
        }
        return new Policy.Waterfall(layers, triggers, ast.span(w));
    }

    private Policy.Layer layer(AdlParser.LayerItemContext l) {
        String word = l.kind.getText();
        Policy.LayerKind kind = Arrays.stream(Policy.LayerKind.values())
                .filter(k -> k.keyword().equals(word)).findFirst().orElse(null);
        if (kind == null) {
            List<String> kinds = Arrays.stream(Policy.LayerKind.values()).map(Policy.LayerKind::keyword).toList();
            String message = "unknown layer kind `" + word + "`";
            String help = Suggestions.help(word, "layer kinds", kinds).orElseThrow();
            ast.error(Diagnostic.error("unknown-layer-kind", message, Spans.of(l.kind), help));
            return null;
        }
        Policy.StrLit name = ast.str(l.name);
        Policy.Floor floor = null;
        Policy.MaxUse maxUse = null;
        List<Policy.LayerCap> caps = new ArrayList<>();
        for (AdlParser.LayerOptionContext option : l.layerOption()) {
            if (option instanceof AdlParser.LayerFloorContext f) {
                if (floor != null) {
                    ast.duplicateIn(name, "floor", f, floor.pos());
                    continue;
                }
                Expr.Num amount = AstBuilder.num(f.amount);
                floor = f.ofName == null
                        ? new Policy.Floor.Amount(ast.amount(amount, "floor"), ast.span(f))
                        : new Policy.Floor.ShareOfOpenInterest(ast.shareOfOpenInterest(amount, f.ofName, "floor"),
                        ast.span(f));
            } else if (option instanceof AdlParser.LayerMaxUseContext m) {
                if (maxUse != null) {
                    ast.duplicateIn(name, "max_use", m, maxUse.pos());
                    continue;
                }
                maxUse = new Policy.MaxUse(ast.percentage(AstBuilder.num(m.share), "max_use", "50%"), ast.span(m));
            } else if (option instanceof AdlParser.LayerCapContext c) {
                caps.add(cap(c));
            }
        }
        return new Policy.Layer(kind, name, floor, maxUse, caps, ast.span(l));
    }

    private Policy.LayerCap cap(AdlParser.LayerCapContext c) {
        Expr.Num amount = ast.amount(AstBuilder.num(c.amount), "cap");
        Long window = null;
        if (c.window != null) {
            Expr.Num w = AstBuilder.num(c.window);
            if (w.kind() != Expr.NumKind.DURATION || w.value().signum() <= 0
                    || w.value().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                ast.error(Diagnostic.error("expected-duration", "a layer's `cap ... per` takes a duration of at least 1s, like `24h`, found `"
                        + w.text() + "`", w.pos()));
                window = 0L;
            } else {
                window = w.value().longValueExact();
            }
        }
        return new Policy.LayerCap(amount, window, c.LIFETIME() != null, ast.span(c));
    }
}
