package dev.adl.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.pool.PoolJson;
import dev.adl.pool.PoolLedger;
import dev.adl.pool.PoolOp;
import dev.adl.pool.PoolRefusedException;
import dev.adl.pool.PoolState;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.InputException;
import dev.adl.runtime.LayerResult;
import dev.adl.runtime.LayerState;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The layers' state after one event, in the form BUFFERS.json is read ({@link BuffersJson}), so
 * that the next event of {@code adl run} starts where this one ended: each balance is the
 * layer's {@code balance_after}, its history gains that balance at the event's {@code now}, and
 * what it paid joins its {@code paid} entries (its caps count it). A pool layer given as a
 * ledger stays a ledger: what it paid is applied as a {@code loss} (the reserve pays first) and
 * the fees paid into it as {@code revenue}, by the ledger's own rules.
 */
public final class BuffersAfter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private BuffersAfter() {
    }

    public static ObjectNode write(BuffersJson.Buffers before, EventResult result, Instant now) {
        ObjectNode root = NODES.objectNode();
        ObjectNode layers = root.putObject("layers");
        for (LayerResult l : result.layers()) {
            LayerState s = before.layers().get(l.name());
            ObjectNode o = layers.putObject(l.name());
            PoolState ledger = before.ledgers().get(l.name());
            if (ledger == null) {
                o.put("balance", ResultJson.plain(l.balanceAfter()));
            } else {
                o.set("ledger", PoolJson.write(ledgerAfter(l, ledger, now)));
            }
            ArrayNode history = o.putArray("history");
            for (Event.FundPoint p : s.history()) {
                history.addObject().put("at", p.at().toString()).put("balance", ResultJson.plain(p.balance()));
            }
            history.addObject().put("at", now.toString()).put("balance", ResultJson.plain(l.balanceAfter()));
            ArrayNode paid = o.putArray("paid");
            for (LayerState.Paid p : s.paid()) {
                paid.addObject().put("at", p.at().toString()).put("amount", ResultJson.plain(p.amount()));
            }
            if (l.paid().signum() > 0) {
                paid.addObject().put("at", now.toString()).put("amount", ResultJson.plain(l.paid()));
            }
        }
        return root;
    }

    /**
     * The ledger after the layer paid {@code paid} and took the fees (what its balance gained
     * beyond {@code balance_before - paid}). A ledger that refuses (fees into a pool without
     * stakers: revenue never lands where no staker owns it) is an error naming the layer.
     */
    static PoolState ledgerAfter(LayerResult l, PoolState ledger, Instant now) {
        BigDecimal fees = l.balanceAfter().subtract(l.balanceBefore().subtract(l.paid()));
        PoolState s = ledger;
        try {
            if (l.paid().signum() > 0) s = PoolLedger.apply(s, new PoolOp.Loss(now, l.paid())).state();
            if (fees.signum() > 0) s = PoolLedger.apply(s, new PoolOp.Revenue(now, fees)).state();
        } catch (PoolRefusedException e) {
            throw new InputException("error: the ledger of pool `" + l.name() + "` refuses the event's payment: "
                    + e.getMessage());
        }
        return s;
    }
}
