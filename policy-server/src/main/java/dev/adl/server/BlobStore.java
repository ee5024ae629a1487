package dev.adl.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Content-addressed files ({@code blobs/<sha256>.<ext>}): policy texts and CSV uploads.
 * A blob is written (atomically) before the log line that refers to it, so every
 * reference in a log points at a complete file.
 */
public final class BlobStore {
    private final Path dir;

    public BlobStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        AtomicFiles.removeLeftovers(dir);
    }

    public String put(String text, String ext) throws IOException {
        return put(text.getBytes(StandardCharsets.UTF_8), ext);
    }

    /** Stores bytes (UTF-8 text) under their sha256 unless they are there already; returns the sha256. */
    public String put(byte[] bytes, String ext) throws IOException {
        return prepare(bytes, ext).commit();
    }

    /**
     * Hashes the bytes and, unless they are stored already, writes and forces them under a
     * temporary name: the slow part of {@link #put}, done before it is known whether the blob
     * will be kept.
     */
    public Pending prepare(byte[] bytes, String ext) throws IOException {
        String sha = Hashes.sha256(bytes);
        Path p = dir.resolve(sha + "." + ext);
        return new Pending(sha, p, Files.exists(p) ? null : AtomicFiles.writeTemporary(p, bytes));
    }

    /** A blob on disk under a temporary name ({@code tmp}; null when the blob was there already). */
    public record Pending(String sha, Path target, Path tmp) {
        /** Gives the blob its name (durably); returns its sha256. */
        public String commit() throws IOException {
            if (tmp != null) AtomicFiles.publish(tmp, target);
            return sha;
        }

        /** Removes the temporary file of a blob that is not to be kept. */
        public void discard() throws IOException {
            if (tmp != null) Files.deleteIfExists(tmp);
        }
    }

    /** Whether a small file can be written and forced in the blob folder. */
    public boolean writable() {
        try {
            Path probe = Files.createTempFile(dir, ".probe.", ".tmp");
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(probe,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
                ch.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A blob's bytes as stored: an upload is parsed from them again without a round trip through text. */
    public byte[] getBytes(String sha, String ext) throws IOException {
        return Files.readAllBytes(dir.resolve(sha + "." + ext));
    }

    public String get(String sha, String ext) throws IOException {
        return Files.readString(dir.resolve(sha + "." + ext), StandardCharsets.UTF_8);
    }
}
