package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.io.ResultJson;
import dev.adl.compile.CompileResult;
import dev.adl.diag.Diagnostic;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.Fill;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The JSON the API answers with: every response body is shaped here, from the services' records. */
final class Views {
    private Views() {
    }

    static String plain(BigDecimal d) {
        return ResultJson.plain(d);
    }

    // ---------------------------------------------------------------- callers and policies

    /** Who a token stands for and what it may do, so a client can offer only what will be allowed. */
    static ObjectNode caller(Caller who, boolean twoPerson) {
        ObjectNode o = Json.object().put("name", who.name());
        ArrayNode roles = o.putArray("roles");
        for (Role role : Role.values()) {
            if (who.roles().contains(role)) roles.add(role.label());
        }
        // the staker a token is bound to: the console offers its staking forms only to such a token
        if (who.staker() == null) o.putNull("staker");
        else o.put("staker", who.staker());
        return o.put("two_person", twoPerson);
    }

    static ObjectNode validation(CompileResult r) {
        ObjectNode out = Json.object();
        out.put("ok", r.ok());
        ArrayNode list = out.putArray("diagnostics");
        for (Diagnostic d : r.diagnostics()) {
            ObjectNode o = list.addObject();
            o.put("severity", d.severity().label());
            o.put("code", d.code());
            o.put("message", d.message());
            o.put("line", d.line());
            o.put("col", d.col());
            o.put("length", d.length());
            if (d.help() != null) o.put("help", d.help());
        }
        if (r.ok()) {
            out.put("name", r.policy().name());
            out.put("version", r.policy().version());
        }
        if (!r.diagnostics().isEmpty()) out.put("formatted", r.formatDiagnostics());
        return out;
    }

    static ObjectNode policySummary(PolicyVersion pv) {
        return Json.object().put("name", pv.name()).put("version", pv.version()).put("sha256", pv.sha256())
                .put("author", pv.author()).put("created_at", pv.createdAt().toString());
    }

    static ArrayNode policyList(PolicyRegistry registry) {
        ArrayNode out = Json.array();
        for (String name : registry.names()) {
            List<PolicyVersion> versions = registry.versions(name);
            ObjectNode o = out.addObject();
            o.put("name", name);
            o.put("latest", versions.get(versions.size() - 1).version());
            ArrayNode vs = o.putArray("versions");
            versions.forEach(pv -> vs.add(pv.version()));
        }
        return out;
    }

    // ---------------------------------------------------------------- markets

    static ObjectNode market(Market.State m, boolean full) {
        ObjectNode o = Json.object();
        o.put("market", m.name());
        PolicyVersion pv = m.policy();
        if (pv == null) {
            o.putNull("policy");
            o.putNull("version");
            o.putNull("sha256");
        } else {
            o.put("policy", pv.name());
            o.put("version", pv.version());
            o.put("sha256", pv.sha256());
        }
        o.put("lot_size", plain(m.lotSize()));
        o.put("mark_price", plain(m.markPrice()));
        o.put("positions", m.openPositions());
        o.put("open_interest_size", plain(m.openInterestSize()));
        o.put("open_interest", plain(m.openInterestSize().multiply(m.markPrice())));
        o.put("house_position", plain(m.houseSize()));
        ObjectNode fund = o.putObject("fund");
        fund.put("balance", plain(m.fund()));
        if (full) {
            ArrayNode h = fund.putArray("history");
            for (Event.FundPoint p : m.fundHistory()) {
                h.addObject().put("at", p.at().toString()).put("balance", plain(p.balance()));
            }
        } else {
            fund.put("history_points", m.fundHistory().size());
        }
        o.put("events", m.events());
        // version 2's latch, which the next event reads as `trigger_active`
        o.put("trigger_active", m.triggerActive());
        return o;
    }

    // ---------------------------------------------------------------- events

    /**
     * An event result as the contract's JSON, with at most {@code fillsLimit} fills: a large
     * event closes thousands of positions, and a person reading the answer wants the first
     * page and the count ({@code fills_total}); the journal keeps them all.
     */
    static ObjectNode result(JsonNode full, int fillsLimit) {
        ObjectNode o = ((ObjectNode) full).deepCopy();
        JsonNode fills = o.get("fills");
        if (fills != null && fills.isArray()) {
            int total = fills.size();
            if (total > fillsLimit) {
                ArrayNode page = Json.array();
                for (int i = 0; i < fillsLimit; i++) page.add(fills.get(i));
                o.set("fills", page);
            }
            o.put("fills_total", total);
            o.put("fills_shown", Math.min(total, fillsLimit));
        }
        return o;
    }

    static ObjectNode applied(Market.Applied a, int fillsLimit) {
        return result(EventService.resultJson(a.result(), a.seq()), fillsLimit);
    }

