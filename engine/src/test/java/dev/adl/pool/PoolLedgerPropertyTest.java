package dev.adl.pool;

import dev.adl.prop.Gen;
import dev.adl.prop.Property;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random operation sequences on a pool, with every invariant of EXCHANGE.md section 3
 * checked after each operation: shares add up, nothing negative, no payout above the value
 * at request, losses shared in proportion to shares, what stakers can take out within the
 * value, exact conservation of money, and nothing bought with money no staker put up.
 */
class PoolLedgerPropertyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] STAKERS = {"a", "b", "c", "d"};
    private static final BigDecimal ALL = BigDecimal.valueOf(-1);

    /** A case: a sequence of operations, with times that mostly go forward. */
    record Case(List<PoolOp> ops) {
    }

    /** Amounts from one unit of the 8th decimal up to millions, with any number of decimals up to 8. */
    private static final Gen<BigDecimal> AMOUNT = c -> {
        int scale = c.below(9);
        long digits = BigInteger.TEN.pow(1 + c.below(15)).longValueExact();
        long unscaled = (c.below(1_000_000) * 1_000_000_000L + c.below(1_000_000_000)) % digits + 1;
        return new BigDecimal(BigInteger.valueOf(unscaled), scale);
    };

    /** Accepted operations by kind over the whole run: the sequences must reach every rule. */
    private static final Map<String, Integer> ACCEPTED = new java.util.TreeMap<>();

    private static final Gen<Case> CASES = c -> {
        List<PoolOp> ops = new ArrayList<>();
        long t = 0;
        int n = c.below(40);
        int people = 1 + c.below(STAKERS.length);
        for (int i = 0; i < n; i++) {
            // mostly forward in steps up to 2 hours (the cooldown is 1 hour), now and then backward
            t += c.chance(0.05) ? -1 - c.below(600) : c.below(7200);
            Instant at = T0.plusSeconds(t);
            String who = STAKERS[c.below(people)];
            ops.add(switch (c.below(8)) {
                case 0, 1 -> new PoolOp.Stake(at, who, AMOUNT.next(c));
                case 2 -> new PoolOp.Revenue(at, AMOUNT.next(c));
                case 3 -> new PoolOp.Loss(at, AMOUNT.next(c));
                // ALL stands for every share the staker has when the request is made: pools emptied to 0 shares
                case 4 -> new PoolOp.UnstakeRequest(at, who, c.chance(0.5) ? ALL : AMOUNT.next(c));
                case 5 -> new PoolOp.UnstakeCancel(at, who);
                case 6 -> new PoolOp.Withdraw(at, who);
                default -> new PoolOp.Reset(at);
            });
        }
        return new Case(ops);
    };

    @Test
    void everyInvariantHoldsAfterEveryOperation() {
        int runs = Property.check("pool-ledger-invariants", 10_000, CASES, PoolLedgerPropertyTest::check);
        assertThat(runs).isGreaterThanOrEqualTo(10_000);
        System.out.println("pool ledger: " + runs + " sequences, accepted operations by kind " + ACCEPTED);
        for (String kind : List.of("stake", "revenue", "loss", "unstake_request", "unstake_cancel", "withdraw", "reset",
                "burning cancel", "capped withdrawal", "to reserve")) {
            assertThat(ACCEPTED.getOrDefault(kind, 0)).as(kind).isGreaterThan(50);
        }
    }

    /** Applies the case's operations, a refused one leaving the state equal, and checks each state. */
    private static void check(Case k) {
        PoolState s = PoolState.empty(Cooldown.parse("1h"));
        BigDecimal in = BigDecimal.ZERO;  // stakes + revenue
        BigDecimal out = BigDecimal.ZERO; // losses + payouts
        for (PoolOp given : k.ops()) {
            PoolOp op = given;
            if (op instanceof PoolOp.UnstakeRequest u && u.shares() == ALL && s.stakers().containsKey(u.staker())) {
                op = new PoolOp.UnstakeRequest(u.at(), u.staker(), s.stakers().get(u.staker()).shares());
            }
            PoolLedger.Outcome o;
            try {
                o = PoolLedger.apply(s, op);
            } catch (PoolRefusedException refused) {
                if (s.lastAt() != null && op.at().isBefore(s.lastAt())) {
                    assertThat(refused.getMessage()).contains("earlier than the operation before it");
                }
                continue; // the state is immutable: a refusal cannot have changed it
            }
            assertThat(s.lastAt() == null || !op.at().isBefore(s.lastAt())).as("an earlier operation was accepted").isTrue();
            PoolState next = o.state();
            count(op.kind());
            if (o.facts().containsKey("to_reserve")) count("to reserve");
            if (op instanceof PoolOp.UnstakeCancel && ((BigDecimal) o.facts().get("burned")).signum() > 0) {
                count("burning cancel");
            }
            if (op instanceof PoolOp.Withdraw w && ((BigDecimal) o.facts().get("payout"))
                    .compareTo(s.stakers().get(w.staker()).request().valueAtRequest()) == 0
                    && s.worth(s.stakers().get(w.staker()).request().shares()).compareTo((BigDecimal) o.facts().get("payout")) > 0) {
                count("capped withdrawal");
            }
            if (op instanceof PoolOp.Stake st) {
                in = in.add(st.amount());
                BigDecimal minted = (BigDecimal) o.facts().get("shares");
                // the new shares are never worth more than the stake that bought them
                assertThat(next.worth(minted)).isLessThanOrEqualTo(st.amount());
                assertThat(next.reserve()).isEqualByComparingTo(s.reserve());
            } else if (op instanceof PoolOp.Revenue r) {
                in = in.add(r.amount());
            } else if (op instanceof PoolOp.Loss l) {
                out = out.add(l.amount());
                lossIsShared(s, next, (BigDecimal) o.facts().get("from_reserve"), (BigDecimal) o.facts().get("from_value"));
            } else if (op instanceof PoolOp.Withdraw w) {
                BigDecimal payout = (BigDecimal) o.facts().get("payout");
                assertThat(payout).isLessThanOrEqualTo(s.stakers().get(w.staker()).request().valueAtRequest());
                assertThat(payout.signum()).isGreaterThanOrEqualTo(0);
                out = out.add(payout);
            } else if (op instanceof PoolOp.UnstakeCancel c) {
                // cancelling never adds shares, and keeps no more than what the request was worth
                assertThat(next.totalShares()).isLessThanOrEqualTo(s.totalShares());
            }
            invariants(next);
            assertThat(next.value().add(next.reserve())).as("conservation").isEqualByComparingTo(in.subtract(out));
            s = next;
        }
    }

    /** The reserve pays first; every staker keeps its shares, so each loses value in proportion to them. */
    private static void lossIsShared(PoolState before, PoolState after, BigDecimal fromReserve, BigDecimal fromValue) {
        assertThat(fromReserve).isEqualByComparingTo(before.reserve().min(fromReserve.add(fromValue)));
        assertThat(after.value()).isEqualByComparingTo(before.value().subtract(fromValue));
        assertThat(after.totalShares()).isEqualByComparingTo(before.totalShares());
        for (Map.Entry<String, PoolState.Staker> e : before.stakers().entrySet()) {
            BigDecimal sh = e.getValue().shares();
            assertThat(after.stakers().get(e.getKey()).shares()).isEqualByComparingTo(sh);
            if (before.totalShares().signum() == 0) continue;
            // its exact loss, sh * (V - V') / T, times T: no rounding in between
            BigDecimal lossTimesT = sh.multiply(before.value()).subtract(sh.multiply(after.value()));
            assertThat(lossTimesT).isEqualByComparingTo(sh.multiply(fromValue));
        }
    }

    private static void invariants(PoolState s) {
        assertThat(s.value().signum()).as("value >= 0").isGreaterThanOrEqualTo(0);
        assertThat(s.reserve().signum()).as("reserve >= 0").isGreaterThanOrEqualTo(0);
        assertThat(eightPlaces(s.value()) && eightPlaces(s.reserve()) && eightPlaces(s.totalShares())).isTrue();
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal takeable = BigDecimal.ZERO;
        for (PoolState.Staker st : s.stakers().values()) {
            assertThat(st.shares().signum()).isPositive();
            assertThat(eightPlaces(st.shares())).isTrue();
            if (st.request() != null) {
                assertThat(st.request().shares()).isLessThanOrEqualTo(st.shares());
                assertThat(eightPlaces(st.request().valueAtRequest())).isTrue();
            }
            sum = sum.add(st.shares());
            takeable = takeable.add(s.worth(st.shares()));
        }
        assertThat(sum).as("shares add up").isEqualByComparingTo(s.totalShares());
        assertThat(takeable).as("what stakers can take out").isLessThanOrEqualTo(s.value());
        if (s.totalShares().signum() == 0) {
            // no staker owns anything: a next staker cannot buy value it did not put up
            assertThat(s.value().signum()).isZero();
        }
    }

    private static synchronized void count(String kind) {
        ACCEPTED.merge(kind, 1, Integer::sum);
    }

    private static boolean eightPlaces(BigDecimal v) {
        return v.stripTrailingZeros().scale() <= 8;
    }
}
