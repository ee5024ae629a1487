package dev.adl.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One server per data directory: an operating-system lock on {@code <dir>/server.lock}, held
 * for the life of the server and released by the OS when its process dies (so a crash never
 * leaves a stale lock). Two servers appending to one log would interleave their lines and
 * replay neither; the second one is refused at start, told who holds the directory.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE = "server.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String owner = owner(file);
            ch.close();
            throw new IOException("data directory `" + dir + "` is in use by another server" + owner
                    + "; stop it or choose another --data-dir");
        }
        ch.truncate(0);
        byte[] who = ("pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        ch.write(ByteBuffer.wrap(who), 0);
        ch.force(false);
        return new DataDirLock(ch, lock);
    }

    /** What the holder wrote into the lock file, as a parenthesis; empty when it cannot be read. */
    private static String owner(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : " (" + text + ")";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
