package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adl.runtime.AccountDictionary;
import dev.adl.runtime.Event;
import dev.adl.runtime.PositionStore;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One market's live state. The store, fund and mark are changed only under {@link #lock},
 * so a market's events apply one after another. The active policy is a separate atomic
 * reference: an activation swaps it without waiting for the lock, and an event that has
 * already read it finishes on that version.
 */
public final class Market {
    /** The fund's past balances are kept to this many points; drawdown windows look back hours, not years. */
    static final int HISTORY_LIMIT = 10_000;

    final String name;
    final ReentrantLock lock = new ReentrantLock();
    final AtomicReference<PolicyVersion> active = new AtomicReference<>();
    /** Activations (not rollbacks) still in force, the newest on top: rollback pops one. */
    final Deque<PolicyVersion> activationStack = new ArrayDeque<>();
    final List<JsonNode> activations = new ArrayList<>();
    /** Where this market's event lines are in the operations log. */
    final LineIndex journal = new LineIndex();
    final List<Approval> approvals = new ArrayList<>();

    BigDecimal lotSize;
    BigDecimal markPrice;
    PositionStore store;
    BigDecimal fund = BigDecimal.ZERO;
    List<Event.FundPoint> fundHistory = new ArrayList<>();
    volatile QueueSnapshot queue;
    /** Bumped by every change the queue depends on: store, fund, mark, exposures, active policy. */
    final AtomicLong generation = new AtomicLong();
    final Object queueLock = new Object();
    /** A quintile alert check is queued for this market. */
    final AtomicBoolean alertPending = new AtomicBoolean();
    /** Events applied since the store was last snapshotted (guarded by the lock). */
    int eventsSinceSnapshot;
    /** Changes other than events to the store, fund or settings (guarded by the lock); they void a snapshot in progress. */
    long otherChanges;
    final AtomicBoolean snapshotRunning = new AtomicBoolean();

    /** An approval of a policy version for this market by one token. */
    record Approval(String policy, long version, String tokenId, String who) {
    }

    Market(String name, BigDecimal lotSize, BigDecimal markPrice) {
        this.name = name;
        this.lotSize = lotSize;
        this.markPrice = markPrice;
        this.store = PositionStore.builder(name, new AccountDictionary()).build();
    }

    public String name() {
        return name;
    }

    void changed() {
        generation.incrementAndGet();
    }

    void addFundPoint(Event.FundPoint p) {
        fundHistory.add(p);
        if (fundHistory.size() > HISTORY_LIMIT) {
            fundHistory = new ArrayList<>(fundHistory.subList(fundHistory.size() - HISTORY_LIMIT, fundHistory.size()));
        }
    }

    /** Rows with a size above zero. */
    int openPositions() {
        int n = 0;
        for (int r = 0; r < store.rows(); r++) {
            if (store.sizeFixed(r) > 0) n++;
        }
        return n;
    }

    int journalSize() {
        return journal.size();
    }
}
