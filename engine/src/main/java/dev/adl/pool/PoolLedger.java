package dev.adl.pool;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules of a pool's ledger (EXCHANGE.md section 3): one operation on one state gives a
 * new state, or a {@link PoolRefusedException} and nothing changed. Every amount and share
 * has at most 8 decimals; every division is rounded toward the pool (floor8 for what a
 * staker gets, ceil8 for the shares a staker keeps on a cancel), and comparisons are made
 * on exact products, never on a rounded ratio.
 */
public final class PoolLedger {
    public static final int SCALE = 8;
    /** Amounts and shares above this are refused, as an event's amounts are: no real pool holds them. */
    static final BigDecimal LIMIT = dev.adl.io.EventValidation.LARGEST;

    private PoolLedger() {
    }

    /** A new state and what the operation did ({@code shares} minted, {@code payout}, ...), in the order shown. */
    public record Outcome(PoolState state, Map<String, Object> facts) {
        public Outcome {
            facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }
    }

    public static Outcome apply(PoolState s, PoolOp op) {
        if (s.lastAt() != null && op.at().isBefore(s.lastAt())) {
            throw new PoolRefusedException("`" + op.kind() + "` at `" + op.at() + "` is earlier than the operation"
                    + " before it (`" + s.lastAt() + "`)");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        Next n;
        if (op instanceof PoolOp.Stake o) n = stake(s, o, facts);
        else if (op instanceof PoolOp.Revenue o) n = revenue(s, o);
        else if (op instanceof PoolOp.Loss o) n = loss(s, o, facts);
        else if (op instanceof PoolOp.UnstakeRequest o) n = request(s, o, facts);
        else if (op instanceof PoolOp.UnstakeCancel o) n = cancel(s, o, facts);
        else if (op instanceof PoolOp.Withdraw o) n = withdraw(s, o, facts);
        else n = reset(s, facts);
        BigDecimal value = n.value;
        BigDecimal reserve = n.reserve;
        if (n.totalShares.signum() == 0 && value.signum() > 0) {
            // no staker owns it any more: the next staker must not buy it with its own stake
            facts.put("to_reserve", value);
            reserve = reserve.add(value);
            value = BigDecimal.ZERO;
        }
        return new Outcome(new PoolState(value, reserve, n.totalShares, s.cooldown(), n.stakers, op.at()), facts);
    }

    /** The parts of the state an operation changes. */
    private record Next(BigDecimal value, BigDecimal reserve, BigDecimal totalShares, Map<String, PoolState.Staker> stakers) {
    }

    private static Next stake(PoolState s, PoolOp.Stake o, Map<String, Object> facts) {
        checkAmount("amount", o.amount());
        BigDecimal minted;
        if (s.totalShares().signum() == 0) {
            minted = o.amount();
        } else {
            if (s.value().signum() == 0) {
                throw new PoolRefusedException("the pool was wiped out (value 0 with shares outstanding);"
                        + " it takes no stakes until it is reset");
            }
            minted = o.amount().multiply(s.totalShares()).divide(s.value(), SCALE, RoundingMode.DOWN);
        }
        if (minted.signum() == 0) {
            throw new PoolRefusedException("a stake of `" + o.amount().toPlainString() + "` would mint 0 shares");
        }
        facts.put("shares", minted);
        Map<String, PoolState.Staker> stakers = new TreeMap<>(s.stakers());
        PoolState.Staker old = stakers.get(o.staker());
        stakers.put(o.staker(), old == null ? new PoolState.Staker(minted, null)
                : new PoolState.Staker(old.shares().add(minted), old.request()));
        return new Next(s.value().add(o.amount()), s.reserve(), s.totalShares().add(minted), stakers);
    }

    private static Next revenue(PoolState s, PoolOp.Revenue o) {
        checkAmount("amount", o.amount());
        if (s.totalShares().signum() == 0) {
            throw new PoolRefusedException("the pool has no shares; revenue would land where no staker owns it");
        }
        return new Next(s.value().add(o.amount()), s.reserve(), s.totalShares(), s.stakers());
    }

    private static Next loss(PoolState s, PoolOp.Loss o, Map<String, Object> facts) {
        checkAmount("amount", o.amount());
        if (o.amount().compareTo(s.balance()) > 0) {
            throw new PoolRefusedException("a loss of `" + o.amount().toPlainString() + "` is more than the pool holds (`"
                    + s.balance().toPlainString() + "`)");
        }
        BigDecimal fromReserve = o.amount().min(s.reserve());
        BigDecimal fromValue = o.amount().subtract(fromReserve);
        facts.put("from_reserve", fromReserve);
        facts.put("from_value", fromValue);
        return new Next(s.value().subtract(fromValue), s.reserve().subtract(fromReserve), s.totalShares(), s.stakers());
    }

    private static Next request(PoolState s, PoolOp.UnstakeRequest o, Map<String, Object> facts) {
        checkAmount("shares", o.shares());
        PoolState.Staker st = staker(s, o.staker());
        if (st.request() != null) {
            throw new PoolRefusedException("staker `" + o.staker() + "` already has an unstake request;"
                    + " cancel or withdraw it first");
        }
        if (o.shares().compareTo(st.shares()) > 0) {
            throw new PoolRefusedException("staker `" + o.staker() + "` has `" + st.shares().toPlainString()
                    + "` shares, fewer than the `" + o.shares().toPlainString() + "` asked for");
        }
        BigDecimal worth = s.worth(o.shares());
        facts.put("value_at_request", worth);
        Map<String, PoolState.Staker> stakers = new TreeMap<>(s.stakers());
        stakers.put(o.staker(), new PoolState.Staker(st.shares(), new PoolState.Request(o.shares(), worth, o.at())));
        return new Next(s.value(), s.reserve(), s.totalShares(), stakers);
    }

    private static Next cancel(PoolState s, PoolOp.UnstakeCancel o, Map<String, Object> facts) {
        PoolState.Staker st = staker(s, o.staker());
        PoolState.Request r = requestOf(o.staker(), st);
        BigDecimal kept = r.shares();
        // worth more than at the request: shares * value / total_shares > value_at_request, compared exactly
        if (r.shares().multiply(s.value()).compareTo(r.valueAtRequest().multiply(s.totalShares())) > 0) {
            kept = r.valueAtRequest().multiply(s.totalShares()).divide(s.value(), SCALE, RoundingMode.UP);
        }
        BigDecimal burned = r.shares().subtract(kept);
        facts.put("kept", kept);
        facts.put("burned", burned);
        Map<String, PoolState.Staker> stakers = new TreeMap<>(s.stakers());
        put(stakers, o.staker(), st.shares().subtract(burned));
        return new Next(s.value(), s.reserve(), s.totalShares().subtract(burned), stakers);
    }

    private static Next withdraw(PoolState s, PoolOp.Withdraw o, Map<String, Object> facts) {
        PoolState.Staker st = staker(s, o.staker());
        PoolState.Request r = requestOf(o.staker(), st);
        java.time.Instant from = s.withdrawableFrom(st);
        if (o.at().isBefore(from)) {
            throw new PoolRefusedException("staker `" + o.staker() + "` may withdraw from `" + from + "` (requested at `"
                    + r.requestedAt() + "`, cooldown `" + s.cooldown().text() + "`), not at `" + o.at() + "`");
        }
        BigDecimal payout = s.worth(r.shares()).min(r.valueAtRequest());
        facts.put("payout", payout);
        facts.put("burned", r.shares());
        Map<String, PoolState.Staker> stakers = new TreeMap<>(s.stakers());
        put(stakers, o.staker(), st.shares().subtract(r.shares()));
        return new Next(s.value().subtract(payout), s.reserve(), s.totalShares().subtract(r.shares()), stakers);
    }

    private static Next reset(PoolState s, Map<String, Object> facts) {
        if (s.value().signum() != 0) {
            throw new PoolRefusedException("the pool can be reset only when its value is 0, not `"
                    + s.value().toPlainString() + "`");
        }
        facts.put("burned", s.totalShares());
        return new Next(s.value(), s.reserve(), BigDecimal.ZERO, Map.of());
    }

    /** A staker without shares or a request leaves the ledger. */
    private static void put(Map<String, PoolState.Staker> stakers, String id, BigDecimal shares) {
        if (shares.signum() == 0) stakers.remove(id);
        else stakers.put(id, new PoolState.Staker(shares, null));
    }

    private static PoolState.Staker staker(PoolState s, String id) {
        PoolState.Staker st = s.stakers().get(id);
        if (st == null) throw new PoolRefusedException("staker `" + id + "` has no shares in this pool");
        return st;
    }

    private static PoolState.Request requestOf(String id, PoolState.Staker st) {
        if (st.request() == null) throw new PoolRefusedException("staker `" + id + "` has no unstake request");
        return st.request();
    }

    /** An amount or a number of shares: above 0, at most 8 decimals, at most {@link #LIMIT}. */
    public static void checkAmount(String field, BigDecimal v) {
        checkDecimals(field, v);
        if (v.signum() <= 0) {
            throw new PoolRefusedException("`" + field + "` must be greater than 0, not `" + v.toPlainString() + "`");
        }
    }

    /** At most 8 decimals and at most {@link #LIMIT}; zero and negatives are the caller's to judge. */
    public static void checkDecimals(String field, BigDecimal v) {
        if (dev.adl.io.EventValidation.tooManyDigits(v) || v.abs().compareTo(LIMIT) > 0) {
            throw new PoolRefusedException("`" + field + "` `" + v + "` is too large");
        }
        if (v.stripTrailingZeros().scale() > SCALE) {
            // a very long fraction is shown in scientific notation rather than expanded
            String shown = v.scale() > 40 ? v.toString() : v.toPlainString();
            throw new PoolRefusedException("`" + field + "` `" + shown + "` has more than 8 decimal places");
        }
    }
}
