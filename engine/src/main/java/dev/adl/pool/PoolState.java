package dev.adl.pool;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pool's ledger at one moment, immutable: an operation makes a new state ({@link PoolLedger}),
 * so a refused one leaves nothing changed. {@code lastAt} is the time of the last operation
 * applied (null before any): a later operation may not be earlier. Stakers are kept sorted by
 * id so every output lists them in the same order.
 */
public record PoolState(BigDecimal value, BigDecimal reserve, BigDecimal totalShares, Cooldown cooldown,
                        Map<String, Staker> stakers, Instant lastAt) {

    /** A staker's shares and its pending unstake request, or null. */
    public record Staker(BigDecimal shares, Request request) {
        /** The shares not held by a request. */
        public BigDecimal freeShares() {
            return request == null ? shares : shares.subtract(request.shares());
        }
    }

    /** An unstake request: the shares, what they were worth when asked for, and when. */
    public record Request(BigDecimal shares, BigDecimal valueAtRequest, Instant requestedAt) {
    }

    public PoolState {
        stakers = Collections.unmodifiableMap(new TreeMap<>(stakers));
    }

    /** An empty pool with this cooldown. */
    public static PoolState empty(Cooldown cooldown) {
        return new PoolState(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, cooldown, Map.of(), null);
    }

    /** What the pool holds in all: the stakers' value and the reserve (a waterfall layer's balance). */
    public BigDecimal balance() {
        return value.add(reserve);
    }

    /** value / total_shares to 8 places, rounded down; null when there are no shares. */
    public BigDecimal sharePrice() {
        if (totalShares.signum() == 0) return null;
        return value.divide(totalShares, PoolLedger.SCALE, RoundingMode.DOWN);
    }

    /** What {@code shares} would be paid now: floor8(shares * value / total_shares); 0 when there are no shares. */
    public BigDecimal worth(BigDecimal shares) {
        if (totalShares.signum() == 0) return BigDecimal.ZERO.setScale(PoolLedger.SCALE);
        return shares.multiply(value).divide(totalShares, PoolLedger.SCALE, RoundingMode.DOWN);
    }

    /** When a staker's request may be withdrawn; null without a request. */
    public Instant withdrawableFrom(Staker s) {
        return s.request() == null ? null : s.request().requestedAt().plusSeconds(cooldown.seconds());
    }

    public PoolState withCooldown(Cooldown c) {
        return new PoolState(value, reserve, totalShares, c, stakers, lastAt);
    }
}
