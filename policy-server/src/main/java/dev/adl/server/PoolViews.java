package dev.adl.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.pool.PoolJson;
import dev.adl.pool.PoolLedger;
import dev.adl.pool.PoolState;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The JSON answers about layers, pools and stakers, and their lines on the metrics page. */
final class PoolViews {
    static final long DAY = 86_400;

    private PoolViews() {
    }

    /** A layer: kind and balance; {@code full} adds its history of balances and what it paid. */
    static ObjectNode layer(Layer.View v, boolean full) {
        ObjectNode o = Json.object().put("name", v.name()).put("kind", v.kind()).put("balance", plain(v.balance()))
                .put("paid_total", plain(v.paidTotal()));
        if (v.pool() != null) o.put("cooldown", v.pool().cooldown().text());
        if (!full) return o;
        ArrayNode h = o.putArray("history");
        v.history().forEach(p -> h.addObject().put("at", p.at().toString()).put("balance", plain(p.balance())));
        ArrayNode paid = o.putArray("paid");
        v.paid().forEach(p -> paid.addObject().put("at", p.at().toString()).put("amount", plain(p.amount()))
                .put("market", p.market()));
        return o;
    }

    /** A pool: its ledger's numbers; {@code full} adds the history of value and share price and the yields at {@code now}. */
    static ObjectNode pool(Layer.View v, boolean full, Instant now) {
        PoolState s = v.pool();
        ObjectNode o = Json.object().put("name", v.name()).put("value", plain(s.value()))
                .put("reserve", plain(s.reserve())).put("total_shares", plain(s.totalShares()));
        price(o, "share_price", s.sharePrice());
        o.put("cooldown", s.cooldown().text()).put("stakers", s.stakers().size()).put("paid_total", plain(v.paidTotal()));
        if (!full) return o;
        ArrayNode h = o.putArray("history");
        for (Layer.Point p : v.history()) {
            ObjectNode e = h.addObject().put("at", p.at().toString()).put("value", plain(p.value()))
                    .put("total_shares", plain(p.totalShares()));
            price(e, "share_price", RealisedYield.price(p.value(), p.totalShares()));
        }
        ObjectNode y = o.putObject("yield");
        for (int days : new int[] {7, 30}) {
            RealisedYield r = RealisedYield.of(days + "d", days * DAY, v.history(), s.value(), s.totalShares(), now);
            ObjectNode e = y.putObject(r.window());
            if (r.from() == null) e.putNull("from");
            else e.put("from", r.from().toString());
            price(e, "share_price_from", r.sharePriceFrom());
            price(e, "share_price_to", r.sharePriceTo());
            price(e, "growth", r.growth());
        }
        return o;
    }

    /** A staker of a pool: shares, what they are worth, and the pending request with when it can be withdrawn. */
    static ObjectNode staker(String pool, PoolState s, String id) {
        PoolState.Staker st = s.stakers().get(id);
        if (st == null) throw ApiException.notFound("pool `" + pool + "` has no staker `" + dev.adl.diag.Echo.of(id) + "`");
        ObjectNode o = Json.object().put("pool", pool).put("staker", id).put("shares", plain(st.shares()))
                .put("value", plain(s.worth(st.shares())));
        price(o, "share_price", s.sharePrice());
        if (st.request() == null) {
            o.putNull("request");
        } else {
            o.putObject("request").put("shares", plain(st.request().shares()))
                    .put("value_at_request", plain(st.request().valueAtRequest()))
                    .put("requested_at", st.request().requestedAt().toString())
                    .put("withdrawable_from", s.withdrawableFrom(st).toString());
        }
        return o;
    }

    /** The answer to a staking operation: what it did, and the staker (or the pool) after it. */
    static ObjectNode applied(String pool, String kind, PoolLedger.Outcome out, String staker) {
        ObjectNode o = Json.object().put("pool", pool).put("op", kind);
        ObjectNode result = o.putObject("result");
        PoolJson.applied(0, out).fields().forEachRemaining(e -> {
            if (!e.getKey().equals("op") && !e.getKey().equals("ok")) result.set(e.getKey(), e.getValue());
        });
        PoolState s = out.state();
        if (staker != null && s.stakers().containsKey(staker)) o.set("staker", staker(pool, s, staker));
        else if (staker != null) o.putNull("staker");
        o.put("value", plain(s.value())).put("reserve", plain(s.reserve())).put("total_shares", plain(s.totalShares()));
        price(o, "share_price", s.sharePrice());
        return o;
    }

    /** Each layer's balance and paid total, each pool's share price, value and stakers, in the Prometheus format. */
    static String metrics(List<Layer.View> layers) {
        StringBuilder out = new StringBuilder();
        gauge(out, "adl_layer_balance", "Balance of each layer of the venue (a pool's value + reserve).");
        layers.forEach(v -> line(out, "adl_layer_balance", v, v.balance()));
        out.append("# HELP adl_layer_paid_total Amount each layer paid for events.\n# TYPE adl_layer_paid_total counter\n");
        layers.forEach(v -> line(out, "adl_layer_paid_total", v, v.paidTotal()));
        List<Layer.View> pools = layers.stream().filter(v -> v.pool() != null).toList();
        gauge(out, "adl_pool_share_price", "Share price of each staking pool (value / total shares; 0 without shares).");
        pools.forEach(v -> line(out, "adl_pool_share_price", v, v.pool().sharePrice() == null ? BigDecimal.ZERO
                : v.pool().sharePrice()));
        gauge(out, "adl_pool_value", "Value the stakers of each pool own.");
        pools.forEach(v -> line(out, "adl_pool_value", v, v.pool().value()));
        gauge(out, "adl_pool_stakers", "Stakers of each pool.");
        pools.forEach(v -> line(out, "adl_pool_stakers", v, BigDecimal.valueOf(v.pool().stakers().size())));
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n");
    }

    private static void line(StringBuilder out, String name, Layer.View v, BigDecimal value) {
        // names are letters, digits and . _ : - only: nothing to escape in a label
        out.append(name).append("{layer=\"").append(v.name()).append("\",kind=\"").append(v.kind()).append("\"} ")
                .append(plain(value)).append('\n');
    }

    private static void price(ObjectNode o, String field, BigDecimal v) {
        if (v == null) o.putNull(field);
        else o.put(field, plain(v));
    }

    static String plain(BigDecimal d) {
        return PoolJson.plain(d);
    }
}
