package dev.adl.lab;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stress scenario (STRESS.md section 2): how every market's mark moves, step by step.
 * Exactly one of {@code returns} (explicit, per market, one per step; a market not named
 * stays flat) and {@code shock} is set.
 *
 * @param impact  per market, the mark's move per unit of net forced flow in quote notional (0 when absent)
 * @param rehedge the share of each ADL fill's notional its counterparty re-opens in the book
 */
public record StressScenario(String name, int steps, Duration step, Instant start,
                             Map<String, List<BigDecimal>> returns, Shock shock, Map<String, BigDecimal> impact,
                             BigDecimal rehedge) {

    /**
     * Correlated normal returns: drift is the expected total return over the steps, vol the
     * per-step standard deviation, correlation by market pair (0 when absent). Doubles: they
     * only steer the random draw; the returns drawn enter the marks as exact decimals.
     */
    public record Shock(Map<String, Double> drift, Map<String, Double> vol, Map<String, Double> correlation) {
        public Shock {
            drift = Map.copyOf(drift);
            vol = Map.copyOf(vol);
            correlation = Map.copyOf(correlation);
        }
    }

    public StressScenario {
        returns = returns == null ? null : Map.copyOf(returns);
        impact = Map.copyOf(impact);
    }

    /** The time of step t (1-based): {@code start + t * step}. */
    public Instant at(int t) {
        return start.plus(step.multipliedBy(t));
    }

    public BigDecimal impact(String market) {
        return impact.getOrDefault(market, BigDecimal.ZERO);
    }
}
