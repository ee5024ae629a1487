package dev.adl.check;

import dev.adl.ast.Builtins;
import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The semantic check of a policy AST: everything the language (docs/language.md) requires beyond syntax.
 * It reports every problem it finds rather than stopping at the first.
 */
public final class Checker {
    private final Policy policy;
    private final List<Diagnostic> out = new ArrayList<>();
    private final LetTable lets;
    private final ExprChecker exprs;

    private Checker(Policy policy) {
        this.policy = policy;
        this.lets = new LetTable(policy.lets());
        List<String> sources = policy.inputs().stream().map(Policy.ExposureInput::source).distinct().toList();
        List<String> layers = policy.version() >= 2
                ? policy.layers().stream().map(l -> l.name().value()).distinct().toList() : List.of();
        this.exprs = new ExprChecker(lets, sources, out, policy.version(), layers);
    }

    /**
     * Checks {@code policy}; {@code endOfFile} is where a missing clause is reported.
     * The result is in the order the checks ran; callers sort it.
     */
    public static List<Diagnostic> check(Policy policy, SourcePos endOfFile) {
        Checker c = new Checker(policy);
        c.run(endOfFile);
        return List.copyOf(c.out);
    }

    private void run(SourcePos endOfFile) {
        checkMarkets();
        checkInputs();
        checkBuffer();
        new WaterfallChecker(policy, out, this::share).run();
        checkLets();
        int letCount = policy.lets().size();
        if (policy.eligible() != null) {
            exprs.expect(policy.eligible().condition(), Type.CONDITION, ExprChecker.Context.position(letCount));
        }
        checkRanks(letCount);
        checkReduce(endOfFile, letCount);
        checkCap();
        checkNotify();
    }

    private void checkMarkets() {
        for (Policy.StrLit m : policy.markets()) {
            if (m.value().isEmpty()) {
                out.add(Diagnostic.error("empty-market", "market pattern is empty", m.pos(),
                        "use a market name like `BTC-PERP` or a pattern like `*-PERP`"));
            }
        }
    }

    private void checkInputs() {
        Map<String, Integer> seen = new HashMap<>();
        for (Policy.ExposureInput in : policy.inputs()) {
            Integer first = seen.putIfAbsent(in.source(), in.pos().line());
            if (first != null) {
                out.add(Diagnostic.error("duplicate-input", "exposure source `" + in.source()
                        + "` is declared twice; the first is on line " + first, in.pos()));
            }
        }
    }

    private void checkBuffer() {
        Policy.Buffer b = policy.buffer();
        if (b != null) {
            if (b.floor() instanceof Policy.Floor.ShareOfOpenInterest s) share(s.fraction());
            if (b.maxUse() != null) share(b.maxUse().fraction());
        }
        List<Policy.Trigger> triggers = new ArrayList<>(b == null ? List.of() : b.triggers());
        if (policy.waterfall() != null) triggers.addAll(policy.waterfall().triggers());
        for (Policy.Trigger t : triggers) {
            if (t.condition() != null) {
                exprs.expect(t.condition(), Type.CONDITION, ExprChecker.Context.market(policy.lets().size()));
            }
            if (t.until() != null && policy.version() >= 2) {
                exprs.expect(t.until(), Type.CONDITION, ExprChecker.Context.market(policy.lets().size()));
            }
        }
    }

    private void checkLets() {
        for (int i = 0; i < policy.lets().size(); i++) {
            Policy.Let let = policy.lets().get(i);
            int first = lets.indexOf(let.name());
            if (first != i) {
                out.add(Diagnostic.error("duplicate-let", "`" + let.name() + "` is already defined on line "
                        + lets.get(first).namePos().line(), let.namePos()));
            }
            if (isBuiltin(let.name(), policy.version())) {
                out.add(Diagnostic.error("let-shadows-builtin", "`" + let.name()
                        + "` is a built-in name; a `let` needs a name of its own", let.namePos()));
            }
            Type type = exprs.check(let.expr(), ExprChecker.Context.ofLet(i));
            if (first == i) lets.setType(i, type);
        }
    }

