package dev.adl.server;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Market snapshots: every {@link #every} events a market's store, settings and fund are
 * written as a blob and a snapshot operation, so a restart replays only the events after
 * it. The CSV is written in the background without the market's lock; the snapshot line is
 * logged under it, and only if nothing but events changed the market or the exposures
 * meanwhile (those events are logged before it and replay on top of it). None is logged once
 * an event has read account values across markets ({@link AccountBook}).
 */
final class Snapshots implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Snapshots.class.getName());
    private static final Caller SERVER = new Caller("server", "server", java.util.Set.of());

    private final OperationsLog ops;
    private final ExposureBook exposures;
    private final Clock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "adl-snapshots");
        t.setDaemon(true);
        return t;
    });

    /** Events a market applies between snapshots of its store; tests lower it. */
    volatile int every = 1000;
    /** Where snapshots are written; tests hold them back to log events while one is in progress. */
    volatile Executor executor = thread;

    Snapshots(OperationsLog ops, ExposureBook exposures, Clock clock) {
        this.ops = ops;
        this.exposures = exposures;
        this.clock = clock;
    }

    /** After an event: starts a snapshot in the background when one is due and none is running. */
    void afterEvent(Market m) {
        if (m.eventsSinceSnapshot() < every || !m.snapshotsAllowed() || !m.snapshotRunning.compareAndSet(false, true)) {
            return;
        }
        // read before the market's state: a feed change in between voids the snapshot rather than slip past it
        long exposureVersion = exposures.version();
        Market.SnapshotInput in = m.snapshotInput();
        try {
            executor.execute(() -> {
                try {
                    write(m, in, exposureVersion);
                } catch (RuntimeException e) {
                    // the events are on record; without a snapshot a restart just replays more of the log
                    LOG.warning("cannot snapshot market " + m.name() + ": " + e.getMessage());
                } finally {
                    m.snapshotRunning.set(false);
                }
            });
        } catch (RejectedExecutionException closing) {
            m.snapshotRunning.set(false);
        }
    }

    /** At start: snapshots every market that replayed events, so the next start need not replay them again. */
    void afterReplay(Iterable<Market> markets) {
        for (Market m : markets) {
            if (m.eventsSinceSnapshot() > 0 && m.snapshotsAllowed()) {
                long exposureVersion = exposures.version();
                write(m, m.snapshotInput(), exposureVersion);
            }
        }
    }

    private void write(Market m, Market.SnapshotInput in, long exposureVersion) {
        String sha = ops.putBlob(StoreCsv.write(in.store()), "csv");
        exposures.lock.readLock().lock();
        try {
            m.recordSnapshot(in, () -> exposures.version() == exposureVersion, () -> ops.append(
                    new Op.SnapshotTaken(clock.instant(), SERVER.name(), SERVER.tokenId(), m.name(), sha,
                            in.lotSize(), in.markPrice(), in.fund(), in.history(), in.journalSeq(), in.latched() ? Boolean.TRUE : null)));
        } finally {
            exposures.lock.readLock().unlock();
        }
    }

    /** Replay: a market comes back to the state its snapshot holds. */
    void restore(Market m, Op.SnapshotTaken op) {
        m.restoreSnapshot(StoreCsv.parse(m.name(), ops.blobBytes(op.blob(), "csv")), op.lotSize(), op.markPrice(),
                op.fund(), op.history(), op.latchSet());
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            // a snapshot being written finishes (or is abandoned) before the log closes
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
