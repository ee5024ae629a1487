package dev.adl.cover;

import java.nio.file.Path;
import java.util.List;

/**
 * The mutation check of one policy file: how many mutants were made, how many the checker
 * or compiler rejected (not counted as survivors: such a policy could never be activated),
 * how many the suite killed, the ones it did not, and the ones under which the engine
 * crashed (neither killed nor survived: the engine failed where it should have answered).
 */
public record MutationResult(Path policy, int mutants, int invalid, int killed, List<Mutant> survivors,
                             List<Crash> crashes, String skipped) {
    public MutationResult {
        survivors = List.copyOf(survivors);
        crashes = List.copyOf(crashes);
    }

    /** A mutant under which running the suite threw, with the exception's class and first line. */
    public record Crash(Mutant mutant, String error) {
    }

    public static MutationResult skipped(Path policy, String why) {
        return new MutationResult(policy, 0, 0, 0, List.of(), List.of(), why);
    }
}