    /** A name a let may not take; version 2's names are free for a version 1 policy's lets. */
    private static boolean isBuiltin(String name, long version) {
        return Builtins.PositionVar.of(name).filter(v -> v.since <= version).isPresent()
                || Builtins.MarketVar.of(name).isPresent()
                || Builtins.Function.of(name).filter(f -> f.since <= version).isPresent();
    }

    private void checkRanks(int letCount) {
        List<Policy.RankBy> ranks = policy.ranks();
        for (int i = 0; i < ranks.size(); i++) {
            Policy.RankBy r = ranks.get(i);
            exprs.expect(r.score(), Type.NUMBER, ExprChecker.Context.position(letCount));
            if (r.condition() != null) {
                exprs.expect(r.condition(), Type.CONDITION, ExprChecker.Context.position(letCount));
            }
            boolean last = i == ranks.size() - 1;
            if (!last && r.condition() == null) {
                out.add(Diagnostic.error("rank-default-not-last", "only the last `rank by` may leave out `when`",
                        r.pos(), "the `rank by` clauses after this one can never be used"));
            }
            if (last && r.condition() != null) {
                out.add(Diagnostic.error("rank-missing-default",
                        "no final `rank by` without `when`; a position that matches no branch would have no score",
                        r.pos(), "end with a branch that has no condition, like `rank by pnl_pct`"));
            }
        }
    }

    private void checkReduce(SourcePos endOfFile, int letCount) {
        Policy.Reduce reduce = policy.reduce();
        if (reduce == null) {
            out.add(Diagnostic.error("missing-reduce", "no `reduce` block; every policy needs one", endOfFile,
                    "add a block like `reduce { tier \"all\" : queue }`"));
            return;
        }
        if (reduce.tiers().isEmpty()) {
            out.add(Diagnostic.error("empty-reduce", "the `reduce` block has no tiers", reduce.pos(),
                    "add a tier like `tier \"all\" : queue`"));
        }
        Map<String, Integer> names = new HashMap<>();
        Policy.Tier catchAll = null;
        TierKindChecker kinds = new TierKindChecker(policy, out, exprs);
        kinds.fillAt();
        for (Policy.Tier t : reduce.tiers()) {
            Integer first = names.putIfAbsent(t.name().value(), t.name().pos().line());
            if (first != null) {
                out.add(Diagnostic.error("duplicate-tier", "tier name `" + t.name().value()
                        + "` is used twice; the first is on line " + first, t.name().pos()));
            }
            if (catchAll != null) {
                out.add(Diagnostic.warning("unreachable-tier", "tier `" + t.name().value()
                        + "` can never be reached; tier `" + catchAll.name().value() + "` before it takes every candidate",
                        t.pos()));
            }
            if (t.condition() != null) {
                exprs.expect(t.condition(), Type.CONDITION, ExprChecker.Context.position(letCount));
            } else if (catchAll == null) {
                catchAll = t;
            }
            if (t.method() instanceof Policy.TierMethod.ProRata p) {
                share(p.fraction());
                if (p.weight() != null) {
                    exprs.expect(p.weight(), Type.NUMBER, ExprChecker.Context.position(letCount));
                }
            }
            kinds.tier(t.method(), letCount);
        }
    }

    private void checkCap() {
        if (policy.cap() instanceof Policy.Cap.ShareOfOpenInterest s) share(s.fraction());
    }

    private void checkNotify() {
        Policy.Notify n = policy.notification();
        if (n != null && (n.quintile() < 1 || n.quintile() > 5)) {
            out.add(Diagnostic.error("bad-quintile", "quintile threshold must be a whole number from 1 to 5, found `"
                    + n.quintile() + "`", n.valuePos()));
        }
    }

    /** A share of something (floor, max_use, pro_rata, cap) must lie in 0% to 100%. */
    private void share(Expr.Num n) {
        if (n == null) return;
        if (n.kind() == Expr.NumKind.PERCENT) {
            ExprChecker.checkPercent(n, out);
        } else if (!ExprChecker.isFraction(n.value())) {
            out.add(Diagnostic.error("percent-out-of-range", "share `" + n.text() + "` is outside 0% to 100%", n.pos()));
        }
    }
}
