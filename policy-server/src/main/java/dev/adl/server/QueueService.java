package dev.adl.server;

import java.time.Clock;

/**
 * Each market's queue (every eligible position's rank and quintile) as of its latest change.
 * It is computed on a copy of the store, so ranking a large market never holds up its
 * events; one computation at a time per market, and lookups that arrive meanwhile wait for
 * it rather than start another.
 */
final class QueueService {
    private final ExposureBook exposures;
    private final Clock clock;

    QueueService(ExposureBook exposures, Clock clock) {
        this.exposures = exposures;
        this.clock = clock;
    }

    QueueSnapshot queue(Market m) {
        QueueSnapshot s = cached(m);
        if (s != null) return s;
        synchronized (m.queueLock) {
            s = cached(m);
            if (s != null) return s;
            QueueSnapshot.Input in;
            exposures.lock.readLock().lock();
            try {
                PolicyVersion pv = m.active();
                if (pv == null) {
                    throw ApiException.conflict("market `" + m.name() + "` has no active policy, so it has no queue");
                }
                in = m.queueInput(pv, exposures.feed());
            } finally {
                exposures.lock.readLock().unlock();
            }
            s = QueueSnapshot.compute(in, clock.instant());
            m.queue = s;
            return s;
        }
    }

    /** The snapshot when it is still current, else null: lets the HTTP layer answer on the event loop. */
    QueueSnapshot cached(Market m) {
        QueueSnapshot s = m.queue;
        return s != null && s.generation == m.generation() ? s : null;
    }
}
