package dev.adl.compile;

/**
 * The column loops of formula programs: one tight loop per operation and operand shape,
 * chosen once per instruction, so no per-row dispatch happens. Each loop writes
 * {@code d[0..n)}; {@code d} may be the same array as an operand (every loop is
 * element-wise). Results match {@link Op#apply}.
 */
final class ColumnOps {
    private ColumnOps() {
    }

    /** {@code d = a op b}, column by column. */
    static void vv(Op op, double[] d, double[] a, double[] b, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) d[i] = a[i] + b[i];
            }
            case SUB -> {
                for (int i = 0; i < n; i++) d[i] = a[i] - b[i];
            }
            case MUL -> {
                for (int i = 0; i < n; i++) d[i] = a[i] * b[i];
            }
            case DIV -> {
                for (int i = 0; i < n; i++) d[i] = a[i] / b[i];
            }
            case LT -> {
                for (int i = 0; i < n; i++) d[i] = a[i] < b[i] ? 1.0 : 0.0;
            }
            case LE -> {
                for (int i = 0; i < n; i++) d[i] = a[i] <= b[i] ? 1.0 : 0.0;
            }
            case GT -> {
                for (int i = 0; i < n; i++) d[i] = a[i] > b[i] ? 1.0 : 0.0;
            }
            case GE -> {
                for (int i = 0; i < n; i++) d[i] = a[i] >= b[i] ? 1.0 : 0.0;
            }
            case EQ -> {
                for (int i = 0; i < n; i++) d[i] = a[i] == b[i] ? 1.0 : 0.0;
            }
            case NE -> {
                for (int i = 0; i < n; i++) d[i] = a[i] != b[i] ? 1.0 : 0.0;
            }
            case AND -> {
                for (int i = 0; i < n; i++) d[i] = a[i] != 0.0 && b[i] != 0.0 ? 1.0 : 0.0;
            }
            case OR -> {
                for (int i = 0; i < n; i++) d[i] = a[i] != 0.0 || b[i] != 0.0 ? 1.0 : 0.0;
            }
            case MIN -> {
                for (int i = 0; i < n; i++) d[i] = Math.min(a[i], b[i]);
            }
            case MAX -> {
                for (int i = 0; i < n; i++) d[i] = Math.max(a[i], b[i]);
            }
            default -> throw new IllegalArgumentException("not a binary operation: " + op);
        }
    }

    /** {@code d = a op s} with a scalar right operand. */
    static void vs(Op op, double[] d, double[] a, double s, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) d[i] = a[i] + s;
            }
            case SUB -> {
                for (int i = 0; i < n; i++) d[i] = a[i] - s;
            }
            case MUL -> {
                for (int i = 0; i < n; i++) d[i] = a[i] * s;
            }
            case DIV -> {
                for (int i = 0; i < n; i++) d[i] = a[i] / s;
            }
            case LT -> {
                for (int i = 0; i < n; i++) d[i] = a[i] < s ? 1.0 : 0.0;
            }
            case LE -> {
                for (int i = 0; i < n; i++) d[i] = a[i] <= s ? 1.0 : 0.0;
            }
            case GT -> {
                for (int i = 0; i < n; i++) d[i] = a[i] > s ? 1.0 : 0.0;
            }
            case GE -> {
                for (int i = 0; i < n; i++) d[i] = a[i] >= s ? 1.0 : 0.0;
            }
            case EQ -> {
                for (int i = 0; i < n; i++) d[i] = a[i] == s ? 1.0 : 0.0;
            }
            case NE -> {
                for (int i = 0; i < n; i++) d[i] = a[i] != s ? 1.0 : 0.0;
            }
            case AND -> {
                for (int i = 0; i < n; i++) d[i] = a[i] != 0.0 && s != 0.0 ? 1.0 : 0.0;
            }
            case OR -> {
                for (int i = 0; i < n; i++) d[i] = a[i] != 0.0 || s != 0.0 ? 1.0 : 0.0;
            }
            case MIN -> {
                for (int i = 0; i < n; i++) d[i] = Math.min(a[i], s);
            }
            case MAX -> {
                for (int i = 0; i < n; i++) d[i] = Math.max(a[i], s);
            }
            default -> throw new IllegalArgumentException("not a binary operation: " + op);
        }
    }

    /** {@code d = s op a} with a scalar left operand. */
    static void sv(Op op, double[] d, double s, double[] a, int n) {
        Op swapped = op.swapped();
        if (swapped != null) {
            vs(swapped, d, a, s, n);
            return;
        }
        switch (op) {
            case SUB -> {
                for (int i = 0; i < n; i++) d[i] = s - a[i];
            }
            case DIV -> {
                for (int i = 0; i < n; i++) d[i] = s / a[i];
            }
            default -> throw new IllegalArgumentException("not a binary operation: " + op);
        }
    }

    /** {@code d = op a}. */
    static void unary(Op op, double[] d, double[] a, int n) {
        switch (op) {
            case NEG -> {
                for (int i = 0; i < n; i++) d[i] = -a[i];
            }
            case NOT -> {
                for (int i = 0; i < n; i++) d[i] = a[i] == 0.0 ? 1.0 : 0.0;
            }
            case ABS -> {
                for (int i = 0; i < n; i++) d[i] = Math.abs(a[i]);
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) d[i] = Math.sqrt(a[i]);
            }
            case LOG -> {
                for (int i = 0; i < n; i++) d[i] = Math.log(a[i]);
            }
            default -> throw new IllegalArgumentException("not a unary operation: " + op);
        }
    }

    static void fill(double[] d, double s, int n) {
        java.util.Arrays.fill(d, 0, n, s);
    }
}
