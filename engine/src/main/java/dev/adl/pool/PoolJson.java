package dev.adl.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.diag.Echo;
import dev.adl.diag.SourcePos;
import dev.adl.io.EventValidation;
import dev.adl.io.LocatedJson;
import dev.adl.io.ResultJson;
import dev.adl.runtime.InputException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON form of a pool's ledger (EXCHANGE.md section 3), shared by {@code adl pool}
 * and the server: the state ({@code value, reserve, total_shares, cooldown, stakers}) and the
 * operations ({@code {"op": "stake", "at": "...", ...}}). Amounts and shares are written as
 * strings of plain decimals; a reader takes strings or JSON numbers (by their exact text).
 * A document that does not have the form is an {@link InputException} at the line and column
 * of the value at fault; what the ledger's rules refuse (an amount of 0, a ninth decimal) is
 * left to {@link PoolLedger}, which refuses the one operation.
 */
public final class PoolJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Map<String, Set<String>> OP_FIELDS = Map.of(
            "stake", Set.of("staker", "amount"),
            "revenue", Set.of("amount"),
            "loss", Set.of("amount"),
            "unstake_request", Set.of("staker", "shares"),
            "unstake_cancel", Set.of("staker"),
            "withdraw", Set.of("staker"),
            "reset", Set.of());

    private PoolJson() {
    }

    // ---------------------------------------------------------------- state

    /** Reads a state file's text; {@code source} names it in errors. */
    public static PoolState readState(String source, String text) {
        LocatedJson doc = LocatedJson.parse(source, text, "the pool state");
        return new Reader(source, doc).state("");
    }

    /** Reads a state from a tree without text (a stored document); errors are at line 0. */
    public static PoolState state(JsonNode node, String source) {
        return new Reader(source, LocatedJson.of(node, new SourcePos(0, 0, 1))).state("");
    }

    /** Reads the state at {@code pointer} of a document read elsewhere (a pool layer of a buffers file). */
    public static PoolState state(String source, LocatedJson doc, String pointer) {
        return new Reader(source, doc).state(pointer);
    }

    public static ObjectNode write(PoolState s) {
        ObjectNode o = NODES.objectNode();
        o.put("value", plain(s.value()));
        o.put("reserve", plain(s.reserve()));
        o.put("total_shares", plain(s.totalShares()));
        o.put("cooldown", s.cooldown().text());
        ObjectNode stakers = o.putObject("stakers");
        s.stakers().forEach((id, st) -> {
            ObjectNode so = stakers.putObject(id);
            so.put("shares", plain(st.shares()));
            so.put("value", plain(s.worth(st.shares())));
            if (st.request() == null) {
                so.putNull("request");
            } else {
                so.putObject("request").put("shares", plain(st.request().shares()))
                        .put("value_at_request", plain(st.request().valueAtRequest()))
                        .put("requested_at", st.request().requestedAt().toString());
            }
        });
        return o;
    }

    // ---------------------------------------------------------------- operations

    /** Reads an OPS.json text: a list of operations. */
    public static List<PoolOp> readOps(String source, String text) {
        LocatedJson doc = LocatedJson.parse(source, text, "the operations");
        Reader r = new Reader(source, doc);
        if (!doc.root().isArray()) throw r.error("", "the operations must be a JSON list of objects");
        List<PoolOp> out = new ArrayList<>();
        for (int i = 0; i < doc.root().size(); i++) {
            out.add(r.op("/" + i));
        }
        return out;
    }

    /** Reads one operation from a tree without text (a line of the server's log). */
    public static PoolOp op(JsonNode node, String source) {
        return new Reader(source, LocatedJson.of(node, new SourcePos(0, 0, 1))).op("");
    }

    public static ObjectNode write(PoolOp op) {
        ObjectNode o = NODES.objectNode();
        o.put("op", op.kind());
        o.put("at", op.at().toString());
        if (op instanceof PoolOp.Stake s) {
            o.put("staker", s.staker()).put("amount", plain(s.amount()));
        } else if (op instanceof PoolOp.Revenue r) {
            o.put("amount", plain(r.amount()));
        } else if (op instanceof PoolOp.Loss l) {
            o.put("amount", plain(l.amount()));
        } else if (op instanceof PoolOp.UnstakeRequest u) {
            o.put("staker", u.staker()).put("shares", plain(u.shares()));
        } else if (op instanceof PoolOp.UnstakeCancel c) {
            o.put("staker", c.staker());
        } else if (op instanceof PoolOp.Withdraw w) {
            o.put("staker", w.staker());
        }
        return o;
    }

    /** One entry of {@code results}: {@code {"op": i, "ok": true, ...what it did}}. */
    public static ObjectNode applied(int index, PoolLedger.Outcome outcome) {
        ObjectNode o = NODES.objectNode().put("op", index).put("ok", true);
        outcome.facts().forEach((k, v) -> o.put(k, v instanceof BigDecimal d ? plain(d) : String.valueOf(v)));
        return o;
    }

    /** One entry of {@code results} for a refused operation. */
    public static ObjectNode refused(int index, String error) {
        return NODES.objectNode().put("op", index).put("ok", false).put("error", error);
    }

    /** Applies the operations in order; a refused one changes nothing and the later ones still apply. */
    public static ObjectNode run(PoolState start, List<PoolOp> ops) {
        PoolState s = start;
        ArrayNode results = NODES.arrayNode();
        for (int i = 0; i < ops.size(); i++) {
            try {
                PoolLedger.Outcome out = PoolLedger.apply(s, ops.get(i));
                s = out.state();
                results.add(applied(i, out));
            } catch (PoolRefusedException e) {
                results.add(refused(i, e.getMessage()));
            }
        }
        ObjectNode o = write(s);
        o.set("results", results);
        return o;
    }

    public static String plain(BigDecimal d) {
        return ResultJson.plain(d);
    }

    // ---------------------------------------------------------------- reading

    /** Reads values of one document, each error at the place of the value at fault. */
    private record Reader(String source, LocatedJson doc) {
        InputException error(String pointer, String sentence) {
            SourcePos at = doc.at(pointer);
            return InputException.at(source, at.line(), at.col(), "bad_pool", sentence);
        }

        JsonNode node(String pointer) {
            return pointer.isEmpty() ? doc.root() : doc.root().at(pointer);
        }

        PoolState state(String p) {
            JsonNode o = node(p);
            if (!o.isObject()) throw error(p, "the pool state must be a JSON object");
            known(p, o, Set.of("value", "reserve", "total_shares", "cooldown", "stakers", "results"), "the pool state");
            BigDecimal value = notNegative(p, "value");
            BigDecimal reserve = notNegative(p, "reserve");
            BigDecimal total = notNegative(p, "total_shares");
            String cd = text(p, "cooldown");
            Cooldown cooldown;
            try {
                cooldown = Cooldown.parse(cd);
            } catch (IllegalArgumentException e) {
                throw error(LocatedJson.child(p, "cooldown"), e.getMessage());
            }
            Map<String, PoolState.Staker> stakers = new LinkedHashMap<>();
            String sp = LocatedJson.child(p, "stakers");
            JsonNode list = o.get("stakers");
            if (list == null || !list.isObject()) throw error(sp, "field `stakers` must be an object of stakers by id");
            BigDecimal sum = BigDecimal.ZERO;
            for (var it = list.fields(); it.hasNext(); ) {
                String id = it.next().getKey();
                PoolState.Staker st = staker(LocatedJson.child(sp, id), id);
                stakers.put(id, st);
                sum = sum.add(st.shares());
            }
            if (sum.compareTo(total) != 0) {
                throw error(LocatedJson.child(p, "total_shares"), "`total_shares` is `" + plain(total)
                        + "` but the stakers' shares add up to `" + plain(sum) + "`");
            }
            if (total.signum() == 0 && value.signum() > 0) {
                throw error(LocatedJson.child(p, "value"), "a pool without shares has value 0 (what no staker owns"
                        + " is in `reserve`), not `" + plain(value) + "`");
            }
            return new PoolState(value, reserve, total, cooldown, stakers, null);
        }

        PoolState.Staker staker(String p, String id) {
            JsonNode o = node(p);
            if (!o.isObject()) throw error(p, "staker `" + Echo.of(id) + "` must be an object with `shares`");
            known(p, o, Set.of("shares", "value", "request"), "a staker");
            BigDecimal shares = positive(p, "shares");
            JsonNode r = o.get("request");
            if (r == null || r.isNull()) return new PoolState.Staker(shares, null);
            String rp = LocatedJson.child(p, "request");
            if (!r.isObject()) throw error(rp, "field `request` must be null or an object");
            known(rp, r, Set.of("shares", "value_at_request", "requested_at"), "a request");
            BigDecimal rs = positive(rp, "shares");
            if (rs.compareTo(shares) > 0) {
                throw error(LocatedJson.child(rp, "shares"), "the request of staker `" + Echo.of(id) + "` holds `"
                        + plain(rs) + "` shares, more than its `" + plain(shares) + "`");
            }
            return new PoolState.Staker(shares, new PoolState.Request(rs, notNegative(rp, "value_at_request"),
                    instant(rp, "requested_at")));
        }

        PoolOp op(String p) {
            JsonNode o = node(p);
            if (!o.isObject()) throw error(p, "an operation must be an object such as {\"op\": \"stake\", ...}");
            String kind = text(p, "op");
            Set<String> fields = OP_FIELDS.get(kind);
            if (fields == null) {
                throw error(LocatedJson.child(p, "op"), "unknown operation `" + Echo.of(kind) + "` (operations are "
                        + "stake, revenue, loss, unstake_request, unstake_cancel, withdraw, reset)");
            }
            Set<String> allowed = new java.util.HashSet<>(fields);
            allowed.add("op");
            allowed.add("at");
            known(p, o, allowed, "`" + kind + "`");
            Instant at = instant(p, "at");
            return switch (kind) {
                case "stake" -> new PoolOp.Stake(at, text(p, "staker"), decimal(p, "amount"));
                case "revenue" -> new PoolOp.Revenue(at, decimal(p, "amount"));
                case "loss" -> new PoolOp.Loss(at, decimal(p, "amount"));
                case "unstake_request" -> new PoolOp.UnstakeRequest(at, text(p, "staker"), decimal(p, "shares"));
                case "unstake_cancel" -> new PoolOp.UnstakeCancel(at, text(p, "staker"));
                case "withdraw" -> new PoolOp.Withdraw(at, text(p, "staker"));
                default -> new PoolOp.Reset(at);
            };
        }

        void known(String p, JsonNode o, Set<String> allowed, String what) {
            for (var it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    throw error(LocatedJson.child(p, f), what + " has no field `" + Echo.of(f) + "`");
                }
            }
        }

        JsonNode field(String p, String f) {
            JsonNode v = node(p).get(f);
            if (v == null || v.isNull()) throw error(p, "field `" + f + "` is required");
            return v;
        }

        String text(String p, String f) {
            JsonNode v = field(p, f);
            if (!v.isTextual() || v.asText().isEmpty()) {
                throw error(LocatedJson.child(p, f), "field `" + f + "` must be a non-empty string");
            }
            return v.asText();
        }

        Instant instant(String p, String f) {
            String s = text(p, f);
            try {
                Instant t = Instant.parse(s);
                if (EventValidation.inYears(t)) return t;
            } catch (DateTimeParseException e) {
                // reported below with the other out-of-form instants
            }
            throw error(LocatedJson.child(p, f), "field `" + f + "` must be an ISO-8601 instant in the years 1970 to"
                    + " 9999 such as \"2026-01-01T08:00:00Z\", got `" + Echo.of(s) + "`");
        }

        /** A decimal as a string of plain notation or a JSON number; its range is the ledger's to judge. */
        BigDecimal decimal(String p, String f) {
            JsonNode v = field(p, f);
            String at = LocatedJson.child(p, f);
            if (v.isNumber()) {
                BigDecimal d = v.decimalValue();
                if (EventValidation.tooManyDigits(d) || d.scale() > 40) {
                    throw error(at, "field `" + f + "` `" + v + "` is out of range");
                }
                return d;
            }
            String s = v.isTextual() ? v.asText().trim() : "";
            if (!s.matches("-?[0-9]{1,40}(\\.[0-9]{1,40})?")) {
                throw error(at, "field `" + f + "` must be a plain decimal such as \"1000.5\", got `"
                        + Echo.of(v.isTextual() ? v.asText() : v.toString()) + "`");
            }
            return new BigDecimal(s);
        }

        BigDecimal notNegative(String p, String f) {
            BigDecimal d = decimal(p, f);
            if (d.signum() < 0) throw error(LocatedJson.child(p, f), "field `" + f + "` must be 0 or more");
            return checked(p, f, d);
        }

        BigDecimal positive(String p, String f) {
            BigDecimal d = decimal(p, f);
            if (d.signum() <= 0) throw error(LocatedJson.child(p, f), "field `" + f + "` must be greater than 0");
            return checked(p, f, d);
        }

        /** A stored amount the ledger could not have written: at most 8 decimals, in range. */
        BigDecimal checked(String p, String f, BigDecimal d) {
            try {
                PoolLedger.checkDecimals(f, d);
            } catch (PoolRefusedException e) {
                throw error(LocatedJson.child(p, f), e.getMessage());
            }
            return d;
        }
    }
}
