package dev.adl.testing;

import dev.adl.runtime.EventResult;

import java.util.List;

/**
 * The outcome of one case: the differences from what it expected (none when it passed),
 * the engine's result when there was one, and the error message when there was one.
 */
public record CaseResult(TestCase testCase, List<Difference> differences, EventResult result, String error,
                         long nanos) {
    public CaseResult {
        differences = List.copyOf(differences);
    }

    public boolean passed() {
        return differences.isEmpty();
    }
}
