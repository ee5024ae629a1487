package dev.adl.compile;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The one market-level fact a policy's Drools session sees for an event. The engine
 * computes every value exactly; rules compare the double views (conditions are
 * thresholds, not money) and consequences use the exact ones.
 *
 * @param drawdowns fund drawdown (a fraction) for every window, in seconds, that the policy mentions
 */
public record MarketFacts(
        String market,
        BigDecimal insuranceFund,
        BigDecimal openInterest,
        BigDecimal shortfall,
        BigDecimal bankruptcyPrice,
        BigDecimal markPrice,
        Map<Long, BigDecimal> drawdowns) {

    public MarketFacts {
        drawdowns = Map.copyOf(drawdowns);
    }

    public double getInsuranceFundValue() { return insuranceFund.doubleValue(); }
    public double getOpenInterestValue() { return openInterest.doubleValue(); }
    public double getShortfallValue() { return shortfall.doubleValue(); }
    public double getBankruptcyPriceValue() { return bankruptcyPrice.doubleValue(); }
    public double getMarkPriceValue() { return markPrice.doubleValue(); }

    /** Drawdown over a window the policy declared; the compiler only emits windows it collected. */
    public double drawdown(long windowSeconds) {
        BigDecimal d = drawdowns.get(windowSeconds);
        if (d == null) {
            throw new IllegalStateException("drawdown window " + windowSeconds + "s was not computed");
        }
        return d.doubleValue();
    }
}
