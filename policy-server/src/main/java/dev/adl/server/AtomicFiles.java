package dev.adl.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file writes that a crash can never leave half done: the bytes go to a temporary
 * file in the same folder, are forced to disk, and the file is renamed over the target;
 * the folder is forced too so the rename itself survives a power cut.
 */
public final class AtomicFiles {
    private static final int WRITE_SLICE = 1 << 20;

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        publish(writeTemporary(target, bytes), target);
    }

    /**
     * Writes the bytes to a temporary file next to {@code target} and forces them to disk; the
     * file has no reader until {@link #publish} names it. A failed write leaves no file.
     */
    static Path writeTemporary(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            // a heap buffer goes to the file through a native copy of its whole size, kept
            // per thread: slices keep that copy small, which a 45 MB upload would otherwise
            // allocate and fault in afresh on each worker thread
            for (int from = 0; from < bytes.length; from += WRITE_SLICE) {
                ByteBuffer buf = ByteBuffer.wrap(bytes, from, Math.min(WRITE_SLICE, bytes.length - from));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /** Renames a forced temporary file over {@code target}, then forces the folder so the rename survives too. */
    static void publish(Path tmp, Path target) throws IOException {
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(target.toAbsolutePath().getParent());
    }

    static void forceDirectory(Path dir) {
        // Not every platform lets a folder be opened for fsync; where it cannot, the rename is still atomic.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }

    /** Leftover temporary files of writes a crash interrupted; they were never renamed, so never active. */
    public static void removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(".tmp")) Files.deleteIfExists(p);
            }
        }
    }
}
