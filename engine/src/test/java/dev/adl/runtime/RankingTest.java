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
}
