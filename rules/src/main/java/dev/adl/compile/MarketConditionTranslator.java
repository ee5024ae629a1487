package dev.adl.compile;

import dev.adl.ast.Builtins;
import dev.adl.ast.Builtins.MarketVar;
import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.diag.Diagnostic;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Translates a market condition (a {@code trigger}) into a Java boolean expression over
 * {@code $m}, a {@link MarketFacts}. Arithmetic and comparisons are in double. Only
 * operators, numbers and accessor names chosen here are emitted: names the policy
 * uses are looked up and replaced, never copied.
 */
final class MarketConditionTranslator {
    private final Lets lets;
    /** Version 2's layer names, whose index stands for them in the output. */
    private final java.util.List<String> layers;
    private final Set<String> expanding = new HashSet<>();

    MarketConditionTranslator(Lets lets) {
        this(lets, java.util.List.of());
    }

    MarketConditionTranslator(Lets lets, java.util.List<String> layers) {
        this.lets = lets;
        this.layers = layers;
    }

    String condition(Expr e) {
        return withoutOuterParentheses(bool(e));
    }

    private static String withoutOuterParentheses(String s) {
        if (!s.startsWith("(") || !s.endsWith(")")) return s;
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            if (depth == 0 && i < s.length() - 1) return s;   // the first parenthesis closes early
        }
        return s.substring(1, s.length() - 1);
    }

    private String bool(Expr e) {
        return isBool(e) ? translate(e) : "(" + translate(e) + " != 0.0)";
    }

    private String num(Expr e) {
        return isBool(e) ? "RuleMath.num(" + translate(e) + ")" : translate(e);
    }

    private boolean isBool(Expr e) {
        if (e instanceof Expr.Binary b) return b.op().isComparison() || b.op().isLogical();
        if (e instanceof Expr.Unary u) return u.op() == Expr.UnaryOp.NOT;
        if (e instanceof Expr.Var v) {
            Policy.Let let = lets.get(v.name());
            return let != null && !expanding.contains(v.name()) && isBool(let.expr());
        }
        return false;
    }

    private String translate(Expr e) {
        if (e instanceof Expr.Num n) return JavaLiterals.doubleLiteral(n.value());
        if (e instanceof Expr.Var v) return variable(v);
        if (e instanceof Expr.Unary u) {
            return u.op() == Expr.UnaryOp.NOT ? "(!" + bool(u.operand()) + ")" : "(-" + num(u.operand()) + ")";
        }
        if (e instanceof Expr.Binary b) return binary(b);
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Exposure x) {
            throw positionOnly("exposure", x);
        }
        if (e instanceof Expr.LayerName l) throw error("a layer name is not a value", l);
        throw new IllegalStateException("unknown expression node " + e.getClass().getSimpleName());
    }

    private String binary(Expr.Binary b) {
        // the language's symbols are Java's, but for the logical operators
        String op = switch (b.op()) {
            case AND -> "&&";
            case OR -> "||";
            default -> b.op().symbol;
        };
        if (b.op().isLogical()) {
            return "(" + bool(b.left()) + " " + op + " " + bool(b.right()) + ")";
        }
        return "(" + num(b.left()) + " " + op + " " + num(b.right()) + ")";
    }

    private String call(Expr.Call c) {
        Builtins.Function f = Builtins.Function.of(c.function())
                .orElseThrow(() -> error("unknown function in a trigger condition", c));
        switch (f) {
            case DRAWDOWN, BALANCE -> {
                LayerKey key = LayerCalls.key(c, layers);
                if (key == null) {
                    if (c.args().size() != 1 || !(c.args().get(0) instanceof Expr.Num window)) {
                        throw error("`drawdown` takes one duration", c);
                    }
                    return "$m.drawdown(" + JavaLiterals.longLiteral(window.value()) + ")";
                }
                return "$m.layer(" + key.layer() + ", " + key.windowSeconds() + "L)";
            }
            case ABS -> {
                return "Math.abs(" + num(arg(c, 0)) + ")";
            }
            case SQRT -> {
                return "Math.sqrt(" + num(arg(c, 0)) + ")";
            }
            case LOG -> {
                return "Math.log(" + num(arg(c, 0)) + ")";
            }
            case CLAMP -> {
                return "RuleMath.clamp(" + num(arg(c, 0)) + ", " + num(arg(c, 1)) + ", " + num(arg(c, 2)) + ")";
            }
            case MIN, MAX -> {
                String fn = f == Builtins.Function.MIN ? "Math.min(" : "Math.max(";
                String acc = num(arg(c, 0));
                for (int i = 1; i < c.args().size(); i++) {
                    acc = fn + acc + ", " + num(c.args().get(i)) + ")";
                }
                if (c.args().size() < 2) throw error("`" + f.keyword() + "` takes at least two values", c);
                return acc;
            }
            default -> throw new IllegalStateException("unhandled function " + f);
        }
    }

    private Expr arg(Expr.Call c, int i) {
        if (i >= c.args().size()) throw error("too few arguments in a call", c);
        return c.args().get(i);
    }

    private String variable(Expr.Var v) {
        Policy.Let let = lets.get(v.name());
        if (let != null) {
            if (!expanding.add(v.name())) throw error("`" + v.name() + "` is defined in terms of itself", v);
            try {
                return "(" + translate(let.expr()) + ")";
            } finally {
                expanding.remove(v.name());
            }
        }
        MarketVar m = MarketVar.of(v.name()).orElse(null);
        if (m != null) {
            return switch (m) {
                case INSURANCE_FUND -> "$m.getInsuranceFundValue()";
                case OPEN_INTEREST -> "$m.getOpenInterestValue()";
                case SHORTFALL -> "$m.getShortfallValue()";
                case BANKRUPTCY_PRICE -> "$m.getBankruptcyPriceValue()";
                case MARK_PRICE -> "$m.getMarkPriceValue()";
            };
        }
        if (Builtins.PositionVar.of(v.name()).isPresent()) throw positionOnly(v.name(), v);
        throw error("unknown name `" + v.name() + "`", v);
    }

    private CompileError positionOnly(String name, Expr at) {
        return new CompileError(Diagnostic.error("market-condition",
                "`" + name.toLowerCase(Locale.ROOT) + "` is a per-position value and a trigger condition can only use market values",
                at.pos()));
    }

    private static CompileError error(String message, Expr at) {
        return new CompileError(Diagnostic.error("compile", message, at.pos()));
    }
}
