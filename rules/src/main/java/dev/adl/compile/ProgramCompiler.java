package dev.adl.compile;

import dev.adl.ast.Builtins;
import dev.adl.ast.Builtins.MarketVar;
import dev.adl.ast.Builtins.PositionVar;
import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.diag.Diagnostic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a policy's per-position formulas ({@code let}, {@code eligible}, {@code rank by},
 * tier conditions and pro-rata weights) into one {@link FormulaProgram}.
 *
 * <p>Each operand is a compile-time constant, a per-call scalar (market values and what is
 * computed from them alone) or a column. Constants fold; scalar work is hoisted out of
 * the column loops; a {@code let} is compiled once, on first use, and its column is
 * shared by every later use; temporary registers are recycled as soon as they are consumed.
 * Columns and lets the policy never uses are never read or computed.
 */
final class ProgramCompiler {
    private enum Kind { CONST, SCALAR, COLUMN }

    /** A compiled value. {@code slot} indexes the scalars (SCALAR) or the frame (COLUMN). */
    private record Operand(Kind kind, double constant, int slot) {
        static Operand ofConst(double v) {
            return new Operand(Kind.CONST, v, -1);
        }
    }

    private final Lets lets;
    private final List<FormulaProgram.InputColumn> inputs = new ArrayList<>();
    private final Map<FormulaProgram.InputColumn, Integer> inputSlots = new HashMap<>();
    private final List<Double> scalars = new ArrayList<>();
    private final Map<Double, Integer> constSlots = new HashMap<>();
    private final Map<Object, Integer> loadSlots = new HashMap<>();
    private final List<FormulaProgram.ScalarInstr> scalarCode = new ArrayList<>();
    private final List<PendingInstr> columnCode = new ArrayList<>();
    private final Map<String, Operand> letValues = new HashMap<>();
    private final Set<String> compilingLets = new HashSet<>();
    private final Set<Integer> pinned = new HashSet<>();
    private final Deque<Integer> free = new ArrayDeque<>();
    private int registerCount;

    /**
     * Registers are numbered from 0 while compiling; inputs are collected lazily, so the
     * final frame layout (inputs first, then registers) is fixed only at the end.
     */
    private record PendingInstr(FormulaProgram.ColumnInstr.Shape shape, Op op, int dst, Operand a, Operand b) {
    }

    /** Version 2's layer names, by index; empty for version 1. */
    private List<String> layers = List.of();

    ProgramCompiler(Lets lets, List<String> layers) {
        this(lets);
        this.layers = List.copyOf(layers);
    }

    ProgramCompiler(Lets lets) {
        this.lets = lets;
    }

    FormulaProgram compile(Policy policy) {
        Operand eligible = policy.eligible() == null ? null : output(policy.eligible().condition());
        List<Operand[]> branches = new ArrayList<>();
        for (Policy.RankBy r : policy.ranks()) {
            Operand score = output(r.score());
            Operand cond = r.condition() == null ? null : output(r.condition());
            branches.add(new Operand[]{score, cond});
        }
        List<Operand[]> tiers = new ArrayList<>();
        if (policy.reduce() != null) {
            for (Policy.Tier t : policy.reduce().tiers()) {
                Operand cond = t.condition() == null ? null : output(t.condition());
                Operand weight = null;
                if (t.method() instanceof Policy.TierMethod.ProRata p) {
                    weight = p.weight() == null ? input(new FormulaProgram.InputColumn(PositionVar.SIZE, null, null))
                            : output(p.weight());
                } else if (t.method() instanceof Policy.TierMethod.Haircut h && h.weight() != null) {
                    weight = output(h.weight());
                }
                tiers.add(new Operand[]{cond, weight});
            }
        }
        return link(eligible, branches, tiers);
    }

    private FormulaProgram link(Operand eligible, List<Operand[]> branches, List<Operand[]> tiers) {
        int base = inputs.size();
        List<FormulaProgram.ColumnInstr> code = new ArrayList<>();
        for (PendingInstr p : columnCode) {
            code.add(new FormulaProgram.ColumnInstr(p.shape(), p.op(), base + p.dst(), slot(p.a(), base), slot(p.b(), base)));
        }
        List<FormulaProgram.Branch> bs = new ArrayList<>();
        for (Operand[] b : branches) {
            bs.add(new FormulaProgram.Branch(slot(b[0], base), b[1] == null ? -1 : slot(b[1], base)));
        }
        List<FormulaProgram.TierSlots> ts = new ArrayList<>();
        for (Operand[] t : tiers) {
            ts.add(new FormulaProgram.TierSlots(t[0] == null ? -1 : slot(t[0], base), t[1] == null ? -1 : slot(t[1], base)));
        }
        double[] template = new double[scalars.size()];
        for (int i = 0; i < template.length; i++) template[i] = scalars.get(i);
        return new FormulaProgram(inputs, base + registerCount, template, scalarCode, code,
                eligible == null ? -1 : slot(eligible, base), bs, ts);
    }

