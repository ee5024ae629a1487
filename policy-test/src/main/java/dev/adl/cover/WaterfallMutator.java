package dev.adl.cover;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Mutants of version 2's loss waterfall: each layer's floor, max_use and cap amounts nudged,
 * each trigger's {@code when} and {@code until} conditions changed as any condition is, and the
 * {@code fee} of {@code reduce} nudged. A suite that never makes an option decide what its
 * layer pays leaves these alive.
 */
final class WaterfallMutator {
    private WaterfallMutator() {
    }

    static void mutants(Policy p, List<Mutant> out) {
        Policy.Waterfall w = p.waterfall();
        if (w != null) {
            for (int i = 0; i < w.layers().size(); i++) {
                int at = i;
                layer(w.layers().get(i), l -> withWaterfall(p, new Policy.Waterfall(
                        Mutator.replace(w.layers(), at, l), w.triggers(), w.pos())), out);
            }
            for (int i = 0; i < w.triggers().size(); i++) {
                Policy.Trigger t = w.triggers().get(i);
                int at = i;
                Function<Policy.Trigger, Policy> put = nt -> withWaterfall(p, new Policy.Waterfall(w.layers(),
                        Mutator.replace(w.triggers(), at, nt), w.pos()));
                for (Mutator.Change<Expr> c : Mutator.exprs(t.condition())) {
                    out.add(c.mutant(put.apply(new Policy.Trigger(c.value(), t.until(), t.pos()))));
                }
                if (t.until() != null) {
                    for (Mutator.Change<Expr> c : Mutator.exprs(t.until())) {
                        out.add(c.mutant(put.apply(new Policy.Trigger(t.condition(), c.value(), t.pos()))));
                    }
                }
            }
        }
        Policy.Reduce r = p.reduce();
        if (r != null && r.fee() != null) {
            Policy.Fee f = r.fee();
            for (Expr.Num n : Mutator.nudges(f.rate())) {
                out.add(Mutator.num(f.rate(), n, withReduce(p, new Policy.Reduce(r.tiers(),
                        new Policy.Fee(n, f.afterTiers(), f.pos()), r.pos()))));
            }
        }
    }

    private static void layer(Policy.Layer l, Function<Policy.Layer, Policy> put, List<Mutant> out) {
        if (l.floor() instanceof Policy.Floor.Amount a) {
            for (Expr.Num n : Mutator.nudges(a.amount())) {
                out.add(Mutator.num(a.amount(), n, put.apply(new Policy.Layer(l.kind(), l.name(),
                        new Policy.Floor.Amount(n, a.pos()), l.maxUse(), l.caps(), l.pos()))));
            }
        } else if (l.floor() instanceof Policy.Floor.ShareOfOpenInterest s) {
            for (Expr.Num n : Mutator.nudges(s.fraction())) {
                out.add(Mutator.num(s.fraction(), n, put.apply(new Policy.Layer(l.kind(), l.name(),
                        new Policy.Floor.ShareOfOpenInterest(n, s.pos()), l.maxUse(), l.caps(), l.pos()))));
            }
        }
        if (l.maxUse() != null) {
            for (Expr.Num n : Mutator.nudges(l.maxUse().fraction())) {
                out.add(Mutator.num(l.maxUse().fraction(), n, put.apply(new Policy.Layer(l.kind(), l.name(), l.floor(),
                        new Policy.MaxUse(n, l.maxUse().pos()), l.caps(), l.pos()))));
            }
        }
        for (int i = 0; i < l.caps().size(); i++) {
            Policy.LayerCap c = l.caps().get(i);
            for (Expr.Num n : Mutator.nudges(c.amount())) {
                out.add(Mutator.num(c.amount(), n, put.apply(new Policy.Layer(l.kind(), l.name(), l.floor(), l.maxUse(),
                        Mutator.replace(l.caps(), i, new Policy.LayerCap(n, c.windowSeconds(), c.lifetime(), c.pos())),
                        l.pos()))));
            }
        }
    }

    private static Policy withWaterfall(Policy p, Policy.Waterfall w) {
        return new Policy(p.name(), p.version(), p.markets(), p.inputs(), p.buffer(), w, p.lets(), p.eligible(),
                p.ranks(), p.reduce(), p.cap(), p.notification(), p.pos());
    }

    private static Policy withReduce(Policy p, Policy.Reduce r) {
        return new Policy(p.name(), p.version(), p.markets(), p.inputs(), p.buffer(), p.waterfall(), p.lets(),
                p.eligible(), p.ranks(), r, p.cap(), p.notification(), p.pos());
    }
}
