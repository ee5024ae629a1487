package dev.adl.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The policy server: opens the data directory (replaying its log), loads the examples on
 * a first start, and serves the HTTP API. State loading runs off the event loop.
 */
public final class AdlServer {
    /**
     * How to start. {@code examplePositions} is the size of each example market's synthetic store;
     * {@code bodyLimitCsv} the largest positions or exposures upload.
     */
    public record Options(String host, int port, Path dataDir, Path tokensFile, boolean twoPerson,
                          Path examplesDir, int examplePositions, long bodyLimitCsv, Limits limits) {
        public Options(String host, int port, Path dataDir, Path tokensFile, boolean twoPerson, Path examplesDir,
                       int examplePositions, long bodyLimitCsv) {
            this(host, port, dataDir, tokensFile, twoPerson, examplesDir, examplePositions, bodyLimitCsv,
                    Limits.defaults());
        }

        public static Options defaults(Path dataDir) {
            return new Options("0.0.0.0", 8080, dataDir, null, false, Path.of("examples"), 100_000,
                    512L * 1024 * 1024);
        }

        public Options withPort(int p) {
            return new Options(host, p, dataDir, tokensFile, twoPerson, examplesDir, examplePositions, bodyLimitCsv,
                    limits);
        }

        public Options withTokens(Path f) {
            return new Options(host, port, dataDir, f, twoPerson, examplesDir, examplePositions, bodyLimitCsv, limits);
        }

        public Options withTwoPerson(boolean t) {
            return new Options(host, port, dataDir, tokensFile, t, examplesDir, examplePositions, bodyLimitCsv, limits);
        }

        public Options withExamples(Path dir, int positions) {
            return new Options(host, port, dataDir, tokensFile, twoPerson, dir, positions, bodyLimitCsv, limits);
        }

        public Options withLimits(Limits l) {
            return new Options(host, port, dataDir, tokensFile, twoPerson, examplesDir, examplePositions, bodyLimitCsv,
                    l);
        }
    }

    /**
     * What one client may hold of the server. A connection must send its first request head
     * within {@code headerTimeoutSeconds} and is closed after {@code idleTimeoutSeconds} without
     * traffic (event streams get a comment line often enough to stay open); at most
     * {@code maxConnections} are open. At most {@code csvUploads} positions or exposures uploads
     * are read at once, each up to the CSV body limit; the others are answered 503 with
     * {@code Retry-After} before their body is read, so memory stays bounded.
     */
    public record Limits(int maxConnections, int headerTimeoutSeconds, int idleTimeoutSeconds, int csvUploads) {
        public Limits {
            if (maxConnections < 1 || headerTimeoutSeconds < 1 || idleTimeoutSeconds < 1 || csvUploads < 1) {
                throw new IllegalArgumentException("server limits must be at least 1");
            }
        }

        /**
         * An exchange's internal service: connections far below the 20,000 descriptors of a usual
         * process limit; one upload at a time, as the largest (512 MiB) is held about three times
         * over (the body, its text, the blob) and two of them would not fit a 2 GiB heap.
         */
        public static Limits defaults() {
            return new Limits(10_000, 10, 120, 1);
        }
    }

    private final Vertx vertx;
    private final ServerState state;
    private final HttpServer http;

    private final long keepAlive;
    private final long sweep;

    private AdlServer(Vertx vertx, ServerState state, HttpServer http, long keepAlive, long sweep) {
        this.vertx = vertx;
        this.state = state;
        this.http = http;
        this.keepAlive = keepAlive;
        this.sweep = sweep;
    }

