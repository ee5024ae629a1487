package dev.adl.runtime;

import dev.adl.compile.Decision;
import dev.adl.compile.Evaluation;

/**
 * Sees what the engine decided for one event, after the plan is complete and before the
 * store changes. Tools that measure which parts of a policy an event exercised (test
 * coverage) use it; it must not change what it is given.
 */
@FunctionalInterface
public interface EventObserver {
    /** Observes nothing: what {@code apply} and {@code dryRun} without an observer use. */
    EventObserver NONE = o -> { };

    void observe(Observation observation);

    /**
     * One event's decision and per-candidate evaluation.
     *
     * @param candidates  positions on the opposite side with size > 0 (rows of {@code evaluation})
     * @param eligible    how many of them the {@code eligible} clause admitted
     * @param capReached  whether the policy has a cap (it was compared with the ADL size)
     * @param capBinding  whether the cap limited the ADL size
     * @param layerLimits version 2: per waterfall layer, which of its options decided what it could pay,
     *                    {@code [floor, max_use, cap 1, ...]}; a null entry while the trigger was active;
     *                    empty for a version 1 policy
     */
    record Observation(Decision decision, Evaluation evaluation, int candidates, int eligible,
                       boolean capReached, boolean capBinding, java.util.List<boolean[]> layerLimits) {
        public Observation(Decision decision, Evaluation evaluation, int candidates, int eligible,
                           boolean capReached, boolean capBinding) {
            this(decision, evaluation, candidates, eligible, capReached, capBinding, java.util.List.of());
        }
    }
}
