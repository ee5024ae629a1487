package dev.adl.cover;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Generates mutants of a policy by rebuilding its AST records with one change each:
 * numbers nudged up and down by a tenth of their value, percentages moved ten points (or by
 * half, when smaller),
 * comparisons flipped, adjacent tiers swapped, a conditional rank-by branch dropped,
 * the notify quintile moved, a haircut or drain tier made a queue, a haircut's cap moved and
 * a written {@code fill at} swapped to the other price; in version 2 the waterfall's options,
 * conditions and fee ({@link WaterfallMutator}). Zero has no scale to nudge by and is left alone (the
 * comparisons around it are still flipped). Mutants that no longer pass the checker are
 * filtered by the caller.
 */
public final class Mutator {
    private static final BigDecimal TENTH = new BigDecimal("0.1");
    private static final BigDecimal TEN_POINTS = new BigDecimal("0.10");
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private Mutator() {
    }

    public static List<Mutant> mutants(Policy p) {
        List<Mutant> out = new ArrayList<>();
        Policy.Buffer b = p.buffer();
        if (b != null) {
            if (b.floor() instanceof Policy.Floor.Amount a) {
                for (Expr.Num n : nudges(a.amount())) {
                    out.add(num(a.amount(), n, with(p, new Policy.Buffer(new Policy.Floor.Amount(n, a.pos()),
                            b.maxUse(), b.triggers(), b.pos()))));
                }
            } else if (b.floor() instanceof Policy.Floor.ShareOfOpenInterest s) {
                for (Expr.Num n : nudges(s.fraction())) {
                    out.add(num(s.fraction(), n, with(p, new Policy.Buffer(
                            new Policy.Floor.ShareOfOpenInterest(n, s.pos()), b.maxUse(), b.triggers(), b.pos()))));
                }
            }
            if (b.maxUse() != null) {
                for (Expr.Num n : nudges(b.maxUse().fraction())) {
                    out.add(num(b.maxUse().fraction(), n, with(p, new Policy.Buffer(b.floor(),
                            new Policy.MaxUse(n, b.maxUse().pos()), b.triggers(), b.pos()))));
                }
            }
            for (int i = 0; i < b.triggers().size(); i++) {
                Policy.Trigger t = b.triggers().get(i);
                int at = i;
                for (Change<Expr> c : exprs(t.condition())) {
                    List<Policy.Trigger> ts = new ArrayList<>(b.triggers());
                    ts.set(at, new Policy.Trigger(c.value(), t.until(), t.pos()));
                    out.add(c.mutant(with(p, new Policy.Buffer(b.floor(), b.maxUse(), ts, b.pos()))));
                }
                for (Change<Expr> c : t.until() == null ? List.<Change<Expr>>of() : exprs(t.until())) {
                    List<Policy.Trigger> ts = new ArrayList<>(b.triggers());
                    ts.set(at, new Policy.Trigger(t.condition(), c.value(), t.pos()));
                    out.add(c.mutant(with(p, new Policy.Buffer(b.floor(), b.maxUse(), ts, b.pos()))));
                }
            }
        }
        for (int i = 0; i < p.lets().size(); i++) {
            Policy.Let l = p.lets().get(i);
            int at = i;
            for (Change<Expr> c : exprs(l.expr())) {
                List<Policy.Let> ls = new ArrayList<>(p.lets());
                ls.set(at, new Policy.Let(l.name(), c.value(), l.pos(), l.namePos()));
                out.add(c.mutant(withLets(p, ls)));
            }
        }
        if (p.eligible() != null) {
            for (Change<Expr> c : exprs(p.eligible().condition())) {
                out.add(c.mutant(withEligible(p, new Policy.Eligible(c.value(), p.eligible().pos()))));
            }
        }
        rankMutants(p, out);
        tierMutants(p, out);
        fillAtMutant(p, out);
        if (p.cap() instanceof Policy.Cap.Amount a) {
            for (Expr.Num n : nudges(a.amount())) out.add(num(a.amount(), n, withCap(p, new Policy.Cap.Amount(n, a.pos()))));
        } else if (p.cap() instanceof Policy.Cap.ShareOfOpenInterest s) {
            for (Expr.Num n : nudges(s.fraction())) {
                out.add(num(s.fraction(), n, withCap(p, new Policy.Cap.ShareOfOpenInterest(n, s.pos()))));
            }
        }
        WaterfallMutator.mutants(p, out);
        Policy.Notify nt = p.notification();
        if (nt != null) {
            for (int q : new int[]{nt.quintile() - 1, nt.quintile() + 1}) {
                if (q >= 1 && q <= 5) {
                    out.add(new Mutant(nt.pos().line(), "number nudged", "quintile `" + nt.quintile() + "` -> `" + q
                            + "`", withNotify(p, new Policy.Notify(q, nt.pos(), nt.valuePos()))));
                }
            }
        }
        return out;
    }

