package dev.adl.cli;

import dev.adl.server.AdlServer;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** `adl serve`: the policy server over HTTP. Runs until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the policy registry, markets and hot-swapped policies over HTTP.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--data-dir", defaultValue = "adl-data", paramLabel = "DIR",
            description = "where the server keeps its state (default ./${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--tokens", paramLabel = "FILE",
            description = "bearer tokens and roles; without it an operator token is written to <data-dir>/admin.token")
    Path tokens;

    @Option(names = "--two-person", description = "an activation needs an approval from a token other than the proposer's")
    boolean twoPerson;

    @Option(names = "--examples", defaultValue = "examples", hidden = true,
            description = "example policies loaded on a first start")
    Path examples;

    @Option(names = "--example-positions", defaultValue = "100000", hidden = true,
            description = "positions in each example market's synthetic store")
    int examplePositions;

    @Option(names = "--max-connections", defaultValue = "10000", paramLabel = "N",
            description = "connections open at once; beyond them new ones are closed (default ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--header-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "a connection that has not sent a request head by then is closed (default ${DEFAULT-VALUE})")
    int headerTimeout;

    @Option(names = "--idle-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "a connection without traffic for that long is closed (default ${DEFAULT-VALUE})")
    int idleTimeout;

    @Option(names = "--max-uploads", defaultValue = "1", paramLabel = "N",
            description = "positions and exposures uploads read at once; more are answered 503 (default ${DEFAULT-VALUE})")
    int maxUploads;

    @Override
    public Integer call() throws Exception {
        PrintStream log = System.err;
        AdlServer.Limits limits;
        try {
            limits = new AdlServer.Limits(maxConnections, headerTimeout, idleTimeout, maxUploads);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("adl serve: --max-connections, --header-timeout, --idle-timeout"
                    + " and --max-uploads must each be at least 1");
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        AdlServer.Options options = new AdlServer.Options(host, port, dataDir, tokens, twoPerson, examples,
                examplePositions, 512L * 1024 * 1024, limits);
        AdlServer server;
        try {
            server = AdlServer.start(vertx, options, log).await();
        } catch (Throwable e) {
            // Whatever stopped the start, Vert.x's threads must not keep the process alive.
            waitFor(vertx.close(), 10);
            spec.commandLine().getErr().println(whyNotStarted(e));
            return 1;
        }
        log.println("adl serve: listening on http://localhost:" + server.port() + " (data in " + dataDir
                + (twoPerson ? ", two-person rule on" : "") + ")");
        // The JVM exits when the hook returns. Waits are bounded: a future's callbacks may never run
        // once Vert.x is closing, and every acknowledged write is already on disk anyway.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            waitFor(server.close(), 30);
            waitFor(vertx.close(), 10);
        }, "adl-serve-shutdown"));
        new CountDownLatch(1).await(); // serves until the process is stopped
        return 0;
    }

    private String whyNotStarted(Throwable e) {
        if (portTaken(e)) {
            return "adl: error: port " + port + " is in use; choose another with --port";
        }
        String why = e instanceof java.nio.file.NoSuchFileException ? "no such file `" + e.getMessage() + "`"
                : e.getMessage() == null ? e.toString() : e.getMessage();
        return "adl serve: cannot start: " + why;
    }

    /** A taken port: the JDK's BindException and a native transport's error both carry the OS's words. */
    private static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Address already in use")) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    private static void waitFor(io.vertx.core.Future<?> future, int seconds) {
        try {
            future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // stopping anyway: the state on disk is complete
        }
    }
}
