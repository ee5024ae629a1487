package dev.adl.compile;

import dev.adl.ast.Builtins.MarketVar;
import dev.adl.ast.Builtins.PositionVar;
import dev.adl.ast.Expr;
import dev.adl.ast.Expr.BinaryOp;
import dev.adl.ast.Expr.ExposureField;
import dev.adl.ast.Policy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.adl.compile.Ast.at;
import static dev.adl.compile.Ast.bin;
import static dev.adl.compile.Ast.call;
import static dev.adl.compile.Ast.exposure;
import static dev.adl.compile.Ast.hours;
import static dev.adl.compile.Ast.num;
import static dev.adl.compile.Ast.pct;
import static dev.adl.compile.Ast.str;
import static dev.adl.compile.Ast.var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluateTest {
    /** Four positions: an ordinary winner, a loser above 25x, a negative-equity winner, and an empty one with 0/0 leverage. */
    static ArrayColumns referenceRows() {
        return new ArrayColumns(4)
                .with(PositionVar.SIZE, 2, 3, 1, 0)
                .with(PositionVar.NOTIONAL, 1000, 3000, 1000, 0)
                .with(PositionVar.EQUITY, 100, 100, -100, 0)
                .with(PositionVar.UPNL, 50, -20, 10, 0)
                .with(PositionVar.PNL_PCT, 0.05, -0.02, 0.01, 0)
                .exposure("venue-b", ExposureField.NOTIONAL, 500, 0, 0, 0)
                .exposure("venue-b", ExposureField.COLLATERAL, 50, 0, 0, 0);
    }

    @Test
    void referencePolicyFormulasMatchHandComputedValues() {
        CompiledPolicy p = Ast.compile(Ast.reference());
        Evaluation e = p.evaluate(referenceRows());

        // eff_leverage: (1000+500)/(100+50) = 10; 3000/100 = 30; 1000/-100 = -10; 0/0 = NaN
        assertThat(e.eligible()).containsExactly(true, true, true, false);
        assertThat(e.rankBranch()).containsExactly(0, 1, 0, 1);
        assertThat(e.score()[0]).isCloseTo(0.5, within(1e-12));          // 0.05 * 10
        assertThat(e.score()[1]).isCloseTo(-0.02 / 30, within(1e-15));   // pnl_pct / eff_leverage
        assertThat(e.score()[2]).isCloseTo(-0.1, within(1e-12));         // 0.01 * -10
        assertThat(e.score()[3]).isEqualTo(Double.NEGATIVE_INFINITY);   // 0 / NaN
        assertThat(e.tier()).containsExactly(1, 0, 1, 1);                 // only 30 >= 25
        assertThat(e.weights()).hasNumberOfRows(2);
        assertThat(e.weights()[0]).containsExactly(2, 3, 1, 0);           // pro_rata without `by`: size
        assertThat(e.weights()[1]).isNull();                               // queue tier
    }

    @Test
    void letsAreComputedOnceAndOnlyUsedColumnsAreRead() {
        StandardCompiledPolicy p = (StandardCompiledPolicy) Ast.compile(Ast.reference());
        ArrayColumns rows = referenceRows();
        p.evaluate(rows);
        assertThat(rows.reads).containsExactlyInAnyOrder("size", "notional", "exposure:venue-b.notional", "equity",
                "exposure:venue-b.collateral", "pnl_pct", "upnl");
        // eligible 1 + eff_leverage 3 (add, add, div) + rank 1 (mul, gt) + rank 2 (div) + tier (ge):
        // eff_leverage is used four times but computed once
        assertThat(p.program().instructionCount()).isEqualTo(8);
        assertThat(p.exposureSources()).containsExactly(java.util.Map.entry("venue-b", 60L));
        assertThat(p.drawdownWindows()).containsExactly(28800L);
    }

    @Test
    void repeatedCallsOnDifferentRowCountsGiveFreshResults() {
        CompiledPolicy p = Ast.compile(Ast.reference());
        Evaluation first = p.evaluate(referenceRows());
        ArrayColumns two = new ArrayColumns(2)
                .with(PositionVar.SIZE, 5, 6)
                .with(PositionVar.NOTIONAL, 100, 100)
                .with(PositionVar.EQUITY, 50, 2)
                .with(PositionVar.UPNL, 1, 1)
                .with(PositionVar.PNL_PCT, 0.1, 0.2);
        Evaluation second = p.evaluate(two);
        assertThat(second.score()).containsExactly(0.1 * 2, 0.2 * 50);
        assertThat(second.tier()).containsExactly(1, 0);
        assertThat(first.score()[0]).isCloseTo(0.5, within(1e-12));   // not overwritten by the second call
        assertThat(first.tier()).containsExactly(1, 0, 1, 1);
    }

    @Test
    void noRankClauseScoresZeroAndNoEligibleClauseAdmitsAll() {
        Policy p = Ast.minimal(null, null, null);
        Evaluation e = Ast.compile(p).evaluate(new ArrayColumns(3).with(PositionVar.SIZE, 1, 2, 3));
        assertThat(e.eligible()).containsExactly(true, true, true);
        assertThat(e.score()).containsExactly(0, 0, 0);
        assertThat(e.rankBranch()).containsExactly(-1, -1, -1);
        assertThat(e.tier()).containsExactly(0, 0, 0);
        assertThat(e.weights()[0]).isNull();
    }

    @Test
    void conditionalBranchesWithoutFallbackLeaveRowsUnscoredAndTierlessRowsGetMinusOne() {
        Policy p = Ast.policy("p", List.of(), List.of(), null, List.of(), null,
                List.of(new Policy.RankBy(var("size"), bin(var("side"), BinaryOp.GT, num("0")), at(10)),
                        new Policy.RankBy(Ast.neg(var("size")), bin(var("size"), BinaryOp.GE, num("3")), at(11))),
                new Policy.Reduce(List.of(
                        new Policy.Tier(str("big"), bin(var("size"), BinaryOp.GT, num("2")),
                                new Policy.TierMethod.ProRata(pct("50"), bin(var("size"), BinaryOp.MUL, var("collateral")), at(13)), at(13)),
                        new Policy.Tier(str("one"), bin(var("size"), BinaryOp.EQ, num("1")), new Policy.TierMethod.Queue(at(14)), at(14))),
                        at(12)), null, null);
        ArrayColumns rows = new ArrayColumns(4)
                .with(PositionVar.SIZE, 1, 2, 3, 4)
                .with(PositionVar.SIDE, 1, -1, -1, 1)
                .with(PositionVar.COLLATERAL, 10, 20, 30, 40);
        Evaluation e = Ast.compile(p).evaluate(rows);
        assertThat(e.rankBranch()).containsExactly(0, -1, 1, 0);
        assertThat(e.score()).containsExactly(1, Double.NEGATIVE_INFINITY, -3, 4);
        assertThat(e.tier()).containsExactly(1, -1, 0, 0);
        assertThat(e.weights()[0]).containsExactly(10, 40, 90, 160);
        assertThat(e.weights()[1]).isNull();
    }

    @Test
    void marketValuesDrawdownAndFunctionsAreScalarsAppliedToColumns() {
        // rank by clamp(mark_price * 2 - 1000, 0, 5) + max(abs(upnl), sqrt(size), log(size)) - drawdown(8h) when not (size == 4) or upnl != 0
        Expr score = bin(bin(call("clamp", bin(bin(var("mark_price"), BinaryOp.MUL, num("2")), BinaryOp.SUB, num("1000")), num("0"), num("5")),
                BinaryOp.ADD, call("max", call("abs", var("upnl")), call("sqrt", var("size")), call("log", var("size")))),
                BinaryOp.SUB, call("drawdown", hours(8)));
        Expr cond = bin(Ast.not(bin(var("size"), BinaryOp.EQ, num("4"))), BinaryOp.OR, bin(var("upnl"), BinaryOp.NE, num("0")));
        Policy p = Ast.policy("p", List.of(), List.of(), null, List.of(), null,
                List.of(new Policy.RankBy(score, cond, at(10)), new Policy.RankBy(num("7"), null, at(11))),
                null, null, null);
        ArrayColumns rows = new ArrayColumns(3)
                .with(PositionVar.SIZE, 4, 9, 4)
                .with(PositionVar.UPNL, -3, 1, 0)
                .market(MarketVar.MARK_PRICE, 501)
                .drawdown(28800, 0.25);
        CompiledPolicy compiled = Ast.compile(p);
        Evaluation e = compiled.evaluate(rows);
        // clamp(1002 - 1000, 0, 5) = 2
        assertThat(e.score()[0]).isCloseTo(2 + Math.max(3, Math.max(2, Math.log(4))) - 0.25, within(1e-12));
        assertThat(e.score()[1]).isCloseTo(2 + Math.max(1, Math.max(3, Math.log(9))) - 0.25, within(1e-12));
        assertThat(e.score()[2]).isEqualTo(7.0);   // size 4 and upnl 0: falls to the constant branch
        assertThat(e.rankBranch()).containsExactly(0, 0, 1);
        assertThat(compiled.drawdownWindows()).containsExactly(28800L);
        assertThat(rows.reads).containsOnlyOnce("market:mark_price", "drawdown:28800");
    }

    @Test
    void noRowsGiveEmptyResults() {
        Evaluation e = Ast.compile(Ast.reference()).evaluate(new ArrayColumns(0)
                .with(PositionVar.SIZE).with(PositionVar.NOTIONAL).with(PositionVar.EQUITY)
                .with(PositionVar.UPNL).with(PositionVar.PNL_PCT));
        assertThat(e.eligible()).isEmpty();
        assertThat(e.score()).isEmpty();
        assertThat(e.tier()).isEmpty();
        assertThat(e.weights()[0]).isEmpty();
    }

    @Test
    void rowsSpanningSeveralBlocksAndThreadsAgreeWithOneRowAtATime() throws Exception {
        int n = FormulaProgram.BLOCK * 3 + 17;
        double[] size = new double[n], notional = new double[n], equity = new double[n], upnl = new double[n], pnl = new double[n];
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < n; i++) {
            size[i] = r.nextInt(4);
            notional[i] = 100 + r.nextInt(10_000);
            equity[i] = r.nextInt(400) - 50;
            upnl[i] = r.nextInt(200) - 100;
            pnl[i] = upnl[i] / notional[i];
        }
        CompiledPolicy p = Ast.compile(Ast.reference());
        java.util.function.Supplier<ArrayColumns> rows = () -> new ArrayColumns(n).with(PositionVar.SIZE, size)
                .with(PositionVar.NOTIONAL, notional).with(PositionVar.EQUITY, equity)
                .with(PositionVar.UPNL, upnl).with(PositionVar.PNL_PCT, pnl);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Evaluation>> results = new java.util.ArrayList<>();
            for (int k = 0; k < 8; k++) results.add(pool.submit(() -> p.evaluate(rows.get())));
            for (java.util.concurrent.Future<Evaluation> f : results) {
                Evaluation e = f.get();
                for (int i = 0; i < n; i++) {
                    double eff = notional[i] / equity[i];     // no exposure rows: ext values are 0
                    double expected = upnl[i] > 0 ? pnl[i] * eff : pnl[i] / eff;
                    assertThat(e.eligible()[i]).isEqualTo(size[i] > 0);
                    assertThat(e.score()[i]).as("row %d", i).isEqualTo(Double.isNaN(expected) ? Double.NEGATIVE_INFINITY : expected);
                    assertThat(e.rankBranch()[i]).isEqualTo(upnl[i] > 0 ? 0 : 1);
                    assertThat(e.tier()[i]).isEqualTo(eff >= 25 ? 0 : 1);
                    assertThat(e.weights()[0][i]).isEqualTo(size[i]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nanScoresRankLast() {
        Policy p = Ast.policy("p", List.of(), List.of(), null, List.of(), null,
                List.of(new Policy.RankBy(call("log", var("collateral")), null, at(10))), null, null, null);
        Evaluation e = Ast.compile(p).evaluate(new ArrayColumns(3).with(PositionVar.COLLATERAL, -1, 0, Math.E));
        assertThat(e.score()).containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0);
    }

    @Test
    void unusedExposureIsNotReadAndNotReported() {
        Policy p = Ast.policy("p", List.of(), List.of(new Policy.ExposureInput("a", 30, at(5)), new Policy.ExposureInput("b", 90, at(6))),
                null, List.of(new Policy.Let("x", exposure("b", ExposureField.NOTIONAL), at(8), at(8))), null,
                List.of(new Policy.RankBy(var("size"), null, at(10))), null, null, null);
        CompiledPolicy c = Ast.compile(p);
        assertThat(c.exposureSources()).containsExactly(java.util.Map.entry("b", 90L));
        ArrayColumns rows = new ArrayColumns(1).with(PositionVar.SIZE, 1);
        c.evaluate(rows);
        assertThat(rows.reads).containsExactly("size");   // the let is never used, so never computed
        assertThat(c.letNames()).containsExactly("x");
        assertThat(c.letLines()).containsExactly(8);
        assertThat(c.rankLines()).containsExactly(10);
    }

    @Test
    void halfAMillionRowsEvaluateRowByRow() {
        int n = 500_000;
        double[] size = new double[n], notional = new double[n], equity = new double[n], upnl = new double[n],
                pnl = new double[n], extN = new double[n], extC = new double[n];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            size[i] = 1 + r.nextInt(100);
            notional[i] = size[i] * 1000;
            equity[i] = 50 + r.nextInt(5000);
            upnl[i] = r.nextInt(2000) - 1000;
            pnl[i] = upnl[i] / notional[i];
            extN[i] = r.nextInt(3) == 0 ? r.nextInt(10000) : 0;
            extC[i] = extN[i] / 10;
        }
        ArrayColumns rows = new ArrayColumns(n).with(PositionVar.SIZE, size).with(PositionVar.NOTIONAL, notional)
                .with(PositionVar.EQUITY, equity).with(PositionVar.UPNL, upnl).with(PositionVar.PNL_PCT, pnl)
                .exposure("venue-b", ExposureField.NOTIONAL, extN).exposure("venue-b", ExposureField.COLLATERAL, extC);
        CompiledPolicy p = Ast.compile(Ast.reference());
        Evaluation e = p.evaluate(rows);
        // every row, across block boundaries, is the reference formula of that row alone (speed is the benchmarks' job)
        int wrong = -1;
        for (int i = 0; i < n && wrong < 0; i++) {
            double eff = (notional[i] + extN[i]) / (equity[i] + extC[i]);
            if (Double.compare(e.score()[i], upnl[i] > 0 ? pnl[i] * eff : pnl[i] / eff) != 0) wrong = i;
        }
        assertThat(wrong).as("first row whose score is not the formula's").isEqualTo(-1);
    }
}
