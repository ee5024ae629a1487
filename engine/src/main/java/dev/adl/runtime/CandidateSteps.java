package dev.adl.runtime;

import dev.adl.ast.Builtins.MarketVar;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Decision;
import dev.adl.compile.Evaluation;
import dev.adl.compile.MarketFacts;
import dev.adl.compile.TierInfo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Steps 4 and 5 of an event (docs/language.md, "One event, step by step"): the opposite
 * side's candidates evaluated and ordered, then allocated tier by tier, with each take's
 * rank among all eligible candidates. {@link AdlEngine} runs the steps around them.
 */
final class CandidateSteps {
    private CandidateSteps() {
    }

    /**
     * The opposite side's candidates, evaluated and ordered.
     *
     * @param rows            store rows of the candidates (the rows of {@code evaluation})
     * @param eligible        candidate indices the {@code eligible} clause admitted
     * @param evaluationStart when evaluation began: ranking time runs from here to the end of step 5
     */
    record Candidates(int[] rows, Evaluation evaluation, Ranking.IntOrder order, int[] eligible,
                              long evaluationStart) {
    }

    private static Map<dev.adl.compile.LayerKey, Double> layerValues(MarketFacts facts) {
        Map<dev.adl.compile.LayerKey, Double> out = new HashMap<>();
        facts.layerValues().forEach((k, v) -> out.put(k, v.doubleValue()));
        return out;
    }

    /** Step 4: candidates on {@code side} (-s), not B, size > 0, with fresh exposure rows; eligible, scored and ordered. */
    static Candidates candidates(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, int side,
                                 int bankruptRow, BigDecimal mark, Instant now, MarketFacts facts,
                                 VenueAccounts venue, List<String> trace) {
        Map<MarketVar, Double> marketValues = new EnumMap<>(MarketVar.class);
        marketValues.put(MarketVar.INSURANCE_FUND, facts.insuranceFund().doubleValue());
        marketValues.put(MarketVar.OPEN_INTEREST, facts.openInterest().doubleValue());
        marketValues.put(MarketVar.SHORTFALL, facts.shortfall().doubleValue());
        marketValues.put(MarketVar.BANKRUPTCY_PRICE, facts.bankruptcyPrice().doubleValue());
        marketValues.put(MarketVar.MARK_PRICE, facts.markPrice().doubleValue());
        Map<Long, Double> drawdownValues = new HashMap<>();
        facts.drawdowns().forEach((w, d) -> drawdownValues.put(w, d.doubleValue()));
        SideRanking ranking = SideRanking.candidates(policy, store, exposures, side, bankruptRow,
                new MarketValues(mark.doubleValue(), marketValues, drawdownValues, layerValues(facts), venue, mark));
        int[] cand = ranking.rows();
        refuseStale(policy, ranking.columns().store(), ranking.columns().storeRows(), exposures, now);

        long evaluationStart = System.nanoTime();
        ranking.evaluate();
        Evaluation ev = ranking.evaluation();
        checkShape(ev, cand.length, policy.tiers().size());
        int[] eligible = ranking.eligible();
        trace.add("candidates " + cand.length + ", eligible " + eligible.length);
        return new Candidates(cand, ev, ranking.order(), eligible, evaluationStart);
    }

    /**
     * No candidates: the event has nothing left to deleverage, so none is evaluated. A stale
     * exposure of a candidate still refuses the event, as it does when they are ranked.
     */
    static Candidates none(CompiledPolicy policy, PositionStore store, ExposureFeed exposures, int side,
                           int bankruptRow, Instant now, List<String> trace) {
        if (!policy.exposureSources().isEmpty()) {
            refuseStale(policy, store, SideRanking.candidateRows(store, bankruptRow, side), exposures, now);
        }
        trace.add("candidates not ranked: nothing to deleverage");
        return new Candidates(new int[0], new Evaluation(new boolean[0], new double[0], new int[0], new int[0], null),
                (a, b) -> 0, new int[0], System.nanoTime());
    }

