package dev.adl.server;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's state and the services that change it, wired over one data directory. Every
 * change is written to the operations log ({@link OperationsLog}) before it is made, and on
 * start the log is replayed ({@link Replay}) through the same services, so the server comes
 * back with the same policies, markets, stores, funds, activations and journals. Events
 * replay deterministically: the engine gives the same result for the same store, policy
 * version and event.
 */
public final class ServerState implements AutoCloseable {
    final Clock clock;
    final OperationsLog ops;
    final AuditLog audit;
    final Metrics metrics = new Metrics();
    final Notifier notifier = new Notifier();
    final ExposureBook exposures = new ExposureBook();
    final PolicyService policies;
    final MarketDirectory markets;
    final MarketInputs inputs;
    final QueueService queues;
    final QuintileAlerts alerts;
    final Snapshots snapshots;
    final EventService events;
    final ActivationService activations;
    final LayerBook layers;
    /** Lab jobs: in memory, on their own threads. */
    final LabJobs lab;
    private final DataDirLock owner;
    private final boolean fresh;
    /** Events the start applied through the engine: the tail after each market's snapshot. */
    int replayedEvents;

    private ServerState(Path dataDir, DataDirLock owner, Clock clock, boolean twoPerson) throws IOException {
        this.clock = clock;
        this.owner = owner;
        // only the owner may clear half-written files: another server's would be in flight
        AtomicFiles.removeLeftovers(dataDir);
        this.ops = OperationsLog.open(dataDir);
        this.audit = new AuditLog(AppendLog.open(dataDir.resolve("audit.log")), clock);
        this.fresh = ops.wasEmpty();
        this.policies = new PolicyService(ops, audit, clock);
        this.markets = new MarketDirectory(ops, audit, clock, new AccountBook());
        this.queues = new QueueService(exposures, clock);
        this.alerts = new QuintileAlerts(notifier, queues::queue);
        this.inputs = new MarketInputs(markets, exposures, ops, audit, alerts, clock);
        this.snapshots = new Snapshots(ops, exposures, clock);
        this.layers = new LayerBook(ops, audit, clock);
        this.events = new EventService(markets, policies.registry(), exposures, ops, audit, metrics, alerts, snapshots,
                new EventVenue(layers), clock);
        this.activations = new ActivationService(markets, policies.registry(), ops, audit, metrics, alerts, clock,
                twoPerson);
        this.lab = new LabJobs(clock);
    }

    /**
     * Opens (or creates) a data directory and replays its operations log. A directory that cannot
     * be created or written is an IOException saying so and what to do.
     */
    public static ServerState open(Path dataDir, Clock clock, boolean twoPerson) throws IOException {
        DataDirLock owner;
        try {
            Files.createDirectories(dataDir);
            owner = DataDirLock.acquire(dataDir);
        } catch (FileSystemException e) {
            throw notWritable(dataDir, e);
        }
        ServerState s;
        try {
            s = new ServerState(dataDir, owner, clock, twoPerson);
        } catch (FileSystemException e) {
            owner.close();
            throw notWritable(dataDir, e);
        } catch (IOException | RuntimeException e) {
            owner.close();
            throw e;
        }
        try {
            s.replayedEvents = Replay.run(s, s.ops.existing());
            s.ops.forgetExisting();
            s.snapshots.afterReplay(s.markets.all());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private static IOException notWritable(Path dataDir, FileSystemException e) {
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e.getReason() != null ? e.getReason().toLowerCase(java.util.Locale.ROOT) : e.getClass().getSimpleName();
        return new IOException("the data directory `" + dataDir + "` cannot be written (" + why + ": `" + e.getFile()
                + "`); make it writable by the user running the server, or choose another directory", e);
    }

    /** True when the data directory had no operations when it was opened. */
    public boolean fresh() {
        return fresh;
    }

    /** False while the data directory cannot be written: the operations log, the audit log or the blobs. */
    public boolean healthy() {
        return ops.healthy() && audit.healthy();
    }

    /** The active version of each market that has one. */
    Map<String, PolicyVersion> activeVersions() {
        Map<String, PolicyVersion> out = new HashMap<>();
        for (Market m : markets.all()) {
            PolicyVersion pv = m.active();
            if (pv != null) out.put(m.name(), pv);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        lab.close();
        alerts.close();
        snapshots.close();
        try (owner; audit) {
            ops.close();
        }
    }
}
