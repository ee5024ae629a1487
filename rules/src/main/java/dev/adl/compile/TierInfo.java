package dev.adl.compile;

import java.math.BigDecimal;

/**
 * One tier of the {@code reduce} block, in the order the policy lists them.
 *
 * @param fraction     the pro-rata offer share ({@code 100%} = 1); for a haircut tier its cap as a share of
 *                     positive upnl (1 without {@code cap}); null for queue and drain tiers
 * @param weighsBySize whether a pro-rata or haircut tier has no {@code by}: its weights are then exact (the
 *                     sizes, or the positive upnl of a haircut), not the doubles of a formula
 */
public record TierInfo(int index, String name, int line, Method method, BigDecimal fraction, boolean weighsBySize) {
    public enum Method { QUEUE, PRO_RATA, HAIRCUT, DRAIN }
}
