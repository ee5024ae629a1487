package dev.adl.compile;

/**
 * The column loops of formula programs: one tight loop per operation and operand shape,
 * chosen once per instruction, so no per-row dispatch happens. Each loop writes
 * {@code d[0..n)} from operands read at {@code ao}/{@code bo} (input columns are read in
 * place at the block's offset; registers start at 0). {@code d} may be an operand: every
 * loop is element-wise. Results match {@link Op#apply}.
 *
 * <p>Comparisons select an {@code int} and widen it: HotSpot compiles an int select to a
 * conditional move but a double select to a branch, which mispredicts on real conditions
 * (about half of the positions are in profit) and costs ten times as much.
 */
final class ColumnOps {
    private ColumnOps() {
    }

    /** {@code d = a op b}, column by column. */
    static void vv(Op op, double[] d, double[] a, int ao, double[] b, int bo, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) d[i] = a[ao + i] + b[bo + i];
            }
            case SUB -> {
                for (int i = 0; i < n; i++) d[i] = a[ao + i] - b[bo + i];
            }
            case MUL -> {
                for (int i = 0; i < n; i++) d[i] = a[ao + i] * b[bo + i];
            }
            case DIV -> {
                for (int i = 0; i < n; i++) d[i] = a[ao + i] / b[bo + i];
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] < b[bo + i] ? 1 : 0;
                    d[i] = t;
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] <= b[bo + i] ? 1 : 0;
                    d[i] = t;
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] > b[bo + i] ? 1 : 0;
                    d[i] = t;
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] >= b[bo + i] ? 1 : 0;
                    d[i] = t;
                }
            }
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] == b[bo + i] ? 1 : 0;
                    d[i] = t;
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] != b[bo + i] ? 1 : 0;
                    d[i] = t;
                }
            }
            case AND -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] != 0.0 && b[bo + i] != 0.0 ? 1 : 0;
                    d[i] = t;
                }
            }
            case OR -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] != 0.0 || b[bo + i] != 0.0 ? 1 : 0;
                    d[i] = t;
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) d[i] = Math.min(a[ao + i], b[bo + i]);
            }
            case MAX -> {
                for (int i = 0; i < n; i++) d[i] = Math.max(a[ao + i], b[bo + i]);
            }
            default -> throw new IllegalArgumentException("not a binary operation: " + op);
        }
    }

    /** {@code d = a op s} with a scalar right operand. */
    static void vs(Op op, double[] d, double[] a, int ao, double s, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) d[i] = a[ao + i] + s;
            }
            case SUB -> {
                for (int i = 0; i < n; i++) d[i] = a[ao + i] - s;
            }
            case MUL -> {
                for (int i = 0; i < n; i++) d[i] = a[ao + i] * s;
            }
            case DIV -> {
                for (int i = 0; i < n; i++) d[i] = a[ao + i] / s;
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] < s ? 1 : 0;
                    d[i] = t;
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] <= s ? 1 : 0;
                    d[i] = t;
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] > s ? 1 : 0;
                    d[i] = t;
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] >= s ? 1 : 0;
                    d[i] = t;
                }
            }
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] == s ? 1 : 0;
                    d[i] = t;
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] != s ? 1 : 0;
                    d[i] = t;
                }
            }
            case AND -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] != 0.0 && s != 0.0 ? 1 : 0;
                    d[i] = t;
                }
            }
            case OR -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] != 0.0 || s != 0.0 ? 1 : 0;
                    d[i] = t;
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) d[i] = Math.min(a[ao + i], s);
            }
            case MAX -> {
                for (int i = 0; i < n; i++) d[i] = Math.max(a[ao + i], s);
            }
            default -> throw new IllegalArgumentException("not a binary operation: " + op);
        }
    }

    /** {@code d = s op a} with a scalar left operand. */
    static void sv(Op op, double[] d, double s, double[] a, int ao, int n) {
        Op swapped = op.swapped();
        if (swapped != null) {
            vs(swapped, d, a, ao, s, n);
            return;
        }
        switch (op) {
            case SUB -> {
                for (int i = 0; i < n; i++) d[i] = s - a[ao + i];
            }
            case DIV -> {
                for (int i = 0; i < n; i++) d[i] = s / a[ao + i];
            }
            default -> throw new IllegalArgumentException("not a binary operation: " + op);
        }
    }

    /** {@code d = op a}. */
    static void unary(Op op, double[] d, double[] a, int ao, int n) {
        switch (op) {
            case NEG -> {
                for (int i = 0; i < n; i++) d[i] = -a[ao + i];
            }
            case NOT -> {
                for (int i = 0; i < n; i++) {
                    int t = a[ao + i] == 0.0 ? 1 : 0;
                    d[i] = t;
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) d[i] = Math.abs(a[ao + i]);
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) d[i] = Math.sqrt(a[ao + i]);
            }
            case LOG -> {
                for (int i = 0; i < n; i++) d[i] = Math.log(a[ao + i]);
            }
            default -> throw new IllegalArgumentException("not a unary operation: " + op);
        }
    }

    static void fill(double[] d, double s, int n) {
        java.util.Arrays.fill(d, 0, n, s);
    }
}
