package dev.adl.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The policy server: opens the data directory (replaying its log), loads the examples on
 * a first start, and serves the HTTP API. State loading runs off the event loop.
 */
public final class AdlServer {
    /** How to start. {@code examplePositions} is the size of each example market's synthetic store. */
    public record Options(String host, int port, Path dataDir, Path tokensFile, boolean twoPerson,
                          Path examplesDir, int examplePositions, long bodyLimitCsv) {
        public static Options defaults(Path dataDir) {
            return new Options("0.0.0.0", 8080, dataDir, null, false, Path.of("examples"), 100_000,
                    512L * 1024 * 1024);
        }

        public Options withPort(int p) {
            return new Options(host, p, dataDir, tokensFile, twoPerson, examplesDir, examplePositions, bodyLimitCsv);
        }

        public Options withTokens(Path f) {
            return new Options(host, port, dataDir, f, twoPerson, examplesDir, examplePositions, bodyLimitCsv);
        }

        public Options withTwoPerson(boolean t) {
            return new Options(host, port, dataDir, tokensFile, t, examplesDir, examplePositions, bodyLimitCsv);
        }

        public Options withExamples(Path dir, int positions) {
            return new Options(host, port, dataDir, tokensFile, twoPerson, dir, positions, bodyLimitCsv);
        }
    }

    private final Vertx vertx;
    private final ServerState state;
    private final HttpServer http;

    private AdlServer(Vertx vertx, ServerState state, HttpServer http) {
        this.vertx = vertx;
        this.state = state;
        this.http = http;
    }

    /**
     * Starts the server; {@code log} gets the one-line messages a person starting it should read.
     * The port is bound first: a port already taken fails the start before the data directory is
     * created or seeded. Requests that arrive while the state loads get a 503.
     */
    public static Future<AdlServer> start(Vertx vertx, Options options, PrintStream log) {
        StartingGate gate = new StartingGate();
        return vertx.createHttpServer().requestHandler(gate).listen(options.port(), options.host())
                .compose(http -> vertx.executeBlocking(() -> boot(options, log))
                        .map(boot -> {
                            try {
                                gate.open(new Api(vertx, boot.state(), boot.tokens(), options.bodyLimitCsv()).router());
                            } catch (RuntimeException e) {
                                closeQuietly(boot.state());
                                throw e;
                            }
                            return new AdlServer(vertx, boot.state(), http);
                        })
                        .recover(e -> http.close().transform(closed -> Future.<AdlServer>failedFuture(e))));
    }

    /** Answers 503 until the state is loaded, then hands every request to the API's router. */
    private static final class StartingGate implements Handler<HttpServerRequest> {
        private volatile Handler<HttpServerRequest> api;

        void open(Handler<HttpServerRequest> router) {
            api = router;
        }

        @Override
        public void handle(HttpServerRequest req) {
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
        return http.close().eventually(() -> vertx.executeBlocking(() -> {
            state.close();
            return null;
        }));
    }
}
