package dev.adl.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.diag.Echo;
import dev.adl.pool.Cooldown;
import dev.adl.pool.PoolLedger;
import dev.adl.pool.PoolOp;
import dev.adl.pool.PoolRefusedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The routes of the venue's layers and staking pools (EXCHANGE.md sections 3 and 4). Reads
 * are open, as a market's are. A layer is set by an operator; revenue is paid in by the
 * treasury (or an operator); a staker's own operations need a token bound to that staker,
 * or an operator's token, which names the staker in the body. A request that is malformed
 * is a 400; an operation the ledger refuses is a 409 {@code refused} with the ledger's sentence.
 */
final class PoolApi {
    private static final Set<Role> OPERATE = EnumSet.of(Role.OPERATOR);
    private static final Set<Role> STAKE = EnumSet.of(Role.STAKER, Role.OPERATOR);
    private static final Set<Role> TREASURY = EnumSet.of(Role.TREASURY, Role.OPERATOR);

    private final ServerState state;
    private final Http http;

    PoolApi(ServerState state, Http http) {
        this.state = state;
        this.http = http;
    }

    void register(Router r) {
        r.get("/v1/layers").handler(http.work(null, (ctx, who) -> {
            ArrayNode list = Json.array();
            state.layers.sorted().forEach(l -> list.add(PoolViews.layer(l.view(), false)));
            return Http.Reply.ok(Json.object().set("layers", list));
        }));
        r.get("/v1/layers/:name").handler(http.work(null, (ctx, who) ->
                Http.Reply.ok(PoolViews.layer(state.layers.require(ctx.pathParam("name")).view(), true))));
        http.json(r, HttpMethod.PUT, "/v1/layers/:name", OPERATE, this::putLayer);

        r.get("/v1/pools").handler(http.work(null, (ctx, who) -> {
            ArrayNode list = Json.array();
            state.layers.sorted().stream().filter(Layer::isPool)
                    .forEach(l -> list.add(PoolViews.pool(l.view(), false, state.clock.instant())));
            return Http.Reply.ok(Json.object().set("pools", list));
        }));
        r.get("/v1/pools/:pool").handler(http.work(null, (ctx, who) -> Http.Reply.ok(PoolViews.pool(
                state.layers.requirePool(ctx.pathParam("pool")).view(), true, state.clock.instant()))));
        r.get("/v1/pools/:pool/stakers/:staker").handler(http.work(null, (ctx, who) -> {
            String pool = ctx.pathParam("pool");
            return Http.Reply.ok(PoolViews.staker(pool, state.layers.requirePool(pool).view().pool(),
                    ctx.pathParam("staker")));
        }));

        staking(r, "stakes", "stake", STAKE, true, (body, staker) -> {
            BigDecimal amount = amount(body, "amount");
            return at -> new PoolOp.Stake(at, staker, amount);
        });
        staking(r, "unstake-requests", "unstake_request", STAKE, true, (body, staker) -> {
            BigDecimal shares = amount(body, "shares");
            return at -> new PoolOp.UnstakeRequest(at, staker, shares);
        });
        staking(r, "unstake-cancellations", "unstake_cancel", STAKE, true, (body, staker) -> at -> new PoolOp.UnstakeCancel(at, staker));
        staking(r, "withdrawals", "withdraw", STAKE, true, (body, staker) -> at -> new PoolOp.Withdraw(at, staker));
        staking(r, "revenue", "revenue", TREASURY, false, (body, staker) -> {
            BigDecimal amount = amount(body, "amount");
            return at -> new PoolOp.Revenue(at, amount);
        });
    }

    /** A staking route: the body read into an operation (for the caller's staker when {@code ofStaker}), applied. */
    private void staking(Router r, String path, String kind, Set<Role> roles, boolean ofStaker,
                         BiFunction<ObjectNode, String, java.util.function.Function<Instant, PoolOp>> op) {
        http.json(r, HttpMethod.POST, "/v1/pools/:pool/" + path, roles, (ctx, who) -> {
            String pool = ctx.pathParam("pool");
            ObjectNode body = body(ctx);
            String staker = ofStaker ? staker(who, body) : null;
            PoolLedger.Outcome out = state.layers.poolOp(who, pool, op.apply(body, staker));
            return Http.Reply.ok(PoolViews.applied(pool, kind, out, staker));
        });
    }

    private Http.Reply putLayer(RoutingContext ctx, Caller who) {
        String name = ctx.pathParam("name");
        ObjectNode body = Json.requestObject(Http.body(ctx));
        String kind = Json.text(body, "kind", true);
        BigDecimal balance = null;
        Cooldown cooldown = null;
        switch (kind) {
            case Layer.POOL -> {
                if (body.has("balance")) {
                    throw ApiException.badRequest("a pool's balance is its ledger's value + reserve; it changes by"
                            + " stakes, revenue, withdrawals and events, never by `balance`");
                }
                cooldown = cooldown(Json.text(body, "cooldown", true));
            }
            case Layer.FUND, Layer.BACKSTOP -> {
                if (body.has("cooldown")) throw ApiException.badRequest("only a pool has a `cooldown`");
                balance = Json.decimal(body, "balance", true);
                if (balance.signum() < 0) throw ApiException.badRequest("field `balance` must not be negative");
                checked("balance", balance);
            }
            default -> throw ApiException.badRequest("field `kind` must be `fund`, `pool` or `backstop`, got `"
                    + Echo.of(kind) + "`");
        }
        boolean created = state.layers.put(who, name, kind, balance, cooldown);
        return Http.Reply.json(created ? 201 : 200, PoolViews.layer(state.layers.require(name).view(), true));
    }

    /**
     * The staker a request acts for: a staker token's own (another named in the body is a 403);
     * an operator's names it in {@code staker}.
     */
    static String staker(Caller who, ObjectNode body) {
        String given = Json.text(body, "staker", false);
        if (given != null) MarketDirectory.checkName("staker", given);
        if (!who.roles().contains(Role.OPERATOR)) {
            if (given != null && !given.equals(who.staker())) {
                throw new ApiException(403, "forbidden", "token `" + who.name() + "` acts for staker `" + who.staker()
                        + "`, not `" + given + "`");
            }
            return who.staker();
        }
        if (given != null) return given;
        if (who.staker() != null) return who.staker();
        throw ApiException.badRequest("field `staker` is required: an operator names the staker it acts for");
    }

    private static ObjectNode body(RoutingContext ctx) {
        String text = Http.body(ctx);
        return text.isBlank() ? Json.object() : Json.requestObject(text);
    }

    private static Cooldown cooldown(String text) {
        try {
            return Cooldown.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** An amount or a number of shares: above 0 with at most 8 decimals, else a 400 naming the field. */
    private static BigDecimal amount(ObjectNode body, String field) {
        BigDecimal v = Json.decimal(body, field, true);
        if (v.signum() <= 0) throw ApiException.badRequest("field `" + field + "` must be greater than 0");
        return checked(field, v);
    }

    private static BigDecimal checked(String field, BigDecimal v) {
        try {
            PoolLedger.checkDecimals(field, v);
        } catch (PoolRefusedException e) {
            throw ApiException.badRequest("field " + e.getMessage());
        }
        return v;
    }
}
