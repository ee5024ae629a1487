package dev.adl.cover;

import dev.adl.check.Analysis;
import dev.adl.check.Checker;
import dev.adl.compile.CompileResult;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.PolicyCompiler;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import dev.adl.runtime.EventObserver;
import dev.adl.testing.CaseRunner;
import dev.adl.testing.TestCase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a policy's cases against each of its mutants. A mutant is killed when some case
 * fails under it; one no case tells apart from the policy survives, and the suite is
 * weak there. Mutants are independent, so they run on a few threads; each case copies
 * its store, and the result list keeps the mutants' order.
 */
public final class MutationRunner {
    private MutationRunner() {
    }

    private enum Outcome { INVALID, KILLED, SURVIVED }

    /** {@code policy} must pass every case in {@code cases} (the caller checks that first). */
    public static MutationResult run(Path file, CompiledPolicy policy, List<TestCase> cases) {
        List<Mutant> mutants = Mutator.mutants(policy.ast());
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "adl-mutant");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Mutant m : mutants) futures.add(pool.submit(() -> outcome(file, policy.source(), m, cases)));
            int invalid = 0, killed = 0;
            List<Mutant> survivors = new ArrayList<>();
            for (int i = 0; i < mutants.size(); i++) {
                switch (futures.get(i).get()) {
                    case INVALID -> invalid++;
                    case KILLED -> killed++;
                    case SURVIVED -> survivors.add(mutants.get(i));
                }
            }
            return new MutationResult(file, mutants.size(), invalid, killed, survivors, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("mutation run interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("mutant failed to run: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome outcome(Path file, String source, Mutant m, List<TestCase> cases) {
        if (Checker.check(m.policy(), SourcePos.NONE).stream().anyMatch(Diagnostic::isError)) {
            return Outcome.INVALID;
        }
        CompileResult compiled = PolicyCompiler.compile(new Analysis(file.toString(), source, m.policy(), List.of()));
        if (!compiled.ok()) return Outcome.INVALID;
        try {
            for (TestCase c : cases) {
                if (!CaseRunner.run(c, compiled.policy(), null, EventObserver.NONE).passed()) return Outcome.KILLED;
            }
        } catch (RuntimeException e) {
            return Outcome.KILLED; // the engine refusing to run the mutant at all tells it apart
        }
        return Outcome.SURVIVED;
    }
}
