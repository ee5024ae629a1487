package dev.adl.ast;

import dev.adl.diag.SourcePos;

import java.math.BigDecimal;
import java.util.List;

/**
 * Expressions of the policy language. Every node carries the place of its first token
 * so diagnostics and coverage can point at it.
 */
public sealed interface Expr {
    SourcePos pos();

    /** A number literal. {@code value} is already scaled: {@code 30%} is 0.30, {@code 8h} is 28800 (seconds). */
    record Num(BigDecimal value, NumKind kind, String text, SourcePos pos) implements Expr {
    }

    /** A name: a built-in variable or an earlier {@code let}. */
    record Var(String name, SourcePos pos) implements Expr {
    }

    record Unary(UnaryOp op, Expr operand, SourcePos pos) implements Expr {
    }

    record Binary(BinaryOp op, Expr left, Expr right, SourcePos pos) implements Expr {
    }

    /** A function call: abs, min, max, sqrt, log, clamp, drawdown. */
    record Call(String function, List<Expr> args, SourcePos pos) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** The layer name a version 2 call starts with: {@code drawdown("<layer>", 8h)}, {@code balance("<layer>")}. */
    record LayerName(String name, SourcePos pos) implements Expr {
    }

    /** {@code exposure("source").notional} or {@code .collateral}. */
    record Exposure(String source, ExposureField field, SourcePos pos, SourcePos sourcePos) implements Expr {
    }

    enum NumKind { PLAIN, PERCENT, DURATION }

    enum ExposureField {
        NOTIONAL, COLLATERAL;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    enum UnaryOp {
        NEG("-"), NOT("not");
        public final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    enum BinaryOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"),
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="),
        AND("and"), OR("or");
        public final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public boolean isArithmetic() {
            return this == ADD || this == SUB || this == MUL || this == DIV;
        }

        public boolean isComparison() {
            return this == LT || this == LE || this == GT || this == GE || this == EQ || this == NE;
        }

        public boolean isLogical() {
            return this == AND || this == OR;
        }
    }
}
