package dev.adl.runtime;

import dev.adl.ast.Builtins.MarketVar;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Decision;
import dev.adl.compile.Evaluation;
import dev.adl.compile.MarketFacts;
import dev.adl.compile.TierInfo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies one bankruptcy event to a market, following LANGUAGE.md "Semantics of one
 * bankruptcy event": bankruptcy price and shortfall, the policy's Drools decision over
 * market facts, the fund's share, the cap, ranking over the store's arrays, allocation by
 * tiers, fills at the bankruptcy price.
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

    /** As {@link #apply(CompiledPolicy, PositionStore, ExposureFeed, Event)}, showing the observer the decision. */
    public static EventResult apply(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event,
                                    EventObserver observer) {
        long start = System.nanoTime();
        Plan plan = plan(policy, store, exposures, event, observer);
        plan.commit(store);
        return plan.result(System.nanoTime() - start);
    }

    /** What the event would do, without changing the store. */
    public static EventResult dryRun(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event) {
        return dryRun(policy, store, exposures, event, EventObserver.NONE);
    }

    /** As {@link #dryRun(CompiledPolicy, PositionStore, ExposureFeed, Event)}, showing the observer the decision. */
    public static EventResult dryRun(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event,
                                     EventObserver observer) {
        long start = System.nanoTime();
        Plan plan = plan(policy, store, exposures, event, observer);
        return plan.result(System.nanoTime() - start);
    }

    /** The computed outcome and the store changes that carry it out. */
    private static final class Plan {
        EventResult result;
        int bankruptRow;
        int[] fillRows;
        long[] newSizes;
        /** New collateral in fixed point, unless {@link #newCollateralExact} holds the row's value. */
        long[] newCollateral;
        /** Exact new collateral where it is finer than fixed point or out of its range; null elsewhere. */
        BigDecimal[] newCollateralExact;
        BigDecimal houseDelta;
        long rankNanos;

        void commit(PositionStore store) {
            for (int i = 0; i < fillRows.length; i++) {
                store.setSize(fillRows[i], newSizes[i]);
                if (newCollateralExact[i] != null) {
                    store.setCollateral(fillRows[i], newCollateralExact[i]);
                } else {
                    store.setCollateralFixed(fillRows[i], newCollateral[i]);
                }
            }
            store.setSize(bankruptRow, 0);
            store.setCollateral(bankruptRow, BigDecimal.ZERO);
            store.addHouse(houseDelta);
        }

        EventResult result(long eventNanos) {
            return new EventResult(result.policy(), result.version(), result.market(), result.bankruptAccount(),
                    result.side(), result.size(), result.bankruptcyPrice(), result.shortfall(), result.fundBefore(),
                    result.fundAbsorbedSize(), result.fundPaid(), result.fundAfter(), result.adlSize(),
                    result.unresolvedSize(), result.fills(), result.rulesFired(), result.trace(),
                    new EventResult.Timing(eventNanos, rankNanos));
        }
    }

    private static Plan plan(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, Event event,
                             EventObserver observer) {
        if (exposures == null) {
            exposures = ExposureFeed.empty();
        }
        List<String> trace = new ArrayList<>();
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
        lot = Decimals.fromFixed(lotFixed);
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

        // 1. bankruptcy price and shortfall
        int s = store.side(b);
        BigDecimal sign = BigDecimal.valueOf(s);
        BigDecimal q = store.size(b);
        BigDecimal e = store.entryPrice(b);
        BigDecimal c = store.collateral(b);
        BigDecimal bp = e.subtract(sign.multiply(Decimals.div(c, q)));
        BigDecimal u = sign.multiply(bp.subtract(mark)).max(BigDecimal.ZERO);
        BigDecimal shortfall = u.multiply(q);
        BigDecimal openInterest = store.longTotal().multiply(mark);
        Map<Long, BigDecimal> drawdowns = drawdowns(policy, fund, now, event.fundHistory());
        trace.add("bankruptcy price " + plain(bp) + " = " + plain(e) + " - (" + s + ") * " + plain(c) + " / "
                + plain(q) + "; loss per unit " + plain(u) + "; shortfall " + plain(shortfall));

        // 2. the fund
        MarketFacts facts = new MarketFacts(market, fund, openInterest, shortfall, bp, mark, drawdowns);
        Decision decision = policy.decide(facts);
        BigDecimal floor = decision.floor() == null ? BigDecimal.ZERO : decision.floor();
        BigDecimal maxUse = decision.maxUse() == null ? BigDecimal.ONE : decision.maxUse();
        BigDecimal headroom = fund.subtract(floor).max(BigDecimal.ZERO);
        BigDecimal available = decision.triggered() ? BigDecimal.ZERO : headroom.multiply(maxUse).min(headroom);
        BigDecimal share = shortfall.signum() == 0 ? BigDecimal.ONE
                : Decimals.div(available, shortfall).min(BigDecimal.ONE);
        BigDecimal qa = Decimals.floorToLot(share.multiply(q), lot);
        if (u.signum() > 0 && u.multiply(qa).compareTo(available) > 0) {
            // the 8-place rounding of the share may overshoot: never let the fund pass its floor
            qa = Decimals.floorToLot(available.divide(u, Decimals.SCALE, RoundingMode.DOWN), lot);
        }
        BigDecimal paid = u.multiply(qa);
        BigDecimal fundAfter = fund.subtract(paid);
        trace.add("fund " + plain(fund) + ", floor " + plain(floor) + ", max use " + plain(maxUse)
                + (decision.triggered() ? ", triggered (lines " + decision.triggerLines() + ")" : "")
                + ": available " + plain(available) + ", share " + plain(share) + ", absorbs " + plain(qa)
                + ", pays " + plain(paid));

        // 3. ADL size and cap
        BigDecimal qr = q.subtract(qa);
        BigDecimal unresolvedByCap = BigDecimal.ZERO;
        BigDecimal cap = decision.cap();
        if (cap != null && qr.multiply(bp).compareTo(cap) > 0) {
            BigDecimal limited = bp.signum() <= 0 || cap.signum() <= 0 ? BigDecimal.ZERO
                    : Decimals.floorToLot(cap.divide(bp, Decimals.SCALE, RoundingMode.DOWN), lot).min(qr);
            unresolvedByCap = qr.subtract(limited);
            trace.add("cap " + plain(cap) + ": " + plain(qr) + " * " + plain(bp) + " exceeds it; deleverage "
                    + plain(limited) + ", leave " + plain(unresolvedByCap) + " unresolved");
            qr = limited;
        }
        long needFixed = Decimals.toFixed(qr);
        boolean capBinding = unresolvedByCap.signum() > 0;

        // 4. candidates, scored and ordered by the policy
        Map<MarketVar, Double> marketValues = new EnumMap<>(MarketVar.class);
        marketValues.put(MarketVar.INSURANCE_FUND, fund.doubleValue());
        marketValues.put(MarketVar.OPEN_INTEREST, openInterest.doubleValue());
        marketValues.put(MarketVar.SHORTFALL, shortfall.doubleValue());
        marketValues.put(MarketVar.BANKRUPTCY_PRICE, bp.doubleValue());
        marketValues.put(MarketVar.MARK_PRICE, mark.doubleValue());
        Map<Long, Double> drawdownValues = new HashMap<>();
        drawdowns.forEach((w, d) -> drawdownValues.put(w, d.doubleValue()));
        SideRanking side = SideRanking.candidates(policy, store, exposures, -s, b,
                new MarketValues(mark.doubleValue(), marketValues, drawdownValues));
        int[] cand = side.rows();
        refuseStale(policy, side.columns(), exposures, now);

        long rankStart = System.nanoTime();
        side.evaluate();
        Evaluation ev = side.evaluation();
        checkShape(ev, cand.length, policy.tiers().size());
        Ranking.IntOrder order = side.order();
        int[] eligible = side.eligible();
        trace.add("candidates " + cand.length + ", eligible " + eligible.length);

        // 5. tiers
        long[] candSize = new long[cand.length];
        for (int i = 0; i < cand.length; i++) {
            candSize[i] = store.sizeFixed(cand[i]);
        }
        TierAllocator allocator = new TierAllocator(candSize, lotFixed, order);
        List<TierAllocator.Take> takes = new ArrayList<>();
        long need = needFixed;
        List<Integer> plan = decision.tierPlan();
        for (TierInfo tier : policy.tiers()) {
            if (need <= 0) {
                break;
            }
            if (!plan.isEmpty() && !plan.contains(tier.index())) {
                continue; // the rules left this tier out of the event's plan
            }
            int[] members = membersOf(eligible, ev.tier(), tier.index());
            long before = need;
            if (tier.method() == TierInfo.Method.QUEUE) {
                need = allocator.queue(members, need, takes, tier.index());
            } else {
                double[] weights = ev.weights() == null ? null : ev.weights()[tier.index()];
                need = allocator.proRata(members, need, tier.fraction(), weights, weighsBySize(policy, tier.index()),
                        takes, tier.index());
            }
            trace.add("tier `" + tier.name() + "` (" + members.length + " members): need "
                    + plain(Decimals.fromFixed(before)) + ", filled " + plain(Decimals.fromFixed(before - need)));
        }
        long[] ranks = ranks(takes, eligible, order);
        long rankNanos = System.nanoTime() - rankStart;

        BigDecimal unresolved = unresolvedByCap.add(Decimals.fromFixed(need));
        BigDecimal adlSize = Decimals.fromFixed(needFixed - need);

        // 6. fills at the bankruptcy price
        String[] tierNames = new String[policy.tiers().size()];
        for (TierInfo t : policy.tiers()) {
            tierNames[t.index()] = t.name();
        }
        Plan out = new Plan();
        out.bankruptRow = b;
        out.fillRows = new int[takes.size()];
        out.newSizes = new long[takes.size()];
        out.newCollateral = new long[takes.size()];
        out.newCollateralExact = new BigDecimal[takes.size()];
        List<Fill> fills = new ArrayList<>(takes.size());
        FillPricer pricer = new FillPricer(-s, bp);
        String counterSide = -s > 0 ? "long" : "short";
        // Fills touch rows scattered over the store: gathering their fields in small loops first
        // lets the processor overlap the cache misses that one large loop body would serialize.
        int nf = takes.size();
        for (int i = 0; i < nf; i++) {
            out.fillRows[i] = cand[takes.get(i).candidate()];
        }
        String[] accountNames = new String[nf];
        for (int i = 0; i < nf; i++) {
            accountNames[i] = store.account(out.fillRows[i]);
        }
        for (int i = 0; i < nf; i++) {
            out.newSizes[i] = store.sizeFixed(out.fillRows[i]) - takes.get(i).size();
        }
        for (int i = 0; i < nf; i++) {
            TierAllocator.Take t = takes.get(i);
            BigDecimal pnl = pricer.fill(store, out.fillRows[i], t.size(), out.newCollateral, out.newCollateralExact, i);
            fills.add(new Fill(accountNames[i], counterSide, Decimals.normalized(t.size(), Decimals.SCALE),
                    pricer.price(), pnl, tierNames[t.tier()], ranks[i]));
        }
        BigDecimal absorbedByHouse = qa.add(unresolved);
        out.houseDelta = sign.multiply(absorbedByHouse);
        out.rankNanos = rankNanos;
        if (unresolved.signum() > 0) {
            trace.add("unresolved " + plain(unresolved) + " booked to the house position");
        }
        observer.observe(new EventObserver.Observation(decision, ev, cand.length, eligible.length, cap != null,
                capBinding));
        out.result = new EventResult(policy.name(), policy.version(), market, bankrupt, s > 0 ? "long" : "short",
                Decimals.normalize(q), Decimals.normalize(bp), Decimals.normalize(shortfall),
                Decimals.normalize(fund), Decimals.normalize(qa), Decimals.normalize(paid),
                Decimals.normalize(fundAfter), Decimals.normalize(adlSize), Decimals.normalize(unresolved),
                fills, decision.rulesFired(), trace, EventResult.Timing.NONE);
        return out;
    }

    /** Whether a pro-rata tier has no {@code by}: its weights are then the exact sizes. */
    private static boolean weighsBySize(CompiledPolicy policy, int tierIndex) {
        var tiers = policy.ast().reduce().tiers();
        return tierIndex < tiers.size()
                && tiers.get(tierIndex).method() instanceof dev.adl.ast.Policy.TierMethod.ProRata pr
                && pr.weight() == null;
    }

    /** drawdown(w) for each window: fall of the fund from the peak of the history in [now - w, now] and now. */
    static Map<Long, BigDecimal> drawdowns(CompiledPolicy policy, BigDecimal fund, Instant now,
                                           List<Event.FundPoint> history) {
        Map<Long, BigDecimal> out = new TreeMap<>();
        for (long window : policy.drawdownWindows()) {
            Instant from = now.minusSeconds(window);
            BigDecimal peak = fund;
            for (Event.FundPoint p : history) {
                if (!p.at().isBefore(from) && !p.at().isAfter(now)) {
                    peak = peak.max(p.balance());
                }
            }
            out.put(window, peak.signum() <= 0 ? BigDecimal.ZERO
                    : Decimals.normalize(Decimals.div(peak.subtract(fund), peak)));
        }
        return out;
    }

    /** A candidate's exposure rows, for every source the policy reads, must be fresh at `now`. */
    private static void refuseStale(CompiledPolicy policy, CandidateColumns columns, ExposureFeed exposures,
                                    Instant now) {
        for (Map.Entry<String, Long> src : new TreeMap<>(policy.exposureSources()).entrySet()) {
            Instant oldest = now.minusSeconds(src.getValue());
            ExposureFeed.Row row = exposures.firstStale(src.getKey(), columns.store(), columns.storeRows(), oldest);
            if (row != null) {
                throw new EventRefusedException(exposures.name() + ":" + row.line() + ": exposure of account `"
                        + row.account() + "` for source `" + row.source() + "` is stale: as of `" + row.asOf()
                        + "`, more than " + src.getValue() + "s before `" + now + "`");
            }
        }
    }

    private static void checkShape(Evaluation ev, int rows, int tiers) {
        if (ev.eligible().length != rows || ev.score().length != rows || ev.tier().length != rows) {
            throw new IllegalStateException("policy evaluation returned " + ev.score().length
                    + " rows for " + rows + " candidates");
        }
        if (ev.weights() != null && ev.weights().length < tiers) {
            throw new IllegalStateException("policy evaluation returned weights for " + ev.weights().length
                    + " of " + tiers + " tiers");
        }
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

    private static int[] membersOf(int[] eligible, int[] tierOf, int tier) {
        int n = 0;
        int[] out = new int[eligible.length];
        for (int i : eligible) {
            if (tierOf[i] == tier) {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Whether the items already are in the order: takes of a single tier always are. */
    private static boolean inRankOrder(int[] items, Ranking.IntOrder order) {
        for (int i = 1; i < items.length; i++) {
            if (order.compare(items[i - 1], items[i]) > 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Each take's place (from 1) among all eligible candidates, without sorting them. */
    private static long[] ranks(List<TierAllocator.Take> takes, int[] eligible, Ranking.IntOrder order) {
        int[] picked = new int[takes.size()];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = takes.get(i).candidate();
        }
        // takes come tier by tier in rank order, so this sort mostly merges already sorted runs
        int[] byRank = inRankOrder(picked, order) ? identity(picked.length)
                : Ranking.sortedRows(picked.length, (x, y) -> order.compare(picked[x], picked[y]));
        int[] sorted = new int[picked.length];
        for (int j = 0; j < sorted.length; j++) {
            sorted[j] = picked[byRank[j]];
        }
        long[] before = Ranking.countBefore(eligible, sorted, order);
        long[] out = new long[picked.length];
        for (int j = 0; j < sorted.length; j++) {
            out[byRank[j]] = before[j] + 1;
        }
        return out;
    }

    private static String plain(BigDecimal v) {
        return v == null ? "null" : Decimals.normalize(v).toPlainString();
    }
}
