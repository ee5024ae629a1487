package dev.adl.cover;

import dev.adl.ast.Policy;

/** A policy with one change, and where and what the change is: {@code `25` -> `27.5`}. */
public record Mutant(int line, String operator, String change, Policy policy) {
    public String describe() {
        return "line " + line + ": " + operator + ": " + change;
    }

    /** {@code file:line: operator: change}, as reports list mutants. */
    public String describeIn(Object file) {
        return file + ":" + line + ": " + operator + ": " + change;
    }
}
