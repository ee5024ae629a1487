package dev.adl.lab;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one path (or one replay) did under one policy (STRESS.md section 3). Amounts are
 * exact; the ratios are 8 places half-up, null when their denominator is 0.
 */
public record Metrics(long bankruptcies, long liquidations, BigDecimal shortfall, Map<String, BigDecimal> paid,
                      BigDecimal adlCovered, BigDecimal unresolvedLoss, BigDecimal adlNotional, long adlFills,
                      long accountsHit, BigDecimal maxHaircutPct, BigDecimal p99HaircutPct, BigDecimal giniHaircut,
                      BigDecimal topWinnerHaircutPct, BigDecimal overshoot, Map<String, BigDecimal> stakerLossPct,
                      Map<String, BigDecimal> fundDrawdownMax, Map<String, BigDecimal> priceImpact) {

    public Metrics {
        paid = copy(paid);
        stakerLossPct = copy(stakerLossPct);
        fundDrawdownMax = copy(fundDrawdownMax);
        priceImpact = copy(priceImpact);
    }

    /** Every metric by its JSON name, in the contract's order: a Long, a BigDecimal (or null) or a map of those. */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("bankruptcies", bankruptcies);
        f.put("liquidations", liquidations);
        f.put("shortfall", shortfall);
        f.put("paid", paid);
        f.put("adl_covered", adlCovered);
        f.put("unresolved_loss", unresolvedLoss);
        f.put("adl_notional", adlNotional);
        f.put("adl_fills", adlFills);
        f.put("accounts_hit", accountsHit);
        f.put("max_haircut_pct", maxHaircutPct);
        f.put("p99_haircut_pct", p99HaircutPct);
        f.put("gini_haircut", giniHaircut);
        f.put("top_winner_haircut_pct", topWinnerHaircutPct);
        f.put("overshoot", overshoot);
        f.put("staker_loss_pct", stakerLossPct);
        f.put("fund_drawdown_max", fundDrawdownMax);
        f.put("price_impact", priceImpact);
        return f;
    }

    /** Insertion-ordered and allowing null values (a ratio without a denominator). */
    private static Map<String, BigDecimal> copy(Map<String, BigDecimal> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
