package dev.adl.check;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser and AST builder through the public entry points: precedence, literals, strings, positions. */
class FrontendTest {
    private static final String HEADER = "policy \"p\" version 1\n";
    private static final String REDUCE = "\nreduce { tier \"all\" : queue }\n";

    private static Expr letExpr(String expr) {
        Analysis a = Frontend.analyze("t.adl", HEADER + "let x = " + expr + REDUCE);
        assertThat(a.diagnostics()).isEmpty();
        return a.policy().lets().get(0).expr();
    }

    private static Expr eligible(String condition) {
        Analysis a = Frontend.analyze("t.adl", HEADER + "eligible when " + condition + REDUCE);
        assertThat(a.diagnostics()).isEmpty();
        return a.policy().eligible().condition();
    }

    @Test
    void logicalPrecedenceIsOrThenAndThenNotThenComparison() {
        Expr e = eligible("not size < 1 and upnl > 0 or side == 1");
        Expr.Binary or = (Expr.Binary) e;
        assertThat(or.op()).isEqualTo(Expr.BinaryOp.OR);
        Expr.Binary and = (Expr.Binary) or.left();
        assertThat(and.op()).isEqualTo(Expr.BinaryOp.AND);
        Expr.Unary not = (Expr.Unary) and.left();
        assertThat(not.op()).isEqualTo(Expr.UnaryOp.NOT);
        assertThat(((Expr.Binary) not.operand()).op()).isEqualTo(Expr.BinaryOp.LT);
        assertThat(((Expr.Binary) or.right()).op()).isEqualTo(Expr.BinaryOp.EQ);
    }

    @Test
    void arithmeticPrecedenceAndLeftAssociativity() {
        Expr.Binary add = (Expr.Binary) letExpr("-size * 2 + upnl - 1");
        assertThat(add.op()).isEqualTo(Expr.BinaryOp.SUB);
        Expr.Binary plus = (Expr.Binary) add.left();
        assertThat(plus.op()).isEqualTo(Expr.BinaryOp.ADD);
        Expr.Binary mul = (Expr.Binary) plus.left();
        assertThat(mul.op()).isEqualTo(Expr.BinaryOp.MUL);
        assertThat(((Expr.Unary) mul.left()).op()).isEqualTo(Expr.UnaryOp.NEG);

        Expr.Binary grouped = (Expr.Binary) letExpr("size * (upnl + 1)");
        assertThat(grouped.op()).isEqualTo(Expr.BinaryOp.MUL);
        assertThat(((Expr.Binary) grouped.right()).op()).isEqualTo(Expr.BinaryOp.ADD);
    }

    @Test
    void literalsAreScaled() {
        Expr.Num n = (Expr.Num) letExpr("250_000");
        assertThat(n.value()).isEqualByComparingTo("250000");
        assertThat(n.kind()).isEqualTo(Expr.NumKind.PLAIN);
        assertThat(n.text()).isEqualTo("250_000");
        assertThat(((Expr.Num) letExpr("0.5")).value()).isEqualByComparingTo("0.5");
        Expr.Num pct = (Expr.Num) letExpr("30%");
        assertThat(pct.value()).isEqualByComparingTo("0.30");
        assertThat(pct.kind()).isEqualTo(Expr.NumKind.PERCENT);
        assertThat(((Expr.Num) letExpr("12.5%")).value()).isEqualByComparingTo("0.125");

        assertThat(drawdownWindow("30s")).isEqualByComparingTo("30");
        assertThat(drawdownWindow("5m")).isEqualByComparingTo("300");
        assertThat(drawdownWindow("8h")).isEqualByComparingTo("28800");
        assertThat(drawdownWindow("1d")).isEqualByComparingTo("86400");
    }

    private static java.math.BigDecimal drawdownWindow(String duration) {
        Expr.Num window = (Expr.Num) ((Expr.Call) letExpr("drawdown(" + duration + ")")).args().get(0);
        assertThat(window.kind()).isEqualTo(Expr.NumKind.DURATION);
        return window.value();
    }

