package dev.adl.check;

import dev.adl.ast.Policy;
import dev.adl.diag.Diagnostic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of version 2's loss waterfall: the {@code waterfall} block and its layers, the
 * triggers with {@code until} (also those of {@code buffer}), and {@code fee} in {@code reduce};
 * in a version 1 policy each of these is one error naming the version it needs.
 */
final class WaterfallChecker {
    private final Policy policy;
    private final List<Diagnostic> out;
    private final java.util.function.Consumer<dev.adl.ast.Expr.Num> share;

    WaterfallChecker(Policy policy, List<Diagnostic> out, java.util.function.Consumer<dev.adl.ast.Expr.Num> share) {
        this.policy = policy;
        this.out = out;
        this.share = share;
    }

    void run() {
        boolean v2 = policy.version() >= 2;
        Policy.Waterfall w = policy.waterfall();
        if (w != null && !v2) {
            out.add(ExprChecker.needsVersion2("`waterfall`", w.pos()));
        } else if (w != null) {
            if (policy.buffer() != null) {
                out.add(Diagnostic.error("buffer-and-waterfall", "a policy has either `buffer` or `waterfall`, not both",
                        w.pos(), "`buffer { ... }` is the one-layer `waterfall { fund \"insurance_fund\" ... }`"));
            }
            if (w.layers().isEmpty()) {
                out.add(Diagnostic.error("empty-waterfall", "the `waterfall` block has no layers", w.pos(),
                        "add a layer like `fund \"insurance_fund\"`"));
            }
            layers(w.layers());
        }
        triggers(v2);
        fee(v2);
    }

    private void layers(List<Policy.Layer> layers) {
        Map<String, Integer> names = new HashMap<>();
        for (Policy.Layer l : layers) {
            Integer first = names.putIfAbsent(l.name().value(), l.name().pos().line());
            if (first != null) {
                out.add(Diagnostic.error("duplicate-layer", "layer name `" + l.name().value()
                        + "` is used twice; the first is on line " + first, l.name().pos()));
            }
            if (l.name().value().isEmpty()) {
                out.add(Diagnostic.error("empty-layer-name", "layer name is empty", l.name().pos()));
            }
            if (l.floor() instanceof Policy.Floor.ShareOfOpenInterest s) share.accept(s.fraction());
            if (l.maxUse() != null) share.accept(l.maxUse().fraction());
            caps(l);
        }
    }

    private void caps(Policy.Layer l) {
        Map<Long, Integer> windows = new HashMap<>();
        for (Policy.LayerCap c : l.caps()) {
            if (c.amount().value().signum() <= 0) {
                out.add(Diagnostic.error("cap-not-positive", "a layer's cap must be greater than 0, found `"
                        + c.amount().text() + "`", c.amount().pos()));
            }
            if (!c.hasWindow()) {
                out.add(Diagnostic.error("cap-without-window", "a layer's `cap` needs `per <duration>` or `lifetime`",
                        c.pos(), "write `cap " + c.amount().text() + " per 24h` or `cap " + c.amount().text() + " lifetime`"));
                continue;
            }
            // the lifetime cap is the window -1: two of them are a repeated option like two equal windows
            long key = c.lifetime() ? -1 : c.windowSeconds();
            Integer first = windows.putIfAbsent(key, c.pos().line());
            if (first != null) {
                String what = c.lifetime() ? "cap ... lifetime" : "cap ... per " + c.windowSeconds() + "s";
                out.add(Diagnostic.error("duplicate-clause", "duplicate `" + what + "` in layer `" + l.name().value()
                        + "`; the first is on line " + first, c.pos()));
            }
        }
    }

    /** Every trigger written, of {@code buffer} and of {@code waterfall} (a policy with both is an error already). */
    private List<Policy.Trigger> allTriggers() {
        List<Policy.Trigger> all = new java.util.ArrayList<>();
        if (policy.buffer() != null) all.addAll(policy.buffer().triggers());
        if (policy.waterfall() != null) all.addAll(policy.waterfall().triggers());
        return all;
    }

    private void triggers(boolean v2) {
        int latched = 0;
        for (Policy.Trigger t : allTriggers()) {
            if (t.until() == null) continue;
            if (!v2) {
                out.add(ExprChecker.needsVersion2("`until`", t.until().pos()));
                continue;
            }
            if (t.condition() == null) {
                out.add(Diagnostic.error("until-without-when", "`until` needs a `when` condition before it", t.pos(),
                        "write `trigger when <condition> until <condition>`"));
            }
            if (++latched == 2) {
                out.add(Diagnostic.error("several-latches", "only one `trigger` may have `until`", t.pos(),
                        "a policy keeps one latch per market"));
            }
        }
        for (Policy.Trigger t : allTriggers()) {
            if (t.condition() == null && t.until() == null) {
                out.add(Diagnostic.error("trigger-without-when", "`trigger` needs a `when` condition", t.pos()));
            }
        }
    }

    private void fee(boolean v2) {
        Policy.Fee fee = policy.reduce() == null ? null : policy.reduce().fee();
        if (fee == null) return;
        if (!v2) {
            out.add(ExprChecker.needsVersion2("`fee`", fee.pos()));
            return;
        }
        if (!fee.afterTiers()) {
            out.add(Diagnostic.error("fee-before-tiers", "`fee` must come after the tiers in `reduce`", fee.pos()));
        }
        if (fee.rate().kind() != dev.adl.ast.Expr.NumKind.PERCENT) {
            out.add(Diagnostic.error("expected-percentage", "`fee` takes a percentage, like `0.05%`, found `"
                    + fee.rate().text() + "`", fee.rate().pos()));
        } else {
            share.accept(fee.rate());
        }
    }
}
