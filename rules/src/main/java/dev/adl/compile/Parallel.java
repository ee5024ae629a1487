package dev.adl.compile;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;

/**
 * Passes over the rows of a large market split into ranges and run on a small shared pool,
 * the caller working too. Ranges are claimed from a shared counter, so a core slowed by other
 * work takes fewer of them; each range writes only its own part of the output (or its own
 * partial result, merged by the caller in range order), so the result is the same bits
 * whichever thread ran a range and however many threads there were.
 */
public final class Parallel {
    /** System property: the number of threads for every pass, whatever its size (tests force several). */
    public static final String THREADS_PROPERTY = "adl.threads";
    /**
     * Rows per thread below which a pass stays on the caller: waking a worker and sharing the
     * caches costs tens of microseconds, which a pass over fewer rows does not win back.
     */
    public static final int ROWS_PER_THREAD = 200_000;
    /** Never more threads than cores: the pass is bound by memory and arithmetic, not by waiting. */
    private static final int CAP = Math.max(1, Runtime.getRuntime().availableProcessors());

    private Parallel() {
    }

    /**
     * Work on rows {@code [from, to)} of a pass; {@code range} is the range's index, in row
     * order; {@code worker} the thread's index in this pass (0 the caller, below the thread
     * count), for partial results kept per thread rather than per range.
     */
    @FunctionalInterface
    public interface Ranges {
        void run(int worker, int range, int from, int to);
    }

    /** The threads a pass over {@code rows} rows uses: 1 below the threshold, at most one per core. */
    public static int threads(int rows) {
        return threads(rows, ROWS_PER_THREAD);
    }

    /** As {@link #threads(int)}, for a pass whose items cost more than a row's scan: its own threshold. */
    public static int threads(int items, int itemsPerThread) {
        int forced = forced();
        if (forced > 0) {
            return forced;
        }
        return Math.max(1, Math.min(CAP, items / itemsPerThread));
    }

    private static int forced() {
        String v = System.getProperty(THREADS_PROPERTY);
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("system property " + THREADS_PROPERTY + " `" + v
                    + "` is not a whole number");
        }
    }

    /**
     * The ranges {@link #run} splits {@code rows} into for {@code threads} threads: one when a
     * single thread runs the pass, else eight per thread. The caller waits only for ranges a
     * helper has claimed, so on a core shared with other work (a helper descheduled mid-range)
     * short ranges bound the wait. A forced thread count cuts small inputs too, so tests cross ranges.
     */
    public static int ranges(int rows, int threads) {
        if (threads <= 1 || rows <= 1) {
            return 1;
        }
        return Math.min(rows, 8 * threads);
    }

    /** Start of range {@code r} of {@code count} over {@code rows} rows: even cuts, fixed by the counts alone. */
    public static int cut(int rows, int count, int r) {
        return (int) ((long) rows * r / count);
    }

    /**
     * Runs {@code work} over {@code rows} rows in {@code count} ranges on {@code threads}
     * threads (the caller included) and returns when every range is done; an exception in
     * any range is thrown here, after all have stopped.
     */
    public static void run(int rows, int count, int threads, Ranges work) {
        if (threads <= 1 || count <= 1) {
            for (int r = 0; r < count; r++) {
                work.run(0, r, cut(rows, count, r), cut(rows, count, r + 1));
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        java.util.function.IntConsumer claim = worker -> {
            for (int r = next.getAndIncrement(); r < count; r = next.getAndIncrement()) {
                work.run(worker, r, cut(rows, count, r), cut(rows, count, r + 1));
            }
        };
        int helpers = Math.min(threads, count) - 1;
        Future<?>[] futures = new Future<?>[helpers];
        for (int h = 0; h < helpers; h++) {
            int worker = h + 1;
            futures[h] = Pool.EXECUTOR.submit(() -> claim.accept(worker));
        }
        RuntimeException failure = null;
        try {
            claim.accept(0);
        } catch (RuntimeException e) {
            next.set(count); // the helpers stop at their next claim
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for a range of rows", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Created on first use: a market below the threshold never starts a thread. */
    private static final class Pool {
        static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(Math.max(1, CAP - 1), task -> {
            Thread t = new Thread(task, "adl-rows");
            t.setDaemon(true);
            return t;
        });
    }
}
