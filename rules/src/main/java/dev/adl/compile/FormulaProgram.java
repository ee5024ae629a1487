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

        void read(BlockColumnInput input, int start, int len, double[] out) {
            if (var != null) {
                input.column(var, start, len, out);
            } else {
                input.exposure(source, field, start, len, out);
            }
        }
    }

    /**
     * A once-per-call scalar instruction; {@code load} kinds read the input, others combine scalar
     * slots. {@code LAYER} reads a version 2 layer value: layer index in {@code a}, window in
     * {@code window} ({@link LayerKey#BALANCE} for the balance).
     */
    record ScalarInstr(Kind kind, Op op, int dst, int a, int b, MarketVar market, long window) {
        enum Kind { MARKET, DRAWDOWN, LAYER, APPLY }
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
    private final ThreadLocal<double[][]> inputScratch = new ThreadLocal<>();

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

    int instructionCount() {
        return columnCode.length;
    }

    /**
     * The program as text, for people reviewing a policy: {@code %n} are column slots (inputs
     * first), {@code $n} scalar slots (constants and market values, computed once per event).
     */
    String listing() {
        StringBuilder sb = new StringBuilder();
        sb.append("// formula program: ").append(inputs.size()).append(" input columns, ").append(registers)
                .append(" registers, ").append(columnCode.length).append(" column instructions per block of ")
                .append(BLOCK).append(" rows\n");
        for (int k = 0; k < inputs.size(); k++) {
            InputColumn in = inputs.get(k);
            sb.append("%").append(k).append(" = ").append(in.var() != null ? in.var().keyword()
                    : "exposure(" + quoted(in.source()) + ")." + in.field().keyword()).append('\n');
        }
        boolean[] computed = new boolean[scalarTemplate.length];
        for (ScalarInstr ins : scalarCode) computed[ins.dst()] = true;
        for (int k = 0; k < scalarTemplate.length; k++) {
            if (!computed[k]) sb.append("$").append(k).append(" = ").append(number(scalarTemplate[k])).append('\n');
        }
        for (ScalarInstr ins : scalarCode) {
            sb.append("$").append(ins.dst()).append(" = ").append(switch (ins.kind()) {
                case MARKET -> ins.market().keyword();
                case DRAWDOWN -> "drawdown(" + ins.window() + "s)";
                case LAYER -> ins.window() == LayerKey.BALANCE ? "balance(layer " + ins.a() + ")"
                        : "drawdown(layer " + ins.a() + ", " + ins.window() + "s)";
                case APPLY -> ins.op().unary() ? ins.op().symbol + " $" + ins.a()
                        : "$" + ins.a() + " " + ins.op().symbol + " $" + ins.b();
            }).append('\n');
        }
        for (ColumnInstr ins : columnCode) {
            sb.append("%").append(ins.dst()).append(" = ").append(switch (ins.shape()) {
                case VV -> "%" + ins.a() + " " + ins.op().symbol + " %" + ins.b();
                case VS -> "%" + ins.a() + " " + ins.op().symbol + " $" + ins.b();
                case SV -> "$" + ins.a() + " " + ins.op().symbol + " %" + ins.b();
                case UNARY -> ins.op().symbol + " %" + ins.a();
                case BROADCAST -> "$" + ins.a();
            }).append('\n');
        }
        sb.append("eligible: ").append(eligible < 0 ? "every row" : "%" + eligible).append('\n');
        for (int b = 0; b < branches.length; b++) {
            sb.append("rank ").append(b).append(": score %").append(branches[b].score())
                    .append(branches[b].condition() < 0 ? "" : " when %" + branches[b].condition()).append('\n');
        }
        for (int t = 0; t < tiers.length; t++) {
            sb.append("tier ").append(t).append(": ")
                    .append(tiers[t].condition() < 0 ? "every row" : "when %" + tiers[t].condition())
                    .append(tiers[t].weight() < 0 ? "" : ", weight %" + tiers[t].weight()).append('\n');
        }
        return sb.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** A source name as a string literal: only `\` and `"` need escaping in the listing. */
    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    Evaluation evaluate(ColumnInput input) {
        int n = input.rows();
        double[] s = runScalars(input);
        Evaluation out = new Evaluation(new boolean[n], new double[n], new int[n], new int[n], weightColumns(n));
        if (!(input instanceof BlockColumnInput blocks)) {
            evaluateColumns(input, s, out);
            return out;
        }
        int threads = Parallel.threads(n);
        int count = Parallel.ranges(n, threads);
        if (count > 1) {
            // Read on the caller first: whatever a view computes on its first read (version 2's
            // account columns) is then computed once and only read by the other threads.
            double[][] buffers = inputBuffers();
            for (int k = 0; k < inputs.size(); k++) {
                inputs.get(k).read(blocks, 0, Math.min(BLOCK, n), buffers[k]);
            }
        }
        // every row's values depend on that row alone: any cut into ranges gives the same bits
        Parallel.run(n, count, threads, (w, r, from, to) -> evaluateBlocks(count == 1 ? blocks : blocks.view(),
                s, from, to, out));
        return out;
    }

    private double[][] weightColumns(int n) {
        double[][] weights = new double[tiers.length][];
        for (int t = 0; t < tiers.length; t++) {
            if (tiers[t].weight() >= 0) weights[t] = new double[n];
        }
        return weights;
    }

    /** Rows {@code [from, to)} read block by block into this thread's buffers. */
    private void evaluateBlocks(BlockColumnInput blocks, double[] s, int from, int to, Evaluation out) {
        double[][] frame = frame();
        double[][] buffers = inputBuffers();
        int base = inputs.size();
        for (int k = 0; k < base; k++) {
            frame[k] = buffers[k];
        }
        for (int start = from; start < to; start += BLOCK) {
            int len = Math.min(BLOCK, to - start);
            for (int k = 0; k < base; k++) {
                inputs.get(k).read(blocks, start, len, frame[k]);
            }
            block(frame, s, base, start, 0, len, out);
        }
    }

    /** Whole input columns, read in place at each block's offset. */
    private void evaluateColumns(ColumnInput input, double[] s, Evaluation out) {
        int n = input.rows();
        double[][] frame = frame();
        int base = inputs.size();
        for (int k = 0; k < base; k++) {
            double[] column = inputs.get(k).read(input);
            if (column.length < n) {
                throw new IllegalArgumentException("input column " + k + " has " + column.length + " rows, expected " + n);
            }
            frame[k] = column;
        }
        try {
            for (int start = 0; start < n; start += BLOCK) {
                block(frame, s, base, start, start, Math.min(BLOCK, n - start), out);
            }
        } finally {
            for (int k = 0; k < base; k++) {
                frame[k] = null;     // do not keep the caller's columns alive between calls
            }
        }
    }

    /** One block: output rows from {@code start}, input slots read from {@code in}; registers stay in cache. */
    private void block(double[][] frame, double[] s, int base, int start, int in, int len, Evaluation out) {
        run(frame, s, base, in, len);
        eligible(frame, base, start, in, len, out.eligible());
        rank(frame, base, start, in, len, out.score(), out.rankBranch());
        tier(frame, base, start, in, len, out.tier());
        double[][] weights = out.weights();
        for (int t = 0; t < tiers.length; t++) {
            int w = tiers[t].weight();
            if (w >= 0) System.arraycopy(frame[w], offset(w, base, in), weights[t], start, len);
        }
    }

    /** Rows processed per pass of the column code: small enough that every register fits in the core's cache. */
    static final int BLOCK = 1024;

    private static int offset(int slot, int base, int start) {
        return slot < base ? start : 0;
    }

    private void run(double[][] frame, double[] s, int base, int start, int len) {
        for (ColumnInstr ins : columnCode) {
            double[] d = frame[ins.dst()];
            switch (ins.shape()) {
                case VV -> ColumnOps.vv(ins.op(), d, frame[ins.a()], offset(ins.a(), base, start),
                        frame[ins.b()], offset(ins.b(), base, start), len);
                case VS -> ColumnOps.vs(ins.op(), d, frame[ins.a()], offset(ins.a(), base, start), s[ins.b()], len);
                case SV -> ColumnOps.sv(ins.op(), d, s[ins.a()], frame[ins.b()], offset(ins.b(), base, start), len);
                case UNARY -> ColumnOps.unary(ins.op(), d, frame[ins.a()], offset(ins.a(), base, start), len);
                case BROADCAST -> ColumnOps.fill(d, s[ins.a()], len);
            }
        }
    }

    private void eligible(double[][] frame, int base, int start, int in, int len, boolean[] out) {
        if (eligible < 0) {
            Arrays.fill(out, start, start + len, true);
            return;
        }
        double[] c = frame[eligible];
        int o = offset(eligible, base, in);
        for (int i = 0; i < len; i++) out[start + i] = c[o + i] != 0.0;
    }

    /**
     * The first branch whose condition holds scores the row: the branch index is chosen
     * last to first with int selects (no data-dependent jumps), then each score is read
     * from its branch's column. No rank clause leaves every score 0 (ties fall to account order).
     */
    private void rank(double[][] frame, int base, int start, int in, int len, double[] score, int[] branch) {
        int end = start + len;
        Arrays.fill(branch, start, end, -1);
        if (branches.length == 0) return;
        for (int b = branches.length - 1; b >= 0; b--) {
            int cond = branches[b].condition();
            if (cond < 0) {
                Arrays.fill(branch, start, end, b);
            } else {
                double[] c = frame[cond];
                int co = offset(cond, base, in);
                for (int i = 0; i < len; i++) {
                    branch[start + i] = c[co + i] != 0.0 ? b : branch[start + i];
                }
            }
        }
        double[][] columns = new double[branches.length + 1][];
        int[] offsets = new int[branches.length + 1];
        columns[0] = NO_SCORE;      // branch -1: no condition held
        for (int b = 0; b < branches.length; b++) {
            columns[b + 1] = frame[branches[b].score()];
            offsets[b + 1] = offset(branches[b].score(), base, in);
        }
        for (int i = 0; i < len; i++) {
            int k = branch[start + i] + 1;
            double v = columns[k][offsets[k] + i];
            score[start + i] = v != v ? Double.NEGATIVE_INFINITY : v;
        }
    }

    private static final double[] NO_SCORE = filled(BLOCK, Double.NEGATIVE_INFINITY);

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private void tier(double[][] frame, int base, int start, int in, int len, int[] tier) {
        int end = start + len;
        Arrays.fill(tier, start, end, -1);
        for (int t = tiers.length - 1; t >= 0; t--) {
            int cond = tiers[t].condition();
            if (cond < 0) {
                Arrays.fill(tier, start, end, t);
            } else {
                double[] c = frame[cond];
                int co = offset(cond, base, in);
                for (int i = 0; i < len; i++) {
                    tier[start + i] = c[co + i] != 0.0 ? t : tier[start + i];
                }
            }
        }
    }

    private double[] runScalars(ColumnInput input) {
        double[] s = scalarTemplate.clone();
        for (ScalarInstr ins : scalarCode) {
            s[ins.dst()] = switch (ins.kind()) {
                case MARKET -> input.market(ins.market());
                case DRAWDOWN -> input.drawdown(ins.window());
                case LAYER -> input.layerValue(new LayerKey(ins.a(), ins.window()));
                case APPLY -> ins.op().apply(s[ins.a()], ins.op().unary() ? 0.0 : s[ins.b()]);
            };
        }
        return s;
    }

    /** The thread's buffers for input slots read block by block from a {@link BlockColumnInput}. */
    private double[][] inputBuffers() {
        double[][] b = inputScratch.get();
        if (b == null) {
            b = new double[inputs.size()][BLOCK];
            inputScratch.set(b);
        }
        return b;
    }

    /** The thread's frame: input slots are filled per call, registers are one block each and reused. */
    private double[][] frame() {
        double[][] f = scratch.get();
        if (f == null) {
            f = new double[registers][];
            for (int r = inputs.size(); r < registers; r++) f[r] = new double[BLOCK];
            scratch.set(f);
        }
        return f;
    }
}
