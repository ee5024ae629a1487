package dev.adl.check;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy's lets by name (the first definition wins; later ones are reported as
 * duplicates), which lets each one refers to, and the type each one turned out to have.
 */
final class LetTable {
    private final List<Policy.Let> lets;
    private final Map<String, Integer> firstIndex = new LinkedHashMap<>();
    private final List<Set<String>> references = new ArrayList<>();
    private final Type[] types;

    LetTable(List<Policy.Let> lets) {
        this.lets = lets;
        this.types = new Type[lets.size()];
        for (int i = 0; i < lets.size(); i++) {
            firstIndex.putIfAbsent(lets.get(i).name(), i);
            Set<String> refs = new LinkedHashSet<>();
            collectNames(lets.get(i).expr(), refs);
            references.add(refs);
            types[i] = Type.ERROR;
        }
    }

    /** Index of the definition of {@code name}, or -1 when no let has that name. */
    int indexOf(String name) {
        return firstIndex.getOrDefault(name, -1);
    }

    Policy.Let get(int index) {
        return lets.get(index);
    }

    Set<String> names() {
        return firstIndex.keySet();
    }

    Type type(int index) {
        return types[index];
    }

    void setType(int index, Type type) {
        types[index] = type;
    }

    /**
     * The chain of lets by which let {@code from} depends on let {@code target}, both
     * ends included, or an empty list when it does not.
     */
    List<String> dependencyPath(int from, int target) {
        // depth-first, with an explicit stack: a file can chain any number of lets
        List<String> path = new ArrayList<>();
        Deque<Iterator<String>> pending = new ArrayDeque<>();
        boolean[] visited = new boolean[lets.size()];
        int at = from;
        while (true) {
            path.add(lets.get(at).name());
            if (at == target && path.size() > 1) return path;
            pending.push(visited[at] ? Collections.emptyIterator() : references.get(at).iterator());
            visited[at] = true;
            at = -1;
            while (at < 0 && !pending.isEmpty()) {
                Iterator<String> refs = pending.peek();
                while (at < 0 && refs.hasNext()) at = indexOf(refs.next());
                if (at < 0) {
                    pending.pop();
                    path.remove(path.size() - 1);
                }
            }
            if (at < 0) return List.of();
        }
    }

    private static void collectNames(Expr e, Set<String> out) {
        if (e instanceof Expr.Var v) {
            out.add(v.name());
        } else if (e instanceof Expr.Unary u) {
            collectNames(u.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            collectNames(b.left(), out);
            collectNames(b.right(), out);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> collectNames(a, out));
        }
    }
}
