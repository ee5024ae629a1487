package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Decision;
import dev.adl.compile.LayerInfo;
import dev.adl.compile.LayerKey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Step 2 of a version 2 event (EXCHANGE.md section 2): the layers of the waterfall, in order,
 * each taking the largest whole-lot part of the open size it can pay for, within its floor,
 * max_use and caps; none while the trigger is active (unless the loss per unit is 0).
 */
final class Waterfall {
    private Waterfall() {
    }

    /**
     * A layer after step 2, before fees: what it had, could pay, took and paid, and which of its
     * options decided {@code available} ({@link #limits}; null while the trigger is active).
     */
    record Layer(LayerInfo info, BigDecimal balance, BigDecimal available, BigDecimal absorbed, BigDecimal paid,
                 boolean[] limits) {
    }

    /** The waterfall's outcome; {@code active} is the trigger at this event, {@code activeAfter} the latch after it. */
    record Outcome(List<Layer> layers, BigDecimal absorbed, BigDecimal paid, boolean active, boolean activeAfter) {
        BigDecimal balanceBefore() {
            return layers.stream().map(Layer::balance).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** Per layer, which options decided its {@code available} (coverage reads it). */
        List<boolean[]> limits() {
            return layers.stream().map(Layer::limits).toList();
        }

        /** The first {@code pool} layer, which the fees are paid into; -1 without one (then no fee is charged). */
        int feeLayer() {
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i).info().kind() == dev.adl.ast.Policy.LayerKind.POOL) return i;
            }
            return -1;
        }

        /** The layers as reported, with the fees added to the pool's balance after. */
        List<LayerResult> results(BigDecimal fees) {
            int pool = feeLayer();
            List<LayerResult> out = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                BigDecimal after = l.balance().subtract(l.paid());
                if (i == pool) after = after.add(fees);
                out.add(new LayerResult(l.info().name(), l.info().kind().keyword(), Decimals.normalize(l.balance()),
                        Decimals.normalize(l.available()), Decimals.normalize(l.absorbed()), Decimals.normalize(l.paid()),
                        Decimals.normalize(after)));
            }
            return out;
        }
    }

    /**
     * The state of each layer of the policy, in order. Under {@code buffer} the one layer's
     * balance and history are the event's, as in version 1; under {@code waterfall} they come
     * from the venue, which must have every layer.
     */
    static List<LayerState> states(CompiledPolicy policy, Event event, Venue venue) {
        List<LayerState> out = new ArrayList<>();
        if (policy.ast().waterfall() == null) {
            out.add(new LayerState(event.insuranceFund(), event.fundHistory(), List.of()));
            return out;
        }
        for (LayerInfo l : policy.layers()) {
            LayerState s = venue.layers().get(l.name());
            if (s == null) {
                throw new EventRefusedException("layer `" + l.name() + "` of the policy has no balance");
            }
            out.add(s);
        }
        return out;
    }

    /** Every layer balance and drawdown the policy reads, exactly. */
    static Map<LayerKey, BigDecimal> values(CompiledPolicy policy, List<LayerState> states, Instant now) {
        Map<LayerKey, BigDecimal> out = new TreeMap<>((a, b) -> a.layer() != b.layer()
                ? Integer.compare(a.layer(), b.layer()) : Long.compare(a.windowSeconds(), b.windowSeconds()));
        for (LayerKey k : policy.layerKeys()) {
            LayerState s = states.get(k.layer());
            out.put(k, k.isBalance() ? s.balance() : drawdown(k.windowSeconds(), s.balance(), now, s.history()));
        }
        return out;
    }

    /** The fall from the peak of the history in {@code [now - window, now]} and the balance now, as a fraction. */
    static BigDecimal drawdown(long window, BigDecimal balance, Instant now, List<Event.FundPoint> history) {
        Instant from = now.minusSeconds(window);
        BigDecimal peak = balance;
        for (Event.FundPoint p : history) {
            if (!p.at().isBefore(from) && !p.at().isAfter(now)) {
                peak = peak.max(p.balance());
            }
        }
        return peak.signum() <= 0 ? BigDecimal.ZERO : Decimals.normalize(Decimals.div(peak.subtract(balance), peak));
    }

    /**
     * The part of the open size {@code open} a layer takes: the largest multiple of the lot with
     * {@code qa <= open} and {@code u * qa <= available}, exact (no rounded share first, which could
     * lose a lot); the whole of {@code open} in lots when the loss per unit is 0.
     */
    static BigDecimal absorbable(BigDecimal available, BigDecimal u, BigDecimal lot, BigDecimal open) {
        BigDecimal whole = Decimals.floorToLot(open, lot);
        if (u.signum() <= 0) return whole;
        return available.divide(u.multiply(lot), 0, RoundingMode.FLOOR).multiply(lot).min(whole);
    }

    /** Whether the trigger is active at this event, and the latch after it (EXCHANGE.md section 1). */
    static boolean[] trigger(CompiledPolicy policy, Decision d, boolean latchedBefore) {
        if (!policy.latches()) return new boolean[]{d.triggered(), d.triggered()};
        boolean after = (latchedBefore || d.latchWhenHeld()) && !d.latchUntilHeld();
        return new boolean[]{after || d.triggered(), after};
    }

    static Outcome run(CompiledPolicy policy, Decision d, List<LayerState> states, BigDecimal u, BigDecimal q,
                       BigDecimal lot, Instant now, boolean latchedBefore, List<String> trace) {
        boolean[] trigger = trigger(policy, d, latchedBefore);
        boolean active = trigger[0];
        List<Layer> layers = new ArrayList<>();
        BigDecimal open = q;
        BigDecimal absorbed = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        for (int i = 0; i < states.size(); i++) {
            LayerInfo info = policy.layers().get(i);
            LayerState s = states.get(i);
            BigDecimal available = active ? BigDecimal.ZERO : available(d.layerSettings(i), s, now);
            boolean[] limits = active ? null : limits(d.layerSettings(i), s, now, available);
            BigDecimal qa;
            if (u.signum() <= 0) {
                // nothing to pay: the first layer takes the whole size, trigger or not, as in version 1
                qa = i == 0 ? absorbable(available, u, lot, open) : BigDecimal.ZERO;
            } else {
                qa = active ? BigDecimal.ZERO : absorbable(available, u, lot, open);
            }
            BigDecimal pays = u.multiply(qa);
            open = open.subtract(qa);
            absorbed = absorbed.add(qa);
            paid = paid.add(pays);
            layers.add(new Layer(info, s.balance(), available, qa, pays, limits));
            trace.add("layer " + (i + 1) + " (" + info.kind().keyword() + ") balance " + AdlEngine.plain(s.balance())
                    + ": available " + AdlEngine.plain(available) + ", absorbs " + AdlEngine.plain(qa) + ", pays "
                    + AdlEngine.plain(pays));
        }
        if (active) {
            trace.add("trigger active" + (policy.latches() ? " (latch " + (latchedBefore ? "set" : "clear")
                    + " before, " + (trigger[1] ? "set" : "clear") + " after)" : "") + ": no layer pays");
        }
        return new Outcome(layers, absorbed, paid, active, trigger[1]);
    }

    /**
     * {@code max(0, balance - floor) * max_use}, limited by each cap less what the layer paid in
     * its window ({@code [now - d, now]}, both ends included) or its lifetime, never below 0.
     */
    static BigDecimal available(Decision.LayerSettings settings, LayerState s, Instant now) {
        BigDecimal a = share(settings, s);
        for (Decision.LayerCap cap : settings.caps()) a = a.min(capLeft(cap, s, now));
        return a;
    }

    private static BigDecimal share(Decision.LayerSettings settings, LayerState s) {
        return s.balance().subtract(settings.floor()).max(BigDecimal.ZERO).multiply(settings.maxUse());
    }

    private static BigDecimal capLeft(Decision.LayerCap cap, LayerState s, Instant now) {
        BigDecimal used = BigDecimal.ZERO;
        Instant from = cap.windowSeconds() == Decision.LayerCap.LIFETIME ? null : now.minusSeconds(cap.windowSeconds());
        for (LayerState.Paid p : s.paid()) {
            if (from == null || (!p.at().isBefore(from) && !p.at().isAfter(now))) used = used.add(p.amount());
        }
        return cap.amount().subtract(used).max(BigDecimal.ZERO);
    }

    /**
     * Which options decided {@code available}: {@code [floor, max_use, cap 1, cap 2, ...]}. An
     * option decides it when its term is the smallest (ties count: each alone would give the
     * same amount). The floor's and max_use's term is {@code max(0, balance - floor) * max_use};
     * max_use only counts when the balance is above the floor (0 times anything is 0).
     */
    static boolean[] limits(Decision.LayerSettings settings, LayerState s, Instant now, BigDecimal available) {
        List<Decision.LayerCap> caps = settings.caps();
        boolean[] out = new boolean[2 + caps.size()];
        boolean share = share(settings, s).compareTo(available) == 0;
        out[0] = share;
        out[1] = share && s.balance().compareTo(settings.floor()) > 0;
        for (int i = 0; i < caps.size(); i++) out[2 + i] = capLeft(caps.get(i), s, now).compareTo(available) == 0;
        return out;
    }

    /**
     * {@code fill at mark_price}: the waterfall's last layer pays the loss the fills at mark left, beyond
     * its floor, max_use and caps, but never more than the balance it has left. Returns the new outcome.
     */
    static Outcome lastLayerPays(Outcome o, BigDecimal loss) {
        List<Layer> layers = new ArrayList<>(o.layers());
        Layer last = layers.get(layers.size() - 1);
        BigDecimal pays = loss.min(last.balance().subtract(last.paid()).max(BigDecimal.ZERO));
        layers.set(layers.size() - 1, new Layer(last.info(), last.balance(), last.available(), last.absorbed(),
                last.paid().add(pays), last.limits()));
        return new Outcome(layers, o.absorbed(), o.paid().add(pays), o.active(), o.activeAfter());
    }

    /** The counterparty's new collateral less the fee, exact: fixed point when it fits, else kept exact. */
    static void chargeFee(long[] fixed, BigDecimal[] exact, int i, BigDecimal fee) {
        BigDecimal left = (exact[i] != null ? exact[i] : Decimals.fromFixed(fixed[i])).subtract(fee);
        if (Decimals.fitsFixed(left)) {
            fixed[i] = Decimals.toFixed(left);
            exact[i] = null;
        } else {
            exact[i] = left;
        }
    }

    /** The fee of one fill, {@code fill * bp * rate}, exact. */
    static BigDecimal fee(BigDecimal fill, BigDecimal bp, BigDecimal rate) {
        return fill.multiply(bp).multiply(rate);
    }
}
