package dev.adl.grammar;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.diag.Diagnostic;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@link NestingLimit} to expressions with their lets written out. The compiler
 * expands a let where it is used (in parentheses, in the generated rules), so an expression
 * within the limit can still be deeper than it once its names are expanded, and a chain of
 * lets would otherwise add up past the stack. The tree has no parentheses any more: a let
 * counts as one level more than the operators and calls of its definition. The token scan
 * has already bounded every tree, so this walk may recurse.
 */
final class LetNesting {
    /** The height recorded for a let already reported as too deep. */
    private static final int REPORTED = -1;

    private final Map<String, Integer> heights = new HashMap<>();
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<Diagnostic> out;
    private boolean reported;

    private LetNesting(List<Diagnostic> out) {
        this.out = out;
    }

    /** Adds a diagnostic for each expression that, with its lets expanded, nests deeper than the limit. */
    static void check(Policy policy, List<Diagnostic> out) {
        LetNesting check = new LetNesting(out);
        Map<Expr, Policy.Let> lets = new IdentityHashMap<>();
        policy.lets().forEach(l -> lets.put(l.expr(), l));
        for (Expr root : policy.expressions()) {
            int height = check.root(root);
            Policy.Let let = lets.get(root);
            // only the first definition is ever expanded; a let that is too deep, or built on
            // one that is, is reported once and not again at each use
            if (let != null && !check.heights.containsKey(let.name())) {
                check.heights.put(let.name(), check.reported ? REPORTED : height);
                check.lines.put(let.name(), let.namePos().line());
            }
        }
    }

    private int root(Expr e) {
        reported = false;
        return height(e, 0);
    }

    /** The height of {@code e} with lets expanded; {@code level} is the number of nodes above it. */
    private int height(Expr e, int level) {
        if (e instanceof Expr.Var v && heights.containsKey(v.name())) {
            if (heights.get(v.name()) == REPORTED) {
                reported = true;
                return 0;
            }
            int expanded = heights.get(v.name()) + 1;
            if (!reported && level + expanded > NestingLimit.MAX_DEPTH) {
                reported = true;
                out.add(NestingLimit.tooDeep(NestingLimit.MAX_DEPTH, v.pos(), "`" + v.name() + "` stands for its definition on line "
                        + lines.get(v.name()) + ", which is nested " + (expanded - 1) + " deep"));
            }
            return expanded;
        }
        if (e instanceof Expr.Unary u) return 1 + height(u.operand(), level + 1);
        if (e instanceof Expr.Binary b) {
            int left = height(b.left(), level + 1);
            return 1 + Math.max(left, height(b.right(), level + 1));
        }
        if (e instanceof Expr.Call c) {
            int deepest = 0;
            for (Expr arg : c.args()) deepest = Math.max(deepest, height(arg, level + 1));
            return 1 + deepest;
        }
        return 0;
    }
}
