package dev.adl.compile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelTest {
    @AfterEach
    void unforce() {
        System.clearProperty(Parallel.THREADS_PROPERTY);
    }

    @Test
    void everyRowIsInExactlyOneRangeAndRangesFollowRowOrder() {
        for (int rows : new int[]{1, 2, 7, 1000, 12_345}) {
            for (int t = 1; t <= 5; t++) {
                int threads = t;
                int count = Parallel.ranges(rows, threads);
                AtomicIntegerArray seen = new AtomicIntegerArray(rows);
                int[] starts = new int[count];
                Parallel.run(rows, count, threads, (w, r, from, to) -> {
                    assertThat(w).isBetween(0, threads - 1);
                    starts[r] = from;
                    for (int i = from; i < to; i++) seen.incrementAndGet(i);
                });
                for (int i = 0; i < rows; i++) assertThat(seen.get(i)).as(rows + " rows, row " + i).isEqualTo(1);
                for (int r = 1; r < count; r++) assertThat(starts[r]).isGreaterThanOrEqualTo(starts[r - 1]);
            }
        }
    }

    @Test
    void smallPassesStayOnTheCallerAndForcedThreadsApplyToAnySize() {
        assertThat(Parallel.threads(Parallel.ROWS_PER_THREAD - 1)).isEqualTo(1);
        assertThat(Parallel.threads(Integer.MAX_VALUE)).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(Parallel.ranges(10, 1)).isEqualTo(1);
        assertThat(Parallel.ranges(1000, 2)).isEqualTo(16);
        assertThat(Parallel.ranges(10, 2)).isEqualTo(10);
        assertThat(Parallel.ranges(3, 2)).isEqualTo(3);
        System.setProperty(Parallel.THREADS_PROPERTY, "3");
        assertThat(Parallel.threads(10)).isEqualTo(3);
        System.setProperty(Parallel.THREADS_PROPERTY, "three");
        assertThatThrownBy(() -> Parallel.threads(10)).hasMessage("system property adl.threads `three` is not a whole number");
    }

    @Test
    void aFailureInAnyRangeReachesTheCaller() {
        assertThatThrownBy(() -> Parallel.run(100, 8, 3, (w, r, from, to) -> {
            if (r == 5) throw new IllegalArgumentException("range 5 failed");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("range 5 failed");
    }
}
