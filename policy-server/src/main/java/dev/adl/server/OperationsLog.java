package dev.adl.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's record of every change: typed operations appended to {@code ops.log} (each
 * forced to disk before it is acknowledged), and the big inputs they refer to (policy texts,
 * CSV uploads, snapshots) as content-addressed blobs written first. A failed write marks
 * the server unhealthy: {@code /health/ready} answers 503 until it restarts.
 */
final class OperationsLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OperationsLog.class.getName());

    /** A logged operation and where its line is. */
    record Entry(int line, Op op, AppendLog.Pos pos) {
    }

    private final AppendLog log;
    private final BlobStore blobs;
    private volatile boolean healthy = true;

    private OperationsLog(AppendLog log, BlobStore blobs) {
        this.log = log;
        this.blobs = blobs;
    }

    static OperationsLog open(Path dataDir) throws IOException {
        BlobStore blobs = new BlobStore(dataDir.resolve("blobs"));
        return new OperationsLog(AppendLog.open(dataDir.resolve("ops.log")), blobs);
    }

    /** True when the log had no operations when it was opened. */
    boolean wasEmpty() {
        return log.existingLines().isEmpty();
    }

    /**
     * The operations that were in the log when it was opened, decoded; an undecodable line
     * stops the start, naming the file and the line.
     */
    List<Entry> existing() {
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
    }

    Path path() {
        return log.path();
    }

    /** Appends an operation and forces it to disk; returns where its line is. */
    AppendLog.Pos append(Op op) {
        try {
            return log.append(OpCodec.write(op));
        } catch (IOException e) {
            healthy = false;
            throw new UncheckedIOException("cannot append to the operations log", e);
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
        try {
            return blobs.put(text, ext);
        } catch (IOException e) {
            healthy = false;
            LOG.log(Level.SEVERE, "cannot write a blob to " + log.path().getParent().resolve("blobs"), e);
            throw new ApiException(503, "unavailable", "the server cannot write to its data directory;"
                    + " nothing was changed, and writes fail until its operator makes the directory writable");
        }
    }

    String blob(String sha, String ext) {
        try {
            return blobs.get(sha, ext);
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + sha + "." + ext + " is missing", e);
        }
    }

    boolean healthy() {
        return healthy;
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
