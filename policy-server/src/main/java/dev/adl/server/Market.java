package dev.adl.server;

import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.Venue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One market's live state: lot size, mark, positions, fund and its history, and the journal
 * of its events. Every change goes through a method here that takes the market's lock, so a
 * market's changes apply one after another; each takes a {@code record} step that puts the
 * change on the operations log while the lock is held and before the change is made, so what
 * is visible is always what a replay rebuilds. The active policy lives in
 * {@link MarketActivations}: an activation swaps it without waiting for this lock, and an
 * event that has already read it finishes on that version.
 */
public final class Market {
    /** The fund's past balances are kept to this many points; drawdown windows look back hours, not years. */
    static final int HISTORY_LIMIT = 10_000;

    private final String name;
    /** The venue's account sums, which this market's positions and mark are part of. */
    private final AccountBook accounts;
    private final ReentrantLock lock = new ReentrantLock();
    private final MarketActivations activations = new MarketActivations();
    /** Where this market's event lines are: the first {@link #archived} in its journal archive, the rest in the operations log. */
    private final LineIndex journal = new LineIndex();
    private volatile int archived;

    // guarded by lock
    private BigDecimal lotSize;
    private BigDecimal markPrice;
    private PositionStore store;
    private BigDecimal fund = BigDecimal.ZERO;
    private List<Event.FundPoint> fundHistory = new ArrayList<>();
    /** Version 2's latch: the last event's {@code trigger_active_after}, which the next event reads. */
    private boolean latched;
    /** Events applied since the store was last snapshotted. */
    private int eventsSinceSnapshot;
    /** Changes other than events to the store, fund or settings; they void a snapshot in progress. */
    private long otherChanges;

    /** Bumped by every change the queue depends on: store, fund, mark, exposures, active policy. */
    private final AtomicLong generation = new AtomicLong();
    volatile QueueSnapshot queue;
    final Object queueLock = new Object();
    /** A quintile alert check is queued for this market. */
    final AtomicBoolean alertPending = new AtomicBoolean();
    final AtomicBoolean snapshotRunning = new AtomicBoolean();

    /** What a view of the market shows, read at one moment. */
    record State(String name, PolicyVersion policy, BigDecimal lotSize, BigDecimal markPrice, int openPositions,
                 BigDecimal openInterestSize, BigDecimal houseSize, BigDecimal fund,
                 List<Event.FundPoint> fundHistory, int events, boolean triggerActive) {
    }

    /** An applied event: the version that decided it, its result and its place in the journal. */
    record Applied(PolicyVersion policy, EventResult result, int seq) {
    }

    /** What a snapshot is made of, taken under the lock; the store is a private copy. */
    record SnapshotInput(PositionStore store, BigDecimal lotSize, BigDecimal markPrice, BigDecimal fund,
                         List<Event.FundPoint> history, int journalSeq, long otherChanges, boolean latched,
                         long balanceChanges) {
    }

    /** Puts an event on record given its version, result and journal number; returns where its line is. */
    interface EventRecord {
        AppendLog.Pos record(PolicyVersion policy, EventResult result, int seq, EventVenue.Held venue);
    }

    Market(String name, BigDecimal lotSize, BigDecimal markPrice, AccountBook accounts) {
        this.name = name;
        this.lotSize = lotSize;
        this.markPrice = markPrice;
        this.accounts = accounts;
        this.store = PositionStore.builder(name, accounts.dictionary()).build();
        accounts.put(store, markPrice, () -> { });
    }

    public String name() {
        return name;
    }

    MarketActivations activations() {
        return activations;
    }

    PolicyVersion active() {
        return activations.active();
    }

    long generation() {
        return generation.get();
    }

    /** Marks the queue stale: called after every change it depends on, here or outside (exposures, activations). */
    void changed() {
        generation.incrementAndGet();
    }

    // ---------------------------------------------------------------- reads

    State state() {
        lock.lock();
        try {
            return new State(name, active(), lotSize, markPrice, openPositions(), store.longTotal(), store.house(),
                    fund, List.copyOf(fundHistory), journal.size(), latched);
        } finally {
            lock.unlock();
        }
    }

