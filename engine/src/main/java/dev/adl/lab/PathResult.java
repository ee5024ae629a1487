package dev.adl.lab;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One path under one policy: its metrics, each hit account's haircut and haircut over
 * equity (empty once {@link #withoutAccounts() dropped}), their distribution, and per step
 * the marks with and without feedback and each layer's cumulative payments. Every series
 * starts with the value before step 1.
 */
public record PathResult(int path, Metrics metrics, Map<String, BigDecimal> haircuts,
                         Map<String, BigDecimal> haircutPcts, HaircutBins bins, Map<String, List<BigDecimal>> marks,
                         Map<String, List<BigDecimal>> marksWithoutFeedback, Map<String, List<BigDecimal>> paidOverTime) {

    /** The same result without the per-account maps: many paths of a large venue fit in memory. */
    public PathResult withoutAccounts() {
        return new PathResult(path, metrics, Map.of(), Map.of(), bins, marks, marksWithoutFeedback, paidOverTime);
    }
}
