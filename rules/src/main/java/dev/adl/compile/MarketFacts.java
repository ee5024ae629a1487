package dev.adl.compile;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The one market-level fact a policy's Drools session sees for an event. The engine
 * computes every value exactly; rules compare the double views (conditions are
 * thresholds, not money) and consequences use the exact ones.
 *
 * @param drawdowns   fund drawdown (a fraction) for every window, in seconds, that the policy mentions
 *                    (in version 2, of the first layer)
 * @param layerValues version 2: every layer balance and drawdown the policy reads, by {@link LayerKey}
 */
public record MarketFacts(
        String market,
        BigDecimal insuranceFund,
        BigDecimal openInterest,
        BigDecimal shortfall,
        BigDecimal bankruptcyPrice,
        BigDecimal markPrice,
        Map<Long, BigDecimal> drawdowns,
        Map<LayerKey, BigDecimal> layerValues) {

    public MarketFacts {
        drawdowns = Map.copyOf(drawdowns);
        layerValues = Map.copyOf(layerValues);
    }

    /** The facts of a version 1 policy, which reads no layer values. */
    public MarketFacts(String market, BigDecimal insuranceFund, BigDecimal openInterest, BigDecimal shortfall,
                       BigDecimal bankruptcyPrice, BigDecimal markPrice, Map<Long, BigDecimal> drawdowns) {
        this(market, insuranceFund, openInterest, shortfall, bankruptcyPrice, markPrice, drawdowns, Map.of());
    }

    /**
     * A layer's balance ({@code window} = {@link LayerKey#BALANCE}) or drawdown over a window,
     * by the layer's index; the compiler only emits keys it collected.
     */
    public double layer(int layer, long window) {
        BigDecimal v = layerValues.get(new LayerKey(layer, window));
        if (v == null) {
            throw new IllegalStateException("layer value " + layer + "/" + window + " was not computed");
        }
        return v.doubleValue();
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
