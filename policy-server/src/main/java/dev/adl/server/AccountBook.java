package dev.adl.server;

import dev.adl.runtime.AccountDictionary;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.VenueAccounts;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The server's one {@link VenueAccounts} over all its markets, which {@code account_*} read.
 * Every market's store uses {@link #dictionary}. {@link #lock} is held from an event's read of
 * the sums to its log line and the update after it, and around every change of positions or
 * marks with its log line: so the log orders everything an event's account values depend on,
 * and a replay in log order reads what the live event read. Taken after a market's lock,
 * before any layer's.
 */
final class AccountBook {
    final ReentrantLock lock = new ReentrantLock();
    private final AccountDictionary dictionary = new AccountDictionary();
    private final VenueAccounts sums = VenueAccounts.empty(dictionary);
    /**
     * An event has read account values while the venue had more than one market. From then on
     * no market snapshot is logged: a snapshot replaces its market's earlier lines on replay, so
     * another market's event that read them would replay on the snapshot's state, not its own.
     */
    private volatile boolean crossRead;
    /** The cross balances as last put, by account; guarded by {@link #lock}. */
    private Map<String, BigDecimal> balances = Map.of();
    /** Times the balances were put: a put voids a snapshot in progress, whose later events would replay on the new ones. */
    private volatile long balanceChanges;

    /** One event of a market, run with the venue's sums; {@code onRecord} gets its result once it is on record. */
    interface Run {
        EventResult run(VenueAccounts sums, Consumer<EventResult> onRecord);
    }

    AccountDictionary dictionary() {
        return dictionary;
    }

    /** The sums; read and changed only under {@link #lock}. */
    VenueAccounts sums() {
        return sums;
    }

    /** {@code s} with its accounts in the venue's dictionary (rows, order and collateral unchanged). */
    PositionStore share(PositionStore s) {
        if (s.accounts() == dictionary) return s;
        PositionStore.Builder b = PositionStore.builder(s.market(), dictionary);
        for (int r = 0; r < s.rows(); r++) {
            b.add(s.account(r), s.side(r), s.sizeFixed(r), s.entryPriceFixed(r), s.collateral(r), r + 2);
        }
        return b.build();
    }

    /** A market's store and mark enter the sums, replacing what the market had; call under {@link #lock}. */
    void put(PositionStore s, BigDecimal mark) {
        sums.put(s, mark);
    }

    /** Takes the lock to put {@code s} at {@code mark} once {@code record} has put the change on record. */
    void put(PositionStore s, BigDecimal mark, Runnable record) {
        lock.lock();
        try {
            record.run();
            sums.put(s, mark);
        } finally {
            lock.unlock();
        }
    }

    /** A new mark for a market already in the sums (nothing when it is the same); call under {@link #lock}. */
    void mark(String market, BigDecimal mark) {
        BigDecimal old = sums.mark(market);
        if (old == null || old.compareTo(mark) != 0) sums.setMark(market, mark);
    }

    /**
     * Runs an event of {@code market} under the lock: the rows it changes in {@code store} are
     * captured once it is on record and the sums follow after, at the event's mark.
     */
    EventResult event(String market, PositionStore store, BigDecimal mark, Run run) {
        lock.lock();
        try {
            long reads = sums.reads();
            VenueAccounts.Capture[] before = new VenueAccounts.Capture[1];
            EventResult r = run.run(sums,
                    result -> before[0] = sums.capture(market, VenueAccounts.changedRows(store, result)));
            sums.apply(before[0]);
            mark(market, mark);
            if (sums.reads() > reads && sums.markets().size() > 1) crossRead = true;
            return r;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces every account's cross balance with {@code next} (0 for an account not in it)
     * once {@code record} has put the change on record: each account's sum moves by the
     * difference, exactly.
     */
    void setBalances(Map<String, BigDecimal> next, Runnable record) {
        lock.lock();
        try {
            record.run();
            Set<String> all = new HashSet<>(balances.keySet());
            all.addAll(next.keySet());
            for (String account : all) {
                BigDecimal delta = next.getOrDefault(account, BigDecimal.ZERO)
                        .subtract(balances.getOrDefault(account, BigDecimal.ZERO));
                if (delta.signum() != 0) sums.credit(dictionary.intern(account), delta);
            }
            balances = Map.copyOf(next);
            balanceChanges++;
        } finally {
            lock.unlock();
        }
    }

    long balanceChanges() {
        return balanceChanges;
    }

    /** Whether a market snapshot may still be logged (see {@link #crossRead}). */
    boolean snapshotsAllowed() {
        return !crossRead;
    }

    /**
     * Runs {@code record}, a snapshot's log line, unless snapshots are no longer allowed or the
     * balances changed since the snapshot's state was read; returns whether it ran.
     */
    boolean snapshot(long balanceChangesRead, Runnable record) {
        lock.lock();
        try {
            if (crossRead || balanceChanges != balanceChangesRead) return false;
            record.run();
            return true;
        } finally {
            lock.unlock();
        }
    }
}
