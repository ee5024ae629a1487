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

    @Override
    public Integer call() throws Exception {
        PrintStream log = System.err;
        Vertx vertx = Vertx.vertx();
        AdlServer.Options options = new AdlServer.Options(host, port, dataDir, tokens, twoPerson, examples,
                examplePositions, 512L * 1024 * 1024);
        AdlServer server;
        try {
            server = AdlServer.start(vertx, options, log).await();
        } catch (Exception e) {
            vertx.close();
            throw new CliException("adl serve: cannot start: " + (e.getMessage() == null ? e : e.getMessage()));
        }
        log.println("adl serve: listening on http://localhost:" + server.port() + " (data in " + dataDir
                + (twoPerson ? ", two-person rule on" : "") + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().eventually(vertx::close).onComplete(ar -> stopped.countDown());
            try {
                stopped.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        stopped.await();
        return 0;
    }
}
