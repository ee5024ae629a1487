package dev.adl.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.Fill;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * What subscribed traders hear: their fills, and an alert when their place in a market's
 * queue reaches the active policy's {@code notify} threshold. Ranks for the alerts run on
 * their own thread, so ranking a large market never delays an event's answer.
 */
final class QuintileAlerts implements AutoCloseable {
    private final Notifier notifier;
    private final Function<Market, QueueSnapshot> queue;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "adl-quintile-alerts");
        t.setDaemon(true);
        return t;
    });

    QuintileAlerts(Notifier notifier, Function<Market, QueueSnapshot> queue) {
        this.notifier = notifier;
        this.queue = queue;
    }

    /** Fills go out at once; the quintile check is queued. */
    void afterEvent(Market m, PolicyVersion pv, EventResult r, int seq) {
        if (!notifier.hasSubscribers()) return;
        for (Fill f : r.fills()) {
            ObjectNode d = Json.object().put("market", m.name()).put("event_seq", seq).put("account", f.account())
                    .put("side", f.side()).put("size", Views.plain(f.size()))
                    .put("price", Views.plain(f.price()))
                    .put("realized_pnl", Views.plain(f.realizedPnl()))
                    .put("tier", f.tier()).put("rank", f.rank())
                    .put("policy", pv.name()).put("version", pv.version());
            notifier.send(f.account(), "fill", d);
        }
        schedule(m);
    }

    /** Checks the subscribers' quintiles in a market soon; changes that arrive meanwhile share one check. */
    void schedule(Market m) {
        if (!notifier.hasSubscribers() || !m.alertPending.compareAndSet(false, true)) return;
        try {
            thread.execute(() -> {
                m.alertPending.set(false);
                try {
                    check(m, notifier.accounts());
                } catch (RuntimeException e) {
                    Logger.getLogger(QuintileAlerts.class.getName())
                            .warning("quintile alerts for market " + m.name() + " failed: " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException closing) {
            m.alertPending.set(false);
        }
    }

    /** Quintile alerts for subscribed accounts with a position in the market, under the active policy's {@code notify}. */
    void check(Market m, Set<String> accounts) {
        PolicyVersion pv = m.active();
        if (pv == null || pv.compiled().notifyQuintile().isEmpty()) return;
        int threshold = pv.compiled().notifyQuintile().getAsInt();
        List<String> here = new ArrayList<>();
        for (String a : accounts) {
            if (m.hasPosition(a)) here.add(a);
        }
        if (here.isEmpty()) return;
        QueueSnapshot s = queue.apply(m);
        for (String a : here) {
            QueueSnapshot.Place p = s.place(a);
            ObjectNode d = Json.object().put("market", m.name()).put("account", a).put("threshold", threshold)
                    .put("policy", s.policy.name()).put("version", s.policy.version());
            if (p != null) d.put("side", p.side()).put("rank", p.rank()).put("of", p.of()).put("quintile", p.quintile());
            notifier.quintile(m.name(), a, p == null ? null : p.quintile(), threshold, d);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
