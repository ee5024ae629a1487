package dev.adl.testing;

import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Decision;
import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.EventObserver;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.Fill;
import dev.adl.runtime.InputException;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.LayerResult;
import dev.adl.runtime.QueueIndicator;
import dev.adl.runtime.Venue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs one case against a compiled policy on a copy of its store, and compares the outcome field by field. */
public final class CaseRunner {
    private CaseRunner() {
    }

    /**
     * Runs {@code c} under {@code policy}; {@code compileError} replaces the policy when it did not compile.
     * The observer sees the engine's decision (coverage uses it).
     */
    public static CaseResult run(TestCase c, CompiledPolicy policy, String compileError, EventObserver observer) {
        long start = System.nanoTime();
        Inputs in = c.inputs();
        EventResult result = null;
        List<String> notified = null;
        String error = compileError != null ? compileError : in.loadError();
        if (error == null) {
            PositionStore store = in.stores().get(in.event().market());
            if (store == null) {
                error = "market `" + in.event().market() + "` has no positions in the case";
            } else {
                Map<String, PositionStore> copies = new java.util.LinkedHashMap<>();
                in.stores().forEach((m, s) -> copies.put(m, s.copy()));
                PositionStore after = copies.get(in.event().market());
                Decision[] decision = new Decision[1];
                try {
                    Venue venue = (in.venue() == null ? CaseVenue.NONE : in.venue())
                            .venue(policy, copies, in.event(), c.suiteFile() + " (positions)");
                    result = AdlEngine.apply(policy, after, in.exposures(), in.event(), o -> {
                        decision[0] = o.decision();
                        observer.observe(o);
                    }, venue);
                    if (c.expect().notified() != null) notified = notified(policy, after, in, result, decision[0]);
                } catch (InputException e) {
                    error = e.getMessage();
                }
            }
        }
        List<Difference> diffs = compare(c.expect(), result, error, policy);
        if (notified != null && !notified.equals(c.expect().notified())) {
            diffs = new ArrayList<>(diffs);
            diffs.add(new Difference("notified", c.expect().notified().toString(), notified.toString()));
        }
        return new CaseResult(c, diffs, result, error, System.nanoTime() - start);
    }

    /** Accounts at or above the notify quintile in the queue after the event: longs, then shorts. */
    private static List<String> notified(CompiledPolicy policy, PositionStore after, Inputs in, EventResult result,
                                         Decision decision) {
        if (decision == null || decision.notifyQuintile() == null) return List.of();
        QueueIndicator qi = QueueIndicator.compute(policy, after, in.exposures(), new QueueIndicator.MarketState(
                in.event().markPrice(), result.fundAfter(), in.event().now(), in.event().fundHistory()));
        List<String> out = new ArrayList<>(qi.accountsAtLeast(1, decision.notifyQuintile()));
        out.addAll(qi.accountsAtLeast(-1, decision.notifyQuintile()));
        return out;
    }

    static List<Difference> compare(Expectation expect, EventResult result, String error, CompiledPolicy policy) {
        List<Difference> out = new ArrayList<>();
        if (expect.expectsError()) {
            if (error == null) {
                out.add(new Difference("error", quoted(expect.errors()), "no error: " + summary(result)));
            } else {
                for (String part : expect.errors()) {
                    if (!error.contains(part)) out.add(new Difference("error", "a message holding `" + part + "`",
                            "`" + firstLine(error) + "`"));
                }
            }
            return out;
        }
        if (error != null) {
            out.add(new Difference("error", "none", "`" + firstLine(error) + "`"));
            return out;
        }
        Map<String, Function<EventResult, BigDecimal>> fields = Map.ofEntries(
                Map.entry("size", EventResult::size), Map.entry("bankruptcy_price", EventResult::bankruptcyPrice),
                Map.entry("shortfall", EventResult::shortfall), Map.entry("fund_before", EventResult::fundBefore),
                Map.entry("fund_absorbed_size", EventResult::fundAbsorbedSize),
                Map.entry("fund_paid", EventResult::fundPaid), Map.entry("fund_after", EventResult::fundAfter),
                Map.entry("adl_size", EventResult::adlSize), Map.entry("unresolved_size", EventResult::unresolvedSize),
                // a policy without a haircut tier or fill at mark reports none of these: the result says nothing
                Map.entry("haircut_size", r -> r.tierCover() == null ? null : r.tierCover().haircutSize()),
                Map.entry("haircut_paid", r -> r.tierCover() == null ? null : r.tierCover().haircutPaid()),
                Map.entry("mark_fill_loss", r -> r.tierCover() == null ? null : r.tierCover().markFillLoss()),
                Map.entry("mark_fill_loss_unresolved",
                        r -> r.tierCover() == null ? null : r.tierCover().markFillLossUnresolved()));
        for (String f : Expectation.AMOUNT_FIELDS) {
            BigDecimal want = expect.amounts().get(f);
            if (want != null) amount(out, f, want, fields.get(f).apply(result));
        }
        if (expect.fills() != null) fills(out, expect.fills(), result.fills());
        layers(out, expect.layers(), result.layers());
        if (expect.triggerActiveAfter() != null
                && !expect.triggerActiveAfter().equals(Boolean.TRUE.equals(result.triggerActiveAfter()))) {
            out.add(new Difference("trigger_active_after", String.valueOf(expect.triggerActiveAfter()),
                    result.triggerActiveAfter() == null ? "nothing (not a waterfall policy)"
                            : String.valueOf(result.triggerActiveAfter())));
        }
        for (String ref : expect.fired()) {
            checkRef(out, "fired", ref, policy);
            if (!fired(ref, result.rulesFired())) {
                out.add(new Difference("fired", "`" + ref + "` to fire", "rules fired " + result.rulesFired()));
            }
        }
        for (String ref : expect.notFired()) {
            checkRef(out, "not_fired", ref, policy);
            if (fired(ref, result.rulesFired())) {
                out.add(new Difference("not_fired", "`" + ref + "` not to fire", "rules fired " + result.rulesFired()));
            }
        }
        return out;
    }

