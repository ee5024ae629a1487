package dev.adl.compile;

/**
 * The operations of formula programs. Conditions are numbers: 1 for true, 0 for false;
 * a value counts as true when it is not 0. {@link #apply} is the one definition of each
 * operation; the column loops in {@link ColumnOps} and constant folding both follow it.
 */
enum Op {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="),
    AND("and"), OR("or"), MIN("min"), MAX("max"),
    NEG("neg"), NOT("not"), ABS("abs"), SQRT("sqrt"), LOG("log");

    /** How the operation reads in program listings (`neg` keeps unary minus apart from `-`). */
    final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    boolean unary() {
        return ordinal() >= NEG.ordinal();
    }

    /** For {@code s op v} with a scalar left operand: the operation that gives the same with the operands swapped. */
    Op swapped() {
        return switch (this) {
            case ADD, MUL, EQ, NE, AND, OR, MIN, MAX -> this;
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
            default -> null;
        };
    }

    double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case LT -> a < b ? 1.0 : 0.0;
            case LE -> a <= b ? 1.0 : 0.0;
            case GT -> a > b ? 1.0 : 0.0;
            case GE -> a >= b ? 1.0 : 0.0;
            case EQ -> a == b ? 1.0 : 0.0;
            case NE -> a != b ? 1.0 : 0.0;
            case AND -> a != 0.0 && b != 0.0 ? 1.0 : 0.0;
            case OR -> a != 0.0 || b != 0.0 ? 1.0 : 0.0;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case NEG -> -a;
            case NOT -> a == 0.0 ? 1.0 : 0.0;
            case ABS -> Math.abs(a);
            case SQRT -> Math.sqrt(a);
            case LOG -> Math.log(a);
        };
    }
}
