package dev.adl.check;

import dev.adl.ast.Builtins;
import dev.adl.ast.Expr;
import dev.adl.diag.Diagnostic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks one expression: names, functions and their arguments, exposure sources,
 * types, literal ranges, and that a market-only condition uses no per-position value.
 */
final class ExprChecker {
    /** What an expression may see: its scope, and for a let, its own place among the lets. */
    record Context(Scope scope, int currentLet, int visibleLets) {
        static Context ofLet(int index) {
            return new Context(Scope.POSITION, index, index);
        }

        static Context position(int letCount) {
            return new Context(Scope.POSITION, -1, letCount);
        }

        static Context market(int letCount) {
            return new Context(Scope.MARKET, -1, letCount);
        }
    }

    private final LetTable lets;
    private final List<String> sources;
    private final List<Diagnostic> out;
    private final long version;
    /** The layer names {@code drawdown("<layer>", ...)} and {@code balance(...)} may name (version 2). */
    private final List<String> layers;

    ExprChecker(LetTable lets, List<String> sources, List<Diagnostic> out, long version, List<String> layers) {
        this.lets = lets;
        this.sources = sources;
        this.out = out;
        this.version = version;
        this.layers = layers;
    }

    /** A version 2 construct in an earlier version: one error naming the version it needs. */
    static Diagnostic needsVersion2(String what, dev.adl.diag.SourcePos pos) {
        return Diagnostic.error("needs-version-2", what + " needs `version 2`", pos,
                "write `version 2` in the `policy` line to use it");
    }

    /** Checks {@code e} where {@code want} belongs and reports a mismatch at {@code e}. */
    void expect(Expr e, Type want, Context ctx) {
        Type got = check(e, ctx);
        if (got != Type.ERROR && got != want) {
            out.add(Diagnostic.error("type-mismatch", "expected " + want.description + ", found " + got.description, e.pos()));
        }
    }

