package dev.adl.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.lab.Stopped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lab's jobs: each runs on this class's own threads, never on the event loop or the HTTP
 * workers. {@link #RUNNING} run at once and up to {@link #WAITING} more wait for a thread;
 * another is refused at once (429) rather than queued behind hours of paths. Jobs live in
 * memory only: a restart forgets them. A finished job is kept while it is among the last
 * {@link #KEPT} finished and for at most {@link #KEPT_FOR} after it finished.
 */
final class LabJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LabJobs.class.getName());
    static final int RUNNING = 2;
    static final int WAITING = 4;
    static final int KEPT = 50;
    static final Duration KEPT_FOR = Duration.ofHours(24);
    static final String RETRY_AFTER_SECONDS = "30";

    enum Status { QUEUED, RUNNING, DONE, FAILED, CANCELLED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean finished() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }

    /** What a job produces: its result as JSON text and its HTML report. */
    record Output(String json, String report) {
    }

    @FunctionalInterface
    interface Work {
        Output run(Job job);
    }

    /** One job as readers see it; its state moves under its own monitor, its progress from its thread. */
    static final class Job {
        final String id;
        /** The order jobs were asked for, so that two created in the same instant still list newest first. */
        final long seq;
        final String kind;
        final Caller by;
        final Instant created;
        final int total;
        /** What was asked (policies with their sha256, paths, seed...), as the audit log has it. */
        final ObjectNode request;
        final AtomicInteger done = new AtomicInteger();
        volatile Status status = Status.QUEUED;
        volatile boolean stopAsked;
        volatile Instant started;
        volatile Instant finished;
        volatile Output output;
        volatile String error;
        /** How long the live venue's locks were held to copy it, once copied. */
        volatile Duration venueHeld;

        Job(String id, long seq, String kind, Caller by, Instant created, int total, ObjectNode request) {
            this.id = id;
            this.seq = seq;
            this.kind = kind;
            this.by = by;
            this.created = created;
            this.total = total;
            this.request = request;
        }

        /** The engine's stop signal: paths, steps and events end at their next boundary once asked. */
        boolean stopping() {
            return stopAsked;
        }
    }

    private final Clock clock;
    private final Semaphore places = new Semaphore(RUNNING + WAITING);
    private final ExecutorService pool;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Deque<Job> finished = new ArrayDeque<>();
    private final AtomicLong asked = new AtomicLong();

    LabJobs(Clock clock) {
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(RUNNING, r -> {
            Thread t = new Thread(r, "adl-lab-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes one of the places or refuses with 429; give it back with {@link #release()} if the job is not started. */
    void reserve() {
        if (!places.tryAcquire()) {
            throw new ApiException(429, "too_many_jobs", "the server runs " + RUNNING + " lab jobs at once and keeps "
                    + WAITING + " more waiting, and all " + (RUNNING + WAITING) + " places are taken; cancel one or"
                    + " start this one again in " + RETRY_AFTER_SECONDS + " seconds");
        }
    }

    void release() {
        places.release();
    }

    /** Starts a job in a place taken by {@link #reserve()}; the place is given back when it ends. */
    Job start(String id, String kind, Caller who, int total, ObjectNode request, Work work) {
        Job job = new Job(id, asked.incrementAndGet(), kind, who, clock.instant(), total, request);
        jobs.put(job.id, job);
        pool.execute(() -> {
            synchronized (job) {
                if (job.status != Status.QUEUED) return; // cancelled while it waited: already ended
                job.status = Status.RUNNING;
                job.started = clock.instant();
            }
            Status end = Status.FAILED;
            try {
                job.output = work.run(job);
                end = Status.DONE;
            } catch (Stopped s) {
                end = Status.CANCELLED;
            } catch (ApiException | dev.adl.runtime.InputException e) {
                job.error = e.getMessage();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "lab job " + job.id + " failed", e);
                job.error = "the job failed inside the server; see its log";
            } finally {
                end(job, end);
            }
        });
        return job;
    }

    /**
     * Cancels a job: one still waiting ends at once, a running one at its next path, step or
     * event boundary. Only its starter (the same token) or an operator may; a finished job is a 409.
     */
    Job cancel(String id, Caller who) {
        Job job = require(id);
        if (!job.by.tokenId().equals(who.tokenId()) && !who.has(Role.OPERATOR)) {
            throw new ApiException(403, "forbidden", "lab job `" + job.id + "` was started by `" + job.by.name()
                    + "`; only that token or an operator may cancel it");
        }
        synchronized (job) {
            if (job.status.finished()) {
                throw ApiException.conflict("lab job `" + job.id + "` is " + job.status.label() + "; there is nothing to cancel");
            }
            job.stopAsked = true;
            if (job.status == Status.QUEUED) end(job, Status.CANCELLED);
        }
        return job;
    }

    /** Ends a job once, gives back its place and forgets the oldest finished beyond the bounds. */
    private void end(Job job, Status status) {
        synchronized (job) {
            if (job.status.finished()) return;
            job.finished = clock.instant();
            job.status = status;
        }
        places.release();
        synchronized (this) {
            finished.addLast(job);
            prune();
        }
    }

    /** Forgets finished jobs beyond the last {@link #KEPT} or older than {@link #KEPT_FOR}. */
    private synchronized void prune() {
        Instant oldest = clock.instant().minus(KEPT_FOR);
        while (!finished.isEmpty() && (finished.size() > KEPT || finished.peekFirst().finished.isBefore(oldest))) {
            jobs.remove(finished.removeFirst().id);
        }
    }

    Job require(String id) {
        prune();
        Job j = id == null ? null : jobs.get(id);
        if (j == null) throw ApiException.notFound("no lab job `" + dev.adl.diag.Echo.of(id) + "`");
        return j;
    }

    /** Every job kept (waiting, running, and the finished not yet forgotten), the newest asked for first. */
    List<Job> list() {
        prune();
        return jobs.values().stream().sorted(Comparator.comparingLong((Job j) -> j.seq).reversed()).toList();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
