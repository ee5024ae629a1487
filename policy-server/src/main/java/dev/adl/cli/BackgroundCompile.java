package dev.adl.cli;

import dev.adl.compile.CompiledPolicy;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A policy file compiled on a thread of its own: building the rule base and reading a large
 * positions file are both hundreds of milliseconds in a fresh JVM and need nothing of each
 * other. The caller asks for the policy when it needs it, and gets the compile's error then.
 */
final class BackgroundCompile {
    private final CompletableFuture<CompiledPolicy> policy;
    private volatile long nanos;

    private BackgroundCompile(Path file) {
        this.policy = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            CompiledPolicy compiled;
            try {
                compiled = Policies.compile(file).policy();
            } catch (Throwable e) {
                nanos = System.nanoTime() - start;
                policy.completeExceptionally(e);
                return;
            }
            nanos = System.nanoTime() - start; // written before completing, so the waiter sees it
            policy.complete(compiled);
        }, "adl-compile");
        t.setDaemon(true);
        t.start();
    }

    static BackgroundCompile start(Path file) {
        return new BackgroundCompile(file);
    }

    /** The compiled policy, waiting for it; a failed compile throws what it threw. */
    CompiledPolicy policy() {
        try {
            return policy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("adl: error: interrupted while compiling the policy");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How long the compile itself took; read after {@link #policy()}. */
    long nanos() {
        return nanos;
    }
}
