package dev.adl.ast;

import dev.adl.diag.SourcePos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The AST of one policy file. Clauses the text leaves out are null (single clauses) or
 * empty (lists); defaults (markets "*", floor 0, max_use 100%) are applied by the
 * compiler, not here, so the AST says exactly what was written.
 */
public record Policy(
        String name,
        long version,
        List<StrLit> markets,
        List<ExposureInput> inputs,
        Buffer buffer,
        Waterfall waterfall,
        List<Let> lets,
        Eligible eligible,
        List<RankBy> ranks,
        Reduce reduce,
        Cap cap,
        Notify notification,
        SourcePos pos) {

    public Policy {
        markets = List.copyOf(markets);
        inputs = List.copyOf(inputs);
        lets = List.copyOf(lets);
        ranks = List.copyOf(ranks);
    }

    /** A policy without {@code waterfall} (every version 1 policy). */
    public Policy(String name, long version, List<StrLit> markets, List<ExposureInput> inputs, Buffer buffer,
                  List<Let> lets, Eligible eligible, List<RankBy> ranks, Reduce reduce, Cap cap, Notify notification,
                  SourcePos pos) {
        this(name, version, markets, inputs, buffer, null, lets, eligible, ranks, reduce, cap, notification, pos);
    }

    /** The name {@code buffer} (and a version 2 policy with neither block) gives its one fund layer. */
    public static final String BUFFER_LAYER = "insurance_fund";

    /**
     * The layers a version 2 policy draws on, in order: the {@code waterfall}'s, or the one
     * fund layer {@code buffer} stands for (with the buffer's floor and max_use; defaults without it).
     */
    public List<Layer> layers() {
        if (waterfall != null) return waterfall.layers();
        SourcePos at = buffer != null ? buffer.pos() : pos;
        return List.of(new Layer(LayerKind.FUND, new StrLit(BUFFER_LAYER, at),
                buffer == null ? null : buffer.floor(), buffer == null ? null : buffer.maxUse(), List.of(), at));
    }

    /** The triggers of the {@code waterfall}, or of the {@code buffer}. */
    public List<Trigger> triggers() {
        if (waterfall != null) return waterfall.triggers();
        return buffer == null ? List.of() : buffer.triggers();
    }

    /** A string literal with its unescaped value. */
    public record StrLit(String value, SourcePos pos) {
    }

    /** {@code exposure "<source>" stale_after <duration>}; staleAfterSeconds is whole seconds. */
    public record ExposureInput(String source, long staleAfterSeconds, SourcePos pos) {
    }

    /** {@code buffer { ... }}; each part may be null/empty. */
    public record Buffer(Floor floor, MaxUse maxUse, List<Trigger> triggers, SourcePos pos) {
        public Buffer {
            triggers = List.copyOf(triggers);
        }
    }

    /** {@code floor <amount>} or {@code floor <pct> of open_interest}. */
    public sealed interface Floor {
        SourcePos pos();

        record Amount(Expr.Num amount, SourcePos pos) implements Floor {
        }

        record ShareOfOpenInterest(Expr.Num fraction, SourcePos pos) implements Floor {
        }
    }

    /** {@code max_use <pct> per event}. */
    public record MaxUse(Expr.Num fraction, SourcePos pos) {
    }

    /**
     * {@code trigger when <market condition> [until <market condition>]}; {@code until} is null
     * without it (always in version 1). {@code condition} is null only for {@code trigger until ...},
     * which the checker refuses.
     */
    public record Trigger(Expr condition, Expr until, SourcePos pos) {
        public Trigger(Expr condition, SourcePos pos) {
            this(condition, null, pos);
        }
    }

    /** {@code waterfall { layer... trigger... }} (version 2). */
    public record Waterfall(List<Layer> layers, List<Trigger> triggers, SourcePos pos) {
        public Waterfall {
            layers = List.copyOf(layers);
            triggers = List.copyOf(triggers);
        }
    }

    public enum LayerKind {
        FUND, POOL, BACKSTOP;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code fund|pool|backstop "<name>" [floor ...] [max_use ...] [cap ...]*}; absent options are null/empty. */
    public record Layer(LayerKind kind, StrLit name, Floor floor, MaxUse maxUse, List<LayerCap> caps, SourcePos pos) {
        public Layer {
            caps = List.copyOf(caps);
        }
    }

    /**
     * {@code cap <amount> per <duration>} ({@code windowSeconds} set), {@code cap <amount> lifetime}
     * ({@code lifetime}), or {@code cap <amount>} with neither, which the checker refuses.
     */
    public record LayerCap(Expr.Num amount, Long windowSeconds, boolean lifetime, SourcePos pos) {
        public boolean hasWindow() {
            return windowSeconds != null || lifetime;
        }
    }

    /** {@code fee <pct>} inside {@code reduce}; {@code afterTiers} is false when a tier follows it. */
    public record Fee(Expr.Num rate, boolean afterTiers, SourcePos pos) {
    }

    /** {@code let <name> = <expr>}. */
    public record Let(String name, Expr expr, SourcePos pos, SourcePos namePos) {
    }

    /** {@code eligible when <condition>}. */
    public record Eligible(Expr condition, SourcePos pos) {
    }

    /** {@code rank by <expr> [when <condition>]}; condition is null for the final branch. */
    public record RankBy(Expr score, Expr condition, SourcePos pos) {
    }

    /** {@code reduce { tier ... [fee <pct>] [fill at <price>] }}; fee and fillAt are null without them. */
    public record Reduce(List<Tier> tiers, Fee fee, FillAt fillAt, SourcePos pos) {
        public Reduce {
            tiers = List.copyOf(tiers);
        }

        public Reduce(List<Tier> tiers, Fee fee, SourcePos pos) {
            this(tiers, fee, null, pos);
        }

        public Reduce(List<Tier> tiers, SourcePos pos) {
            this(tiers, null, null, pos);
        }
    }

    /** The price every ADL fill closes at (version 2). */
    public enum FillPrice {
        BANKRUPTCY_PRICE, MARK_PRICE;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * {@code fill at bankruptcy_price | mark_price} inside {@code reduce}; {@code price} is null for a
     * word that is neither (the AST builder reported it), {@code afterTiers} false when a tier follows it.
     */
    public record FillAt(FillPrice price, boolean afterTiers, SourcePos pos) {
    }

    /** {@code tier "<name>" [when <condition>] : <method>}; condition null means every candidate. */
    public record Tier(StrLit name, Expr condition, TierMethod method, SourcePos pos) {
    }

    public sealed interface TierMethod {
        SourcePos pos();

        /** Take candidates in rank order, each up to its whole size. */
        record Queue(SourcePos pos) implements TierMethod {
        }

        /** Each member offers {@code fraction * size}; the need is split in proportion to {@code weight} (null = size). */
        record ProRata(Expr.Num fraction, Expr weight, SourcePos pos) implements TierMethod {
        }

        /**
         * Version 2: the need is covered by lowering members' collateral by shares of the loss, in
         * proportion to {@code weight} (null = positive upnl), each at most {@code cap} of its positive
         * upnl (null = 100%) and never more than its equity.
         */
        record Haircut(Expr weight, Expr.Num cap, SourcePos pos) implements TierMethod {
        }

        /** Version 2: members reduced from the highest {@code lev} down to one common level. */
        record Drain(Expr lev, SourcePos pos) implements TierMethod {
        }
    }

    /** {@code cap <pct> of open_interest per event} or {@code cap <amount> per event}. */
    public sealed interface Cap {
        SourcePos pos();

        record Amount(Expr.Num amount, SourcePos pos) implements Cap {
        }

        record ShareOfOpenInterest(Expr.Num fraction, SourcePos pos) implements Cap {
        }
    }

    /** {@code notify when quintile >= <1..5>}. */
    public record Notify(int quintile, SourcePos pos, SourcePos valuePos) {
    }

    /**
     * Every expression the policy writes, in clause order: triggers (with their {@code until}), lets, eligible, rank
     * scores and conditions, tier conditions and pro-rata weights.
     */
    public List<Expr> expressions() {
        List<Expr> out = new ArrayList<>();
        for (Trigger t : triggers()) {
            if (t.condition() != null) out.add(t.condition());
            if (t.until() != null) out.add(t.until());
        }
        lets.forEach(l -> out.add(l.expr()));
        if (eligible != null) out.add(eligible.condition());
        for (RankBy r : ranks) {
            out.add(r.score());
            if (r.condition() != null) out.add(r.condition());
        }
        if (reduce != null) {
            for (Tier t : reduce.tiers()) {
                if (t.condition() != null) out.add(t.condition());
                if (t.method() instanceof TierMethod.ProRata p && p.weight() != null) out.add(p.weight());
                if (t.method() instanceof TierMethod.Haircut h && h.weight() != null) out.add(h.weight());
                if (t.method() instanceof TierMethod.Drain d && d.lev() != null) out.add(d.lev());
            }
        }
        return out;
    }

    /**
     * Whether the policy writes one of version 2's constructs (then it must say version 2 or
     * later). Only such a policy runs and reports the loss waterfall of EXCHANGE.md: a policy
     * that says {@code version 2} or later but uses none of them keeps version 1's results
     * byte for byte, as it had before version 2 existed.
     */
    public boolean usesVersion2() {
        if (waterfall != null || (reduce != null && (reduce.fee() != null || reduce.fillAt() != null))) return true;
        if (reduce != null && reduce.tiers().stream().anyMatch(t -> t.method() instanceof TierMethod.Haircut
                || t.method() instanceof TierMethod.Drain)) return true;
        if (triggers().stream().anyMatch(t -> t.until() != null)) return true;
        return anyExpression(e -> e instanceof Expr.LayerName || isAccountValue(e)
                || (e instanceof Expr.Call c && c.function().equals("balance")));
    }

    /** Whether an expression reads version 2's account-level built-ins (a let of the same name hides them). */
    public boolean usesAccountValues() {
        return version >= 2 && anyExpression(this::isAccountValue);
    }

    private boolean isAccountValue(Expr e) {
        return e instanceof Expr.Var v && lets.stream().noneMatch(l -> l.name().equals(v.name()))
                && Builtins.PositionVar.of(v.name()).filter(p -> p.since >= 2).isPresent();
    }

    private boolean anyExpression(java.util.function.Predicate<Expr> test) {
        List<Expr> pending = new ArrayList<>(expressions());
        while (!pending.isEmpty()) {
            Expr e = pending.remove(pending.size() - 1);
            if (test.test(e)) return true;
            if (e instanceof Expr.Unary u) pending.add(u.operand());
            if (e instanceof Expr.Binary b) {
                pending.add(b.left());
                pending.add(b.right());
            }
            if (e instanceof Expr.Call c) pending.addAll(c.args());
        }
        return false;
    }

    /** Convenience for callers that only need the number. */
    public static BigDecimal value(Expr.Num n) {
        return n == null ? null : n.value();
    }
}
