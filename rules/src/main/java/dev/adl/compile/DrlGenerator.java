package dev.adl.compile;

import dev.adl.ast.Policy;
import dev.adl.diag.SourcePos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the DRL for a policy's market-level decisions: one rule per clause, named
 * after the clause keyword and its line, with both as rule metadata. Rules fire in the
 * order they are generated (clause order), enforced by descending salience.
 *
 * <p>Safety: every character of the output comes from the templates below, from
 * numbers rendered by {@link JavaLiterals}, or from {@link MarketConditionTranslator}.
 * Names, strings and globs of the policy are never written; they travel as data in
 * {@link CompiledPolicy}.
 */
public final class DrlGenerator {
    public static final String NAME = "adl-rules DrlGenerator";
    public static final String VERSION = "1";

    /** A generated rule and where it came from; DRL lines are 1-based and inclusive. */
    public record GeneratedRule(String name, String clause, SourcePos clausePos, int firstDrlLine, int lastDrlLine) {
    }

    public record GeneratedDrl(String drl, List<GeneratedRule> rules) {
        public GeneratedDrl {
            rules = List.copyOf(rules);
        }

        /** The rule whose text spans a DRL line, or null for the header. */
        public GeneratedRule ruleAt(int drlLine) {
            for (GeneratedRule r : rules) {
                if (drlLine >= r.firstDrlLine() && drlLine <= r.lastDrlLine()) return r;
            }
            return null;
        }
    }

    private record Pending(String clause, SourcePos pos, String condition, String consequence) {
    }

    public GeneratedDrl generate(Policy policy) {
        List<Pending> pending = new ArrayList<>();
        Policy.Buffer buffer = policy.buffer();
        if (policy.waterfall() != null) {
            waterfall(policy, pending);
        } else if (buffer != null) {
            if (buffer.floor() instanceof Policy.Floor.Amount a) {
                pending.add(new Pending("floor", a.pos(), null,
                        "decision.floor(" + JavaLiterals.bigDecimal(a.amount().value()) + ");"));
            } else if (buffer.floor() instanceof Policy.Floor.ShareOfOpenInterest s) {
                pending.add(new Pending("floor", s.pos(), null,
                        "decision.floor($m.openInterest().multiply(" + JavaLiterals.bigDecimal(s.fraction().value()) + "));"));
            }
            if (buffer.maxUse() != null) {
                pending.add(new Pending("max_use", buffer.maxUse().pos(), null,
                        "decision.maxUse(" + JavaLiterals.bigDecimal(buffer.maxUse().fraction().value()) + ");"));
            }
            triggers(policy, pending);
        }
        if (policy.reduce() != null) {
            List<Policy.Tier> tiers = policy.reduce().tiers();
            for (int i = 0; i < tiers.size(); i++) {
                pending.add(new Pending("tier", tiers.get(i).pos(), null, "decision.tier(" + i + ");"));
            }
        }
        if (policy.cap() instanceof Policy.Cap.Amount a) {
            pending.add(new Pending("cap", a.pos(), null,
                    "decision.cap(" + JavaLiterals.bigDecimal(a.amount().value()) + ");"));
        } else if (policy.cap() instanceof Policy.Cap.ShareOfOpenInterest s) {
            pending.add(new Pending("cap", s.pos(), null,
                    "decision.cap($m.openInterest().multiply(" + JavaLiterals.bigDecimal(s.fraction().value()) + "));"));
        }
        if (policy.notification() != null) {
            pending.add(new Pending("notify", policy.notification().pos(), null,
                    "decision.notifyAt(" + policy.notification().quintile() + ");"));
        }
        return render(pending);
    }

