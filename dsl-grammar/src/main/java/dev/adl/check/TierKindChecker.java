package dev.adl.check;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.diag.Diagnostic;

import java.math.BigDecimal;
import java.util.List;

/**
 * The checks of version 2's tier kinds ({@code haircut}, {@code drain}) and of {@code fill at}:
 * in a version 1 policy each is one error naming the version it needs.
 */
final class TierKindChecker {
    /** The leverages a drain tier can recompute after closing at the fill price. */
    static final List<String> DRAIN_LEVERAGES = List.of("leverage");

    private final Policy policy;
    private final List<Diagnostic> out;
    private final ExprChecker exprs;

    TierKindChecker(Policy policy, List<Diagnostic> out, ExprChecker exprs) {
        this.policy = policy;
        this.out = out;
        this.exprs = exprs;
    }

    /** Checks one tier's kind; {@code letCount} lets are visible to its expressions. */
    void tier(Policy.TierMethod method, int letCount) {
        boolean v2 = policy.version() >= 2;
        if (method instanceof Policy.TierMethod.Haircut h) {
            if (!v2) {
                out.add(ExprChecker.needsVersion2("`haircut`", h.pos()));
                return;
            }
            if (h.weight() != null) exprs.expect(h.weight(), Type.NUMBER, ExprChecker.Context.position(letCount));
            Expr.Num cap = h.cap();
            if (cap != null && cap.kind() == Expr.NumKind.PERCENT
                    && (cap.value().signum() <= 0 || cap.value().compareTo(BigDecimal.ONE) > 0)) {
                out.add(Diagnostic.error("percent-out-of-range", "a haircut's cap `" + cap.text()
                        + "` must be above 0% and at most 100%", cap.pos()));
            }
        } else if (method instanceof Policy.TierMethod.Drain d) {
            if (!v2) {
                out.add(ExprChecker.needsVersion2("`drain`", d.pos()));
                return;
            }
            if (!(d.lev() instanceof Expr.Var v && DRAIN_LEVERAGES.contains(v.name()))) {
                out.add(Diagnostic.error("drain-leverage", "`drain by` takes `leverage`, found " + text(d.lev()),
                        d.lev().pos(), "a drain tier recomputes each member's leverage after closing, so it names it"));
            }
        }
    }

    /** {@code fill at}: version 2, after the tiers. */
    void fillAt() {
        Policy.FillAt f = policy.reduce() == null ? null : policy.reduce().fillAt();
        if (f == null) return;
        if (policy.version() < 2) {
            out.add(ExprChecker.needsVersion2("`fill at`", f.pos()));
        } else if (!f.afterTiers()) {
            out.add(Diagnostic.error("fill-at-before-tiers", "`fill at` must come after the tiers in `reduce`",
                    f.pos()));
        }
    }

    private static String text(Expr e) {
        return e instanceof Expr.Var v ? "`" + v.name() + "`" : "an expression";
    }
}
