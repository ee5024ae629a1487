package dev.adl.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's record of every change: typed operations appended to {@code ops.log} (each
 * forced to disk before it is acknowledged), and the big inputs they refer to (policy texts,
 * CSV uploads, snapshots) as content-addressed blobs written first. A failed write marks
 * the server unhealthy: {@code /health/ready} answers 503 until a probe (a page written,
 * forced and cut off again at the log's end, and a small file in the blob folder) or an
 * append succeeds again.
 */
final class OperationsLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OperationsLog.class.getName());

    /** A logged operation and where its line is. */
    record Entry(int line, Op op, AppendLog.Pos pos) {
    }

    private final AppendLog log;
    private final BlobStore blobs;
    private final JournalArchive archive;
    /** The cut made at open, or null when there was nothing to cut. */
    final Compaction.Plan compacted;
    private List<Entry> existing;
    /** A blob could not be written, and the blob folder has not been probed writable since. */
    private volatile boolean blobsFailing;
    /** Writes the blobs of large uploads beside the request's own work; at most one thread per upload place is busy. */
    private final ExecutorService blobWriter = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "adl-blob-writer");
        t.setDaemon(true);
        return t;
    });

    private OperationsLog(AppendLog log, BlobStore blobs, JournalArchive archive, List<Entry> existing,
                          Compaction.Plan compacted) {
        this.log = log;
        this.blobs = blobs;
        this.archive = archive;
        this.existing = existing;
        this.compacted = compacted;
    }

    /** Opens the log of a data directory, cut at each market's last snapshot when that shortens it ({@link Compaction}). */
    static OperationsLog open(Path dataDir) throws IOException {
        BlobStore blobs = new BlobStore(dataDir.resolve("blobs"));
        Path file = dataDir.resolve("ops.log");
        Path archiveDir = dataDir.resolve("archive");
        AppendLog log = AppendLog.open(file);
        JournalArchive archive = JournalArchive.open(archiveDir);
        List<Entry> entries = decode(log);
        Compaction.Plan plan = null;
        try {
            plan = Compaction.plan(log.existingLines(), entries, archive);
        } catch (IllegalStateException e) {
            LOG.warning(file + ": not compacted: " + e.getMessage());
        }
        if (plan != null && plan.worthwhile()) {
            try {
                Compaction.apply(plan, file, archive, dataDir.resolve("blobs"));
            } finally {
                log.close();
                archive.close();
            }
            log = AppendLog.open(file);
            archive = JournalArchive.open(archiveDir);
            entries = decode(log);
        } else {
            plan = null;
        }
        return new OperationsLog(log, blobs, archive, entries, plan);
    }

    /** True when the log had no operations when it was opened. */
    boolean wasEmpty() {
        return log.existingLines().isEmpty();
    }

    /** The operations that were in the log when it was opened (after the cut), decoded. */
    List<Entry> existing() {
        return existing;
    }

    /** Decodes the lines read at open; an undecodable line stops the start, naming the file and the line. */
    private static List<Entry> decode(AppendLog log) {
        List<String> lines = log.existingLines();
        List<AppendLog.Pos> where = log.existingPositions();
        List<Entry> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            try {
                out.add(new Entry(i + 1, OpCodec.read(lines.get(i)), where.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(log.path() + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Lets the lines read at open be collected once they have been replayed. */
    void forgetExisting() {
        log.forgetExisting();
        existing = List.of();
    }

    /** The events of a market's journal that a cut moved out of the log. */
    JournalArchive archive() {
        return archive;
    }

    Op readArchived(String market, AppendLog.Pos pos) {
        try {
            return OpCodec.read(archive.read(market, pos));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal archive of market `" + market + "`", e);
        }
    }

    Path path() {
        return log.path();
    }

    /** Appends an operation and forces it to disk; returns where its line is. */
    AppendLog.Pos append(Op op) {
        try {
            return log.append(OpCodec.write(op));
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot append to " + log.path(), e);
            throw new ApiException(503, "unavailable", "the server cannot write its operations log;"
                    + " nothing was changed, and writes fail until its data directory can be written again");
        }
    }

    Op read(AppendLog.Pos pos) {
        try {
            return OpCodec.read(log.read(pos));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operations log", e);
        }
    }

    /**
     * Stores a text as a blob before the operation that names it is logged; returns its sha256.
     * A blob that cannot be written changes nothing: the request is answered 503, as the server
     * cannot take writes until its operator makes the directory writable, and the cause is logged.
     */
    String putBlob(String text, String ext) {
        return putBlob(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), ext);
    }

    String putBlob(byte[] text, String ext) {
        try {
            return blobs.put(text, ext);
        } catch (IOException e) {
            throw blobFailed(e);
        }
    }

    /**
     * Starts hashing, writing and forcing a blob on its own thread, so that a large upload is
     * put on disk while the request parses it; the blob has its name only once
     * {@link PendingBlob#commit()} has run.
     */
    PendingBlob prepareBlob(byte[] bytes, String ext) {
        return new PendingBlob(blobWriter.submit(() -> blobs.prepare(bytes, ext)));
    }

    /** A blob being written: {@link #commit()} before the operation naming it is appended, else {@link #discard()}. */
    final class PendingBlob {
        private final Future<BlobStore.Pending> written;

        private PendingBlob(Future<BlobStore.Pending> written) {
            this.written = written;
        }

        /** Waits for the write, names the blob durably and returns its sha256; a failure is the 503 of {@link #putBlob}. */
        String commit() {
            try {
                return finished().commit();
            } catch (IOException e) {
                throw blobFailed(e);
            }
        }

        /** Waits for the write and removes what it wrote; a blob not kept changes nothing. */
        void discard() {
            BlobStore.Pending p;
            try {
                p = finished();
            } catch (IOException | RuntimeException failedWrite) {
                return; // a failed write leaves no file
            }
            try {
                p.discard();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot remove the temporary file of a blob that was not kept", e);
            }
        }

        private BlobStore.Pending finished() throws IOException {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return written.get();
                    } catch (InterruptedException e) {
                        // the write goes on regardless: wait for it so nothing is left half known
                        interrupted = true;
                    }
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
    }

    private ApiException blobFailed(IOException e) {
        blobsFailing = true;
        LOG.log(Level.SEVERE, "cannot write a blob to " + log.path().getParent().resolve("blobs"), e);
        return new ApiException(503, "unavailable", "the server cannot write to its data directory;"
                + " nothing was changed, and writes fail until its operator makes the directory writable");
    }

    String blob(String sha, String ext) {
        try {
            return blobs.get(sha, ext);
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + sha + "." + ext + " is missing", e);
        }
    }

    byte[] blobBytes(String sha, String ext) {
        try {
            return blobs.getBytes(sha, ext);
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + sha + "." + ext + " is missing", e);
        }
    }

    /** False while the log or the blob folder cannot be written; each is probed again while it fails. */
    boolean healthy() {
        if (!log.healthy()) return false;
        if (blobsFailing && blobs.writable()) blobsFailing = false;
        return !blobsFailing;
    }

    /** Lets tests make the log's file refuse to grow past {@code bytes}, as a full disk does. */
    void limitSize(long bytes) {
        log.sizeLimit = bytes;
    }

    @Override
    public void close() throws IOException {
        blobWriter.shutdown();
        try (archive) {
            log.close();
        }
    }
}
