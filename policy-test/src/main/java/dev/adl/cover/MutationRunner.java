package dev.adl.cover;

import dev.adl.check.Analysis;
import dev.adl.check.Checker;
import dev.adl.compile.CompileResult;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.PolicyCompiler;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a policy's suite against each of its mutants. A mutant is killed when the suite
 * fails under it; one the suite does not tell apart from the policy survives, and the
 * suite is weak there. A mutant under which the suite throws crashed: the suite reports
 * what it expects (refused events included) as failures, so an exception escaping it is
 * the engine breaking, not the suite noticing. Mutants are independent, so they run on a
 * few threads; the result lists keep the mutants' order.
 *
 * <p>The suite is a predicate over compiled policies, so this package knows nothing of how
 * suites are read or cases compared.
 */
public final class MutationRunner {
    private MutationRunner() {
    }

    /** What became of one mutant; {@code error} says why it crashed. */
    private record Outcome(Kind kind, String error) {
        enum Kind { INVALID, KILLED, SURVIVED, CRASHED }
    }

    /**
     * Mutates {@code policy} and runs {@code suitePasses} on each mutant that checks and compiles.
     * {@code policy} itself must pass the suite (the caller checks that first).
     */
    public static MutationResult run(Path file, CompiledPolicy policy, Predicate<CompiledPolicy> suitePasses) {
        return run(file, policy, Mutator.mutants(policy.ast()), m -> compile(file, policy.source(), m), suitePasses);
    }

    /** As {@link #run(Path, CompiledPolicy, Predicate)} over given mutants; {@code compile} gives null for invalid ones. */
    static MutationResult run(Path file, CompiledPolicy policy, List<Mutant> mutants,
                              Function<Mutant, CompiledPolicy> compile, Predicate<CompiledPolicy> suitePasses) {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "adl-mutant");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Mutant m : mutants) futures.add(pool.submit(() -> outcome(compile.apply(m), suitePasses)));
            int invalid = 0, killed = 0;
            List<Mutant> survivors = new ArrayList<>();
            List<MutationResult.Crash> crashes = new ArrayList<>();
            for (int i = 0; i < mutants.size(); i++) {
                Outcome o = futures.get(i).get();
                switch (o.kind()) {
                    case INVALID -> invalid++;
                    case KILLED -> killed++;
                    case SURVIVED -> survivors.add(mutants.get(i));
                    case CRASHED -> crashes.add(new MutationResult.Crash(mutants.get(i), o.error()));
                }
            }
            return new MutationResult(file, mutants.size(), invalid, killed, survivors, crashes, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("mutation run interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("mutant failed to run: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The mutant compiled, or null when the checker or the compiler rejects it. */
    private static CompiledPolicy compile(Path file, String source, Mutant m) {
        if (Checker.check(m.policy(), SourcePos.NONE).stream().anyMatch(Diagnostic::isError)) return null;
        CompileResult compiled = PolicyCompiler.compile(new Analysis(file.toString(), source, m.policy(), List.of()));
        return compiled.ok() ? compiled.policy() : null;
    }

    private static Outcome outcome(CompiledPolicy mutant, Predicate<CompiledPolicy> suitePasses) {
        if (mutant == null) return new Outcome(Outcome.Kind.INVALID, null);
        try {
            return new Outcome(suitePasses.test(mutant) ? Outcome.Kind.SURVIVED : Outcome.Kind.KILLED, null);
        } catch (RuntimeException e) {
            return new Outcome(Outcome.Kind.CRASHED, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
        }
    }
}
