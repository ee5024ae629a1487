package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.TierInfo;

import java.math.BigDecimal;
import java.util.ArrayList;
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
        out.fills = new ArrayList<>(nf);
        FillPricer pricer = new FillPricer(-in.side(), in.price());
        String counterSide = -in.side() > 0 ? "long" : "short";
        // Fills touch rows scattered over the store: gathering their fields in small loops first
        // lets the processor overlap the cache misses that one large loop body would serialize.
        for (int i = 0; i < nf; i++) {
            out.fillRows[i] = cands.rows()[takes.get(i).candidate()];
        }
        String[] accountNames = new String[nf];
        for (int i = 0; i < nf; i++) {
            accountNames[i] = store.account(out.fillRows[i]);
        }
        for (int i = 0; i < nf; i++) {
            out.newSizes[i] = store.sizeFixed(out.fillRows[i]) - takes.get(i).size();
        }
        // version 2: a fee on each fill's notional, paid into the first pool layer (none without one)
        BigDecimal feeRate = in.v2() && in.feeLayer() >= 0 ? policy.feeRate() : BigDecimal.ZERO;
        for (int i = 0; i < nf; i++) {
            TierAllocator.Take t = takes.get(i);
            if (t.haircut() > 0) {
                BigDecimal amount = Decimals.fromFixed(t.haircut());
                BigDecimal left = store.collateral(out.fillRows[i]).subtract(amount);
                if (Decimals.fitsFixed(left)) {
                    out.newCollateral[i] = Decimals.toFixed(left);
                } else {
                    out.newCollateralExact[i] = left;
                }
                out.fills.add(new Fill(accountNames[i], counterSide, BigDecimal.ZERO, pricer.price(), BigDecimal.ZERO,
                        tierNames[t.tier()], alloc.ranks()[i], BigDecimal.ZERO, Decimals.normalize(amount)));
                continue;
            }
            BigDecimal pnl = pricer.fill(store, out.fillRows[i], t.size(), out.newCollateral, out.newCollateralExact, i);
            BigDecimal size = Decimals.normalized(t.size(), Decimals.SCALE);
            BigDecimal fee = null;
            if (in.v2()) {
                fee = Decimals.normalize(Waterfall.fee(size, in.price(), feeRate));
                if (fee.signum() != 0) Waterfall.chargeFee(out.newCollateral, out.newCollateralExact, i, fee);
                out.fees = out.fees.add(fee);
            }
            out.fills.add(new Fill(accountNames[i], counterSide, size, pricer.price(), pnl, tierNames[t.tier()],
                    alloc.ranks()[i], fee));
        }
        // what the layers absorbed, a haircut tier covered or no tier filled goes to the house position
        out.houseDelta = BigDecimal.valueOf(in.side()).multiply(in.absorbed().add(in.unresolved()).add(in.haircutSize()));
        if (in.unresolved().signum() > 0) {
            trace.add("unresolved " + AdlEngine.plain(in.unresolved()) + " booked to the house position");
        }
        return out;
    }
}
