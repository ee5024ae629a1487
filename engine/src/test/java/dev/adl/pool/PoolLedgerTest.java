package dev.adl.pool;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each operation of the ledger and each refusal, with the numbers worked out by hand. */
class PoolLedgerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long DAY = 86_400;

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Applies the operations in order, each one accepted. */
    private static PoolState run(PoolState s, PoolOp... ops) {
        for (PoolOp op : ops) {
            s = PoolLedger.apply(s, op).state();
        }
        return s;
    }

    private static PoolState empty() {
        return PoolState.empty(Cooldown.parse("13d"));
    }

    /** alice 1000 then bob 500 at a share price of 1: 1500 shares worth 1500. */
    private static PoolState twoStakers() {
        return run(empty(), new PoolOp.Stake(at(0), "alice", d("1000")), new PoolOp.Stake(at(10), "bob", d("500")));
    }

    private static void assertNumbers(PoolState s, String value, String reserve, String total) {
        assertThat(s.value()).isEqualByComparingTo(value);
        assertThat(s.reserve()).isEqualByComparingTo(reserve);
        assertThat(s.totalShares()).isEqualByComparingTo(total);
    }

    private static BigDecimal shares(PoolState s, String id) {
        return s.stakers().get(id).shares();
    }

    private static String refusal(PoolState s, PoolOp op) {
        try {
            PoolLedger.apply(s, op);
        } catch (PoolRefusedException e) {
            return e.getMessage();
        }
        throw new AssertionError(op + " was accepted");
    }

    @Test
    void theFirstStakeMintsItsAmountAndLaterOnesAtTheSharePriceRoundedDown() {
        PoolState s = twoStakers();
        assertNumbers(s, "1500", "0", "1500");
        assertThat(shares(s, "bob")).isEqualByComparingTo("500");
        s = run(s, new PoolOp.Revenue(at(20), d("300")));
        assertNumbers(s, "1800", "0", "1500");
        assertThat(s.sharePrice()).isEqualByComparingTo("1.2");
        // 100 * 1500 / 1800 = 83.333... -> 83.33333333
        PoolLedger.Outcome o = PoolLedger.apply(s, new PoolOp.Stake(at(30), "carol", d("100")));
        assertThat((BigDecimal) o.facts().get("shares")).isEqualByComparingTo("83.33333333");
        assertNumbers(o.state(), "1900", "0", "1583.33333333");
        // carol can take out floor8(83.33333333 * 1900 / 1583.33333333) = 99.99999999: never more than she put in
        assertThat(o.state().worth(shares(o.state(), "carol"))).isEqualByComparingTo("99.99999999");
    }

    @Test
    void aLossLowersTheSharePriceByExactlyLossOverShares() {
        PoolState s = run(twoStakers(), new PoolOp.Loss(at(20), d("300")));
        assertNumbers(s, "1200", "0", "1500");
        // 1 - 300 / 1500 = 0.8
        assertThat(s.sharePrice()).isEqualByComparingTo("0.8");
        assertThat(s.worth(shares(s, "alice"))).isEqualByComparingTo("800");
        assertThat(s.worth(shares(s, "bob"))).isEqualByComparingTo("400");
    }

    @Test
    void theReservePaysALossFirst() {
        // alice alone: a request of everything, revenue 10, a payout capped at 1000 -> 10 to the reserve
        PoolState s = run(empty(), new PoolOp.Stake(at(0), "alice", d("1000")),
                new PoolOp.UnstakeRequest(at(0), "alice", d("1000")), new PoolOp.Revenue(at(1), d("10")));
        PoolLedger.Outcome w = PoolLedger.apply(s, new PoolOp.Withdraw(at(13 * DAY), "alice"));
        assertThat((BigDecimal) w.facts().get("payout")).isEqualByComparingTo("1000");
        assertThat((BigDecimal) w.facts().get("to_reserve")).isEqualByComparingTo("10");
        s = w.state();
        assertNumbers(s, "0", "10", "0");
        assertThat(s.stakers()).isEmpty();
        // the next staker buys at 1 share per unit: the 10 no staker owns is not hers
        s = run(s, new PoolOp.Stake(at(13 * DAY + 1), "dave", d("50")));
        assertNumbers(s, "50", "10", "50");
        PoolLedger.Outcome loss = PoolLedger.apply(s, new PoolOp.Loss(at(13 * DAY + 2), d("15")));
        assertThat((BigDecimal) loss.facts().get("from_reserve")).isEqualByComparingTo("10");
        assertThat((BigDecimal) loss.facts().get("from_value")).isEqualByComparingTo("5");
        assertNumbers(loss.state(), "45", "0", "50");
    }

    @Test
    void aPendingRequestBearsItsPartOfALoss() {
        PoolState s = run(twoStakers(), new PoolOp.UnstakeRequest(at(20), "alice", d("500")));
        assertThat(s.stakers().get("alice").request().valueAtRequest()).isEqualByComparingTo("500");
        s = run(s, new PoolOp.Loss(at(30), d("300")));
        // 500 shares at 1200 / 1500 = 400, below the 500 asked for
        PoolLedger.Outcome w = PoolLedger.apply(s, new PoolOp.Withdraw(at(20 + 13 * DAY), "alice"));
        assertThat((BigDecimal) w.facts().get("payout")).isEqualByComparingTo("400");
        assertNumbers(w.state(), "800", "0", "1000");
        assertThat(shares(w.state(), "alice")).isEqualByComparingTo("500");
        assertThat(w.state().stakers().get("alice").request()).isNull();
        assertThat(w.state().sharePrice()).isEqualByComparingTo("0.8");
    }

    @Test
    void aWithdrawalIsCappedAtTheValueAtRequestAndTheGainStaysWithTheOthers() {
        PoolState s = run(twoStakers(), new PoolOp.UnstakeRequest(at(20), "alice", d("500")),
                new PoolOp.Revenue(at(30), d("300")));
        // 500 * 1800 / 1500 = 600, capped at 500
        PoolLedger.Outcome w = PoolLedger.apply(s, new PoolOp.Withdraw(at(20 + 13 * DAY), "alice"));
        assertThat((BigDecimal) w.facts().get("payout")).isEqualByComparingTo("500");
        assertNumbers(w.state(), "1300", "0", "1000");
        assertThat(w.state().sharePrice()).isEqualByComparingTo("1.3");
        assertThat(w.state().worth(shares(w.state(), "bob"))).isEqualByComparingTo("650");
    }

    @Test
    void cancellingBurnsTheSharesThatHoldTheGain() {
        PoolState s = run(twoStakers(), new PoolOp.UnstakeRequest(at(20), "alice", d("600")),
                new PoolOp.Revenue(at(30), d("300")));
        // worth 600 * 1800 / 1500 = 720 > 600: keeps ceil8(600 * 1500 / 1800) = 500, burns 100
        PoolLedger.Outcome c = PoolLedger.apply(s, new PoolOp.UnstakeCancel(at(40), "alice"));
        assertThat((BigDecimal) c.facts().get("kept")).isEqualByComparingTo("500");
        assertThat((BigDecimal) c.facts().get("burned")).isEqualByComparingTo("100");
        assertNumbers(c.state(), "1800", "0", "1400");
        assertThat(shares(c.state(), "alice")).isEqualByComparingTo("900");
        assertThat(c.state().stakers().get("alice").request()).isNull();
        // bob: floor8(500 * 1800 / 1400) = floor8(642.857142857...) = 642.85714285
        assertThat(c.state().worth(shares(c.state(), "bob"))).isEqualByComparingTo("642.85714285");
    }

    @Test
    void cancellingRoundsTheKeptSharesUp() {
        PoolState s = run(twoStakers(), new PoolOp.UnstakeRequest(at(20), "alice", d("1000")),
                new PoolOp.Revenue(at(30), d("200")));
        // 1000 * 1500 / 1700 = 882.352941176... -> 882.35294118 kept, 117.64705882 burned
        PoolLedger.Outcome c = PoolLedger.apply(s, new PoolOp.UnstakeCancel(at(40), "alice"));
        assertThat((BigDecimal) c.facts().get("kept")).isEqualByComparingTo("882.35294118");
        assertThat((BigDecimal) c.facts().get("burned")).isEqualByComparingTo("117.64705882");
        assertNumbers(c.state(), "1700", "0", "1382.35294118");
    }

    @Test
    void cancellingAfterALossKeepsEveryShare() {
        PoolState s = run(twoStakers(), new PoolOp.UnstakeRequest(at(20), "alice", d("600")),
                new PoolOp.Loss(at(30), d("150")));
        PoolLedger.Outcome c = PoolLedger.apply(s, new PoolOp.UnstakeCancel(at(40), "alice"));
        assertThat((BigDecimal) c.facts().get("burned")).isEqualByComparingTo("0");
        assertNumbers(c.state(), "1350", "0", "1500");
        assertThat(shares(c.state(), "alice")).isEqualByComparingTo("1000");
    }

    @Test
    void aWithdrawalBeforeTheCooldownSaysWhenItWillBeAllowed() {
        PoolState s = run(twoStakers(), new PoolOp.UnstakeRequest(at(20), "alice", d("500")));
        PoolOp early = new PoolOp.Withdraw(at(20 + 13 * DAY - 1), "alice");
        assertThat(refusal(s, early)).isEqualTo("staker `alice` may withdraw from `2026-01-14T00:00:20Z` (requested at"
                + " `2026-01-01T00:00:20Z`, cooldown `13d`), not at `2026-01-14T00:00:19Z`");
        assertThat(PoolLedger.apply(s, new PoolOp.Withdraw(at(20 + 13 * DAY), "alice")).facts().get("payout"))
                .isEqualTo(new BigDecimal("500.00000000"));
    }

    @Test
    void aWipedOutPoolTakesNoStakeUntilItIsReset() {
        PoolState s = run(twoStakers(), new PoolOp.Loss(at(20), d("1500")));
        assertNumbers(s, "0", "0", "1500");
        assertThat(refusal(s, new PoolOp.Stake(at(30), "carol", d("10"))))
                .isEqualTo("the pool was wiped out (value 0 with shares outstanding); it takes no stakes until it is reset");
        PoolLedger.Outcome r = PoolLedger.apply(s, new PoolOp.Reset(at(40)));
        assertThat((BigDecimal) r.facts().get("burned")).isEqualByComparingTo("1500");
        assertNumbers(r.state(), "0", "0", "0");
        assertThat(r.state().stakers()).isEmpty();
        PoolState again = run(r.state(), new PoolOp.Stake(at(50), "carol", d("10")));
        assertNumbers(again, "10", "0", "10");
    }

    @Test
    void refusalsLeaveTheStateAsItWas() {
        PoolState s = run(twoStakers(), new PoolOp.UnstakeRequest(at(20), "alice", d("100")));
        List<PoolOp> refused = List.of(
                new PoolOp.Stake(at(30), "carol", d("0")),
                new PoolOp.Stake(at(30), "carol", d("-5")),
                new PoolOp.Stake(at(30), "carol", d("1.000000001")),
                new PoolOp.Revenue(at(30), d("0")),
                new PoolOp.Loss(at(30), d("1500.00000001")),
                new PoolOp.Loss(at(30), d("0")),
                new PoolOp.UnstakeRequest(at(30), "alice", d("50")),
                new PoolOp.UnstakeRequest(at(30), "bob", d("500.00000001")),
                new PoolOp.UnstakeRequest(at(30), "bob", d("0")),
                new PoolOp.UnstakeRequest(at(30), "nobody", d("1")),
                new PoolOp.UnstakeCancel(at(30), "bob"),
                new PoolOp.Withdraw(at(30), "bob"),
                new PoolOp.Withdraw(at(30), "alice"),
                new PoolOp.Reset(at(30)),
                new PoolOp.Stake(at(19), "carol", d("10")));
        for (PoolOp op : refused) {
            assertThatThrownBy(() -> PoolLedger.apply(s, op)).as(op.toString()).isInstanceOf(PoolRefusedException.class);
        }
        assertThat(refusal(s, new PoolOp.Stake(at(30), "carol", d("1.000000001"))))
                .isEqualTo("`amount` `1.000000001` has more than 8 decimal places");
        assertThat(refusal(s, new PoolOp.Stake(at(30), "carol", d("0"))))
                .isEqualTo("`amount` must be greater than 0, not `0`");
        assertThat(refusal(s, new PoolOp.Stake(at(19), "carol", d("10"))))
                .isEqualTo("`stake` at `2026-01-01T00:00:19Z` is earlier than the operation before it (`2026-01-01T00:00:20Z`)");
        assertThat(refusal(s, new PoolOp.UnstakeRequest(at(30), "alice", d("50"))))
                .isEqualTo("staker `alice` already has an unstake request; cancel or withdraw it first");
        assertNumbers(s, "1500", "0", "1500");
    }

    @Test
    void aStakeThatWouldMintNoShareIsRefusedAndRevenueNeedsShares() {
        assertThat(refusal(empty(), new PoolOp.Revenue(at(0), d("5"))))
                .isEqualTo("the pool has no shares; revenue would land where no staker owns it");
        PoolState s = run(empty(), new PoolOp.Stake(at(0), "alice", d("1")), new PoolOp.Revenue(at(1), d("999999")));
        // 0.00000001 * 1 / 1000000 rounds down to 0
        assertThat(refusal(s, new PoolOp.Stake(at(2), "bob", d("0.00000001"))))
                .isEqualTo("a stake of `0.00000001` would mint 0 shares");
        assertThat(refusal(s, new PoolOp.Reset(at(2)))).isEqualTo("the pool can be reset only when its value is 0, not `1000000`");
    }

    @Test
    void cooldownsAreDurationsOfTheLanguage() {
        assertThat(Cooldown.parse("13d").seconds()).isEqualTo(13 * DAY);
        assertThat(Cooldown.parse("90m").seconds()).isEqualTo(5400);
        assertThat(Cooldown.parse("1_000s").seconds()).isEqualTo(1000);
        for (String bad : new String[] {"13", "1w", "-1d", "d", "1.5h", "99999999999999999999d"}) {
            assertThatThrownBy(() -> Cooldown.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
