package dev.adl.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.io.ResultJson;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;

/** The JSON the API answers with for markets, event results, journal entries and queues. */
final class Views {
    private Views() {
    }

    /** A market's state; the caller holds the market's lock. */
    static ObjectNode market(Market m, boolean full) {
        ObjectNode o = Json.object();
        o.put("market", m.name);
        PolicyVersion pv = m.active.get();
        if (pv == null) {
            o.putNull("policy");
            o.putNull("version");
            o.putNull("sha256");
        } else {
            o.put("policy", pv.name());
            o.put("version", pv.version());
            o.put("sha256", pv.sha256());
        }
        o.put("lot_size", ServerState.plain(m.lotSize));
        o.put("mark_price", ServerState.plain(m.markPrice));
        o.put("positions", m.openPositions());
        o.put("open_interest_size", ServerState.plain(m.store.longTotal()));
        o.put("open_interest", ServerState.plain(m.store.longTotal().multiply(m.markPrice)));
        o.put("house_position", ServerState.plain(m.store.house()));
        ObjectNode fund = o.putObject("fund");
        fund.put("balance", ServerState.plain(m.fund));
        if (full) {
            ArrayNode h = fund.putArray("history");
            for (Event.FundPoint p : m.fundHistory) {
                h.addObject().put("at", p.at().toString()).put("balance", ServerState.plain(p.balance()));
            }
        } else {
            fund.put("history_points", m.fundHistory.size());
        }
        o.put("events", m.journalSize());
        return o;
    }

    /** An event result as the contract of LANGUAGE.md, numbered by its place in the market's journal. */
    static ObjectNode result(EventResult r, int seq) {
        ObjectNode o = (ObjectNode) Json.parse(ResultJson.write(r));
        o.put("event_seq", seq);
        return o;
    }

    /** A journal entry from the event's operation line. */
    static ObjectNode journalEntry(ObjectNode op) {
        ObjectNode e = Json.object();
        e.put("seq", op.get("seq").asInt());
        e.put("at", op.get("at").asText());
        e.put("who", op.get("who").asText());
        ObjectNode ev = e.putObject("event");
        ev.put("bankrupt_account", op.get("bankrupt_account").asText());
        ev.put("mark_price", op.get("mark_price").asText());
        ev.put("now", op.get("now").asText());
        e.set("result", op.get("result"));
        return e;
    }

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
        side(o.putObject("long"), s.longs, s.longCounts);
        side(o.putObject("short"), s.shorts, s.shortCounts);
        return o;
    }

    private static void side(ObjectNode o, int n, long[] counts) {
        o.put("eligible", n);
        ObjectNode q = o.putObject("quintiles");
        for (int i = 5; i >= 1; i--) q.put(String.valueOf(i), counts[i - 1]);
    }

}
