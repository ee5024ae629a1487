package dev.adl.compile;

import dev.adl.ast.Policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The policy's {@code let} definitions by name, in declaration order. */
final class Lets {
    private final Map<String, Policy.Let> byName = new LinkedHashMap<>();

    Lets(List<Policy.Let> lets) {
        for (Policy.Let let : lets) {
            byName.putIfAbsent(let.name(), let);
        }
    }

    Policy.Let get(String name) {
        return byName.get(name);
    }
}
