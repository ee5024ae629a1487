package dev.adl.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lab's jobs: each runs on this class's own threads, never on the event loop or the HTTP
 * workers, and at most {@link #RUNNING} at once; another is refused at once (503 {@code busy})
 * rather than queued behind hours of paths. Jobs live in memory only: a restart forgets them,
 * and only the last {@link #KEPT} finished ones are kept.
 */
final class LabJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LabJobs.class.getName());
    static final int RUNNING = 2;
    static final int KEPT = 50;
    static final String RETRY_AFTER_SECONDS = "30";

    enum Status { QUEUED, RUNNING, DONE, FAILED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a job produces: its result as JSON text and its HTML report. */
    record Output(String json, String report) {
    }

    @FunctionalInterface
    interface Work {
        Output run(Job job);
    }

    /** One job as readers see it; its fields change only from its own thread. */
    static final class Job {
        final String id;
        final String kind;
        final String by;
        final Instant created;
        final int total;
        final AtomicInteger done = new AtomicInteger();
        volatile Status status = Status.QUEUED;
        volatile Instant finished;
        volatile Output output;
        volatile String error;

        Job(String id, String kind, String by, Instant created, int total) {
            this.id = id;
            this.kind = kind;
            this.by = by;
            this.created = created;
            this.total = total;
        }
    }

    private final Clock clock;
    private final Semaphore places = new Semaphore(RUNNING);
    private final ExecutorService pool;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Deque<String> finished = new ArrayDeque<>();

    LabJobs(Clock clock) {
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(RUNNING, r -> {
            Thread t = new Thread(r, "adl-lab-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes one of the running places or refuses with 503 {@code busy}; give it back with {@link #release()} if the job is not started. */
    void reserve() {
        if (!places.tryAcquire()) {
            throw new ApiException(503, "busy", "the server runs " + RUNNING + " lab jobs at once and both places"
                    + " are taken; start this one again in " + RETRY_AFTER_SECONDS + " seconds");
        }
    }

    void release() {
        places.release();
    }

    /** Starts a job in a place taken by {@link #reserve()}; the place is given back when it ends. */
    Job start(String kind, Caller who, int total, Work work) {
        Job job = new Job(UUID.randomUUID().toString(), kind, who.name(), clock.instant(), total);
        jobs.put(job.id, job);
        pool.execute(() -> {
            try {
                job.status = Status.RUNNING;
                job.output = work.run(job);
                job.status = Status.DONE;
            } catch (ApiException | dev.adl.runtime.InputException e) {
                job.error = e.getMessage();
                job.status = Status.FAILED;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "lab job " + job.id + " failed", e);
                job.error = "the job failed inside the server; see its log";
                job.status = Status.FAILED;
            } finally {
                job.finished = clock.instant();
                places.release();
                forgetOld(job.id);
            }
        });
        return job;
    }

    private synchronized void forgetOld(String id) {
        finished.addLast(id);
        while (finished.size() > KEPT) jobs.remove(finished.removeFirst());
    }

    Job require(String id) {
        Job j = id == null ? null : jobs.get(id);
        if (j == null) throw ApiException.notFound("no lab job `" + dev.adl.diag.Echo.of(id) + "`");
        return j;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
