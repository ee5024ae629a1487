package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.Event;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Request bodies read into the values the services take; a bad field is a 400 naming it. */
final class Requests {
    private Requests() {
    }

    /** A market's lot size and mark price. */
    record MarketSettings(BigDecimal lotSize, BigDecimal markPrice) {
        static MarketSettings of(ObjectNode body) {
            return new MarketSettings(positive(body, "lot_size"), positive(body, "mark_price"));
        }
    }

    /** A fund balance and its past points. */
    record Fund(BigDecimal balance, List<Event.FundPoint> history) {
        static Fund of(ObjectNode body) {
            BigDecimal balance = Json.decimal(body, "balance", true);
            if (balance.signum() < 0) throw ApiException.badRequest("field `balance` must not be negative");
            checkFixed("balance", balance);
            return new Fund(balance, Requests.history(body.get("history")));
        }
    }

    /** A registered version named by {@code policy} and {@code version}. */
    record VersionRef(String policy, long version) {
        static VersionRef of(ObjectNode body) {
            return new VersionRef(Json.text(body, "policy", true), Json.integer(body, "version"));
        }
    }

    private static List<Event.FundPoint> history(JsonNode node) {
        List<Event.FundPoint> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (!node.isArray()) throw ApiException.badRequest("field `history` must be a list of {at, balance}");
        int i = 0;
        for (JsonNode p : node) {
            i++;
            if (!p.isObject()) {
                throw ApiException.badRequest("entry " + i + " of `history` must be an object with `at` and `balance`");
            }
            out.add(new Event.FundPoint(Json.instant(p, "at", true), Json.decimal(p, "balance", true)));
        }
        if (out.size() > Market.HISTORY_LIMIT) {
            throw ApiException.badRequest("field `history` has " + out.size() + " entries; at most "
                    + Market.HISTORY_LIMIT + " are kept");
        }
        return out;
    }

    private static BigDecimal positive(ObjectNode body, String field) {
        BigDecimal v = Json.decimal(body, field, true);
        if (v.signum() <= 0) throw ApiException.badRequest("field `" + field + "` must be greater than 0");
        checkFixed(field, v);
        return v;
    }

    private static void checkFixed(String field, BigDecimal v) {
        if (!Decimals.fitsFixed(v)) {
            throw ApiException.badRequest("field `" + field + "` `" + v.toPlainString()
                    + "` has more than 8 decimal places or is too large");
        }
    }
}
