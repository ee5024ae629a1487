package dev.adl.prop;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Makes a failing case smaller by editing the choices it was generated from: it removes
 * runs of choices, sets runs to 0 and lowers single values, and keeps an edit when the
 * replayed case still fails the same way. An edit is kept only when the record gets
 * shorter, or as long and smaller value by value, so shrinking always ends.
 */
final class Shrinker<T> {
    /** The smallest case found, the failure it gives and how many edits were kept. */
    record Shrunk<T>(T value, Throwable failure, long[] choices, int steps) {
    }

    private static final int[] RUNS = {16, 10, 8, 6, 4, 3, 2, 1};

    private final Gen<T> gen;
    private final Consumer<T> property;
    private final int maxRuns;
    private int runs;
    private Shrunk<T> best;

    Shrinker(Gen<T> gen, Consumer<T> property, int maxRuns) {
        this.gen = gen;
        this.property = property;
        this.maxRuns = maxRuns;
    }

    Shrunk<T> shrink(T value, Throwable failure, long[] choices) {
        best = new Shrunk<>(value, failure, choices, 0);
        boolean progress = true;
        while (progress && runs < maxRuns) {
            progress = removeRuns() | zeroRuns() | lowerValues();
        }
        return best;
    }

    private boolean removeRuns() {
        boolean progress = false;
        for (int k : RUNS) {
            for (int i = best.choices().length - k; i >= 0 && runs < maxRuns; i--) {
                long[] c = best.choices();
                if (i + k > c.length) continue;
                long[] shorter = new long[c.length - k];
                System.arraycopy(c, 0, shorter, 0, i);
                System.arraycopy(c, i + k, shorter, i, c.length - i - k);
                progress |= attempt(shorter);
            }
        }
        return progress;
    }

    private boolean zeroRuns() {
        boolean progress = false;
        for (int k : RUNS) {
            for (int i = 0; i + k <= best.choices().length && runs < maxRuns; i++) {
                long[] zeroed = best.choices().clone();
                boolean changed = false;
                for (int j = i; j < i + k; j++) {
                    changed |= zeroed[j] != 0;
                    zeroed[j] = 0;
                }
                if (changed) progress |= attempt(zeroed);
            }
        }
        return progress;
    }

    /** Binary search, per value, for the smallest value that still fails. */
    private boolean lowerValues() {
        boolean progress = false;
        for (int i = 0; i < best.choices().length && runs < maxRuns; i++) {
            long lo = 0;
            long hi = best.choices()[i];
            while (lo < hi && runs < maxRuns && i < best.choices().length) {
                long mid = lo + (hi - lo) / 2;
                long[] lower = best.choices().clone();
                lower[i] = mid;
                if (attempt(lower)) {
                    progress = true;
                    hi = i < best.choices().length ? best.choices()[i] : 0;
                } else {
                    lo = mid + 1;
                }
            }
        }
        return progress;
    }

    private boolean attempt(long[] candidate) {
        runs++;
        Choices replay = Choices.replay(candidate);
        T value;
        try {
            value = gen.next(replay);
        } catch (RuntimeException e) {
            return false; // the edit made a record the generator cannot use
        }
        long[] used = replay.made();
        if (!simpler(used, best.choices())) return false;
        Throwable failure = Property.failureOf(property, value);
        if (failure == null || failure.getClass() != best.failure().getClass()) return false;
        best = new Shrunk<>(value, failure, used, best.steps() + 1);
        return true;
    }

    /** Shorter, or as long and smaller at the first differing value. */
    static boolean simpler(long[] a, long[] b) {
        if (a.length != b.length) return a.length < b.length;
        return Arrays.compare(a, b) < 0;
    }
}