    /**
     * What the tiers took, in the order taken.
     *
     * @param ranks    each take's place among the eligible candidates, from 1
     * @param needLeft the ADL size, in fixed point, that no tier could fill
     */
    record Allocation(List<TierAllocator.Take> takes, long[] ranks, long needLeft, long haircutSize) {
    }

    /**
     * What version 2's tier kinds read: the loss per unit {@code u}, the mark, and {@code giveUp}, what a
     * fill gives up per unit against closing at mark ({@code u} at the bankruptcy price, 0 at mark).
     */
    record Prices(BigDecimal lossPerUnit, BigDecimal mark, BigDecimal giveUp) {
    }

    /** Step 5: each candidate in its first matching tier; tiers used in order until the ADL size is filled. */
    static Allocation allocateByTiers(CompiledPolicy policy, PositionStore store, Decision decision,
                                      Candidates cands, long needFixed, long lotFixed, Prices prices,
                                      List<String> trace) {
        int[] cand = cands.rows();
        Evaluation ev = cands.evaluation();
        TierAllocator allocator = new TierAllocator(i -> store.sizeFixed(cand[i]), lotFixed, cands.order());
        List<TierAllocator.Take> takes = new ArrayList<>();
        long need = needFixed;
        long haircutSize = 0;
        List<Integer> tierPlan = decision.tierPlan();
        for (TierInfo tier : policy.tiers()) {
            if (need <= 0) {
                break;
            }
            if (!tierPlan.isEmpty() && !tierPlan.contains(tier.index())) {
                continue; // the rules left this tier out of the event's plan
            }
            int[] members = membersOf(cands.eligible(), ev.tier(), tier.index());
            long before = need;
            double[] tierWeights = ev.weights() == null ? null : ev.weights()[tier.index()];
            if (tier.method() == TierInfo.Method.QUEUE) {
                need = allocator.queue(members, need, takes, tier.index());
            } else if (tier.method() == TierInfo.Method.HAIRCUT) {
                long covered = HaircutTier.cover(store, cand, members, need, lotFixed, prices.lossPerUnit(),
                        prices.mark(), tier.fraction(), tier.weighsBySize() ? null : tierWeights, cands.order(), takes,
                        tier.index());
                need -= covered;
                haircutSize += covered;
            } else if (tier.method() == TierInfo.Method.DRAIN) {
                need = DrainTier.reduce(store, cand, members, need, lotFixed, prices.mark(), prices.giveUp(),
                        cands.order(), takes, tier.index(), trace);
            } else {
                double[] weights = ev.weights() == null ? null : ev.weights()[tier.index()];
                need = allocator.proRata(members, need, tier.fraction(), weights, tier.weighsBySize(), takes,
                        tier.index());
            }
            trace.add("tier `" + tier.name() + "` (" + members.length + " members): need "
                    + AdlEngine.plain(Decimals.fromFixed(before)) + ", filled " + AdlEngine.plain(Decimals.fromFixed(before - need)));
        }
        return new Allocation(takes, ranks(takes, cands.eligible(), cands.order()), need, haircutSize);
    }

    /** A candidate's exposure rows, for every source the policy reads, must be fresh at `now`. */
    private static void refuseStale(CompiledPolicy policy, PositionStore store, int[] rows, ExposureFeed exposures,
                                    Instant now) {
        for (Map.Entry<String, Long> src : new TreeMap<>(policy.exposureSources()).entrySet()) {
            Instant oldest = now.minusSeconds(src.getValue());
            ExposureFeed.Row row = exposures.firstStale(src.getKey(), store, rows, oldest);
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

    private static int[] membersOf(int[] eligible, int[] tierOf, int tier) {
        // counted first: a tier of a few thousand on a side of millions needs no side-sized array
        int n = 0;
        for (int i : eligible) {
            n += tierOf[i] == tier ? 1 : 0;
        }
        int[] out = new int[n];
        int at = 0;
        for (int i : eligible) {
            if (tierOf[i] == tier) {
                out[at++] = i;
            }
        }
        return out;
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

}
