package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TierAllocatorTest {
    private static final long LOT = 100_000_000L; // 1

    /** Candidates ranked by index: 0 first. */
    private static TierAllocator allocator(long... sizesInLots) {
        long[] sizes = new long[sizesInLots.length];
        for (int i = 0; i < sizes.length; i++) sizes[i] = sizesInLots[i] * LOT;
        return new TierAllocator(sizes, LOT, Integer::compare);
    }

    private static long[] lotsTaken(List<TierAllocator.Take> takes, int n) {
        long[] out = new long[n];
        for (TierAllocator.Take t : takes) out[t.candidate()] += t.size() / LOT;
        return out;
    }

    @Test
    void equalRemaindersGoByRankOrder() {
        // need 2 over three equal weights: 2/3 each, floors 0, the two leftover lots go to ranks 1 and 2
        List<TierAllocator.Take> takes = new ArrayList<>();
        long left = allocator(5, 5, 5).proRata(new int[]{2, 0, 1}, 2 * LOT, BigDecimal.ONE,
                new double[]{1, 1, 1}, takes, 0);
        assertThat(left).isZero();
        assertThat(lotsTaken(takes, 3)).containsExactly(1, 1, 0);
        assertThat(takes).extracting(TierAllocator.Take::candidate).containsExactly(0, 1);
    }

    @Test
    void offersThatCannotCoverTheNeedAreTakenWhole() {
        // 50% offers: floor(2.5)=2, 1, 0 -> 3 lots of a need of 10; 7 pass on
        List<TierAllocator.Take> takes = new ArrayList<>();
        long left = allocator(5, 3, 1).proRata(new int[]{0, 1, 2}, 10 * LOT, new BigDecimal("0.5"), null, takes, 0);
        assertThat(lotsTaken(takes, 3)).containsExactly(2, 1, 0);
        assertThat(left).isEqualTo(7 * LOT);
    }

    @Test
    void aRemainderUnderOneLotPassesOn() {
        List<TierAllocator.Take> takes = new ArrayList<>();
        long left = allocator(10, 10).proRata(new int[]{0, 1}, 3 * LOT + LOT / 2, BigDecimal.ONE,
                new double[]{1, 3}, takes, 0);
        // 3 whole lots split 1:3 -> 0.75, 2.25: floors 0 and 2, the leftover lot to the larger remainder (0.75)
        assertThat(lotsTaken(takes, 2)).containsExactly(1, 2);
        assertThat(left).isEqualTo(LOT / 2);
    }

    @Test
    void queueTakesBeyondTheFirstBatch() {
        int n = 200;
        long[] sizes = new long[n];
        int[] members = new int[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = LOT;
            members[i] = n - 1 - i;
        }
        TierAllocator a = new TierAllocator(sizes, LOT, Integer::compare);
        List<TierAllocator.Take> takes = new ArrayList<>();
        long left = a.queue(members, 70 * LOT + 5, takes, 0);
        assertThat(takes).hasSize(71);
        for (int i = 0; i < 70; i++) {
            assertThat(takes.get(i).candidate()).isEqualTo(i);
            assertThat(takes.get(i).size()).isEqualTo(LOT);
        }
        assertThat(takes.get(70).size()).isEqualTo(5);
        assertThat(left).isZero();
    }

    @Test
    void kthLargestIsTheSortedValue() {
        java.util.Random rnd = new java.util.Random(17);
        for (int round = 0; round < 300; round++) {
            int n = 1 + rnd.nextInt(400);
            long[] a = new long[n];
            int spread = 1 + rnd.nextInt(round % 3 == 0 ? 3 : 1_000_000); // many equal values in some rounds
            for (int i = 0; i < n; i++) a[i] = rnd.nextInt(spread);
            long[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            int k = 1 + rnd.nextInt(n);
            assertThat(TierAllocator.kthLargest(a.clone(), k)).isEqualTo(sorted[n - k]);
        }
    }
    @Test
    void offersOfFiveDigitFractionsOnSizesToTenMillion() {
        // 0.12345 * size passes 64 bits at scale 8 once size > 7.4e5; lot 0.001
        long lot = 100_000L;
        java.util.SplittableRandom random = new java.util.SplittableRandom(23);
        for (String f : new String[]{"0.12345", "0.99999", "0.5", "0.0000001", "1"}) {
            BigDecimal fraction = new BigDecimal(f);
            int n = 2_000;
            long[] sizes = new long[n];
            int[] members = new int[n];
            long need = 0;
            for (int i = 0; i < n; i++) {
                sizes[i] = FillPricerTest.logUniform(random, lot, 10_000_000L * 100_000_000L);
                members[i] = i;
                need = Math.addExact(need, sizes[i]);
            }
            List<TierAllocator.Take> takes = new ArrayList<>();
            // the need is every size: the offers cannot cover it, so each member gives its whole offer
            long left = new TierAllocator(sizes, lot, Integer::compare).proRata(members, need, fraction, null, takes, 0);
            long[] taken = new long[n];
            for (TierAllocator.Take t : takes) taken[t.candidate()] += t.size();
            long given = 0;
            for (int i = 0; i < n; i++) {
                long offerLots = fraction.multiply(BigDecimal.valueOf(sizes[i]))
                        .divide(BigDecimal.valueOf(lot), 0, java.math.RoundingMode.FLOOR).longValueExact();
                assertThat(taken[i]).as("%s of %d", f, sizes[i]).isEqualTo(Math.min(offerLots, sizes[i] / lot) * lot);
                given += taken[i];
            }
            assertThat(left).isEqualTo(need - given);
        }
    }

    @Test
    void sharesOfWideWeightsAreExactLargestRemainders() {
        // by-weights are scaled to 62 bits, so need * w passes 64 bits: shares checked in BigInteger
        java.util.SplittableRandom random = new java.util.SplittableRandom(29);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            long needLots = FillPricerTest.logUniform(random, 1, 10_000_000_000L);
            long[] sizes = new long[n];
            int[] members = new int[n];
            double[] weights = new double[n];
            for (int i = 0; i < n; i++) {
                sizes[i] = needLots * 1_000; // lot 1000 units: every member could take the whole need
                members[i] = i;
                weights[i] = random.nextInt(5) == 0 ? 7 : Math.exp(random.nextDouble() * 40);
            }
            List<TierAllocator.Take> takes = new ArrayList<>();
            long left = new TierAllocator(sizes, 1_000, Integer::compare)
                    .proRata(members, needLots * 1_000, BigDecimal.ONE, weights, takes, 0);
            long[] taken = new long[n];
            for (TierAllocator.Take t : takes) taken[t.candidate()] += t.size() / 1_000;
            assertThat(taken).as("round %d", round).containsExactly(largestRemainder(needLots,
                    TierAllocator.integerWeights(members, weights, sizes)));
            assertThat(left).isZero();
        }
    }

    /** needLots split by weight: floors, then one more lot to each of the largest remainders, ties to the first. */
    private static long[] largestRemainder(long needLots, long[] w) {
        java.math.BigInteger total = java.math.BigInteger.ZERO;
        for (long x : w) total = total.add(java.math.BigInteger.valueOf(x));
        int n = w.length;
        long[] lots = new long[n];
        java.math.BigInteger[] rem = new java.math.BigInteger[n];
        long given = 0;
        for (int j = 0; j < n; j++) {
            java.math.BigInteger[] qr = java.math.BigInteger.valueOf(needLots).multiply(java.math.BigInteger.valueOf(w[j]))
                    .divideAndRemainder(total);
            lots[j] = qr[0].longValueExact();
            rem[j] = qr[1];
            given += lots[j];
        }
        Integer[] byRemainder = new Integer[n];
        for (int j = 0; j < n; j++) byRemainder[j] = j;
        java.util.Arrays.sort(byRemainder, (a, b) -> rem[b].compareTo(rem[a]) != 0 ? rem[b].compareTo(rem[a]) : a - b);
        for (int k = 0; k < needLots - given; k++) {
            if (rem[byRemainder[k]].signum() > 0) lots[byRemainder[k]]++;
        }
        return lots;
    }
}
