package dev.adl.compile;

/**
 * The per-row results of a policy's position programs over one {@link ColumnInput}.
 * Arrays have one entry per row.
 *
 * @param eligible   whether the {@code eligible} condition holds (true everywhere when the policy has none)
 * @param score      the score of the first {@code rank by} branch whose condition holds (NaN is never produced:
 *                   a NaN score is replaced by negative infinity so it ranks last)
 * @param rankBranch index into the policy's rank branches of the branch that scored the row
 * @param tier       index of the first tier whose condition holds, or -1 when none does
 * @param weights    per tier, the pro-rata weight column ({@code by} expression, default size); null for queue tiers
 */
public record Evaluation(boolean[] eligible, double[] score, int[] rankBranch, int[] tier, double[][] weights) {
}
