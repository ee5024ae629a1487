package dev.adl.compile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every column loop agrees with the scalar definition used for constant folding, for every operand shape. */
class ColumnOpsTest {
    static final double[] VALUES = {0, -0.0, 1, -1, 2.5, -3, 1e300, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0.1};

    @Test
    void binaryLoopsMatchTheScalarDefinition() {
        int n = VALUES.length;
        for (Op op : Op.values()) {
            if (op.unary()) continue;
            for (double s : VALUES) {
                double[] b = new double[n];
                java.util.Arrays.fill(b, s);
                double[] vv = new double[n], vs = new double[n], sv = new double[n];
                ColumnOps.vv(op, vv, VALUES, 0, b, 0, n);
                ColumnOps.vs(op, vs, VALUES, 0, s, n);
                ColumnOps.sv(op, sv, s, VALUES, 0, n);
                for (int i = 0; i < n; i++) {
                    String at = op + " " + VALUES[i] + ", " + s;
                    assertThat(Double.valueOf(vv[i])).as(at).isEqualTo(Double.valueOf(op.apply(VALUES[i], s)));
                    assertThat(Double.valueOf(vs[i])).as(at).isEqualTo(Double.valueOf(op.apply(VALUES[i], s)));
                    assertThat(Double.valueOf(sv[i])).as("swapped " + at).isEqualTo(Double.valueOf(op.apply(s, VALUES[i])));
                }
            }
        }
    }

    @Test
    void operandsAreReadAtTheirOffset() {
        double[] a = {9, 9, 9, 1, 2, 3};
        double[] b = {9, 10, 20, 30};
        double[] d = new double[3];
        ColumnOps.vv(Op.SUB, d, a, 3, b, 1, 3);
        assertThat(d).containsExactly(1 - 10, 2 - 20, 3 - 30);
        ColumnOps.sv(Op.DIV, d, 60, a, 3, 3);
        assertThat(d).containsExactly(60, 30, 20);
        ColumnOps.sv(Op.LT, d, 1.5, a, 3, 3);   // 1.5 < a  is  a > 1.5
        assertThat(d).containsExactly(0, 1, 1);
    }

    @Test
    void unaryLoopsMatchTheScalarDefinitionAndMayWriteInPlace() {
        for (Op op : Op.values()) {
            if (!op.unary()) continue;
            double[] d = VALUES.clone();
            ColumnOps.unary(op, d, d, 0, d.length);
            for (int i = 0; i < d.length; i++) {
                assertThat(Double.valueOf(d[i])).as(op + " " + VALUES[i]).isEqualTo(Double.valueOf(op.apply(VALUES[i], 0)));
            }
        }
    }
}