    private static void rankMutants(Policy p, List<Mutant> out) {
        List<Policy.RankBy> ranks = p.ranks();
        for (int i = 0; i < ranks.size(); i++) {
            Policy.RankBy r = ranks.get(i);
            int at = i;
            for (Change<Expr> c : exprs(r.score())) {
                out.add(c.mutant(withRanks(p, replace(ranks, at, new Policy.RankBy(c.value(), r.condition(), r.pos())))));
            }
            if (r.condition() != null) {
                for (Change<Expr> c : exprs(r.condition())) {
                    out.add(c.mutant(withRanks(p, replace(ranks, at, new Policy.RankBy(r.score(), c.value(), r.pos())))));
                }
                List<Policy.RankBy> dropped = new ArrayList<>(ranks);
                dropped.remove(at);
                out.add(new Mutant(r.pos().line(), "rank-by branch dropped", "branch " + (at + 1) + " of "
                        + ranks.size() + " removed", withRanks(p, dropped)));
            }
        }
    }

    private static void tierMutants(Policy p, List<Mutant> out) {
        if (p.reduce() == null) return;
        List<Policy.Tier> tiers = p.reduce().tiers();
        for (int i = 0; i < tiers.size(); i++) {
            Policy.Tier t = tiers.get(i);
            int at = i;
            Function<Policy.Tier, Policy> put = nt -> withTiers(p, replace(tiers, at, nt));
            if (t.condition() != null) {
                for (Change<Expr> c : exprs(t.condition())) {
                    out.add(c.mutant(put.apply(new Policy.Tier(t.name(), c.value(), t.method(), t.pos()))));
                }
            }
            if (t.method() instanceof Policy.TierMethod.ProRata pr) {
                for (Expr.Num n : nudges(pr.fraction())) {
                    out.add(num(pr.fraction(), n, put.apply(new Policy.Tier(t.name(), t.condition(),
                            new Policy.TierMethod.ProRata(n, pr.weight(), pr.pos()), t.pos()))));
                }
                if (pr.weight() != null) {
                    for (Change<Expr> c : exprs(pr.weight())) {
                        out.add(c.mutant(put.apply(new Policy.Tier(t.name(), t.condition(),
                                new Policy.TierMethod.ProRata(pr.fraction(), c.value(), pr.pos()), t.pos()))));
                    }
                }
            }
            kindMutants(t, put, out);
            if (i + 1 < tiers.size()) {
                List<Policy.Tier> swapped = new ArrayList<>(tiers);
                swapped.set(i, tiers.get(i + 1));
                swapped.set(i + 1, t);
                out.add(new Mutant(t.pos().line(), "tier order swapped", "tier `" + t.name().value() + "` and tier `"
                        + tiers.get(i + 1).name().value() + "` exchanged", withTiers(p, swapped)));
            }
        }
    }

    /** Version 2's tier kinds: the kind made a plain queue, a haircut's cap moved and its weight changed. */
    private static void kindMutants(Policy.Tier t, Function<Policy.Tier, Policy> put, List<Mutant> out) {
        Function<Policy.TierMethod, Policy> as = m -> put.apply(new Policy.Tier(t.name(), t.condition(), m, t.pos()));
        if (t.method() instanceof Policy.TierMethod.Haircut h) {
            out.add(new Mutant(h.pos().line(), "tier kind changed", "`haircut` -> `queue`",
                    as.apply(new Policy.TierMethod.Queue(h.pos()))));
            if (h.cap() != null) {
                // a cap moved past 100% no longer checks and is dropped by the caller
                for (Expr.Num n : nudges(h.cap())) {
                    out.add(num(h.cap(), n, as.apply(new Policy.TierMethod.Haircut(h.weight(), n, h.pos()))));
                }
            }
            if (h.weight() != null) {
                for (Change<Expr> c : exprs(h.weight())) {
                    out.add(c.mutant(as.apply(new Policy.TierMethod.Haircut(c.value(), h.cap(), h.pos()))));
                }
            }
        } else if (t.method() instanceof Policy.TierMethod.Drain d) {
            out.add(new Mutant(d.pos().line(), "tier kind changed", "`drain` -> `queue`",
                    as.apply(new Policy.TierMethod.Queue(d.pos()))));
        }
    }