    private static void fills(List<Difference> out, List<Expectation.ExpectedFill> want, List<Fill> got) {
        if (want.size() != got.size()) {
            out.add(new Difference("fills", want.size() + " fills", got.size() + " fills"));
        }
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String at = "fills[" + i + "]";
            if (i >= got.size()) {
                out.add(new Difference(at, describe(want.get(i)), "no fill"));
                continue;
            }
            Fill g = got.get(i);
            if (i >= want.size()) {
                out.add(new Difference(at, "no fill", describe(g)));
                continue;
            }
            Expectation.ExpectedFill w = want.get(i);
            text(out, at + ".account", w.account(), g.account());
            amount(out, at + ".size", w.size(), g.size());
            amount(out, at + ".price", w.price(), g.price());
            text(out, at + ".side", w.side(), g.side());
            amount(out, at + ".realized_pnl", w.realizedPnl(), g.realizedPnl());
            amount(out, at + ".fee", w.fee(), g.fee());
            text(out, at + ".tier", w.tier(), g.tier());
            amount(out, at + ".haircut", w.haircut(), g.haircut());
            if (w.rank() != null && w.rank() != g.rank()) {
                out.add(new Difference(at + ".rank", String.valueOf(w.rank()), String.valueOf(g.rank())));
            }
        }
    }

    private static void layers(List<Difference> out, Map<String, Expectation.ExpectedLayer> want,
                               List<LayerResult> got) {
        for (Map.Entry<String, Expectation.ExpectedLayer> e : want.entrySet()) {
            String at = "layers." + e.getKey();
            LayerResult l = got == null ? null
                    : got.stream().filter(g -> g.name().equals(e.getKey())).findFirst().orElse(null);
            if (l == null) {
                out.add(new Difference(at, "a layer of the result", got == null ? "no layers (not a waterfall policy)"
                        : "no such layer (layers: " + got.stream().map(LayerResult::name).toList() + ")"));
                continue;
            }
            Map<String, BigDecimal> values = Map.of("balance_before", l.balanceBefore(), "available", l.available(),
                    "absorbed_size", l.absorbedSize(), "paid", l.paid(), "balance_after", l.balanceAfter());
            for (String f : Expectation.LAYER_FIELDS) {
                BigDecimal w = e.getValue().amounts().get(f);
                if (w != null) amount(out, at + "." + f, w, values.get(f));
            }
        }
    }

    /** A rule name ({@code tier@20}) matches exactly; a clause keyword ({@code trigger}) matches any of its rules. */
    static boolean fired(String ref, List<String> rules) {
        return rules.stream().anyMatch(r -> matches(ref, r));
    }

    private static boolean matches(String ref, String rule) {
        return ref.contains("@") ? rule.equals(ref) : rule.startsWith(ref + "@");
    }

    /** A reference to a rule the policy does not have would pass `not_fired` for ever: that is a mistake. */
    private static void checkRef(List<Difference> out, String field, String ref, CompiledPolicy policy) {
        if (policy.ruleNames().stream().noneMatch(r -> matches(ref, r))) {
            out.add(new Difference(field, "a rule of the policy", "`" + ref + "` names none (rules: "
                    + policy.ruleNames() + ")"));
        }
    }

    private static void amount(List<Difference> out, String field, BigDecimal want, BigDecimal got) {
        if (want != null && (got == null || want.compareTo(got) != 0)) {
            out.add(new Difference(field, plain(want), got == null ? "nothing" : plain(got)));
        }
    }

    private static void text(List<Difference> out, String field, String want, String got) {
        if (want != null && !want.equals(got)) out.add(new Difference(field, "`" + want + "`", "`" + got + "`"));
    }

    private static String describe(Expectation.ExpectedFill f) {
        return "{account: " + f.account() + (f.size() == null ? "" : ", size: " + plain(f.size()))
                + (f.price() == null ? "" : ", price: " + plain(f.price())) + "}";
    }

    private static String describe(Fill f) {
        return "{account: " + f.account() + ", size: " + plain(f.size()) + ", price: " + plain(f.price())
                + ", tier: " + f.tier() + ", rank: " + f.rank() + "}";
    }

    private static String summary(EventResult r) {
        return r == null ? "no result" : "adl_size " + plain(r.adlSize()) + ", " + r.fills().size() + " fills";
    }

    private static String quoted(List<String> parts) {
        return "an error holding " + String.join(" and ", parts.stream().map(p -> "`" + p + "`").toList());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
