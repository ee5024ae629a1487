package dev.adl.compile;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.check.Analysis;
import dev.adl.check.Frontend;
import dev.adl.diag.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Compiles a checked policy into a {@link CompiledPolicy}: DRL rules for the market-level
 * decisions and a formula program for the per-position work. A policy with errors is
 * never compiled; its diagnostics are passed through.
 */
public final class PolicyCompiler {
    private PolicyCompiler() {
    }

    /** Parses, checks and compiles policy text. */
    public static CompileResult compile(String file, String text) {
        return compile(Frontend.analyze(file, text));
    }

    public static CompileResult compile(Analysis analysis) {
        List<Diagnostic> diagnostics = new ArrayList<>(analysis.diagnostics());
        if (analysis.policy() == null || analysis.hasErrors()) {
            return new CompileResult(null, diagnostics, analysis.file(), analysis.source());
        }
        Policy policy = analysis.policy();
        try {
            Lets lets = new Lets(policy.lets());
            DrlGenerator.GeneratedDrl generated = new DrlGenerator().generate(policy);
            List<String> layerNames = policy.version() >= 2
                    ? policy.layers().stream().map(l -> l.name().value()).toList() : List.of();
            FormulaProgram program = new ProgramCompiler(lets, layerNames).compile(policy);
            KieBaseBuilder.Built built = KieBaseBuilder.build(generated, policy.pos());
            if (built.kieBase() == null) {
                diagnostics.addAll(built.diagnostics());
                return new CompileResult(null, diagnostics, analysis.file(), analysis.source());
            }
            CompiledPolicy compiled = new StandardCompiledPolicy(policy, analysis.source(), generated.drl(),
                    built.kieBase(), program, markets(policy), drawdownWindows(policy),
                    exposureSources(policy), tiers(policy),
                    generated.rules().stream().map(DrlGenerator.GeneratedRule::name).toList(),
                    layerKeys(policy, layerNames));
            return new CompileResult(compiled, diagnostics, analysis.file(), analysis.source());
        } catch (CompileError e) {
            diagnostics.add(e.diagnostic());
            return new CompileResult(null, diagnostics, analysis.file(), analysis.source());
        }
    }

    private static List<String> markets(Policy policy) {
        if (policy.markets().isEmpty()) return List.of("*");
        return policy.markets().stream().map(Policy.StrLit::value).toList();
    }

    private static List<TierInfo> tiers(Policy policy) {
        List<TierInfo> out = new ArrayList<>();
        if (policy.reduce() == null) return out;
        List<Policy.Tier> tiers = policy.reduce().tiers();
        for (int i = 0; i < tiers.size(); i++) {
            Policy.Tier t = tiers.get(i);
            if (t.method() instanceof Policy.TierMethod.ProRata p) {
                out.add(new TierInfo(i, t.name().value(), t.pos().line(), TierInfo.Method.PRO_RATA, p.fraction().value(),
                        p.weight() == null));
            } else if (t.method() instanceof Policy.TierMethod.Haircut h) {
                out.add(new TierInfo(i, t.name().value(), t.pos().line(), TierInfo.Method.HAIRCUT,
                        h.cap() == null ? java.math.BigDecimal.ONE : h.cap().value(), h.weight() == null));
            } else if (t.method() instanceof Policy.TierMethod.Drain) {
                out.add(new TierInfo(i, t.name().value(), t.pos().line(), TierInfo.Method.DRAIN, null, false));
            } else {
                out.add(new TierInfo(i, t.name().value(), t.pos().line(), TierInfo.Method.QUEUE, null, false));
            }
        }
        return out;
    }

    private static java.util.Set<Long> drawdownWindows(Policy policy) {
        TreeSet<Long> windows = new TreeSet<>();
        policy.expressions().forEach(root -> walk(root, e -> {
            // drawdown(<window>) without a layer; in version 2 it is the first layer's
            if (e instanceof Expr.Call c && c.function().equals("drawdown") && c.args().size() == 1
                    && c.args().get(0) instanceof Expr.Num n) {
                windows.add(n.value().longValueExact());
            }
        }));
        return windows;
    }

    /** Every layer balance and drawdown the policy's expressions read (version 2). */
    private static java.util.Set<LayerKey> layerKeys(Policy policy, List<String> layers) {
        java.util.Set<LayerKey> keys = new java.util.HashSet<>();
        policy.expressions().forEach(root -> walk(root, e -> {
            if (e instanceof Expr.Call c) {
                LayerKey k = LayerCalls.key(c, layers);
                if (k != null) keys.add(k);
            }
        }));
        return keys;
    }

    /** Declared sources that some expression reads (in any branch, whether or not it is taken for a row). */
    private static Map<String, Long> exposureSources(Policy policy) {
        Map<String, Long> declared = new LinkedHashMap<>();
        for (Policy.ExposureInput in : policy.inputs()) declared.putIfAbsent(in.source(), in.staleAfterSeconds());
        Map<String, Long> used = new LinkedHashMap<>();
        policy.expressions().forEach(root -> walk(root, e -> {
            if (e instanceof Expr.Exposure x && declared.containsKey(x.source())) {
                used.put(x.source(), declared.get(x.source()));
            }
        }));
        return used;
    }

    private static void walk(Expr e, Consumer<Expr> visit) {
        visit.accept(e);
        if (e instanceof Expr.Unary u) {
            walk(u.operand(), visit);
        } else if (e instanceof Expr.Binary b) {
            walk(b.left(), visit);
            walk(b.right(), visit);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> walk(a, visit));
        }
    }
}
