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
                ColumnOps.vv(op, vv, VALUES, b, n);
                ColumnOps.vs(op, vs, VALUES, s, n);
                ColumnOps.sv(op, sv, s, VALUES, n);
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
    void unaryLoopsMatchTheScalarDefinitionAndMayWriteInPlace() {
        for (Op op : Op.values()) {
            if (!op.unary()) continue;
            double[] d = VALUES.clone();
            ColumnOps.unary(op, d, d, d.length);
            for (int i = 0; i < d.length; i++) {
                assertThat(Double.valueOf(d[i])).as(op + " " + VALUES[i]).isEqualTo(Double.valueOf(op.apply(VALUES[i], 0)));
            }
        }
    }
}