    static ObjectNode journalEntry(Op.EventApplied op, int fillsLimit) {
        ObjectNode e = Json.object();
        e.put("seq", op.seq());
        e.put("at", op.at().toString());
        e.put("who", op.who());
        ObjectNode ev = e.putObject("event");
        ev.put("bankrupt_account", op.bankruptAccount());
        ev.put("mark_price", op.markPrice().toPlainString());
        ev.put("now", op.now().toString());
        e.set("result", result(op.result(), fillsLimit));
        return e;
    }

    static ObjectNode journal(String market, int total, int offset, int limit, List<Op.EventApplied> page,
                              int fillsLimit) {
        ObjectNode o = Json.object();
        o.put("market", market);
        o.put("total", total);
        o.put("offset", offset);
        o.put("limit", limit);
        ArrayNode list = o.putArray("events");
        page.forEach(op -> list.add(journalEntry(op, fillsLimit)));
        return o;
    }

    static ObjectNode dryRun(EventService.DryRun d, int fillsLimit) {
        ObjectNode out = Json.object();
        out.put("market", d.market());
        out.set("candidate", resultWithoutSeq(d.candidate(), fillsLimit));
        if (d.active() == null) {
            out.putNull("active");
        } else if (d.activeResult() == null) {
            out.putObject("active").put("policy", d.active().name()).put("version", d.active().version())
                    .put("refused", d.activeRefusal());
        } else {
            out.set("active", resultWithoutSeq(d.activeResult(), fillsLimit));
        }
        Set<String> a = accounts(d.candidate());
        Set<String> b = d.activeResult() == null ? Set.of() : accounts(d.activeResult());
        ArrayNode onlyCand = out.putArray("only_candidate");
        a.stream().filter(x -> !b.contains(x)).sorted().forEach(onlyCand::add);
        ArrayNode onlyActive = out.putArray("only_active");
        b.stream().filter(x -> !a.contains(x)).sorted().forEach(onlyActive::add);
        return out;
    }

    private static ObjectNode resultWithoutSeq(EventResult r, int fillsLimit) {
        ObjectNode o = result(EventService.resultJson(r, 0), fillsLimit);
        o.remove("event_seq");
        return o;
    }

    private static Set<String> accounts(EventResult r) {
        Set<String> out = new LinkedHashSet<>();
        for (Fill f : r.fills()) out.add(f.account());
        return out;
    }

    // ---------------------------------------------------------------- activations

    static ObjectNode activation(MarketActivations.Entry e) {
        ObjectNode o = Json.object();
        o.put("seq", e.seq());
        o.put("at", e.at().toString());
        o.put("who", e.who());
        o.put("kind", e.kind());
        o.put("policy", e.policy().name());
        o.put("version", e.policy().version());
        o.put("sha256", e.policy().sha256());
        if (e.previous() == null) {
            o.putNull("previous");
        } else {
            o.putObject("previous").put("policy", e.previous().name()).put("version", e.previous().version());
        }
        return o;
    }

    static ObjectNode approval(String market, MarketActivations.Approval a) {
        return Json.object().put("market", market).put("policy", a.policy()).put("version", a.version())
                .put("approved_by", a.who());
    }

    // ---------------------------------------------------------------- queues

    static ObjectNode queuePlace(String market, QueueSnapshot s, String account) {
        QueueSnapshot.Place p = s.place(account);
        if (p == null) {
            throw ApiException.notFound("account `" + account + "` has no eligible position in market `" + market + "`");
        }
        return Json.object().put("account", p.account()).put("side", p.side()).put("rank", p.rank())
                .put("of", p.of()).put("quintile", p.quintile());
    }

    static ObjectNode queueCounts(String market, QueueSnapshot s) {
        ObjectNode o = Json.object();
        o.put("market", market);
        o.put("policy", s.policy.name());
        o.put("version", s.policy.version());
        o.put("mark_price", plain(s.markPrice));
        side(o.putObject("long"), s.longs, s.longCounts, s.longSizes, s.markPrice);
        side(o.putObject("short"), s.shorts, s.shortCounts, s.shortSizes, s.markPrice);
        return o;
    }

    /** A side's queue by quintile: counts, and the notional (size at the mark price, exact) in each. */
    private static void side(ObjectNode o, int n, long[] counts, long[] sizes, BigDecimal mark) {
        o.put("eligible", n);
        ObjectNode q = o.putObject("quintiles");
        for (int i = 5; i >= 1; i--) q.put(String.valueOf(i), counts[i - 1]);
        ObjectNode notional = o.putObject("notional");
        for (int i = 5; i >= 1; i--) notional.put(String.valueOf(i), plain(Decimals.fromFixed(sizes[i - 1]).multiply(mark)));
    }
}
