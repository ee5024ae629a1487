package dev.adl.server;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A market's policy versions over time: the active one (an atomic reference, so an event
 * reads it without waiting), the activations still in force (rollback pops one), every
 * activation and rollback as an entry, and the approvals given for the two-person rule.
 * Changes are synchronized on this object and put on record before they are made.
 */
final class MarketActivations {
    /** One activation or rollback, numbered from 1 in the order they happened. */
    record Entry(int seq, Instant at, String who, String kind, PolicyVersion policy, PolicyVersion previous) {
    }

    /** An approval of a policy version for this market by one token. */
    record Approval(String policy, long version, String tokenId, String who) {
    }

    private final AtomicReference<PolicyVersion> active = new AtomicReference<>();
    /** Activations (not rollbacks) still in force, the newest on top. */
    private final Deque<PolicyVersion> inForce = new ArrayDeque<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Approval> approvals = new ArrayList<>();

    PolicyVersion active() {
        return active.get();
    }

    /** Makes {@code pv} active once {@code record} has put it on record. */
    synchronized Entry activate(PolicyVersion pv, Instant at, String who, Runnable record) {
        record.run();
        inForce.push(pv);
        return swap(pv, Op.Activated.ACTIVATE, at, who);
    }

    /**
     * Returns to the activation before the one in force, once {@code record} has put that
     * version on record; null (and nothing recorded) when there is no earlier activation.
     */
    synchronized Entry rollback(Instant at, String who, Consumer<PolicyVersion> record) {
        if (inForce.size() < 2) return null;
        var it = inForce.iterator();
        it.next();
        PolicyVersion previous = it.next();
        record.accept(previous);
        inForce.pop();
        return swap(previous, Op.Activated.ROLLBACK, at, who);
    }

    private Entry swap(PolicyVersion pv, String kind, Instant at, String who) {
        Entry e = new Entry(entries.size() + 1, at, who, kind, pv, active.get());
        entries.add(e);
        active.set(pv);
        return e;
    }

    synchronized void approve(Approval a, Runnable record) {
        record.run();
        approvals.add(a);
    }

    /** True when a token other than the version's proposer approved it for this market. */
    synchronized boolean approved(PolicyVersion pv) {
        for (Approval a : approvals) {
            if (a.policy().equals(pv.name()) && a.version() == pv.version() && !a.tokenId().equals(pv.authorToken())) {
                return true;
            }
        }
        return false;
    }

    /** The approvals given in this market, oldest first. */
    synchronized List<Approval> approvals() {
        return List.copyOf(approvals);
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