    /**
     * Starts the server; {@code log} gets the one-line messages a person starting it should read.
     * The port is bound first: a port already taken fails the start before the data directory is
     * created or seeded. Requests that arrive while the state loads get a 503.
     */
    public static Future<AdlServer> start(Vertx vertx, Options options, PrintStream log) {
        Limits limits = options.limits();
        ConnectionGuard guard = new ConnectionGuard(vertx, limits.maxConnections(),
                limits.headerTimeoutSeconds() * 1000L);
        StartingGate gate = new StartingGate(guard);
        long sweep = guard.start();
        HttpServerOptions serverOptions = new HttpServerOptions().setIdleTimeout(limits.idleTimeoutSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                // HTTP/1.1 only: the cleartext HTTP/2 detection holds a connection back from the guard until it
                // has read a whole request head, which is what the header timeout must not wait for
                .setHttp2ClearTextEnabled(false);
        return vertx.createHttpServer(serverOptions).connectionHandler(guard).requestHandler(gate)
                .listen(options.port(), options.host())
                .compose(http -> vertx.executeBlocking(() -> boot(options, log))
                        .map(boot -> {
                            try {
                                gate.open(new Api(vertx, boot.state(), boot.tokens(), options.bodyLimitCsv(),
                                        limits.csvUploads()).router());
                            } catch (RuntimeException e) {
                                closeQuietly(boot.state());
                                throw e;
                            }
                            // an event stream quiet for the idle timeout would be closed: a comment line keeps it open
                            long every = Math.max(1, limits.idleTimeoutSeconds() * 1000L / 3);
                            long keepAlive = vertx.setPeriodic(every, id -> boot.state().notifier.keepAlive());
                            return new AdlServer(vertx, boot.state(), http, keepAlive, sweep);
                        })
                        .recover(e -> http.close().transform(closed -> Future.<AdlServer>failedFuture(e))))
                .onFailure(e -> vertx.cancelTimer(sweep));
    }

    /** Answers 503 until the state is loaded, then hands every request to the API's router. */
    private static final class StartingGate implements Handler<HttpServerRequest> {
        private final ConnectionGuard guard;
        private volatile Handler<HttpServerRequest> api;

        StartingGate(ConnectionGuard guard) {
            this.guard = guard;
        }

        void open(Handler<HttpServerRequest> router) {
            api = router;
        }

        @Override
        public void handle(HttpServerRequest req) {
            guard.headSeen(req.connection());
            Handler<HttpServerRequest> ready = api;
            if (ready != null) {
                ready.handle(req);
                return;
            }
            req.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                    .end(Json.object().put("status", "starting")
                            .put("message", "the server is loading its data directory").toString());
        }
    }

    private record Boot(ServerState state, Tokens tokens) {
    }

    private static Boot boot(Options options, PrintStream log) throws IOException {
        ServerState state = ServerState.open(options.dataDir(), Clock.systemUTC(), options.twoPerson());
        try {
            Tokens tokens;
            if (options.tokensFile() != null) {
                tokens = Tokens.read(options.tokensFile());
            } else {
                Tokens.Generated g = Tokens.adminToken(options.dataDir());
                tokens = g.tokens();
                log.println("adl serve: " + (g.created() ? "created" : "using") + " the operator token in "
                        + g.file() + " (send it as `Authorization: Bearer <token>`)");
            }
            if (state.fresh()) {
                ExampleMarkets.load(state, options.examplesDir(), options.examplePositions(), log);
            }
            return new Boot(state, tokens);
        } catch (IOException | RuntimeException | Error e) {
            // an Error too (a policy nested past the stack, say): the start fails, the files close
            closeQuietly(state);
            throw e;
        }
    }

    private static void closeQuietly(ServerState state) {
        try {
            state.close();
        } catch (IOException ignored) {
            // closing after a failed start; the start's own error is what the caller sees
        }
    }

    public int port() {
        return http.actualPort();
    }

    public ServerState state() {
        return state;
    }

    public Future<Void> close() {
        vertx.cancelTimer(keepAlive);
        vertx.cancelTimer(sweep);
        return http.close().eventually(() -> vertx.executeBlocking(() -> {
            state.close();
            return null;
        }));
    }
}
