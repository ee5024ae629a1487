package dev.adl.compile;

import java.math.BigDecimal;

/**
 * One tier of the {@code reduce} block, in the order the policy lists them.
 *
 * @param fraction     the pro-rata offer share ({@code 100%} = 1); null for a queue tier
 * @param weighsBySize whether a pro-rata tier has no {@code by}: its weights are then the exact sizes,
 *                     not the doubles of a formula
 */
public record TierInfo(int index, String name, int line, Method method, BigDecimal fraction, boolean weighsBySize) {
    public enum Method { QUEUE, PRO_RATA }
}
