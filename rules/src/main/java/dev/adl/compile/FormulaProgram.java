package dev.adl.compile;

import dev.adl.ast.Builtins.MarketVar;
import dev.adl.ast.Builtins.PositionVar;
import dev.adl.ast.Expr.ExposureField;

import java.util.Arrays;
import java.util.List;

/**
 * A policy's per-position formulas compiled into a register machine that works a
 * column at a time. Slots of the frame are either input columns (bound at the start of
 * a call to the arrays of the {@link ColumnInput}) or scratch registers (reused between
 * calls on a thread). Market values and everything computed only from them are scalars,
 * worked out once per call before the column instructions run.
 *
 * <p>Immutable and thread-safe: per-call state lives in a thread-local scratch frame.
 */
final class FormulaProgram {
    /** Where an input slot of the frame comes from. */
    record InputColumn(PositionVar var, String source, ExposureField field) {
        double[] read(ColumnInput input) {
            return var != null ? input.column(var) : input.exposure(source, field);
        }
    }

    /** A once-per-call scalar instruction; {@code load} kinds read the input, others combine scalar slots. */
    record ScalarInstr(Kind kind, Op op, int dst, int a, int b, MarketVar market, long window) {
        enum Kind { MARKET, DRAWDOWN, APPLY }
    }

    /** A column instruction: {@code frame[dst] = frame/scalar[a] op frame/scalar[b]}. */
    record ColumnInstr(Shape shape, Op op, int dst, int a, int b) {
        enum Shape { VV, VS, SV, UNARY, BROADCAST }
    }

    /** A rank branch: frame slots of its score and condition (-1 = no condition). */
    record Branch(int score, int condition) {
    }

    /** A tier: frame slot of its condition (-1 = every row) and of its pro-rata weight (-1 for a queue tier). */
    record TierSlots(int condition, int weight) {
    }

    private final List<InputColumn> inputs;
    private final int registers;
    private final double[] scalarTemplate;
    private final ScalarInstr[] scalarCode;
    private final ColumnInstr[] columnCode;
    private final int eligible;
    private final Branch[] branches;
    private final TierSlots[] tiers;
    private final ThreadLocal<double[][]> scratch = new ThreadLocal<>();

    FormulaProgram(List<InputColumn> inputs, int registers, double[] scalarTemplate,
                   List<ScalarInstr> scalarCode, List<ColumnInstr> columnCode,
                   int eligible, List<Branch> branches, List<TierSlots> tiers) {
        this.inputs = List.copyOf(inputs);
        this.registers = registers;
        this.scalarTemplate = scalarTemplate.clone();
        this.scalarCode = scalarCode.toArray(new ScalarInstr[0]);
        this.columnCode = columnCode.toArray(new ColumnInstr[0]);
        this.eligible = eligible;
        this.branches = branches.toArray(new Branch[0]);
        this.tiers = tiers.toArray(new TierSlots[0]);
    }

    List<InputColumn> inputs() {
        return inputs;
    }

    int registers() {
        return registers;
    }

    int instructionCount() {
        return columnCode.length;
    }

    Evaluation evaluate(ColumnInput input) {
        int n = input.rows();
        double[][] frame = frame(n);
        for (int k = 0; k < inputs.size(); k++) {
            double[] column = inputs.get(k).read(input);
            if (column.length < n) {
                throw new IllegalArgumentException("input column " + k + " has " + column.length + " rows, expected " + n);
            }
            frame[k] = column;
        }
        double[] s = runScalars(input);
        for (ColumnInstr ins : columnCode) {
            double[] d = frame[ins.dst()];
            switch (ins.shape()) {
                case VV -> ColumnOps.vv(ins.op(), d, frame[ins.a()], frame[ins.b()], n);
                case VS -> ColumnOps.vs(ins.op(), d, frame[ins.a()], s[ins.b()], n);
                case SV -> ColumnOps.sv(ins.op(), d, s[ins.a()], frame[ins.b()], n);
                case UNARY -> ColumnOps.unary(ins.op(), d, frame[ins.a()], n);
                case BROADCAST -> ColumnOps.fill(d, s[ins.a()], n);
            }
        }
        Evaluation result = new Evaluation(eligibleOf(frame, n), new double[n], new int[n], tierOf(frame, n),
                weightsOf(frame, n));
        rank(frame, n, result.score(), result.rankBranch());
        for (int k = 0; k < inputs.size(); k++) {
            frame[k] = null;     // do not keep the caller's columns alive between calls
        }
        return result;
    }

    private double[] runScalars(ColumnInput input) {
        double[] s = scalarTemplate.clone();
        for (ScalarInstr ins : scalarCode) {
            s[ins.dst()] = switch (ins.kind()) {
                case MARKET -> input.market(ins.market());
                case DRAWDOWN -> input.drawdown(ins.window());
                case APPLY -> ins.op().apply(s[ins.a()], ins.op().unary() ? 0.0 : s[ins.b()]);
            };
        }
        return s;
    }

    private boolean[] eligibleOf(double[][] frame, int n) {
        boolean[] e = new boolean[n];
        if (eligible < 0) {
            Arrays.fill(e, true);
        } else {
            double[] c = frame[eligible];
            for (int i = 0; i < n; i++) e[i] = c[i] != 0.0;
        }
        return e;
    }

    /** First branch whose condition holds wins: branches are applied last to first, each overwriting. */
    private void rank(double[][] frame, int n, double[] score, int[] branch) {
        if (branches.length == 0) {
            Arrays.fill(branch, 0, n, -1);
            return;     // no rank clause: every score is 0, ties fall to account order
        }
        Arrays.fill(score, 0, n, Double.NEGATIVE_INFINITY);
        Arrays.fill(branch, 0, n, -1);
        for (int b = branches.length - 1; b >= 0; b--) {
            double[] sc = frame[branches[b].score()];
            if (branches[b].condition() < 0) {
                System.arraycopy(sc, 0, score, 0, n);
                Arrays.fill(branch, 0, n, b);
            } else {
                double[] c = frame[branches[b].condition()];
                for (int i = 0; i < n; i++) {
                    if (c[i] != 0.0) {
                        score[i] = sc[i];
                        branch[i] = b;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(score[i])) score[i] = Double.NEGATIVE_INFINITY;
        }
    }

    private int[] tierOf(double[][] frame, int n) {
        int[] tier = new int[n];
        Arrays.fill(tier, -1);
        for (int t = tiers.length - 1; t >= 0; t--) {
            if (tiers[t].condition() < 0) {
                Arrays.fill(tier, t);
            } else {
                double[] c = frame[tiers[t].condition()];
                for (int i = 0; i < n; i++) {
                    if (c[i] != 0.0) tier[i] = t;
                }
            }
        }
        return tier;
    }

    private double[][] weightsOf(double[][] frame, int n) {
        double[][] w = new double[tiers.length][];
        for (int t = 0; t < tiers.length; t++) {
            if (tiers[t].weight() >= 0) w[t] = Arrays.copyOf(frame[tiers[t].weight()], n);
        }
        return w;
    }

    /** The thread's frame, with registers of at least {@code n} rows; input slots are filled by the caller. */
    private double[][] frame(int n) {
        double[][] f = scratch.get();
        if (f == null || (registers > inputs.size() && f[inputs.size()].length < n)) {
            f = new double[registers][];
            int capacity = Math.max(n, 16);
            for (int r = inputs.size(); r < registers; r++) f[r] = new double[capacity];
            scratch.set(f);
        }
        return f;
    }
}
