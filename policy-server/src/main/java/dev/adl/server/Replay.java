package dev.adl.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the server's state from its operations log at start, through the same services
 * that made the changes. Before a market's last snapshot its store, fund and events are
 * superseded: the snapshot holds their outcome, so those events only rejoin the journal.
 * Events logged while the snapshot was being written (after the journal length it holds)
 * are applied on top of it, in order. A market's journal starts with the events its
 * {@link JournalArchive} holds; those are never replayed.
 */
final class Replay implements Op.Visitor<Void> {
    private final ServerState s;
    /** Per market: the log line of its last snapshot and the journal length it holds. */
    private final Map<String, int[]> lastSnapshot = new HashMap<>();
    /** Per market: events logged during its last snapshot's writing, applied after it. */
    private final Map<String, List<OperationsLog.Entry>> deferred = new HashMap<>();
    /** The layers as a deferred event's line found them: it pays there, and reads them when applied later. */
    private final Map<OperationsLog.Entry, dev.adl.runtime.Venue> deferredLayers = new HashMap<>();
    private OperationsLog.Entry current;
    /** Markets whose archived events are already in their journal. */
    private final java.util.Set<String> seeded = new java.util.HashSet<>();
    /** Events applied through the engine (not those a snapshot or the archive holds). */
    private int replayed;

    private Replay(ServerState s) {
        this.s = s;
    }

    /** Replays the entries; returns how many events went through the engine. */
    static int run(ServerState s, List<OperationsLog.Entry> entries) {
        Replay r = new Replay(s);
        for (OperationsLog.Entry e : entries) {
            if (e.op() instanceof Op.SnapshotTaken snap) {
                r.lastSnapshot.put(snap.market(), new int[] {e.line(), snap.journalSeq()});
            }
        }
        for (OperationsLog.Entry e : entries) {
            try {
                r.apply(e);
            } catch (RuntimeException ex) {
                throw new IllegalStateException(s.ops.path() + ":" + e.line() + ": cannot replay this operation: "
                        + ex.getMessage(), ex);
            }
        }
        return r.replayed;
    }

    private void apply(OperationsLog.Entry e) {
        if (e.op() instanceof Op.EventApplied ev && ev.seq() <= s.ops.archive().size(ev.market())) {
            // archived by a cut that a crash interrupted: the market's outcome is in its snapshot, the layers' is here
            s.events.restorePayments(ev);
            return;
        }
        if (e.op() instanceof Op.OnMarket on) {
            int[] snap = lastSnapshot.get(on.market());
            if (snap != null && e.line() < snap[0] && superseded(e, snap[1])) return;
        }
        current = e;
        e.op().accept(this);
    }

    /** True when the snapshot to come holds this operation's outcome. */
    private boolean superseded(OperationsLog.Entry e, int snapshotSeq) {
        if (e.op() instanceof Op.EventApplied ev) {
            // the layers are not in the market's snapshot: the event pays them here, at its place in the log
            dev.adl.runtime.Venue before = s.events.restorePayments(ev);
            if (ev.seq() <= snapshotSeq) {
                s.markets.require(ev.market()).journalOnly(e.pos());
            } else {
                deferred.computeIfAbsent(ev.market(), k -> new ArrayList<>()).add(e);
                deferredLayers.put(e, before);
            }
            return true;
        }
        return e.op() instanceof Op.PositionsPut || e.op() instanceof Op.FundSet
                || e.op() instanceof Op.SnapshotTaken;
    }

    @Override
    public Void policy(Op.PolicyStored op) {
        s.policies.restore(op);
        return null;
    }

    @Override
    public Void market(Op.MarketSet op) {
        s.markets.restore(op);
        if (seeded.add(op.market())) s.markets.require(op.market()).journalArchived(s.ops.archive().positions(op.market()));
        return null;
    }

    @Override
    public Void positions(Op.PositionsPut op) {
        s.inputs.restore(op);
        return null;
    }

    @Override
    public Void fund(Op.FundSet op) {
        s.inputs.restore(op);
        return null;
    }

    @Override
    public Void exposures(Op.ExposuresPut op) {
        s.inputs.restore(op);
        return null;
    }

    @Override
    public Void accounts(Op.AccountsPut op) {
        s.inputs.restore(op);
        return null;
    }

    @Override
    public Void event(Op.EventApplied op) {
        replayed++;
        s.events.restore(op, current.pos(), null);
        return null;
    }

    @Override
    public Void activation(Op.Activated op) {
        s.activations.restore(op);
        return null;
    }

    @Override
    public Void approval(Op.Approved op) {
        s.activations.restore(op);
        return null;
    }

    @Override
    public Void snapshot(Op.SnapshotTaken op) {
        Market m = s.markets.require(op.market());
        s.snapshots.restore(m, op);
        for (OperationsLog.Entry e : deferred.getOrDefault(m.name(), List.of())) {
            replayed++;
            s.events.restore((Op.EventApplied) e.op(), e.pos(), deferredLayers.remove(e));
        }
        return null;
    }

    @Override
    public Void layer(Op.LayerSet op) {
        s.layers.restore(op);
        return null;
    }

    @Override
    public Void pool(Op.PoolChanged op) {
        s.layers.restore(op);
        return null;
    }

    @Override
    public Void layersPaid(Op.LayersPaid op) {
        s.layers.restore(op);
        return null;
    }
}
