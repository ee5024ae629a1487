package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.diag.Echo;
import dev.adl.io.EventJson;
import dev.adl.io.LocatedJson;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP API's routes: each reads its request into the services' values, calls one service
 * and shapes the answer with {@link Views}. {@link Http} runs them (roles, content types, worker
 * threads, errors); only cached queue lookups, health and metrics answer on the event loop.
 */
final class Api {
    private static final Logger LOG = Logger.getLogger(Api.class.getName());
    private static final int PAGE_LIMIT = 1000;
    private static final int FILLS_PAGE = 100;

    private static final Set<Role> READ = EnumSet.of(Role.VIEWER, Role.PROPOSER, Role.APPROVER, Role.OPERATOR);
    private static final Set<Role> PROPOSE = EnumSet.of(Role.PROPOSER);
    private static final Set<Role> REVIEW = EnumSet.of(Role.PROPOSER, Role.APPROVER, Role.OPERATOR);
    private static final Set<Role> APPROVE = EnumSet.of(Role.APPROVER);
    private static final Set<Role> OPERATE = EnumSet.of(Role.OPERATOR);
    /** Any token with a role: a treasury or staker token too may ask who it is. */
    private static final Set<Role> ANY_ROLE = EnumSet.allOf(Role.class);

    private final Vertx vertx;
    private final ServerState state;
    private final Http http;
    private final SuiteService suites;

    Api(Vertx vertx, ServerState state, Tokens tokens, long csvLimit, int csvUploads) {
        this.vertx = vertx;
        this.state = state;
        this.http = new Http(vertx, tokens, state.metrics, csvLimit, csvUploads);
        this.suites = new SuiteService(state.policies.registry());
    }