    /** Version 2's {@code waterfall}: per layer (by index) its floor, max_use and caps, in order; then the triggers. */
    private static void waterfall(Policy policy, List<Pending> pending) {
        List<Policy.Layer> layers = policy.layers();
        for (int i = 0; i < layers.size(); i++) {
            Policy.Layer l = layers.get(i);
            if (l.floor() instanceof Policy.Floor.Amount a) {
                pending.add(new Pending("floor", a.pos(), null,
                        "decision.layerFloor(" + i + ", " + JavaLiterals.bigDecimal(a.amount().value()) + ");"));
            } else if (l.floor() instanceof Policy.Floor.ShareOfOpenInterest s) {
                pending.add(new Pending("floor", s.pos(), null, "decision.layerFloor(" + i
                        + ", $m.openInterest().multiply(" + JavaLiterals.bigDecimal(s.fraction().value()) + "));"));
            }
            if (l.maxUse() != null) {
                pending.add(new Pending("max_use", l.maxUse().pos(), null,
                        "decision.layerMaxUse(" + i + ", " + JavaLiterals.bigDecimal(l.maxUse().fraction().value()) + ");"));
            }
            for (Policy.LayerCap c : l.caps()) {
                long window = c.lifetime() ? Decision.LayerCap.LIFETIME : c.windowSeconds();
                pending.add(new Pending("cap", c.pos(), null, "decision.layerCap(" + i + ", "
                        + JavaLiterals.bigDecimal(c.amount().value()) + ", " + window + "L);"));
            }
        }
        triggers(policy, pending);
    }

    /**
     * The triggers, of {@code buffer} or {@code waterfall}. A trigger with {@code until} (version 2)
     * gives two rules, one per condition: the engine keeps the latch, the rules say which held.
     */
    private static void triggers(Policy policy, List<Pending> pending) {
        List<String> layers = policy.version() >= 2
                ? policy.layers().stream().map(l -> l.name().value()).toList() : List.of();
        MarketConditionTranslator conditions = new MarketConditionTranslator(new Lets(policy.lets()), layers);
        for (Policy.Trigger t : policy.triggers()) {
            int line = t.pos().line();
            if (t.until() == null) {
                pending.add(new Pending("trigger", t.pos(), conditions.condition(t.condition()),
                        "decision.trigger(" + line + ");"));
                continue;
            }
            pending.add(new Pending("trigger", t.pos(), conditions.condition(t.condition()),
                    "decision.latchWhen(" + line + ");"));
            pending.add(new Pending("until", t.until().pos(), conditions.condition(t.until()),
                    "decision.latchUntil(" + line + ");"));
        }
    }

    private GeneratedDrl render(List<Pending> pending) {
        Lines out = new Lines();
        out.add("// Generated by " + NAME + " " + VERSION + ". Do not edit.");
        out.add("package dev.adl.generated;");
        out.add("");
        out.add("import java.math.BigDecimal;");
        out.add("import dev.adl.compile.MarketFacts;");
        out.add("import dev.adl.compile.RuleMath;");
        out.add("");
        out.add("global dev.adl.compile.Decision decision;");
        List<GeneratedRule> rules = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            int line = p.pos().line();
            String base = p.clause() + "@" + line;
            int n = seen.merge(base, 1, Integer::sum);
            String name = n == 1 ? base : base + "#" + n;
            out.add("");
            int first = out.next();
            String function = null;
            if (p.condition() != null) {
                // a DRL function is plain Java: the condition keeps Java's double semantics (NaN compares false)
                function = name.replace('@', '_').replace('#', '_');
                out.add("function boolean " + function + "(MarketFacts $m) {");
                out.add("    return " + p.condition() + ";");
                out.add("}");
                out.add("");
            }
            out.add("rule \"" + name + "\" @clause(\"" + p.clause() + "\") @line(" + line + ")");
            out.add("    salience " + (pending.size() - i));
            out.add("when");
            out.add(function == null ? "    $m : MarketFacts()" : "    $m : MarketFacts( " + function + "(this) )");
            out.add("then");
            out.add("    " + p.consequence());
            out.add("end");
            rules.add(new GeneratedRule(name, p.clause(), p.pos(), first, out.next() - 1));
        }
        return new GeneratedDrl(out.text(), rules);
    }

    /** Text built line by line, so each rule knows its DRL lines. */
    private static final class Lines {
        private final StringBuilder sb = new StringBuilder();
        private int count;

        void add(String line) {
            sb.append(line).append('\n');
            count++;
        }

        int next() {
            return count + 1;
        }

        String text() {
            return sb.toString();
        }
    }
}
