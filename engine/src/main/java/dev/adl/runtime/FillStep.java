package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.TierInfo;

import dev.adl.compile.Parallel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Step 6 of an event: every fill closes at the fill price ({@code bp}, or the mark under version 2's
 * {@code fill at mark_price}), the counterparty takes the realised PnL; a haircut tier's take lowers
 * the member's collateral by its amount and keeps its size. B closes when the plan commits.
 */
final class FillStep {
    private FillStep() {
    }

    /** The event's fixed inputs of the step. */
    record Inputs(int side, BigDecimal price, BigDecimal absorbed, BigDecimal haircutSize, BigDecimal unresolved,
                  boolean v2, int feeLayer) {
    }

    /** Fills per thread below which the step stays on one: each fill is a few hundred nanoseconds. */
    static final int FILLS_PER_THREAD = 8_192;

    static Plan fill(CompiledPolicy policy, PositionStore store, CandidateSteps.Candidates cands,
                     CandidateSteps.Allocation alloc, Inputs in, List<String> trace) {
        List<TierAllocator.Take> takes = alloc.takes();
        String[] tierNames = new String[policy.tiers().size()];
        for (TierInfo t : policy.tiers()) {
            tierNames[t.index()] = t.name();
        }
        int nf = takes.size();
        Plan out = new Plan();
        out.fillRows = new int[nf];
        out.newSizes = new long[nf];
        out.newCollateral = new long[nf];
        out.newCollateralExact = new BigDecimal[nf];
        String counterSide = -in.side() > 0 ? "long" : "short";
        // version 2: a fee on each fill's notional, paid into the first pool layer (none without one)
        BigDecimal feeRate = in.v2() && in.feeLayer() >= 0 ? policy.feeRate() : BigDecimal.ZERO;
        // Each fill reads and writes only its own index: ranges of fills run on the cores, and
        // the fees, exact sums, add up to the same value and scale in any order.
        Fill[] fills = new Fill[nf];
        int threads = Parallel.threads(nf, FILLS_PER_THREAD);
        int count = Parallel.ranges(nf, threads);
        BigDecimal[] fees = new BigDecimal[count];
        Parallel.run(nf, count, threads, (w, r, from, to) -> fees[r] = fillRange(store, cands, alloc, in, takes,
                tierNames, counterSide, feeRate, out, fills, from, to));
        for (BigDecimal f : fees) {
            out.fees = out.fees.add(f);
        }
        out.fills = new ArrayList<>(Arrays.asList(fills));
        // what the layers absorbed, a haircut tier covered or no tier filled goes to the house position
        out.houseDelta = BigDecimal.valueOf(in.side()).multiply(in.absorbed().add(in.unresolved()).add(in.haircutSize()));
        if (in.unresolved().signum() > 0) {
            trace.add("unresolved " + AdlEngine.plain(in.unresolved()) + " booked to the house position");
        }
        return out;
    }

    /** Fills {@code [from, to)}: their rows, new sizes and collateral, and Fill records; returns their fees' sum. */
    private static BigDecimal fillRange(PositionStore store, CandidateSteps.Candidates cands,
                                        CandidateSteps.Allocation alloc, Inputs in, List<TierAllocator.Take> takes,
                                        String[] tierNames, String counterSide, BigDecimal feeRate, Plan out,
                                        Fill[] fills, int from, int to) {
        FillPricer pricer = new FillPricer(-in.side(), in.price());
        BigDecimal fees = BigDecimal.ZERO;
        // Fills touch rows scattered over the store: gathering their fields in small loops first
        // lets the processor overlap the cache misses that one large loop body would serialize.
        for (int i = from; i < to; i++) {
            out.fillRows[i] = cands.rows()[takes.get(i).candidate()];
        }
        String[] accountNames = new String[to - from];
        for (int i = from; i < to; i++) {
            accountNames[i - from] = store.account(out.fillRows[i]);
        }
        for (int i = from; i < to; i++) {
            out.newSizes[i] = store.sizeFixed(out.fillRows[i]) - takes.get(i).size();
        }
        for (int i = from; i < to; i++) {
            TierAllocator.Take t = takes.get(i);
            String account = accountNames[i - from];
            if (t.haircut() > 0) {
                BigDecimal amount = Decimals.fromFixed(t.haircut());
                BigDecimal left = store.collateral(out.fillRows[i]).subtract(amount);
                if (Decimals.fitsFixed(left)) {
                    out.newCollateral[i] = Decimals.toFixed(left);
                } else {
                    out.newCollateralExact[i] = left;
                }
                fills[i] = new Fill(account, counterSide, BigDecimal.ZERO, pricer.price(), BigDecimal.ZERO,
                        tierNames[t.tier()], alloc.ranks()[i], BigDecimal.ZERO, Decimals.normalize(amount));
                continue;
            }
            BigDecimal pnl = pricer.fill(store, out.fillRows[i], t.size(), out.newCollateral, out.newCollateralExact, i);
            BigDecimal size = Decimals.normalized(t.size(), Decimals.SCALE);
            BigDecimal fee = null;
            if (in.v2()) {
                fee = Decimals.normalize(Waterfall.fee(size, in.price(), feeRate));
                if (fee.signum() != 0) Waterfall.chargeFee(out.newCollateral, out.newCollateralExact, i, fee);
                fees = fees.add(fee);
            }
            fills[i] = new Fill(account, counterSide, size, pricer.price(), pnl, tierNames[t.tier()],
                    alloc.ranks()[i], fee);
        }
        return fees;
    }
}
