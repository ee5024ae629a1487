package dev.adl.prop;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The decisions one generated case is made of. A generator asks for every random value
 * here and never elsewhere, so the recorded values alone rebuild the case: the shrinker
 * edits the record (drops values, lowers them) and replays it. Every draw is a number in
 * {@code [0, bound)} where 0 is the simplest answer; replaying past the end of a record
 * draws 0, so a shorter record means a simpler case.
 */
public final class Choices {
    /** A case that needs more draws than this is abandoned (a generator that never stops). */
    static final int MAX_DRAWS = 100_000;

    private final long[] replay;
    private final SplittableRandom random;
    private long[] made = new long[64];
    private int count;

    private Choices(long[] replay, SplittableRandom random) {
        this.replay = replay;
        this.random = random;
    }

    static Choices fresh(long seed) {
        return new Choices(new long[0], new SplittableRandom(seed));
    }

    static Choices replay(long[] values) {
        return new Choices(values, null);
    }

    /** A value in {@code [0, bound)}; bound at least 1. */
    public int below(int bound) {
        if (bound < 1) throw new IllegalArgumentException("bound " + bound + " is not positive");
        long v;
        if (count < replay.length) {
            v = Math.min(Math.max(replay[count], 0), bound - 1);
        } else if (random != null) {
            v = random.nextInt(bound);
        } else {
            v = 0;
        }
        record(v);
        return (int) v;
    }

    /** True with probability p on a fresh draw; false is the simpler answer. */
    public boolean chance(double p) {
        long v;
        if (count < replay.length) {
            v = replay[count] == 0 ? 0 : 1;
        } else if (random != null) {
            v = random.nextDouble() < p ? 1 : 0;
        } else {
            v = 0;
        }
        record(v);
        return v == 1;
    }

    private void record(long v) {
        if (count == MAX_DRAWS) throw new IllegalStateException("a case drew more than " + MAX_DRAWS + " values");
        if (count == made.length) made = Arrays.copyOf(made, made.length * 2);
        made[count++] = v;
    }

    /** The values drawn so far, in order. */
    long[] made() {
        return Arrays.copyOf(made, count);
    }
}
