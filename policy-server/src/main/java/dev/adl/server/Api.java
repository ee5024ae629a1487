package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.runtime.InputException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP API: routes, authorization, and the one error format
 * {@code {code, message, errors:[{line, col, message}]}}. Work runs on worker threads;
 * only cached queue lookups, health and metrics answer on the event loop.
 */
final class Api {
    private static final Logger LOG = Logger.getLogger(Api.class.getName());
    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain";
    private static final String CSV = "text/csv";
    private static final long JSON_LIMIT = 64 * 1024;
    private static final long POLICY_LIMIT = 256 * 1024;
    private static final int PAGE_LIMIT = 1000;
    private static final int FILLS_PAGE = 100;
    private static final String CALLER = "adl.caller";

    private static final Set<Role> READ = EnumSet.of(Role.VIEWER, Role.PROPOSER, Role.APPROVER, Role.OPERATOR);
    private static final Set<Role> PROPOSE = EnumSet.of(Role.PROPOSER);
    private static final Set<Role> REVIEW = EnumSet.of(Role.PROPOSER, Role.APPROVER, Role.OPERATOR);
    private static final Set<Role> APPROVE = EnumSet.of(Role.APPROVER);
    private static final Set<Role> OPERATE = EnumSet.of(Role.OPERATOR);

    private final Vertx vertx;
    private final ServerState state;
    private final Tokens tokens;
    private final long csvLimit;

    Api(Vertx vertx, ServerState state, Tokens tokens, long csvLimit) {
        this.vertx = vertx;
        this.state = state;
        this.tokens = tokens;
        this.csvLimit = csvLimit;
    }

    /** A response: status, content type and body. */
    private record Reply(int status, String contentType, String body) {
        static Reply json(int status, JsonNode node) {
            return new Reply(status, JSON, Json.write(node));
        }

        static Reply ok(JsonNode node) {
            return json(200, node);
        }
    }

    @FunctionalInterface
    private interface Work {
        Reply run(RoutingContext ctx, Caller who) throws Exception;
    }