    /** A written {@code fill at} swapped to the other price. */
    private static void fillAtMutant(Policy p, List<Mutant> out) {
        Policy.FillAt f = p.reduce() == null ? null : p.reduce().fillAt();
        if (f == null || f.price() == null) return;
        Policy.FillPrice other = f.price() == Policy.FillPrice.MARK_PRICE ? Policy.FillPrice.BANKRUPTCY_PRICE
                : Policy.FillPrice.MARK_PRICE;
        Policy.Reduce r = p.reduce();
        out.add(new Mutant(f.pos().line(), "fill price swapped", "`" + f.price().keyword() + "` -> `"
                + other.keyword() + "`", withReduce(p, new Policy.Reduce(r.tiers(), r.fee(),
                new Policy.FillAt(other, f.afterTiers(), f.pos()), r.pos()))));
    }

    // ---- expressions ----

    /** A replacement for some part of the AST, with the line and description of the one change in it. */
    record Change<T>(T value, int line, String operator, String change) {
        Mutant mutant(Policy policy) {
            return new Mutant(line, operator, change, policy);
        }

        /** The same change, seen from the expression that encloses it. */
        Change<Expr> rewrap(Expr enclosing) {
            return new Change<>(enclosing, line, operator, change);
        }
    }

    /** Every variant of {@code e} with exactly one change inside it. */
    static List<Change<Expr>> exprs(Expr e) {
        List<Change<Expr>> out = new ArrayList<>();
        if (e instanceof Expr.Num n) {
            for (Expr.Num m : nudges(n)) {
                out.add(new Change<>(m, n.pos().line(), operator(n), "`" + n.text() + "` -> `" + m.text() + "`"));
            }
        } else if (e instanceof Expr.Unary u) {
            for (Change<Expr> c : exprs(u.operand())) out.add(c.rewrap(new Expr.Unary(u.op(), c.value(), u.pos())));
        } else if (e instanceof Expr.Binary b) {
            Expr.BinaryOp flipped = flip(b.op());
            if (flipped != null) {
                out.add(new Change<>(new Expr.Binary(flipped, b.left(), b.right(), b.pos()), b.pos().line(),
                        "comparison flipped", "`" + b.op().symbol + "` -> `" + flipped.symbol + "`"));
            }
            for (Change<Expr> c : exprs(b.left())) out.add(c.rewrap(new Expr.Binary(b.op(), c.value(), b.right(), b.pos())));
            for (Change<Expr> c : exprs(b.right())) out.add(c.rewrap(new Expr.Binary(b.op(), b.left(), c.value(), b.pos())));
        } else if (e instanceof Expr.Call call) {
            for (int i = 0; i < call.args().size(); i++) {
                int at = i;
                for (Change<Expr> c : exprs(call.args().get(i))) {
                    out.add(c.rewrap(new Expr.Call(call.function(), replace(call.args(), at, c.value()), call.pos())));
                }
            }
        }
        return out;
    }

    private static Expr.BinaryOp flip(Expr.BinaryOp op) {
        return switch (op) {
            case LT -> Expr.BinaryOp.GT;
            case GT -> Expr.BinaryOp.LT;
            case LE -> Expr.BinaryOp.GE;
            case GE -> Expr.BinaryOp.LE;
            case EQ -> Expr.BinaryOp.NE;
            case NE -> Expr.BinaryOp.EQ;
            default -> null;
        };
    }

    private static String operator(Expr.Num n) {
        return n.kind() == Expr.NumKind.PERCENT ? "percentage changed" : "number nudged";
    }

