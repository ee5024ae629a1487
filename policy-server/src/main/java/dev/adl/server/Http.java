package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.diag.Echo;
import dev.adl.runtime.InputException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a route runs: the caller's token and role checked on the event loop, the content type
 * and body limit checked before the body is read, the work on a worker thread, and every
 * failure answered in the one error format {@code {code, message, errors:[{line, col, message}]}}.
 * A client's mistake is a 4xx; anything else is a bug, answered 500 with a generic message
 * and logged with its stack.
 */
final class Http {
    private static final Logger LOG = Logger.getLogger(Http.class.getName());
    static final String JSON = "application/json";
    static final String TEXT = "text/plain";
    static final String CSV = "text/csv";
    static final String YAML = "application/yaml";
    static final String NDJSON = "application/x-ndjson";
    static final long JSON_LIMIT = 64 * 1024;
    static final long POLICY_LIMIT = 256 * 1024;
    private static final String CALLER = "adl.caller";
    private static final String RETRY_AFTER_SECONDS = "5";

    private final Vertx vertx;
    private final Tokens tokens;
    private final Metrics metrics;
    private final long csvLimit;
    /** Places for CSV uploads being read or handled: each may hold up to {@link #csvLimit} bytes twice over. */
    private final Semaphore csvUploads;

    Http(Vertx vertx, Tokens tokens, Metrics metrics, long csvLimit, int csvUploads) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.metrics = metrics;
        this.csvLimit = csvLimit;
        this.csvUploads = new Semaphore(csvUploads);
    }

    /** A response: status, content type and body. */
    record Reply(int status, String contentType, String body) {
        static Reply json(int status, JsonNode node) {
            return new Reply(status, JSON, Json.write(node));
        }

        static Reply ok(JsonNode node) {
            return json(200, node);
        }
    }

    @FunctionalInterface
    interface Work {
        Reply run(RoutingContext ctx, Caller who) throws Exception;
    }

    void text(Router r, HttpMethod method, String path, Set<Role> roles, Work w) {
        withBody(r, method, path, roles, TEXT, POLICY_LIMIT, null, w);
    }

    void json(Router r, HttpMethod method, String path, Set<Role> roles, Work w) {
        withBody(r, method, path, roles, JSON, JSON_LIMIT, null, w);
    }

    /** A test suite: YAML text, as large as a policy may be. */
    void yaml(Router r, HttpMethod method, String path, Set<Role> roles, Work w) {
        withBody(r, method, path, roles, YAML, POLICY_LIMIT, null, w);
    }

    /**
     * Recorded events, one JSON a line, or a JSON object holding them beside other fields: as
     * large as a CSV upload, and counted among the uploads.
     */
    void ndjson(Router r, HttpMethod method, String path, Set<Role> roles, Work w) {
        withBody(r, method, path, roles, List.of(NDJSON, JSON), csvLimit, csvUploads, w);
    }

    /** A CSV upload: the body is read only once one of the upload places is free, else 503 with Retry-After. */
    void csv(Router r, HttpMethod method, String path, Set<Role> roles, Work w) {
        withBody(r, method, path, roles, List.of(CSV), new UploadBody(csvLimit), csvUploads, w);
    }

    /**
     * A route with a body: the token and the content type are checked before the body is read,
     * so an unauthorised client cannot make the server buffer a large upload.
     */
    private void withBody(Router r, HttpMethod method, String path, Set<Role> roles, String type, long limit,
                          Semaphore places, Work w) {
        withBody(r, method, path, roles, List.of(type), limit, places, w);
    }

    private void withBody(Router r, HttpMethod method, String path, Set<Role> roles, List<String> types, long limit,
                          Semaphore places, Work w) {
        withBody(r, method, path, roles, types, BodyHandler.create(false).setBodyLimit(limit), places, w);
    }

    private void withBody(Router r, HttpMethod method, String path, Set<Role> roles, List<String> types,
                          Handler<RoutingContext> reader, Semaphore places, Work w) {
        r.route(method, path)
                .handler((SecurityPolicyHandler) ctx -> {
                    ctx.put("T0", System.nanoTime());
                    try {
                        ctx.put(CALLER, authorize(ctx, roles));
                        String given = ctx.request().getHeader("Content-Type");
                        String base = given == null ? "" : given.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
                        if (!types.contains(base)) {
                            throw new ApiException(415, "unsupported_media_type", "`" + Echo.of(ctx.request().path())
                                    + "` takes `" + String.join("` or `", types) + "`, not `" + (given == null ? "no content type" : Echo.of(given)) + "`");
                        }
                        if (places != null) takePlace(ctx, places);
                        // curl asks before sending a large upload; only an authorised request is told to go on
                        if ("100-continue".equalsIgnoreCase(ctx.request().getHeader("Expect"))) {
                            ctx.response().writeContinue();
                        }
                        ctx.next();
                    } catch (ApiException e) {
                        sendError(ctx, e);
                    }
                })
                .handler(reader)
                .handler(work(roles, w));
    }

    /**
     * Takes an upload place for the life of the request (given back when its response ends or
     * its connection closes); none free is a 503 the client is told to retry.
     */
    private static void takePlace(RoutingContext ctx, Semaphore places) {
        if (!places.tryAcquire()) {
            // the body is not read: the connection cannot carry another request after the answer
            ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS).putHeader("Connection", "close");
            throw new ApiException(503, "busy", "the server is reading as many uploads as it allows at once;"
                    + " send this one again in " + RETRY_AFTER_SECONDS + " seconds");
        }
        AtomicBoolean held = new AtomicBoolean(true);
        ctx.addEndHandler(done -> {
            if (held.getAndSet(false)) places.release();
        });
    }

    /** Checks the caller's token and role on the event loop, then runs the work on a worker thread. */
    Handler<RoutingContext> work(Set<Role> anyOf, Work w) {
        return ctx -> {
            Caller checked = ctx.get(CALLER);
            Caller who;
            try {
                who = checked != null ? checked : authorize(ctx, anyOf);
            } catch (ApiException e) {
                sendError(ctx, e);
                return;
            }
            if (ctx.get("T0") != null) ctx.put("T1", System.nanoTime());
            vertx.executeBlocking(() -> { if (ctx.get("T0") != null) ctx.put("T2", System.nanoTime()); return w.run(ctx, who); }, false).onComplete(ar -> {
                if (ctx.get("T0") != null) { long t3 = System.nanoTime(); long t0 = ctx.get("T0"); long t1 = ctx.get("T1"); long t2 = ctx.get("T2");
                    System.err.printf("TIMING body %d queue %d work %d back %d%n", (t1-t0)/1000000, (t2-t1)/1000000, (t3-t2)/1000000, 0); }
                if (ar.succeeded()) {
                    send(ctx, ar.result());
                } else {
                    sendError(ctx, ar.cause());
                }
            });
        };
    }

    private Caller authorize(RoutingContext ctx, Set<Role> anyOf) {
        String header = ctx.request().getHeader("Authorization");
        if (anyOf == null && header == null) return Caller.ANONYMOUS;
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthorized", "this request needs an `Authorization: Bearer <token>` header");
        }
        Caller who = tokens.lookup(header.substring(7).trim());
        if (who == null) throw new ApiException(401, "unauthorized", "the bearer token is not known to this server");
        if (anyOf == null) return who;
        for (Role role : anyOf) {
            if (who.has(role)) return who;
        }
        throw new ApiException(403, "forbidden", "token `" + who.name() + "` lacks the role this request needs ("
                + String.join(" or ", anyOf.stream().map(Role::label).toList()) + ")");
    }

    /** The body's bytes as they came: a CSV upload is parsed from them without a copy as text. */
    static byte[] bodyBytes(RoutingContext ctx) {
        byte[] upload = UploadBody.of(ctx);
        if (upload != null) return upload;
        return ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    }

    static String body(RoutingContext ctx) {
        byte[] upload = UploadBody.of(ctx);
        if (upload != null) return new String(upload, java.nio.charset.StandardCharsets.UTF_8);
        return ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString("UTF-8");
    }

    static long versionParam(String v) {
        if (v == null || !v.matches("[0-9]{1,18}")) {
            throw ApiException.badRequest("version `" + Echo.of(v) + "` must be a whole number");
        }
        return Long.parseLong(v);
    }

    static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParams().get(name);
        if (v == null) return dflt;
        if (!v.matches("[0-9]{1,9}")) {
            throw ApiException.badRequest("query parameter `" + name + "` must be a whole number, got `" + Echo.of(v) + "`");
        }
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
            throw ApiException.badRequest("query parameter `" + name + "` must be between " + min + " and " + max);
        }
        return n;
    }

    void send(RoutingContext ctx, Reply reply) {
        if (ctx.response().ended()) return;
        metrics.response(reply.status());
        ctx.response().setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType()).end(reply.body());
    }

    static ApiException routerError(RoutingContext ctx, int status) {
        if (ctx.failure() instanceof ApiException e) return e;
        return switch (status) {
            case 400 -> ApiException.badRequest("the request is malformed");
            case 404 -> ApiException.notFound("no such endpoint: `" + ctx.request().method() + " "
                    + Echo.of(ctx.request().path()) + "`");
            case 405 -> new ApiException(405, "method_not_allowed", "`" + ctx.request().method()
                    + "` is not allowed on `" + Echo.of(ctx.request().path()) + "`");
            case 413 -> new ApiException(413, "too_large", "the request body is larger than this endpoint accepts");
            case 415 -> new ApiException(415, "unsupported_media_type", "`" + Echo.of(ctx.request().path())
                    + "` does not accept content type `" + Echo.of(ctx.request().getHeader("Content-Type"))
                    + "`; policies are text/plain, positions and exposures text/csv, test suites application/yaml, the rest application/json");
            default -> null;
        };
    }

    void sendError(RoutingContext ctx, Throwable failure) {
        ApiException e;
        if (failure instanceof ApiException a) {
            e = a;
        } else if (failure instanceof InputException in) {
            // the engine's readers refused a client's input: located, never a server failure
            e = ApiException.input(400, "bad_request", null, in);
        } else {
            LOG.log(Level.SEVERE, "request " + ctx.request().method() + " " + ctx.request().path() + " failed", failure);
            e = new ApiException(500, "internal", "the server could not handle this request; see its log");
        }
        if (ctx.response().ended()) return;
        // every busy answer says when to try again, whichever place was full
        boolean busy = e.status() == 503 && e.code().equals("busy") || e.status() == 429;
        if (busy && ctx.response().headers().get("Retry-After") == null) {
            ctx.response().putHeader("Retry-After", LabJobs.RETRY_AFTER_SECONDS);
        }
        ObjectNode o = Json.object();
        o.put("code", e.code());
        o.put("message", e.getMessage());
        ArrayNode errors = o.putArray("errors");
        for (ApiException.Detail d : e.errors()) {
            errors.addObject().put("line", d.line()).put("col", d.col()).put("message", d.message());
        }
        send(ctx, Reply.json(e.status(), o));
    }
}
