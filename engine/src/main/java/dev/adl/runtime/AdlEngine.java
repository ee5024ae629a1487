package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Decision;
import dev.adl.compile.MarketFacts;
import dev.adl.compile.TierInfo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies one bankruptcy event to a market, following the steps of docs/language.md ("One
 * event, step by step"): bankruptcy price and shortfall (1), the fund's share under
 * the policy's Drools decision over market facts (2), the ADL size and cap (3), candidates
 * ranked over the store's arrays (4), allocation by tiers (5), fills at the bankruptcy price
 * (6). The quintile indicator of step 7 is {@link QueueIndicator}'s, over the store after the event.
 *
 * <p>Atomic: everything is computed first; the store is changed in one step at the end, so
 * a refused event (or any failure before that step) leaves it untouched.
 */
public final class AdlEngine {
    private AdlEngine() {
    }

    /** Applies the event to the store and returns what happened. */
    public static EventResult apply(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event) {
        return apply(policy, store, exposures, event, EventObserver.NONE);
    }

    /** As {@link #dryRun(CompiledPolicy, PositionStore, ExposureFeed, Event)}, with version 2's layers and accounts. */
    public static EventResult dryRun(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event,
                                     Venue venue) {
        long start = System.nanoTime();
        return plan(policy, store, exposures, event, EventObserver.NONE, venue).result(System.nanoTime() - start);
    }

    /** As {@link #apply(CompiledPolicy, PositionStore, ExposureFeed, Event)}, showing the observer the decision. */
    public static EventResult apply(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event,
                                    EventObserver observer) {
        return apply(policy, store, exposures, event, observer, Venue.NONE);
    }

    /** As {@link #apply(CompiledPolicy, PositionStore, ExposureFeed, Event)}, with version 2's layers and accounts. */
    public static EventResult apply(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event,
                                    Venue venue) {
        return apply(policy, store, exposures, event, EventObserver.NONE, venue);
    }

    /** Applies a version 2 event against its venue; the observer sees the decision (coverage uses it). */
    public static EventResult apply(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event,
                                    EventObserver observer, Venue venue) {
        long start = System.nanoTime();
        Plan plan = plan(policy, store, exposures, event, observer, venue);
        plan.commit(store);
        return plan.result(System.nanoTime() - start);
    }

    /**
     * Applies the event, handing its result to {@code beforeCommit} before the store changes:
     * a caller that must put the event on record first (the server's operations log) does it
     * there, and if that throws, the store is left exactly as it was.
     */
    public static EventResult applyOnRecord(CompiledPolicy policy, PositionStore store, ExposureFeed exposures,
                                            Event event, Consumer<EventResult> beforeCommit) {
        return applyOnRecord(policy, store, exposures, event, Venue.NONE, beforeCommit);
    }

    /** As {@link #applyOnRecord(CompiledPolicy, PositionStore, ExposureFeed, Event, Consumer)}, with version 2's layers and accounts. */
    public static EventResult applyOnRecord(CompiledPolicy policy, PositionStore store, ExposureFeed exposures,
                                            Event event, Venue venue, Consumer<EventResult> beforeCommit) {
        long start = System.nanoTime();
        Plan plan = plan(policy, store, exposures, event, EventObserver.NONE, venue);
        EventResult r = plan.result(System.nanoTime() - start);
        beforeCommit.accept(r);
        plan.commit(store);
        return r;
    }

    /** What the event would do, without changing the store. */
    public static EventResult dryRun(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event) {
        return dryRun(policy, store, exposures, event, EventObserver.NONE);
    }

    /** As {@link #dryRun(CompiledPolicy, PositionStore, ExposureFeed, Event)}, showing the observer the decision. */
    public static EventResult dryRun(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event,
                                     EventObserver observer) {
        long start = System.nanoTime();
        Plan plan = plan(policy, store, exposures, event, observer, Venue.NONE);
        return plan.result(System.nanoTime() - start);
    }

    /**
     * The event as the numbered steps of docs/language.md "One event, step by step".
     * Each step returns what the later ones read; steps only add to the trace, in order.
     */
    private static Plan plan(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event,
                             EventObserver observer, Venue venue) {
        ExposureFeed feed = exposures == null ? ExposureFeed.empty() : exposures;
        List<String> trace = new ArrayList<>();
        EventInputs in = acceptEvent(policy, store, event);
        Bankruptcy bk = bankruptcyPrice(store, in, trace);
        FundShare fund;
        MarketFacts facts;
        if (policy.exchangeModel()) {
            List<LayerState> states = Waterfall.states(policy, event, venue);
            LayerState first = states.get(0);
            facts = marketFacts(policy, store, in, bk, first.balance(), first.history(),
                    Waterfall.values(policy, states, in.now()));
            Decision decision = policy.decide(facts);
            Waterfall.Outcome w = Waterfall.run(policy, decision, states, bk.lossPerUnit(), bk.size(), in.lot(),
                    in.now(), event.latched(), trace);
            fund = new FundShare(decision, w.absorbed(), w.paid(), null, w);
        } else {
            facts = marketFacts(policy, store, in, bk, in.fund(), event.fundHistory(), Map.of());
            fund = fundShare(policy.decide(facts), in, bk, trace);
        }
        AdlSize adl = adlSize(fund, bk, in.lot(), trace);
        // step 4 only when something is left to deleverage: ranking is most of an event's time,
        // and with an ADL size of 0 no tier takes anything whatever the order
        CandidateSteps.Candidates cands = adl.needFixed() == 0
                ? CandidateSteps.none(policy, store, feed, -bk.side(), in.bankruptRow(), in.now(), trace)
                : CandidateSteps.candidates(policy, store, feed, -bk.side(), in.bankruptRow(), in.mark(), in.now(),
                        facts, venue.accounts(), trace);
        boolean atMark = policy.fillsAtMark();
        BigDecimal fillPrice = atMark ? in.mark() : bk.price();
        CandidateSteps.Allocation alloc = CandidateSteps.allocateByTiers(policy, store, fund.decision(), cands,
                adl.needFixed(), in.lotFixed(), new CandidateSteps.Prices(bk.lossPerUnit(), in.mark(),
                        atMark ? BigDecimal.ZERO : bk.lossPerUnit()), trace);
        long rankNanos = System.nanoTime() - cands.evaluationStart();
        BigDecimal unresolved = adl.unresolvedByCap().add(Decimals.fromFixed(alloc.needLeft()));
        BigDecimal adlSize = Decimals.fromFixed(adl.needFixed() - alloc.needLeft());
        BigDecimal haircutSize = Decimals.fromFixed(alloc.haircutSize());
        Plan out = FillStep.fill(policy, store, cands, alloc, new FillStep.Inputs(bk.side(), fillPrice,
                fund.absorbed(), haircutSize, unresolved, fund.waterfall() != null,
                fund.waterfall() == null ? -1 : fund.waterfall().feeLayer()), trace);
        EventResult.TierCover cover = TierCovers.cover(policy, alloc, out.fills, bk.lossPerUnit(), atMark);
        if (cover != null && cover.markFillLoss().signum() > 0 && policy.ast().waterfall() != null) {
            Waterfall.Outcome paidLast = Waterfall.lastLayerPays(fund.waterfall(), cover.markFillLoss());
            cover = TierCovers.withUnresolved(cover, cover.markFillLoss().subtract(paidLast.paid().subtract(fund.paid())));
            fund = new FundShare(fund.decision(), fund.absorbed(), paidLast.paid(), null, paidLast);
        }
        if (cover != null && cover.markFillLoss().signum() > 0) {
            trace.add("fills at mark leave a loss of " + plain(cover.markFillLoss()) + "; unresolved "
                    + plain(cover.markFillLossUnresolved()));
        }
        out.bankruptRow = in.bankruptRow();
        out.rankNanos = rankNanos;
        Waterfall.Outcome w = fund.waterfall();
        observer.observe(new EventObserver.Observation(fund.decision(), cands.evaluation(), cands.rows().length,
                cands.eligible().length, fund.decision().cap() != null, adl.capBinding(),
                w == null ? List.of() : w.limits()));
        List<LayerResult> layers = w == null ? null : w.results(out.fees);
        BigDecimal before = w == null ? in.fund() : w.balanceBefore();
        BigDecimal after = w == null ? fund.fundAfter()
                : layers.stream().map(LayerResult::balanceAfter).reduce(BigDecimal.ZERO, BigDecimal::add);
        out.result = new EventResult(policy.name(), policy.version(), in.market(), in.bankrupt(),
                bk.side() > 0 ? "long" : "short", Decimals.normalize(bk.size()), Decimals.normalize(bk.price()),
                Decimals.normalize(bk.shortfall()), Decimals.normalize(before), Decimals.normalize(fund.absorbed()),
                Decimals.normalize(fund.paid()), Decimals.normalize(after), Decimals.normalize(adlSize),
                Decimals.normalize(unresolved), out.fills, fund.decision().rulesFired(), trace,
                EventResult.Timing.NONE, layers, w == null ? null : w.activeAfter(), cover);
        return out;
    }

    /** The event's fields the steps read, checked; the lot size is exact in fixed point. */
    private record EventInputs(String market, BigDecimal lot, long lotFixed, BigDecimal mark, BigDecimal fund,
                               Instant now, String bankrupt, int bankruptRow) {
    }

    /** Before step 1: an event the store, the policy or its own fields cannot carry is refused. */
    private static EventInputs acceptEvent(CompiledPolicy policy, PositionStore store, Event event) {
        String market = event.market();
        if (market == null || !market.equals(store.market())) {
            throw new EventRefusedException("event market `" + market + "` is not the store's market `"
                    + store.market() + "`");
        }
        if (!policy.appliesTo(market)) {
            throw new EventRefusedException("policy `" + policy.name() + "` does not apply to market `" + market + "`");
        }
        BigDecimal lot = event.lotSize();
        if (lot == null || lot.signum() <= 0) {
            throw new EventRefusedException("lot size `" + plain(lot) + "` must be greater than 0");
        }
        long lotFixed;
        try {
            lotFixed = Decimals.toFixed(lot);
        } catch (IllegalArgumentException e) {
            throw new EventRefusedException("lot size " + e.getMessage());
        }
        BigDecimal mark = event.markPrice();
        if (mark == null || mark.signum() <= 0) {
            throw new EventRefusedException("mark price `" + plain(mark) + "` must be greater than 0");
        }
        BigDecimal fund = event.insuranceFund();
        if (fund == null) {
            throw new EventRefusedException("the event has no insurance fund balance");
        }
        Instant now = event.now();
        if (now == null) {
            throw new EventRefusedException("the event has no `now` time");
        }
        String bankrupt = event.bankruptAccount();
        int b = bankrupt == null ? -1 : store.rowOf(bankrupt);
        if (b < 0) {
            throw new EventRefusedException("account `" + bankrupt + "` has no position in market `" + market + "`");
        }
        if (store.sizeFixed(b) == 0) {
            throw new EventRefusedException("the position of account `" + bankrupt + "` in market `" + market
                    + "` has size 0");
        }
        return new EventInputs(market, Decimals.fromFixed(lotFixed), lotFixed, mark, fund, now, bankrupt, b);
    }

    /** The bankrupt position and what closing it at mark would lose. */
    private record Bankruptcy(int side, BigDecimal sign, BigDecimal size, BigDecimal price, BigDecimal lossPerUnit,
                              BigDecimal shortfall) {
    }

    /** Step 1: bankruptcy price {@code bp = e - s * c / q}, loss per unit and shortfall. */
    private static Bankruptcy bankruptcyPrice(PositionStore store, EventInputs in, List<String> trace) {
        int b = in.bankruptRow();
        int s = store.side(b);
        BigDecimal sign = BigDecimal.valueOf(s);
        BigDecimal q = store.size(b);
        BigDecimal e = store.entryPrice(b);
        BigDecimal c = store.collateral(b);
        BigDecimal bp = e.subtract(sign.multiply(Decimals.div(c, q)));
        BigDecimal u = sign.multiply(bp.subtract(in.mark())).max(BigDecimal.ZERO);
        BigDecimal shortfall = u.multiply(q);
        trace.add("bankruptcy price " + plain(bp) + " = " + plain(e) + " - (" + s + ") * " + plain(c) + " / "
                + plain(q) + "; loss per unit " + plain(u) + "; shortfall " + plain(shortfall));
        return new Bankruptcy(s, sign, q, bp, u, shortfall);
    }

    /** Step 2, its inputs: the market values the policy's rules decide on (step 4 scores with them too). */
    private static MarketFacts marketFacts(CompiledPolicy policy, PositionStore store, EventInputs in, Bankruptcy bk,
                                           BigDecimal fund, List<Event.FundPoint> fundHistory,
                                           Map<dev.adl.compile.LayerKey, BigDecimal> layerValues) {
        BigDecimal openInterest = store.longTotal().multiply(in.mark());
        Map<Long, BigDecimal> drawdowns = drawdowns(policy, fund, in.now(), fundHistory);
        return new MarketFacts(in.market(), fund, openInterest, bk.shortfall(), bk.price(), in.mark(), drawdowns,
                layerValues);
    }

    /** The rules' decision and the part of the position the fund (version 2: the waterfall) takes over. */
    private record FundShare(Decision decision, BigDecimal absorbed, BigDecimal paid, BigDecimal fundAfter,
                             Waterfall.Outcome waterfall) {
    }

    /** Step 2: the fund takes the largest whole-lot share {@code qa} it can pay for; none when a trigger holds. */
    private static FundShare fundShare(Decision decision, EventInputs in, Bankruptcy bk, List<String> trace) {
        BigDecimal fund = in.fund();
        BigDecimal u = bk.lossPerUnit();
        BigDecimal floor = decision.floor() == null ? BigDecimal.ZERO : decision.floor();
        BigDecimal maxUse = decision.maxUse() == null ? BigDecimal.ONE : decision.maxUse();
        BigDecimal headroom = fund.subtract(floor).max(BigDecimal.ZERO);
        BigDecimal available = decision.triggered() ? BigDecimal.ZERO : headroom.multiply(maxUse).min(headroom);
        BigDecimal share = bk.shortfall().signum() == 0 ? BigDecimal.ONE
                : Decimals.div(available, bk.shortfall()).min(BigDecimal.ONE);
        // qa is exact, with no rounding of the share (the one computation every layer of version 2 uses)
        BigDecimal qa = Waterfall.absorbable(available, u, in.lot(), bk.size());
        BigDecimal paid = u.multiply(qa);
        trace.add("fund " + plain(fund) + ", floor " + plain(floor) + ", max use " + plain(maxUse)
                + (decision.triggered() ? ", triggered (lines " + decision.triggerLines() + ")" : "")
                + ": available " + plain(available) + ", share " + plain(share) + ", absorbs " + plain(qa)
                + ", pays " + plain(paid));
        return new FundShare(decision, qa, paid, fund.subtract(paid), null);
    }

    /** The size left to deleverage, in fixed point, and the part of it the cap leaves unresolved. */
    private record AdlSize(long needFixed, BigDecimal unresolvedByCap, boolean capBinding) {
    }

    /** Step 3: ADL size {@code qr = q - qa}, limited by the cap in quote units and rounded down to lots. */
    private static AdlSize adlSize(FundShare fund, Bankruptcy bk, BigDecimal lot, List<String> trace) {
        BigDecimal bp = bk.price();
        BigDecimal qr = bk.size().subtract(fund.absorbed());
        BigDecimal unresolvedByCap = BigDecimal.ZERO;
        BigDecimal cap = fund.decision().cap();
        if (cap != null && qr.multiply(bp).compareTo(cap) > 0) {
            BigDecimal limited = bp.signum() <= 0 || cap.signum() <= 0 ? BigDecimal.ZERO
                    : Decimals.floorToLot(cap.divide(bp, Decimals.SCALE, RoundingMode.DOWN), lot).min(qr);
            unresolvedByCap = qr.subtract(limited);
            trace.add("cap " + plain(cap) + ": " + plain(qr) + " * " + plain(bp) + " exceeds it; deleverage "
                    + plain(limited) + ", leave " + plain(unresolvedByCap) + " unresolved");
            qr = limited;
        }
        return new AdlSize(Decimals.toFixed(qr), unresolvedByCap, unresolvedByCap.signum() > 0);
    }

    /** drawdown(w) for each window: fall of the fund from the peak of the history in [now - w, now] and now. */
    static Map<Long, BigDecimal> drawdowns(CompiledPolicy policy, BigDecimal fund, Instant now,
                                           List<Event.FundPoint> history) {
        Map<Long, BigDecimal> out = new TreeMap<>();
        for (long window : policy.drawdownWindows()) {
            out.put(window, Waterfall.drawdown(window, fund, now, history));
        }
        return out;
    }

    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    /** -0.0 ties with 0.0, and NaN ranks last, so the order is total and the tie-break decides. */
    static double[] normalizedScores(double[] raw) {
        int i0 = 0;
        while (i0 < raw.length && !Double.isNaN(raw[i0]) && Double.doubleToRawLongBits(raw[i0]) != NEGATIVE_ZERO) {
            i0++;
        }
        if (i0 == raw.length) {
            return raw; // nothing to normalize: no copy as long as the side
        }
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double v = raw[i];
            out[i] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v + 0.0;
        }
        return out;
    }

    static String plain(BigDecimal v) {
        return v == null ? "null" : Decimals.normalize(v).toPlainString();
    }
}