    /** The number moved down and up: ten points for a percentage, a tenth of its value otherwise. */
    static List<Expr.Num> nudges(Expr.Num n) {
        BigDecimal v = n.value();
        if (v.signum() == 0) return List.of();
        List<Expr.Num> out = new ArrayList<>();
        if (n.kind() == Expr.NumKind.PERCENT) {
            // ten points, or half the value when that is smaller, so that 5% becomes 2.5% and 7.5%
            BigDecimal step = TEN_POINTS.min(v.abs().multiply(HALF));
            for (BigDecimal m : List.of(v.subtract(step), v.add(step))) {
                out.add(new Expr.Num(m, n.kind(), percent(m), n.pos()));
            }
        } else if (n.kind() == Expr.NumKind.DURATION) {
            BigDecimal step = v.multiply(TENTH).setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE);
            for (BigDecimal m : List.of(v.subtract(step), v.add(step))) {
                if (m.signum() > 0) out.add(new Expr.Num(m, n.kind(), duration(m.longValueExact()), n.pos()));
            }
        } else {
            BigDecimal step = v.abs().multiply(TENTH);
            for (BigDecimal m : List.of(v.subtract(step), v.add(step))) {
                out.add(new Expr.Num(m.stripTrailingZeros(), n.kind(), m.stripTrailingZeros().toPlainString(), n.pos()));
            }
        }
        return out;
    }

    /** A duration as the policy language writes it, in the largest unit that divides it. */
    static String duration(long seconds) {
        if (seconds % 86_400 == 0) return seconds / 86_400 + "d";
        if (seconds % 3_600 == 0) return seconds / 3_600 + "h";
        if (seconds % 60 == 0) return seconds / 60 + "m";
        return seconds + "s";
    }

    private static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    static Mutant num(Expr.Num from, Expr.Num to, Policy policy) {
        return new Mutant(from.pos().line(), operator(from), "`" + from.text() + "` -> `" + to.text() + "`", policy);
    }

    static <T> List<T> replace(List<T> list, int index, T value) {
        List<T> copy = new ArrayList<>(list);
        copy.set(index, value);
        return copy;
    }

    // ---- rebuilding the policy record with one part replaced ----

    private static Policy with(Policy p, Policy.Buffer b) {
        return new Policy(p.name(), p.version(), p.markets(), p.inputs(), b, p.lets(), p.eligible(), p.ranks(),
                p.reduce(), p.cap(), p.notification(), p.pos());
    }

    private static Policy withLets(Policy p, List<Policy.Let> lets) {
        return new Policy(p.name(), p.version(), p.markets(), p.inputs(), p.buffer(), p.waterfall(),
                lets, p.eligible(), p.ranks(),
                p.reduce(), p.cap(), p.notification(), p.pos());
    }

    private static Policy withEligible(Policy p, Policy.Eligible e) {
        return new Policy(p.name(), p.version(), p.markets(), p.inputs(), p.buffer(), p.waterfall(),
                p.lets(), e, p.ranks(),
                p.reduce(), p.cap(), p.notification(), p.pos());
    }

    private static Policy withRanks(Policy p, List<Policy.RankBy> ranks) {
        return new Policy(p.name(), p.version(), p.markets(), p.inputs(), p.buffer(), p.waterfall(),
                p.lets(), p.eligible(), ranks,
                p.reduce(), p.cap(), p.notification(), p.pos());
    }

    private static Policy withTiers(Policy p, List<Policy.Tier> tiers) {
        Policy.Reduce r = p.reduce();
        return withReduce(p, new Policy.Reduce(tiers, r.fee(), r.fillAt(), r.pos()));
    }

    private static Policy withReduce(Policy p, Policy.Reduce reduce) {
        return new Policy(p.name(), p.version(), p.markets(), p.inputs(), p.buffer(), p.waterfall(),
                p.lets(), p.eligible(), p.ranks(), reduce, p.cap(), p.notification(), p.pos());
    }

    private static Policy withCap(Policy p, Policy.Cap cap) {
        return new Policy(p.name(), p.version(), p.markets(), p.inputs(), p.buffer(), p.waterfall(),
                p.lets(), p.eligible(),
                p.ranks(), p.reduce(), cap, p.notification(), p.pos());
    }

    private static Policy withNotify(Policy p, Policy.Notify n) {
        return new Policy(p.name(), p.version(), p.markets(), p.inputs(), p.buffer(), p.waterfall(),
                p.lets(), p.eligible(),
                p.ranks(), p.reduce(), p.cap(), n, p.pos());
    }
}