    boolean hasPosition(String account) {
        lock.lock();
        try {
            return store.rowOf(account) >= 0;
        } finally {
            lock.unlock();
        }
    }

    int journalSize() {
        return journal.size();
    }

    AppendLog.Pos[] journalPage(int offset, int limit) {
        return journal.page(offset, limit);
    }

    /** What the queue is computed from; the store is copied so ranking never holds the lock. */
    QueueSnapshot.Input queueInput(PolicyVersion pv, ExposureFeed feed) {
        lock.lock();
        try {
            return new QueueSnapshot.Input(generation.get(), pv, store.copy(), feed, markPrice, fund,
                    List.copyOf(fundHistory));
        } finally {
            lock.unlock();
        }
    }

    /** Lot size, mark, a private copy of the store, fund and its history, as the lab starts from them. */
    record LabCopy(String name, BigDecimal lotSize, BigDecimal markPrice, PositionStore store, BigDecimal fund,
                   List<Event.FundPoint> fundHistory) {
    }

    /**
     * Runs {@code read} holding this market's lock; the lab nests these calls to copy every
     * market at one instant (the lock is reentrant, so {@link #labCopy()} may run inside).
     */
    <T> T locked(java.util.function.Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    LabCopy labCopy() {
        return locked(() -> new LabCopy(name, lotSize, markPrice, store.copy(), fund, List.copyOf(fundHistory)));
    }

    // ---------------------------------------------------------------- changes

    /** Sets the lot size and mark price once {@code record} has put the change on record. */
    void setSettings(BigDecimal lot, BigDecimal mark, Runnable record) {
        lock.lock();
        accounts.lock.lock();
        try {
            record.run();
            lotSize = lot;
            markPrice = mark;
            accounts.mark(name, mark);
            otherChanges++;
            changed();
        } finally {
            accounts.lock.unlock();
            lock.unlock();
        }
    }

    /**
     * Replaces the store with {@code rows} or merges them into it (each account's row replaced
     * or added). The new store is built before {@code record} runs, so a logged change always
     * replays. Returns the number of open positions after.
     */
    int putPositions(PositionStore rows, boolean replace, Runnable record) {
        lock.lock();
        try {
            PositionStore next = accounts.share(replace ? rows : StoreCsv.merge(store, rows));
            accounts.put(next, markPrice, record);
            store = next;
            otherChanges++;
            changed();
            return openPositions();
        } finally {
            lock.unlock();
        }
    }

    void setFund(BigDecimal balance, List<Event.FundPoint> history, Runnable record) {
        lock.lock();
        try {
            record.run();
            fund = balance;
            fundHistory = new ArrayList<>(history);
            otherChanges++;
            changed();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies an event to the store under the lock with {@code policy} (null: the active one):
     * store, fund, mark and fund history change together or not at all, and only once
     * {@code record} has put the event on record. The engine refuses with an
     * {@link dev.adl.runtime.InputException} and changes nothing.
     */
    Applied applyEvent(PolicyVersion policy, String account, BigDecimal mark, Instant now, ExposureFeed feed,
                       Function<PolicyVersion, EventVenue.Held> venue, EventRecord record) {
        lock.lock();
        try {
            PolicyVersion pv = policy != null ? policy : active();
            if (pv == null) throw ApiException.conflict("market `" + name + "` has no active policy; activate one first");
            requirePosition(account);
            int seq = journal.size() + 1;
            AppendLog.Pos[] logged = new AppendLog.Pos[1];
            Event e = event(account, mark, now);
            // market, then the venue's accounts, then the layers (never the other way round); the
            // accounts are held from the ranking's read of them to the update after the line
            EventResult r = accounts.event(name, store, mark, (sums, onRecord) -> {
                try (EventVenue.Held held = venue.apply(pv)) {
                    // on record before the store changes: a write that fails leaves the market as it was
                    return AdlEngine.applyOnRecord(pv.compiled(), store, feed, e, new Venue(held.venue.layers(), sums),
                            result -> {
                                logged[0] = record.record(pv, result, seq, held);
                                onRecord.accept(result);
                            });
                }
            });
            // a waterfall pays from the venue's layers: the market's own fund is not one of them
            if (pv.compiled().ast().waterfall() == null) {
                // The balance before the event is a point of the history: later drawdown windows must see that peak.
                addFundPoint(new Event.FundPoint(now, fund));
                fund = r.fundAfter();
            }
            if (r.triggerActiveAfter() != null) latched = r.triggerActiveAfter();
            markPrice = mark;
            eventsSinceSnapshot++;
            changed();
            journal.add(logged[0]);
            return new Applied(pv, r, seq);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} against the market's event for these values, on the current state, changing nothing. */
    <T> T dryRun(String account, BigDecimal mark, Instant now, Function<DryRunContext, T> work) {
        lock.lock();
        accounts.lock.lock();
        try {
            requirePosition(account);
            return work.apply(new DryRunContext(store, event(account, mark, now), accounts.sums()));
        } finally {
            accounts.lock.unlock();
            lock.unlock();
        }
    }

    /** Replay, before any other event: the journal starts with the events its archive holds. */
    void journalArchived(List<AppendLog.Pos> positions) {
        lock.lock();
        try {
            if (journal.size() > 0) throw new IllegalStateException("market `" + name + "` has events before its archive");
            positions.forEach(journal::add);
            archived = positions.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many of the journal's first events are in the archive rather than the operations log. */
    int archived() {
        return archived;
    }

    /** An event already journaled that a snapshot covers: it rejoins the journal without being applied. */
    void journalOnly(AppendLog.Pos pos) {
        journal.add(pos);
    }

    // ---------------------------------------------------------------- snapshots

    /** Whether snapshots are still taken: not once an event has read account values across markets. */
    boolean snapshotsAllowed() {
        return accounts.snapshotsAllowed();
    }

    int eventsSinceSnapshot() {
        lock.lock();
        try {
            return eventsSinceSnapshot;
        } finally {
            lock.unlock();
        }
    }

    SnapshotInput snapshotInput() {
        lock.lock();
        try {
            return new SnapshotInput(store.copy(), lotSize, markPrice, fund, List.copyOf(fundHistory),
                    journal.size(), otherChanges, latched, accounts.balanceChanges());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Logs a snapshot taken from {@code in} unless something other than events changed the
     * market since ({@code stillValid} checks what lies outside it, such as the exposures);
     * the events logged meanwhile replay on top of it. Returns whether it was logged.
     */
    boolean recordSnapshot(SnapshotInput in, BooleanSupplier stillValid, Runnable record) {
        lock.lock();
        try {
            if (otherChanges != in.otherChanges() || !stillValid.getAsBoolean()) return false;
            if (!accounts.snapshot(in.balanceChanges(), record)) return false;
            eventsSinceSnapshot = journal.size() - in.journalSeq();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Replay: the state a snapshot holds. */
    void restoreSnapshot(PositionStore s, BigDecimal lot, BigDecimal mark, BigDecimal balance,
                         List<Event.FundPoint> history, boolean latch) {
        lock.lock();
        accounts.lock.lock();
        try {
            latched = latch;
            store = accounts.share(s);
            accounts.put(store, mark);
            lotSize = lot;
            markPrice = mark;
            fund = balance;
            fundHistory = new ArrayList<>(history);
            eventsSinceSnapshot = 0;
            otherChanges++;
            changed();
        } finally {
            accounts.lock.unlock();
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- helpers (under the lock)

    private Event event(String account, BigDecimal mark, Instant now) {
        return new Event(name, mark, lotSize, fund, now, fundHistory, account, latched);
    }

    private void requirePosition(String account) {
        if (store.rowOf(account) < 0) {
            throw ApiException.notFound("account `" + account + "` has no position in market `" + name + "`");
        }
    }

    private void addFundPoint(Event.FundPoint p) {
        fundHistory.add(p);
        if (fundHistory.size() > HISTORY_LIMIT) {
            fundHistory = new ArrayList<>(fundHistory.subList(fundHistory.size() - HISTORY_LIMIT, fundHistory.size()));
        }
    }

    /** Rows with a size above zero. */
    private int openPositions() {
        int n = 0;
        for (int r = 0; r < store.rows(); r++) {
            if (store.sizeFixed(r) > 0) n++;
        }
        return n;
    }
}
