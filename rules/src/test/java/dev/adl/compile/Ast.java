package dev.adl.compile;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.check.Analysis;
import dev.adl.diag.SourcePos;

import java.math.BigDecimal;
import java.util.List;

/** Builds policy ASTs by hand, for tests that must not depend on the parser. */
final class Ast {
    private Ast() {
    }

    static SourcePos at(int line) {
        return new SourcePos(line, 3, 1);
    }

    static SourcePos at(int line, int col) {
        return new SourcePos(line, col, 1);
    }

    static final SourcePos P = at(1);

    static Expr.Num num(String v) {
        return new Expr.Num(new BigDecimal(v), Expr.NumKind.PLAIN, v, P);
    }

    static Expr.Num pct(String v) {
        return new Expr.Num(new BigDecimal(v).movePointLeft(2), Expr.NumKind.PERCENT, v + "%", P);
    }

    static Expr.Num hours(long h) {
        return new Expr.Num(BigDecimal.valueOf(h * 3600), Expr.NumKind.DURATION, h + "h", P);
    }

    static Expr.Var var(String name) {
        return new Expr.Var(name, P);
    }

    static Expr bin(Expr l, Expr.BinaryOp op, Expr r) {
        return new Expr.Binary(op, l, r, P);
    }

    static Expr not(Expr e) {
        return new Expr.Unary(Expr.UnaryOp.NOT, e, P);
    }

    static Expr neg(Expr e) {
        return new Expr.Unary(Expr.UnaryOp.NEG, e, P);
    }

    static Expr call(String f, Expr... args) {
        return new Expr.Call(f, List.of(args), P);
    }

    static Expr exposure(String source, Expr.ExposureField field) {
        return new Expr.Exposure(source, field, P, P);
    }

    static Policy.StrLit str(String v) {
        return new Policy.StrLit(v, P);
    }

    static Policy policy(String name, List<Policy.StrLit> markets, List<Policy.ExposureInput> inputs,
                         Policy.Buffer buffer, List<Policy.Let> lets, Policy.Eligible eligible,
                         List<Policy.RankBy> ranks, Policy.Reduce reduce, Policy.Cap cap, Policy.Notify notify) {
        return new Policy(name, 1, markets, inputs, buffer, lets, eligible, ranks, reduce, cap, notify, at(2, 1));
    }

    /** The smallest valid policy: one queue tier. */
    static Policy minimal(Policy.Buffer buffer, Policy.Cap cap, Policy.Notify notify) {
        return policy("p", List.of(), List.of(), buffer, List.of(), null, List.of(),
                new Policy.Reduce(List.of(new Policy.Tier(str("all"), null, new Policy.TierMethod.Queue(at(20)), at(20))), at(19)),
                cap, notify);
    }

    /** The reference policy of LANGUAGE.md with its tier names, sources and globs given, at the lines of the verbatim text. */
    static Policy reference(String name, String glob1, String glob2, String source, String tier1, String tier2) {
        Expr ext = exposure(source, Expr.ExposureField.NOTIONAL);
        Expr effLev = bin(bin(var("notional"), Expr.BinaryOp.ADD, var("ext_notional")), Expr.BinaryOp.DIV,
                bin(var("equity"), Expr.BinaryOp.ADD, exposure(source, Expr.ExposureField.COLLATERAL)));
        return new Policy(name, 1,
                List.of(str(glob1), str(glob2)),
                List.of(new Policy.ExposureInput(source, 60, at(6))),
                new Policy.Buffer(new Policy.Floor.Amount(num("250000"), at(10)),
                        new Policy.MaxUse(pct("50"), at(11)),
                        List.of(new Policy.Trigger(bin(call("drawdown", hours(8)), Expr.BinaryOp.GT, pct("30")), at(12))),
                        at(9, 1)),
                List.of(new Policy.Let("ext_notional", ext, at(15, 1), at(15, 5)),
                        new Policy.Let("eff_leverage", effLev, at(16, 1), at(16, 5))),
                new Policy.Eligible(bin(var("size"), Expr.BinaryOp.GT, num("0")), at(18, 1)),
                List.of(new Policy.RankBy(bin(var("pnl_pct"), Expr.BinaryOp.MUL, var("eff_leverage")),
                                bin(var("upnl"), Expr.BinaryOp.GT, num("0")), at(20, 1)),
                        new Policy.RankBy(bin(var("pnl_pct"), Expr.BinaryOp.DIV, var("eff_leverage")), null, at(21, 1))),
                new Policy.Reduce(List.of(
                        new Policy.Tier(str(tier1), bin(var("eff_leverage"), Expr.BinaryOp.GE, num("25")),
                                new Policy.TierMethod.ProRata(pct("100"), null, at(24, 50)), at(24)),
                        new Policy.Tier(str(tier2), null, new Policy.TierMethod.Queue(at(25, 17)), at(25))), at(23, 1)),
                new Policy.Cap.ShareOfOpenInterest(pct("5"), at(28, 1)),
                new Policy.Notify(4, at(29, 1), at(29, 26)),
                at(2, 1));
    }

    static Policy reference() {
        return reference("perp-queue", "BTC-PERP", "ETH-PERP", "venue-b", "high-leverage", "rest");
    }

    static CompiledPolicy compile(Policy p) {
        CompileResult r = PolicyCompiler.compile(new Analysis("t.adl", "", p, List.of()));
        if (r.policy() == null) throw new AssertionError("did not compile: " + r.diagnostics());
        return r.policy();
    }
}
