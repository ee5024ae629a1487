package dev.adl.cover;

import java.util.List;

/**
 * One clause of a policy that tests can exercise, at its DSL line. A condition has two
 * branches, seen true and seen false; other clauses have one (or, for a conditional tier,
 * a third: it filled something).
 */
public record Probe(int line, String clause, List<String> branches) {
    public Probe {
        branches = List.copyOf(branches);
    }
}
