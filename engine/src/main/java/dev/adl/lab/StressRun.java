package dev.adl.lab;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs N paths of a scenario under each policy set on a fixed pool of threads. A path's
 * returns depend on the seed and the path number alone, and every path owns copies of the
 * venue's state, so the results, gathered in path order, do not depend on the threads.
 * Every policy set sees the same returns on the same path.
 */
public final class StressRun {
    /** One policy set's paths and their percentiles. */
    public record PolicyRun(PolicySet policy, List<PathResult> results, Map<String, Map<String, Object>> percentiles) {
    }

    public record Outcome(String scenario, long seed, int paths, List<PolicyRun> runs) {
    }

    /** Told each time a path is done under every policy. */
    public interface Progress {
        void pathDone(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    private StressRun() {
    }

    /**
     * Runs the paths; {@code keepAccounts} false drops each path's per-account haircuts as
     * soon as the path is done (the metrics and the distribution stay).
     */
    public static Outcome run(VenueSnapshot venue, List<PolicySet> sets, StressScenario scenario, int paths, long seed,
                              int threads, boolean keepAccounts, Progress progress) {
        return run(venue, sets, scenario, paths, seed, threads, keepAccounts, progress, () -> false);
    }

    /**
     * As above; {@code stop} is asked before every path and every step, and true ends the run
     * with {@link Stopped} (the paths not begun are not run).
     */
    public static Outcome run(VenueSnapshot venue, List<PolicySet> sets, StressScenario scenario, int paths, long seed,
                              int threads, boolean keepAccounts, Progress progress, BooleanSupplier stop) {
        if (paths < 1) throw new IllegalArgumentException("paths must be at least 1");
        ReturnPaths returns = new ReturnPaths(scenario, venue.markets().stream().map(MarketSpec::market).toList());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, paths)));
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<List<PathResult>>> futures = new ArrayList<>();
            for (int p = 1; p <= paths; p++) {
                int path = p;
                futures.add(pool.submit(() -> {
                    Stopped.check(stop);
                    BigDecimal[][] r = returns.path(seed, path);
                    List<PathResult> out = new ArrayList<>();
                    for (PolicySet set : sets) {
                        PathResult one = new PathRun(venue, set.byMarket(), scenario, PathRun.Listener.NONE, stop).run(path, r);
                        out.add(keepAccounts ? one : one.withoutAccounts());
                    }
                    progress.pathDone(done.incrementAndGet(), paths);
                    return out;
                }));
            }
            List<List<PathResult>> bySet = new ArrayList<>();
            for (int s = 0; s < sets.size(); s++) bySet.add(new ArrayList<>());
            for (Future<List<PathResult>> f : futures) {
                List<PathResult> one = get(f);
                for (int s = 0; s < sets.size(); s++) bySet.get(s).add(one.get(s));
            }
            List<PolicyRun> runs = new ArrayList<>();
            for (int s = 0; s < sets.size(); s++) {
                List<PathResult> rs = bySet.get(s);
                runs.add(new PolicyRun(sets.get(s), rs, Percentiles.of(rs.stream().map(PathResult::metrics).toList())));
            }
            return new Outcome(scenario.name(), seed, paths, runs);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }
}
