package dev.adl.compile;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.adl.compile.Ast.at;
import static dev.adl.compile.Ast.bin;
import static dev.adl.compile.Ast.call;
import static dev.adl.compile.Ast.hours;
import static dev.adl.compile.Ast.num;
import static dev.adl.compile.Ast.pct;
import static dev.adl.compile.Ast.var;
import static org.assertj.core.api.Assertions.assertThat;

class DecideTest {
    static MarketFacts facts(String openInterest, Map<Long, BigDecimal> drawdowns) {
        return new MarketFacts("BTC-PERP", new BigDecimal("1000000"), new BigDecimal(openInterest),
                new BigDecimal("8000"), new BigDecimal("1080"), new BigDecimal("1000"), drawdowns);
    }

    static Map<Long, BigDecimal> dd8h(String value) {
        return Map.of(28800L, new BigDecimal(value));
    }

    @Test
    void referencePolicyDecidesFloorMaxUseCapAndNotifyAndFiresInClauseOrder() {
        CompiledPolicy p = Ast.compile(Ast.reference());
        Decision d = p.decide(facts("2000000", dd8h("0.10")));
        assertThat(d.floor()).isEqualByComparingTo("250000");
        assertThat(d.maxUse()).isEqualByComparingTo("0.5");
        assertThat(d.triggered()).isFalse();
        assertThat(d.cap()).isEqualByComparingTo("100000");   // 5% of 2,000,000
        assertThat(d.notifyQuintile()).isEqualTo(4);
        assertThat(d.tierPlan()).containsExactly(0, 1);
        assertThat(d.rulesFired()).containsExactly("floor@10", "max_use@11", "tier@24", "tier@25", "cap@28", "notify@29");
        assertThat(p.ruleNames()).containsExactly("floor@10", "max_use@11", "trigger@12", "tier@24", "tier@25", "cap@28", "notify@29");
    }

    @Test
    void triggerFiresOnlyWhenItsMarketConditionHolds() {
        CompiledPolicy p = Ast.compile(Ast.reference());
        Decision above = p.decide(facts("2000000", dd8h("0.3000001")));
        assertThat(above.triggered()).isTrue();
        assertThat(above.triggerLines()).containsExactly(12);
        assertThat(above.rulesFired()).containsSubsequence("max_use@11", "trigger@12", "tier@24");

        Decision exactly = p.decide(facts("2000000", dd8h("0.30")));
        assertThat(exactly.triggered()).isFalse();
        assertThat(exactly.rulesFired()).doesNotContain("trigger@12");
    }

    @Test
    void floorAsShareOfOpenInterestIsExact() {
        Policy.Buffer buffer = new Policy.Buffer(new Policy.Floor.ShareOfOpenInterest(pct("2.5"), at(10)), null, List.of(), at(9));
        CompiledPolicy p = Ast.compile(Ast.minimal(buffer, null, null));
        Decision d = p.decide(facts("1234567.89", Map.of()));
        assertThat(d.floor()).isEqualByComparingTo("30864.19725");
        assertThat(d.maxUse()).isEqualByComparingTo("1");
        assertThat(d.cap()).isNull();
        assertThat(d.notifyQuintile()).isNull();
        assertThat(d.rulesFired()).containsExactly("floor@10", "tier@20");
    }

    @Test
    void capAsAmountAndNoBufferKeepsDefaults() {
        CompiledPolicy p = Ast.compile(Ast.minimal(null, new Policy.Cap.Amount(num("75000.125"), at(30)), null));
        Decision d = p.decide(facts("5", Map.of()));
        assertThat(d.cap()).isEqualByComparingTo("75000.125");
        assertThat(d.floor()).isEqualByComparingTo("0");
        assertThat(d.maxUse()).isEqualByComparingTo("1");
        assertThat(d.triggered()).isFalse();
        assertThat(d.rulesFired()).containsExactly("tier@20", "cap@30");
    }

    @Test
    void triggersOverMarketValuesAndFunctionsEvaluateInDouble() {
        // trigger when insurance_fund / open_interest < 1% ; trigger when clamp(shortfall, 0, 10) >= 10 and not (mark_price > bankruptcy_price)
        Policy.Trigger t1 = new Policy.Trigger(bin(bin(var("insurance_fund"), Expr.BinaryOp.DIV, var("open_interest")),
                Expr.BinaryOp.LT, pct("1")), at(12));
        Policy.Trigger t2 = new Policy.Trigger(bin(
                bin(call("clamp", var("shortfall"), num("0"), num("10")), Expr.BinaryOp.GE, num("10")),
                Expr.BinaryOp.AND,
                Ast.not(bin(var("mark_price"), Expr.BinaryOp.GT, var("bankruptcy_price")))), at(13));
        Policy.Buffer buffer = new Policy.Buffer(null, null, List.of(t1, t2), at(9));
        CompiledPolicy p = Ast.compile(Ast.minimal(buffer, null, null));

        // fund 1,000,000 / OI 200,000,000 = 0.5% < 1%: t1 holds; mark 1000 < bp 1080 and shortfall 8000: t2 holds
        Decision both = p.decide(facts("200000000", Map.of()));
        assertThat(both.triggerLines()).containsExactly(12, 13);
        // fund / OI = 50%: t1 fails
        Decision second = p.decide(facts("2000000", Map.of()));
        assertThat(second.triggerLines()).containsExactly(13);
        assertThat(second.rulesFired()).containsExactly("trigger@13", "tier@20");
    }

    @Test
    void triggerComparisonsFollowJavaSemanticsForNaN() {
        // 0 / 0 is NaN: `> 50%` is false and `not (> 50%)` is true, on every call
        Expr ratio = bin(var("insurance_fund"), Expr.BinaryOp.DIV, var("open_interest"));
        Policy.Trigger gt = new Policy.Trigger(bin(ratio, Expr.BinaryOp.GT, pct("50")), at(12));
        Policy.Trigger notGt = new Policy.Trigger(Ast.not(bin(ratio, Expr.BinaryOp.GT, pct("50"))), at(13));
        CompiledPolicy p = Ast.compile(Ast.minimal(new Policy.Buffer(null, null, List.of(gt, notGt), at(9)), null, null));
        MarketFacts empty = new MarketFacts("m", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE,
                BigDecimal.ONE, Map.of());
        for (int i = 0; i < 50; i++) {
            assertThat(p.decide(empty).triggerLines()).containsExactly(13);
        }
    }

    @Test
    void twoRulesOfOneClauseOnOneLineGetDistinctNames() {
        Policy.Trigger t1 = new Policy.Trigger(bin(call("drawdown", hours(1)), Expr.BinaryOp.GT, pct("10")), at(12, 3));
        Policy.Trigger t2 = new Policy.Trigger(bin(call("drawdown", hours(8)), Expr.BinaryOp.GT, pct("10")), at(12, 40));
        CompiledPolicy p = Ast.compile(Ast.minimal(new Policy.Buffer(null, null, List.of(t1, t2), at(9)), null, null));
        assertThat(p.ruleNames()).containsExactly("trigger@12", "trigger@12#2", "tier@20");
        assertThat(p.drawdownWindows()).containsExactlyInAnyOrder(3600L, 28800L);
        Decision d = p.decide(facts("1", Map.of(3600L, new BigDecimal("0.05"), 28800L, new BigDecimal("0.2"))));
        assertThat(d.rulesFired()).containsExactly("trigger@12#2", "tier@20");
    }
}
