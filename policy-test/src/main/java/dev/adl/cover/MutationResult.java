package dev.adl.cover;

import java.nio.file.Path;
import java.util.List;

/**
 * The mutation check of one policy file: how many mutants were made, how many the checker
 * or compiler rejected (not counted as survivors: such a policy could never be activated),
 * how many the suite killed, and the ones it did not.
 */
public record MutationResult(Path policy, int mutants, int invalid, int killed, List<Mutant> survivors,
                             String skipped) {
    public MutationResult {
        survivors = List.copyOf(survivors);
    }

    public static MutationResult skipped(Path policy, String why) {
        return new MutationResult(policy, 0, 0, 0, List.of(), why);
    }
}