    /** Frame index of a column operand, or scalar index of a scalar one. Registers were encoded as negative numbers. */
    private static int slot(Operand o, int base) {
        if (o == null) return -1;
        if (o.kind() == Kind.COLUMN) return o.slot() < 0 ? base + (-o.slot() - 1) : o.slot();
        return o.slot();
    }

    /** A result the evaluation reads after every instruction ran: always a column, never recycled. */
    private Operand output(Expr e) {
        Operand o = compile(e);
        if (o.kind() != Kind.COLUMN) {
            int r = allocate();
            columnCode.add(new PendingInstr(FormulaProgram.ColumnInstr.Shape.BROADCAST, null, r, scalarOf(o), null));
            o = register(r);
        }
        if (isRegister(o)) pinned.add(registerOf(o));
        return o;
    }

    private Operand compile(Expr e) {
        if (e instanceof Expr.Num n) return Operand.ofConst(n.value().doubleValue());
        if (e instanceof Expr.Var v) return variable(v);
        if (e instanceof Expr.Exposure x) return input(new FormulaProgram.InputColumn(null, x.source(), x.field()));
        if (e instanceof Expr.Unary u) return apply(u.op() == Expr.UnaryOp.NEG ? Op.NEG : Op.NOT, compile(u.operand()));
        if (e instanceof Expr.Binary b) return apply(binaryOp(b.op()), compile(b.left()), compile(b.right()));
        if (e instanceof Expr.Call c) return call(c);
        throw new IllegalStateException("unknown expression node " + e.getClass().getSimpleName());
    }

    private static Op binaryOp(Expr.BinaryOp op) {
        return switch (op) {
            case ADD -> Op.ADD;
            case SUB -> Op.SUB;
            case MUL -> Op.MUL;
            case DIV -> Op.DIV;
            case LT -> Op.LT;
            case LE -> Op.LE;
            case GT -> Op.GT;
            case GE -> Op.GE;
            case EQ -> Op.EQ;
            case NE -> Op.NE;
            case AND -> Op.AND;
            case OR -> Op.OR;
        };
    }

    private Operand call(Expr.Call c) {
        Builtins.Function f = Builtins.Function.of(c.function())
                .orElseThrow(() -> error("unknown function", c));
        LayerKey layerKey = LayerCalls.key(c, layers);
        if (layerKey != null) {
            return load(layerKey, new FormulaProgram.ScalarInstr(FormulaProgram.ScalarInstr.Kind.LAYER, null, -1,
                    layerKey.layer(), -1, null, layerKey.windowSeconds()));
        }
        if (c.args().size() < f.arity || (f != Builtins.Function.MIN && f != Builtins.Function.MAX && c.args().size() != f.arity)) {
            throw error("`" + f.keyword() + "` takes " + f.arity + " values", c);
        }
        return switch (f) {
            case ABS -> apply(Op.ABS, compile(c.args().get(0)));
            case SQRT -> apply(Op.SQRT, compile(c.args().get(0)));
            case LOG -> apply(Op.LOG, compile(c.args().get(0)));
            case MIN, MAX -> {
                Op op = f == Builtins.Function.MIN ? Op.MIN : Op.MAX;
                Operand acc = compile(c.args().get(0));
                for (int i = 1; i < c.args().size(); i++) acc = apply(op, acc, compile(c.args().get(i)));
                yield acc;
            }
            case CLAMP -> {
                Operand x = compile(c.args().get(0));
                Operand lo = compile(c.args().get(1));
                Operand atLeastLo = apply(Op.MAX, x, lo);
                yield apply(Op.MIN, atLeastLo, compile(c.args().get(2)));
            }
            case BALANCE -> throw error("`balance` takes a layer name", c);
            case DRAWDOWN -> {
                if (!(c.args().get(0) instanceof Expr.Num window)) throw error("`drawdown` takes a duration", c);
                long seconds = window.value().longValueExact();
                yield load(List.of("drawdown", seconds),
                        new FormulaProgram.ScalarInstr(FormulaProgram.ScalarInstr.Kind.DRAWDOWN, null, -1, -1, -1, null, seconds));
            }
        };
    }

