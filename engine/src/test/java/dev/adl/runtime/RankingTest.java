package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RankingTest {
    @Test
    void topKIsThePrefixOfTheFullOrder() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = rnd.nextInt(300);
            double[] score = new double[n];
            for (int i = 0; i < n; i++) score[i] = rnd.nextInt(20); // many ties
            Ranking.IntOrder order = (a, b) -> {
                int c = Double.compare(score[b], score[a]);
                return c != 0 ? c : Integer.compare(a, b);
            };
            int[] all = Ranking.sortedRows(n, order);
            for (int i = 1; i < n; i++) {
                assertThat(order.compare(all[i - 1], all[i])).isNegative();
            }
            int k = rnd.nextInt(n + 2);
            int[] items = new int[n];
            for (int i = 0; i < n; i++) items[i] = i;
            assertThat(Ranking.top(items, k, order)).containsExactly(Arrays.copyOf(all, Math.min(k, n)));

            int[] picked = Arrays.copyOf(all, Math.min(n, 5));
            int[] shuffledPicks = picked.clone();
            long[] before = Ranking.countBefore(items, shuffledPicks, order);
            for (int j = 0; j < picked.length; j++) {
                assertThat(before[j]).isEqualTo(j);
            }
        }
    }

    @Test
    void countBeforeAgreesWithAFullSort() {
        Random rnd = new Random(11);
        int n = 500;
        double[] score = new double[n];
        for (int i = 0; i < n; i++) score[i] = rnd.nextGaussian();
        Ranking.IntOrder order = (a, b) -> {
            int c = Double.compare(score[b], score[a]);
            return c != 0 ? c : Integer.compare(a, b);
        };
        int[] all = Ranking.sortedRows(n, order);
        int[] place = new int[n];
        for (int i = 0; i < n; i++) place[all[i]] = i;
        int[] picked = {all[400], all[3], all[77], all[250]};
        Ranking.sort(picked, order);
        int[] items = new int[n];
        for (int i = 0; i < n; i++) items[i] = i;
        long[] before = Ranking.countBefore(items, picked, order);
        for (int j = 0; j < picked.length; j++) {
            assertThat(before[j]).isEqualTo(place[picked[j]]);
        }
    }

    /**
     * The score order's counting (lookup tables per sign, plain search for outliers) against a
     * brute-force count, over many picks, scores of both signs with long ties, zeros of both
     * signs, infinities and outliers far from the bulk.
     */
    @Test
    void scoreOrderCountBeforeAgreesWithBruteForceOverManyPicks() {
        Random rnd = new Random(23);
        for (int round = 0; round < 30; round++) {
            int n = 2_000 + rnd.nextInt(3_000);
            double[] score = new double[n];
            int[] key = new int[n];
            for (int i = 0; i < n; i++) {
                int kind = rnd.nextInt(10);
                score[i] = switch (kind) {
                    case 0 -> rnd.nextBoolean() ? 0.0 : -0.0;
                    case 1 -> rnd.nextInt(3) - 1;                       // long runs of ties
                    case 2 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    case 3 -> rnd.nextGaussian() * 1e12;                  // outliers
                    case 4 -> rnd.nextGaussian() * 1e-9;
                    default -> rnd.nextGaussian() * 5;
                };
                key[i] = i;
            }
            // the tie-break key is a permutation, as account order is
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = key[i]; key[i] = key[j]; key[j] = t;
            }
            double[] normalized = AdlEngine.normalizedScores(score);
            ScoreOrder order = new ScoreOrder(normalized, key);
            int[] items = new int[n];
            for (int i = 0; i < n; i++) items[i] = i;
            int m = 1 + rnd.nextInt(n / 2);
            int[] shuffled = items.clone();
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = shuffled[i]; shuffled[i] = shuffled[j]; shuffled[j] = t;
            }
            int[] picked = Arrays.copyOf(shuffled, m);
            Ranking.sort(picked, order);
            long[] before = Ranking.countBefore(items, picked, order);
            for (int j = 0; j < m; j += 1 + m / 200) {
                long expected = 0;
                for (int i = 0; i < n; i++) {
                    if (order.compare(i, picked[j]) < 0) expected++;
                }
                assertThat(before[j]).as("round %d pick %d", round, j).isEqualTo(expected);
            }
        }
    }

    @Test
    void scoreOrderSortMatchesTheGenericSort() {
        Random rnd = new Random(31);
        for (int round = 0; round < 40; round++) {
            int n = rnd.nextInt(round % 2 == 0 ? 3_000 : 30_000); // both the merge and the radix sort
            double[] score = new double[n];
            int[] key = new int[n];
            for (int i = 0; i < n; i++) {
                score[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextGaussian();
                key[i] = rnd.nextInt(round % 4 < 2 ? 50 : Integer.MAX_VALUE) - (round % 3 == 0 ? 25 : 0); // repeats, negatives
            }
            ScoreOrder order = new ScoreOrder(AdlEngine.normalizedScores(score), key);
            int[] items = new int[n];
            for (int i = 0; i < n; i++) items[i] = rnd.nextInt(Math.max(1, n));
            int[] viaLambda = items.clone();
            Ranking.sort(viaLambda, (a, b) -> order.compare(a, b));
            int[] viaKeys = items.clone();
            Ranking.sort(viaKeys, order);
            assertThat(viaKeys).containsExactly(viaLambda);
        }
    }
}