    Type check(Expr e, Context ctx) {
        if (e instanceof Expr.Num n) return literal(n);
        if (e instanceof Expr.Var v) return variable(v, ctx);
        if (e instanceof Expr.Unary u) {
            Type operand = u.op() == Expr.UnaryOp.NEG ? Type.NUMBER : Type.CONDITION;
            expect(u.operand(), operand, ctx);
            return operand;
        }
        if (e instanceof Expr.Binary b) {
            Type operands = b.op().isLogical() ? Type.CONDITION : Type.NUMBER;
            expect(b.left(), operands, ctx);
            expect(b.right(), operands, ctx);
            return b.op().isArithmetic() ? Type.NUMBER : Type.CONDITION;
        }
        if (e instanceof Expr.Call c) return call(c, ctx);
        if (e instanceof Expr.Exposure x) return exposure(x, ctx);
        if (e instanceof Expr.LayerName l) {
            out.add(Diagnostic.error("misplaced-layer-name", "a layer name like `\"" + l.name()
                    + "\"` is allowed only in `drawdown(...)` and `balance(...)`", l.pos()));
            return Type.ERROR;
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    private Type literal(Expr.Num n) {
        if (n.kind() == Expr.NumKind.DURATION) {
            out.add(Diagnostic.error("misplaced-duration", "a duration like `" + n.text()
                    + "` is allowed only in `drawdown(...)` and `stale_after`", n.pos()));
            return Type.ERROR;
        }
        checkPercent(n, out);
        return Type.NUMBER;
    }

    /** Every percentage must lie in 0% to 100%. */
    static void checkPercent(Expr.Num n, List<Diagnostic> out) {
        if (n.kind() == Expr.NumKind.PERCENT && !isFraction(n.value())) {
            out.add(Diagnostic.error("percent-out-of-range", "percentage `" + n.text() + "` is outside 0% to 100%", n.pos()));
        }
    }

    static boolean isFraction(BigDecimal v) {
        return v.signum() >= 0 && v.compareTo(BigDecimal.ONE) <= 0;
    }

    private Type variable(Expr.Var v, Context ctx) {
        String name = v.name();
        int let = lets.indexOf(name);
        if (let >= 0 && let < ctx.visibleLets()) {
            if (ctx.scope() == Scope.MARKET) return perPositionInTrigger("`" + name + "`", v);
            return lets.type(let);
        }
        // A let named like a built-in is reported at the let; the name still means the built-in.
        if (Builtins.MarketVar.of(name).isPresent()) return Type.NUMBER;
        Optional<Builtins.PositionVar> position = Builtins.PositionVar.of(name);
        if (position.isPresent() && position.get().since > version) {
            out.add(needsVersion2("`" + name + "`", v.pos()));
            return Type.ERROR;
        }
        if (position.isPresent()) {
            return ctx.scope() == Scope.MARKET ? perPositionInTrigger("`" + name + "`", v) : Type.NUMBER;
        }
        if (let >= 0) return laterLet(v, let, ctx);
        if (Builtins.Function.of(name).isPresent()) {
            out.add(Diagnostic.error("unknown-name", "`" + name + "` is a function, not a value", v.pos(),
                    "call it, like `" + name + "(...)`"));
            return Type.ERROR;
        }
        out.add(error("unknown-name", "unknown name `" + name + "`", v, Suggestions.help(name, namesInScope(ctx))));
        return Type.ERROR;
    }

    /** A reference, from inside a let, to a let defined at or after it. */
    private Type laterLet(Expr.Var v, int target, Context ctx) {
        String name = v.name();
        if (ctx.currentLet() == target) {
            out.add(Diagnostic.error("let-cycle", "`" + name + "` refers to itself", v.pos()));
            return Type.ERROR;
        }
        List<String> path = lets.dependencyPath(target, ctx.currentLet());
        if (!path.isEmpty()) {
            List<String> cycle = new ArrayList<>();
            cycle.add(lets.get(ctx.currentLet()).name());
            cycle.addAll(path);
            out.add(Diagnostic.error("let-cycle", "`" + cycle.get(0) + "` depends on itself: "
                    + String.join(" -> ", cycle.stream().map(s -> "`" + s + "`").toList()), v.pos()));
            return Type.ERROR;
        }
        out.add(Diagnostic.error("let-used-before-definition", "`" + name
                + "` is used before its definition on line " + lets.get(target).namePos().line(), v.pos(),
                "move `let " + name + "` above this line"));
        return Type.ERROR;
    }

    private Type call(Expr.Call c, Context ctx) {
        Optional<Builtins.Function> fn = Builtins.Function.of(c.function());
        if (fn.isEmpty()) {
            String message = isValueName(c.function())
                    ? "`" + c.function() + "` is a value, not a function"
                    : "unknown function `" + c.function() + "`";
            out.add(error("unknown-function", message, c, Suggestions.help(c.function(), List.of(functions()))));
            c.args().forEach(a -> check(a, ctx));
            return Type.ERROR;
        }
        Builtins.Function f = fn.get();
        if (f.since > version) {
            out.add(needsVersion2("`" + f.keyword() + "(...)`", c.pos()));
            return Type.ERROR;
        }
        if (f == Builtins.Function.DRAWDOWN || f == Builtins.Function.BALANCE) return layerCall(f, c);
        boolean variadic = f == Builtins.Function.MIN || f == Builtins.Function.MAX;
        int n = c.args().size();
        if (variadic ? n < f.arity : n != f.arity) {
            String takes = (variadic ? "at least " : "") + f.arity + (f.arity == 1 ? " argument" : " arguments");
            out.add(Diagnostic.error("wrong-arity", "`" + f.keyword() + "` takes " + takes + ", found " + n, c.pos()));
        }
        c.args().forEach(a -> expect(a, Type.NUMBER, ctx));
        return Type.NUMBER;
    }

    /**
     * {@code drawdown(<duration>)}, and in version 2 {@code drawdown("<layer>", <duration>)} and
     * {@code balance("<layer>")}: market values whose arguments are a layer name and a duration.
     */
    private Type layerCall(Builtins.Function f, Expr.Call c) {
        List<Expr> args = c.args();
        boolean named = !args.isEmpty() && args.get(0) instanceof Expr.LayerName;
        if (named) {
            Expr.LayerName layer = (Expr.LayerName) args.get(0);
            if (version < 2) {
                out.add(needsVersion2("a layer name in `" + f.keyword() + "(...)`", layer.pos()));
                return Type.ERROR;
            }
            if (!layers.contains(layer.name())) {
                out.add(error("unknown-layer", "unknown layer `" + layer.name() + "`", layer.pos(),
                        Suggestions.help(layer.name(), List.of(new Suggestions.Group("layers", layers)))));
            }
            args = args.subList(1, args.size());
        }
        if (f == Builtins.Function.BALANCE) {
            if (!named || !args.isEmpty()) {
                out.add(Diagnostic.error("wrong-arity", "`balance` takes one layer name, like `balance(\"insurance_fund\")`",
                        c.pos()));
            }
            return Type.NUMBER;
        }
        if (args.size() != 1) {
            out.add(Diagnostic.error("wrong-arity", "`drawdown` takes 1 argument" + (named ? " after the layer name" : "")
                    + ", found " + args.size(), c.pos()));
        }
        for (Expr a : args) {
            if (!(a instanceof Expr.Num num && num.kind() == Expr.NumKind.DURATION)) {
                out.add(Diagnostic.error("drawdown-needs-duration", "`drawdown` takes a duration, like `drawdown(8h)`",
                        a.pos()));
            }
        }
        return Type.NUMBER;
    }

    private Type exposure(Expr.Exposure x, Context ctx) {
        if (!sources.contains(x.source())) {
            out.add(error("undeclared-exposure", "exposure source `" + x.source() + "` is not declared in `inputs`",
                    x.sourcePos(), Suggestions.help(x.source(), List.of(new Suggestions.Group("declared sources", sources)))));
            return Type.ERROR;
        }
        if (ctx.scope() == Scope.MARKET) {
            return perPositionInTrigger("`exposure(...)`", x);
        }
        return Type.NUMBER;
    }

    private Type perPositionInTrigger(String what, Expr e) {
        out.add(Diagnostic.error("position-value-in-trigger", what
                + " is a per-position value, but a `trigger` condition sees only market values", e.pos(),
                "market values are `insurance_fund`, `open_interest`, `shortfall`, `bankruptcy_price`, `mark_price` and `drawdown(...)`"));
        return Type.ERROR;
    }

    private boolean isValueName(String name) {
        return lets.indexOf(name) >= 0 || Builtins.MarketVar.of(name).isPresent() || Builtins.PositionVar.of(name).isPresent();
    }

    /**
     * Candidates for "did you mean" where a value is expected: the values the expression can
     * see (per-position built-ins and the lets before it, unless only market values are in
     * scope; then market values), then functions.
     */
    private List<Suggestions.Group> namesInScope(Context ctx) {
        List<String> values = new ArrayList<>();
        if (ctx.scope() == Scope.POSITION) {
            Arrays.stream(Builtins.PositionVar.values()).filter(v -> v.since <= version)
                    .forEach(v -> values.add(v.keyword()));
        }
        Arrays.stream(Builtins.MarketVar.values()).forEach(v -> values.add(v.keyword()));
        if (ctx.scope() == Scope.POSITION) {
            lets.names().stream().filter(n -> lets.indexOf(n) < ctx.visibleLets()).forEach(values::add);
        }
        return List.of(new Suggestions.Group("values in scope", values), functions());
    }

    private Suggestions.Group functions() {
        return new Suggestions.Group("functions", Arrays.stream(Builtins.Function.values())
                .filter(f -> f.since <= version).map(Builtins.Function::keyword).toList());
    }

    private static Diagnostic error(String code, String message, Expr e, Optional<String> help) {
        return error(code, message, e.pos(), help);
    }

    private static Diagnostic error(String code, String message, dev.adl.diag.SourcePos pos, Optional<String> help) {
        return help.map(h -> Diagnostic.error(code, message, pos, h)).orElseGet(() -> Diagnostic.error(code, message, pos));
    }
}