    Router router() {
        Router r = Router.router(vertx);

        r.get("/health/live").handler(ctx -> send(ctx, Reply.ok(Json.object().put("status", "up"))));
        r.get("/health/ready").handler(ctx -> send(ctx, state.healthy()
                ? Reply.ok(Json.object().put("status", "ready").put("markets", state.markets.size()))
                : Reply.json(503, Json.object().put("status", "failing")
                        .put("message", "the data directory cannot be written"))));
        r.get("/metrics").handler(ctx -> send(ctx, new Reply(200, "text/plain; version=0.0.4",
                state.metrics.render(state.activeVersions()))));

        text(r, HttpMethod.POST, "/v1/policies/validate", READ, (ctx, who) ->
                Reply.ok(Views.validation(state.policies.validate(body(ctx)))));
        text(r, HttpMethod.POST, "/v1/policies", PROPOSE, (ctx, who) -> {
            PolicyService.Stored s = state.policies.create(who, body(ctx));
            PolicyVersion pv = s.policy();
            return Reply.json(s.created() ? 201 : 200, Json.object().put("name", pv.name())
                    .put("version", pv.version()).put("sha256", pv.sha256()));
        });
        r.get("/v1/policies").handler(work(READ, (ctx, who) -> Reply.ok(Views.policyList(registry()))));
        r.get("/v1/policies/:name/versions").handler(work(READ, (ctx, who) -> {
            String name = ctx.pathParam("name");
            List<PolicyVersion> versions = registry().versions(name);
            if (versions.isEmpty()) throw ApiException.notFound("no policy named `" + name + "`");
            ArrayNode out = Json.array();
            versions.forEach(pv -> out.add(Views.policySummary(pv)));
            return Reply.ok(Json.object().put("name", name).set("versions", out));
        }));
        r.get("/v1/policies/:name/versions/:v").handler(work(READ, (ctx, who) -> {
            PolicyVersion pv = registry().require(ctx.pathParam("name"), versionParam(ctx.pathParam("v")));
            ObjectNode o = Views.policySummary(pv);
            o.put("source", pv.source());
            o.put("drl", pv.compiled().drl());
            return Reply.ok(o);
        }));

        r.get("/v1/markets").handler(work(null, (ctx, who) -> {
            ArrayNode list = Json.array();
            state.markets.sorted().forEach(m -> list.add(Views.market(m.state(), false)));
            return Reply.ok(Json.object().set("markets", list));
        }));
        json(r, HttpMethod.PUT, "/v1/markets/:m", OPERATE, (ctx, who) -> {
            String m = ctx.pathParam("m");
            Requests.MarketSettings s = Requests.MarketSettings.of(Json.requestObject(body(ctx)));
            boolean created = state.markets.put(who, m, s.lotSize(), s.markPrice());
            return Reply.json(created ? 201 : 200, marketView(m));
        });
        r.get("/v1/markets/:m").handler(work(null, (ctx, who) -> Reply.ok(marketView(ctx.pathParam("m")))));
        csv(r, HttpMethod.PUT, "/v1/markets/:m/positions", (ctx, who) -> positions(ctx, who, true));
        csv(r, HttpMethod.POST, "/v1/markets/:m/positions", (ctx, who) -> positions(ctx, who, false));
        json(r, HttpMethod.PUT, "/v1/markets/:m/fund", OPERATE, (ctx, who) -> {
            String m = ctx.pathParam("m");
            Requests.Fund f = Requests.Fund.of(Json.requestObject(body(ctx)));
            state.inputs.putFund(who, m, f.balance(), f.history());
            return Reply.ok(marketView(m));
        });
        csv(r, HttpMethod.PUT, "/v1/exposures/:source", (ctx, who) -> {
            int sources = state.inputs.putExposures(who, ctx.pathParam("source"), body(ctx));
            return Reply.ok(Json.object().put("source", ctx.pathParam("source")).put("sources", sources));
        });

        json(r, HttpMethod.POST, "/v1/markets/:m/dry-run", REVIEW, (ctx, who) -> {
            ObjectNode body = Json.requestObject(body(ctx));
            Requests.VersionRef ref = Requests.VersionRef.of(body);
            EventService.EventRequest ev = Requests.event(body.get("event"), state.clock);
            return Reply.ok(Views.dryRun(state.events.dryRun(ctx.pathParam("m"), ref.policy(), ref.version(), ev),
                    fillsLimit(ctx)));
        });
        json(r, HttpMethod.POST, "/v1/markets/:m/activate", OPERATE, (ctx, who) -> {
            Requests.VersionRef ref = Requests.VersionRef.of(Json.requestObject(body(ctx)));
            return Reply.ok(Views.activation(state.activations.activate(who, ctx.pathParam("m"), ref.policy(),
                    ref.version())));
        });
        r.post("/v1/markets/:m/rollback").handler(BodyHandler.create(false).setBodyLimit(JSON_LIMIT))
                .handler(work(OPERATE, (ctx, who) -> Reply.ok(Views.activation(
                        state.activations.rollback(who, ctx.pathParam("m"))))));
        r.get("/v1/markets/:m/activations").handler(work(null, (ctx, who) -> {
            String m = ctx.pathParam("m");
            MarketDirectory.checkName("market name", m);
            ArrayNode list = Json.array();
            state.markets.require(m).activations().entries().forEach(e -> list.add(Views.activation(e)));
            return Reply.ok(Json.object().put("market", m).set("activations", list));
        }));
        json(r, HttpMethod.POST, "/v1/markets/:m/approvals", APPROVE, (ctx, who) -> {
            String m = ctx.pathParam("m");
            Requests.VersionRef ref = Requests.VersionRef.of(Json.requestObject(body(ctx)));
            return Reply.json(201, Views.approval(m, state.activations.approve(who, m, ref.policy(), ref.version())));
        });
        json(r, HttpMethod.POST, "/v1/markets/:m/events", OPERATE, (ctx, who) -> {
            EventService.EventRequest ev = Requests.event(Json.requestObject(body(ctx)), state.clock);
            return Reply.ok(Views.applied(state.events.apply(who, ctx.pathParam("m"), ev), fillsLimit(ctx)));
        });
        r.get("/v1/markets/:m/events").handler(work(null, (ctx, who) -> {
            String m = ctx.pathParam("m");
            int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
            int limit = intParam(ctx, "limit", 100, 1, PAGE_LIMIT);
            return Reply.ok(Views.journal(m, state.events.total(m), offset, limit,
                    state.events.page(m, offset, limit), fillsLimit(ctx)));
        }));
        r.get("/v1/markets/:m/queue").handler(this::queue);
        r.get("/v1/notifications").handler(this::notifications);
        r.get("/v1/audit").handler(work(READ, (ctx, who) -> {
            int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
            int limit = intParam(ctx, "limit", 100, 1, PAGE_LIMIT);
            String order = ctx.queryParams().get("order");
            if (order == null) order = "newest";
            if (!order.equals("newest") && !order.equals("oldest")) {
                throw ApiException.badRequest("query parameter `order` must be `newest` or `oldest`, got `" + order + "`");
            }
            ObjectNode o = Json.object().put("total", state.audit.size()).put("offset", offset).put("limit", limit)
                    .put("order", order);
            ArrayNode list = o.putArray("entries");
            state.audit.page(offset, limit, order.equals("newest")).forEach(list::add);
            return Reply.ok(o);
        }));

        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            r.errorHandler(status, ctx -> {
                ApiException e = routerError(ctx, status);
                sendError(ctx, e != null ? e : ctx.failure());
            });
        }
        return r;
    }

    private Reply positions(RoutingContext ctx, Caller who, boolean replace) {
        String m = ctx.pathParam("m");
        int open = state.inputs.putPositions(who, m, body(ctx), replace);
        return Reply.ok(Json.object().put("market", m).put("positions", open));
    }

    private PolicyRegistry registry() {
        return state.policies.registry();
    }

    private ObjectNode marketView(String name) {
        return Views.market(state.markets.require(name).state(), true);
    }

    /** How many fills an event answer shows ({@code fills_limit}); the rest are counted. */
    private static int fillsLimit(RoutingContext ctx) {
        return intParam(ctx, "fills_limit", FILLS_PAGE, 0, Integer.MAX_VALUE);
    }

    // ---------------------------------------------------------------- queue and notifications

    private void queue(RoutingContext ctx) {
        try {
            String name = ctx.pathParam("m");
            String account = ctx.queryParams().get("account");
            Market m = state.markets.require(name);
            state.metrics.queueLookup();
            QueueSnapshot cached = state.queues.cached(m);
            if (cached != null) {
                send(ctx, Reply.ok(account == null ? Views.queueCounts(name, cached)
                        : Views.queuePlace(name, cached, account)));
                return;
            }
            work(null, (c, who) -> {
                QueueSnapshot s = state.queues.queue(m);
                return Reply.ok(account == null ? Views.queueCounts(name, s)
                        : Views.queuePlace(name, s, account));
            }).handle(ctx);
        } catch (ApiException e) {
            sendError(ctx, e);
        }
    }

    private void notifications(RoutingContext ctx) {
        String account = ctx.queryParams().get("account");
        if (account == null || account.isEmpty()) {
            sendError(ctx, ApiException.badRequest("query parameter `account` is required"));
            return;
        }
        HttpServerResponse res = ctx.response();
        res.setChunked(true);
        res.putHeader("Content-Type", "text/event-stream");
        res.putHeader("Cache-Control", "no-cache");
        res.write(": notifications for " + account.replace("\n", " ") + "\n\n");
        state.metrics.response(200);
        state.notifier.subscribe(account, res);
        // A trader who connects while already near the front of a queue learns it at once.
        vertx.executeBlocking(() -> {
            for (Market m : state.markets.all()) {
                state.alerts.check(m, Set.of(account));
            }
            return null;
        }, false).onFailure(e -> LOG.log(Level.FINE, "initial quintile alerts failed", e));
    }

    // ---------------------------------------------------------------- plumbing

    private void text(Router r, HttpMethod method, String path, Set<Role> roles, Work w) {
        withBody(r, method, path, roles, TEXT, POLICY_LIMIT, w);
    }

    private void json(Router r, HttpMethod method, String path, Set<Role> roles, Work w) {
        withBody(r, method, path, roles, JSON, JSON_LIMIT, w);
    }

    private void csv(Router r, HttpMethod method, String path, Work w) {
        withBody(r, method, path, OPERATE, CSV, csvLimit, w);
    }

    /**
     * A route with a body: the token and the content type are checked before the body is read,
     * so an unauthorised client cannot make the server buffer a large upload.
     */
    private void withBody(Router r, HttpMethod method, String path, Set<Role> roles, String type, long limit, Work w) {
        r.route(method, path)
                .handler((SecurityPolicyHandler) ctx -> {
                    try {
                        ctx.put(CALLER, authorize(ctx, roles));
                        String given = ctx.request().getHeader("Content-Type");
                        String base = given == null ? "" : given.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
                        if (!base.equals(type)) {
                            throw new ApiException(415, "unsupported_media_type", "`" + ctx.request().path()
                                    + "` takes `" + type + "`, not `" + (given == null ? "no content type" : given) + "`");
                        }
                        // curl asks before sending a large upload; only an authorised request is told to go on
                        if ("100-continue".equalsIgnoreCase(ctx.request().getHeader("Expect"))) {
                            ctx.response().writeContinue();
                        }
                        ctx.next();
                    } catch (ApiException e) {
                        sendError(ctx, e);
                    }
                })
                .handler(BodyHandler.create(false).setBodyLimit(limit))
                .handler(work(roles, w));
    }

    /** Checks the caller's token and role on the event loop, then runs the work on a worker thread. */
    private Handler<RoutingContext> work(Set<Role> anyOf, Work w) {
        return ctx -> {
            Caller checked = ctx.get(CALLER);
            Caller who;
            try {
                who = checked != null ? checked : authorize(ctx, anyOf);
            } catch (ApiException e) {
                sendError(ctx, e);
                return;
            }
            vertx.executeBlocking(() -> w.run(ctx, who), false).onComplete(ar -> {
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

    private static String body(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString("UTF-8");
    }

    private static long versionParam(String v) {
        if (v == null || !v.matches("[0-9]{1,18}")) {
            throw ApiException.badRequest("version `" + v + "` must be a whole number");
        }
        return Long.parseLong(v);
    }

    private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParams().get(name);
        if (v == null) return dflt;
        if (!v.matches("[0-9]{1,9}")) {
            throw ApiException.badRequest("query parameter `" + name + "` must be a whole number, got `" + v + "`");
        }
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
            throw ApiException.badRequest("query parameter `" + name + "` must be between " + min + " and " + max);
        }
        return n;
    }

    private void send(RoutingContext ctx, Reply reply) {
        if (ctx.response().ended()) return;
        state.metrics.response(reply.status());
        ctx.response().setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType()).end(reply.body());
    }

    private static ApiException routerError(RoutingContext ctx, int status) {
        if (ctx.failure() instanceof ApiException e) return e;
        return switch (status) {
            case 400 -> ApiException.badRequest("the request is malformed");
            case 404 -> ApiException.notFound("no such endpoint: `" + ctx.request().method() + " "
                    + ctx.request().path() + "`");
            case 405 -> new ApiException(405, "method_not_allowed", "`" + ctx.request().method()
                    + "` is not allowed on `" + ctx.request().path() + "`");
            case 413 -> new ApiException(413, "too_large", "the request body is larger than this endpoint accepts");
            case 415 -> new ApiException(415, "unsupported_media_type", "`" + ctx.request().path()
                    + "` does not accept content type `" + ctx.request().getHeader("Content-Type")
                    + "`; policies are text/plain, positions and exposures text/csv, the rest application/json");
            default -> null;
        };
    }

    private void sendError(RoutingContext ctx, Throwable failure) {
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