    @Test
    void stringsResolveOnlyQuoteAndBackslashEscapes() {
        Analysis a = Frontend.analyze("t.adl", "policy \"a \\\"b\\\" \\\\ c\" version 1" + REDUCE);
        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.policy().name()).isEqualTo("a \"b\" \\ c");
    }

    @Test
    void commentsOfBothKindsAreIgnored() {
        Analysis a = Frontend.analyze("t.adl", "# hash\npolicy \"p\" version 1 // slashes\n// whole line\n"
                + "let x = size / 2 # not a comment start inside: a / b\n" + REDUCE);
        assertThat(a.diagnostics()).isEmpty();
        assertThat(((Expr.Binary) a.policy().lets().get(0).expr()).op()).isEqualTo(Expr.BinaryOp.DIV);
    }

    @Test
    void openInterestIsAnOrdinaryNameInExpressions() {
        Expr.Binary gt = (Expr.Binary) eligible("open_interest > 0");
        assertThat(gt.left()).isEqualTo(new Expr.Var("open_interest", new SourcePos(2, 15, 13)));
    }

    @Test
    void keywordsAreReserved() {
        Analysis a = Frontend.analyze("t.adl", HEADER + "let floor = 1" + REDUCE);
        assertThat(a.policy()).isNull();
        assertThat(a.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("reserved-word");
            assertThat(d.message()).isEqualTo("`floor` is a reserved word and cannot be used as a name");
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.col()).isEqualTo(5);
        });
    }

    @Test
    void nodeSpansStopAtTheEndOfTheirFirstLine() {
        Analysis a = Frontend.analyze("t.adl", HEADER + "let x = size +\n    upnl   # trailing\n" + REDUCE);
        Policy.Let let = a.policy().lets().get(0);
        assertThat(let.pos()).isEqualTo(new SourcePos(2, 1, "let x = size +".length()));
        assertThat(let.expr().pos()).isEqualTo(new SourcePos(2, 9, "size +".length()));
        assertThat(((Expr.Binary) let.expr()).right().pos()).isEqualTo(new SourcePos(3, 5, 4));
        assertThat(a.policy().reduce().pos()).isEqualTo(new SourcePos(5, 1, "reduce { tier \"all\" : queue }".length()));
    }

    @Test
    void parseSkipsSemanticChecks() {
        String text = HEADER + "let x = equty" + REDUCE;
        assertThat(Frontend.parse("t.adl", text).diagnostics()).isEmpty();
        assertThat(Frontend.analyze("t.adl", text).diagnostics()).extracting(Diagnostic::code).containsExactly("unknown-name");
    }

    @Test
    void syntaxErrorsLeaveNoPolicyAndSemanticChecksDoNotRun() {
        Analysis a = Frontend.analyze("t.adl", HEADER + "let x = equty +\n" + REDUCE);
        assertThat(a.policy()).isNull();
        assertThat(a.hasErrors()).isTrue();
        assertThat(a.diagnostics()).extracting(Diagnostic::code).containsExactly("syntax-error");
        assertThat(a.diagnostics().get(0).message()).isEqualTo("unexpected `reduce`; expected an expression");
    }

    @Test
    void diagnosticsAreSortedByLineThenColumn() {
        Analysis a = Frontend.analyze("t.adl", HEADER + "let b = zz + yy\nlet a = 1\nlet a = 2" + REDUCE + "notify when quintile >= 0\n");
        assertThat(a.diagnostics()).extracting(d -> d.line() + ":" + d.col())
                .containsExactly("2:9", "2:14", "4:5", "6:25");
    }

    @Test
    void aWarningAloneIsNotAnError() {
        Analysis a = Frontend.analyze("t.adl", HEADER + "reduce {\n  tier \"a\" : queue\n  tier \"b\" : queue\n}\n");
        assertThat(a.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Diagnostic.Severity.WARNING);
            assertThat(d.code()).isEqualTo("unreachable-tier");
        });
        assertThat(a.hasErrors()).isFalse();
        assertThat(a.policy()).isNotNull();
    }

    @Test
    void letsMayBeConditions() {
        Analysis a = Frontend.analyze("t.adl", HEADER + "let winning = upnl > 0\neligible when winning and not winning"
                + "\nrank by pnl_pct" + REDUCE);
        assertThat(a.diagnostics()).isEmpty();
        Analysis misuse = Frontend.analyze("t.adl", HEADER + "let winning = upnl > 0\nrank by winning" + REDUCE);
        assertThat(misuse.diagnostics()).extracting(Diagnostic::message).containsExactly("expected a number, found a condition");
    }
}