    Router router() {
        Router r = Router.router(vertx);

        r.get("/health/live").handler(ctx -> http.send(ctx, Http.Reply.ok(Json.object().put("status", "up"))));
        r.get("/health/ready").handler(ctx -> http.send(ctx, state.healthy()
                ? Http.Reply.ok(Json.object().put("status", "ready").put("markets", state.markets.size()))
                : Http.Reply.json(503, Json.object().put("status", "failing")
                        .put("message", "the data directory cannot be written"))));
        r.get("/metrics").handler(ctx -> http.send(ctx, new Http.Reply(200, "text/plain; version=0.0.4",
                state.metrics.render(state.activeVersions())
                        + PoolViews.metrics(state.layers.sorted().stream().map(Layer::view).toList()))));

        r.get("/v1/whoami").handler(http.work(ANY_ROLE, (ctx, who) -> Http.Reply.ok(Views.caller(who,
                state.activations.twoPerson()))));
        http.text(r, HttpMethod.POST, "/v1/policies/validate", READ, (ctx, who) ->
                Http.Reply.ok(Views.validation(state.policies.validate(Http.body(ctx)))));
        http.text(r, HttpMethod.POST, "/v1/policies", PROPOSE, (ctx, who) -> {
            PolicyService.Stored s = state.policies.create(who, Http.body(ctx));
            PolicyVersion pv = s.policy();
            return Http.Reply.json(s.created() ? 201 : 200, Json.object().put("name", pv.name())
                    .put("version", pv.version()).put("sha256", pv.sha256()));
        });
        r.get("/v1/policies").handler(http.work(READ, (ctx, who) -> Http.Reply.ok(Views.policyList(registry()))));
        r.get("/v1/policies/:name/versions").handler(http.work(READ, (ctx, who) -> {
            String name = ctx.pathParam("name");
            List<PolicyVersion> versions = registry().versions(name);
            if (versions.isEmpty()) throw ApiException.notFound("no policy named `" + name + "`");
            ArrayNode out = Json.array();
            versions.forEach(pv -> out.add(Views.policySummary(pv)));
            return Http.Reply.ok(Json.object().put("name", name).set("versions", out));
        }));
        r.get("/v1/policies/:name/versions/:v").handler(http.work(READ, (ctx, who) -> {
            PolicyVersion pv = registry().require(ctx.pathParam("name"), Http.versionParam(ctx.pathParam("v")));
            ObjectNode o = Views.policySummary(pv);
            o.put("source", pv.source());
            o.put("drl", pv.compiled().drl());
            return Http.Reply.ok(o);
        }));
        http.yaml(r, HttpMethod.POST, "/v1/policies/:name/versions/:v/test", REVIEW, (ctx, who) -> {
            boolean mutate = "true".equals(ctx.queryParams().get("mutate"));
            return Http.Reply.ok(SuiteViews.report(suites.run(ctx.pathParam("name"),
                    Http.versionParam(ctx.pathParam("v")), Http.body(ctx), mutate)));
        });

        r.get("/v1/markets").handler(http.work(null, (ctx, who) -> {
            ArrayNode list = Json.array();
            state.markets.sorted().forEach(m -> list.add(Views.market(m.state(), false)));
            return Http.Reply.ok(Json.object().set("markets", list));
        }));
        http.json(r, HttpMethod.PUT, "/v1/markets/:m", OPERATE, (ctx, who) -> {
            String m = ctx.pathParam("m");
            Requests.MarketSettings s = Requests.MarketSettings.of(Json.requestObject(Http.body(ctx)));
            boolean created = state.markets.put(who, m, s.lotSize(), s.markPrice());
            return Http.Reply.json(created ? 201 : 200, marketView(m));
        });
        r.get("/v1/markets/:m").handler(http.work(null, (ctx, who) -> Http.Reply.ok(marketView(ctx.pathParam("m")))));
        http.csv(r, HttpMethod.PUT, "/v1/markets/:m/positions", OPERATE, (ctx, who) -> positions(ctx, who, true));
        http.csv(r, HttpMethod.POST, "/v1/markets/:m/positions", OPERATE, (ctx, who) -> positions(ctx, who, false));
        http.json(r, HttpMethod.PUT, "/v1/markets/:m/fund", OPERATE, (ctx, who) -> {
            String m = ctx.pathParam("m");
            Requests.Fund f = Requests.Fund.of(Json.requestObject(Http.body(ctx)));
            state.inputs.putFund(who, m, f.balance(), f.history());
            return Http.Reply.ok(marketView(m));
        });
        http.csv(r, HttpMethod.PUT, "/v1/accounts", OPERATE,
                (ctx, who) -> Http.Reply.ok(Json.object().put("accounts", state.inputs.putAccounts(who, Http.body(ctx)))));
        http.csv(r, HttpMethod.PUT, "/v1/exposures/:source", OPERATE, (ctx, who) -> {
            int sources = state.inputs.putExposures(who, ctx.pathParam("source"), Http.body(ctx));
            return Http.Reply.ok(Json.object().put("source", ctx.pathParam("source")).put("sources", sources));
        });

        http.json(r, HttpMethod.POST, "/v1/markets/:m/dry-run", REVIEW, (ctx, who) -> {
            ObjectNode body = Json.requestObject(Http.body(ctx));
            Requests.VersionRef ref = Requests.VersionRef.of(body);
            JsonNode event = body.get("event");
            if (event == null || !event.isObject()) throw ApiException.badRequest("field `event` must be an object");
            EventJson.Request ev = EventJson.request(event, "event", state.clock);
            return Http.Reply.ok(Views.dryRun(state.events.dryRun(ctx.pathParam("m"), ref.policy(), ref.version(), ev),
                    fillsLimit(ctx)));
        });
        http.json(r, HttpMethod.POST, "/v1/markets/:m/activate", OPERATE, (ctx, who) -> {
            Requests.VersionRef ref = Requests.VersionRef.of(Json.requestObject(Http.body(ctx)));
            return Http.Reply.ok(Views.activation(state.activations.activate(who, ctx.pathParam("m"), ref.policy(),
                    ref.version())));
        });
        r.post("/v1/markets/:m/rollback").handler(BodyHandler.create(false).setBodyLimit(Http.JSON_LIMIT))
                .handler(http.work(OPERATE, (ctx, who) -> Http.Reply.ok(Views.activation(
                        state.activations.rollback(who, ctx.pathParam("m"))))));
        r.get("/v1/markets/:m/activations").handler(http.work(null, (ctx, who) -> {
            String m = ctx.pathParam("m");
            MarketDirectory.checkName("market name", m);
            ArrayNode list = Json.array();
            state.markets.require(m).activations().entries().forEach(e -> list.add(Views.activation(e)));
            return Http.Reply.ok(Json.object().put("market", m).set("activations", list));
        }));
        r.get("/v1/markets/:m/approvals").handler(http.work(null, (ctx, who) -> {
            String m = ctx.pathParam("m");
            MarketDirectory.checkName("market name", m);
            ArrayNode list = Json.array();
            state.markets.require(m).activations().approvals().forEach(a -> list.add(Views.approval(m, a)));
            return Http.Reply.ok(Json.object().put("market", m).put("two_person", state.activations.twoPerson())
                    .set("approvals", list));
        }));
        http.json(r, HttpMethod.POST, "/v1/markets/:m/approvals", APPROVE, (ctx, who) -> {
            String m = ctx.pathParam("m");
            Requests.VersionRef ref = Requests.VersionRef.of(Json.requestObject(Http.body(ctx)));
            return Http.Reply.json(201, Views.approval(m, state.activations.approve(who, m, ref.policy(), ref.version())));
        });
        http.json(r, HttpMethod.POST, "/v1/markets/:m/events", OPERATE, (ctx, who) -> {
            String text = Http.body(ctx);
            Json.requestObject(text); // the one error format for a body that is not a JSON object
            EventJson.Request ev = EventJson.request("event", LocatedJson.parse("event", text, "the event"),
                    state.clock);
            return Http.Reply.ok(Views.applied(state.events.apply(who, ctx.pathParam("m"), ev), fillsLimit(ctx)));
        });
        r.get("/v1/markets/:m/events").handler(http.work(null, (ctx, who) -> {
            String m = ctx.pathParam("m");
            int offset = Http.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
            int limit = Http.intParam(ctx, "limit", 100, 1, PAGE_LIMIT);
            return Http.Reply.ok(Views.journal(m, state.events.total(m), offset, limit,
                    state.events.page(m, offset, limit), fillsLimit(ctx)));
        }));
        r.get("/v1/markets/:m/queue").handler(this::queue);
        r.get("/v1/notifications").handler(this::notifications);
        r.get("/v1/audit").handler(http.work(READ, (ctx, who) -> {
            int offset = Http.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
            int limit = Http.intParam(ctx, "limit", 100, 1, PAGE_LIMIT);
            String order = ctx.queryParams().get("order");
            if (order == null) order = "newest";
            if (!order.equals("newest") && !order.equals("oldest")) {
                throw ApiException.badRequest("query parameter `order` must be `newest` or `oldest`, got `" + Echo.of(order) + "`");
            }
            ObjectNode o = Json.object().put("total", state.audit.size()).put("offset", offset).put("limit", limit)
                    .put("order", order);
            ArrayNode list = o.putArray("entries");
            state.audit.page(offset, limit, order.equals("newest")).forEach(list::add);
            return Http.Reply.ok(o);
        }));

        new PoolApi(state, http).register(r);
        new LabApi(state, http, state.lab).register(r);
        Console.mount(r, http);
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            r.errorHandler(status, ctx -> {
                ApiException e = Http.routerError(ctx, status);
                http.sendError(ctx, e != null ? e : ctx.failure());
            });
        }
        return r;
    }

    private Http.Reply positions(RoutingContext ctx, Caller who, boolean replace) {
        String m = ctx.pathParam("m");
        int open = state.inputs.putPositions(who, m, Http.bodyBytes(ctx), replace);
        return Http.Reply.ok(Json.object().put("market", m).put("positions", open));
    }

    private PolicyRegistry registry() {
        return state.policies.registry();
    }

    private ObjectNode marketView(String name) {
        return Views.market(state.markets.require(name).state(), true);
    }

    /** How many fills an event answer shows ({@code fills_limit}); the rest are counted. */
    private static int fillsLimit(RoutingContext ctx) {
        return Http.intParam(ctx, "fills_limit", FILLS_PAGE, 0, Integer.MAX_VALUE);
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
                http.send(ctx, Http.Reply.ok(account == null ? Views.queueCounts(name, cached)
                        : Views.queuePlace(name, cached, account)));
                return;
            }
            http.work(null, (c, who) -> {
                QueueSnapshot s = state.queues.queue(m);
                return Http.Reply.ok(account == null ? Views.queueCounts(name, s)
                        : Views.queuePlace(name, s, account));
            }).handle(ctx);
        } catch (ApiException e) {
            http.sendError(ctx, e);
        }
    }

    private void notifications(RoutingContext ctx) {
        String account = ctx.queryParams().get("account");
        if (account == null || account.isEmpty()) {
            http.sendError(ctx, ApiException.badRequest("query parameter `account` is required"));
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
}