    private Operand variable(Expr.Var v) {
        Policy.Let let = lets.get(v.name());
        if (let != null) {
            Operand known = letValues.get(v.name());
            if (known != null) return known;
            if (!compilingLets.add(v.name())) throw error("`" + v.name() + "` is defined in terms of itself", v);
            Operand value = compile(let.expr());
            compilingLets.remove(v.name());
            if (isRegister(value)) pinned.add(registerOf(value));
            letValues.put(v.name(), value);
            return value;
        }
        PositionVar p = PositionVar.of(v.name()).orElse(null);
        if (p != null) return input(new FormulaProgram.InputColumn(p, null, null));
        MarketVar m = MarketVar.of(v.name()).orElse(null);
        if (m != null) {
            return load(List.of("market", m),
                    new FormulaProgram.ScalarInstr(FormulaProgram.ScalarInstr.Kind.MARKET, null, -1, -1, -1, m, 0));
        }
        throw error("unknown name `" + v.name() + "`", v);
    }

    private Operand input(FormulaProgram.InputColumn column) {
        Integer slot = inputSlots.get(column);
        if (slot == null) {
            slot = inputs.size();
            inputs.add(column);
            inputSlots.put(column, slot);
        }
        return new Operand(Kind.COLUMN, 0, slot);
    }

    /** A market value read once per call; repeated reads share a slot. */
    private Operand load(Object key, FormulaProgram.ScalarInstr template) {
        Integer slot = loadSlots.get(key);
        if (slot == null) {
            slot = newScalar(0.0);
            loadSlots.put(key, slot);
            scalarCode.add(new FormulaProgram.ScalarInstr(template.kind(), null, slot, template.a(), -1, template.market(),
                    template.window()));
        }
        return new Operand(Kind.SCALAR, 0, slot);
    }

    private Operand apply(Op op, Operand a) {
        if (a.kind() == Kind.CONST) return Operand.ofConst(op.apply(a.constant(), 0.0));
        if (a.kind() == Kind.SCALAR) {
            int dst = newScalar(0.0);
            scalarCode.add(new FormulaProgram.ScalarInstr(FormulaProgram.ScalarInstr.Kind.APPLY, op, dst, a.slot(), -1, null, 0));
            return new Operand(Kind.SCALAR, 0, dst);
        }
        release(a);
        int r = allocate();
        columnCode.add(new PendingInstr(FormulaProgram.ColumnInstr.Shape.UNARY, op, r, a, null));
        return register(r);
    }

    private Operand apply(Op op, Operand a, Operand b) {
        if (a.kind() == Kind.CONST && b.kind() == Kind.CONST) {
            return Operand.ofConst(op.apply(a.constant(), b.constant()));
        }
        if (a.kind() != Kind.COLUMN && b.kind() != Kind.COLUMN) {
            int dst = newScalar(0.0);
            scalarCode.add(new FormulaProgram.ScalarInstr(FormulaProgram.ScalarInstr.Kind.APPLY, op, dst,
                    scalarOf(a).slot(), scalarOf(b).slot(), null, 0));
            return new Operand(Kind.SCALAR, 0, dst);
        }
        release(a);
        release(b);
        int r = allocate();
        FormulaProgram.ColumnInstr.Shape shape;
        if (a.kind() == Kind.COLUMN && b.kind() == Kind.COLUMN) {
            shape = FormulaProgram.ColumnInstr.Shape.VV;
        } else if (a.kind() == Kind.COLUMN) {
            shape = FormulaProgram.ColumnInstr.Shape.VS;
            b = scalarOf(b);
        } else {
            shape = FormulaProgram.ColumnInstr.Shape.SV;
            a = scalarOf(a);
        }
        columnCode.add(new PendingInstr(shape, op, r, a, b));
        return register(r);
    }

    /** A constant gets a scalar slot (shared per value) so column instructions can read it like a market value. */
    private Operand scalarOf(Operand o) {
        if (o.kind() != Kind.CONST) return o;
        Integer slot = constSlots.get(o.constant());
        if (slot == null) {
            slot = newScalar(o.constant());
            constSlots.put(o.constant(), slot);
        }
        return new Operand(Kind.SCALAR, 0, slot);
    }

    private int newScalar(double initial) {
        scalars.add(initial);
        return scalars.size() - 1;
    }

    private int allocate() {
        Integer r = free.pollFirst();
        return r != null ? r : registerCount++;
    }

    private void release(Operand o) {
        if (isRegister(o)) {
            int r = registerOf(o);
            if (!pinned.contains(r) && !free.contains(r)) free.addFirst(r);
        }
    }

    private static Operand register(int r) {
        return new Operand(Kind.COLUMN, 0, -r - 1);
    }

    private static boolean isRegister(Operand o) {
        return o.kind() == Kind.COLUMN && o.slot() < 0;
    }

    private static int registerOf(Operand o) {
        return -o.slot() - 1;
    }

    private static CompileError error(String message, Expr at) {
        return new CompileError(Diagnostic.error("compile", message, at.pos()));
    }
}
