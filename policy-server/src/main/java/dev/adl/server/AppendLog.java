package dev.adl.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of JSON lines. Each append is forced to disk before it returns, so a
 * line that was acknowledged survives a crash. A crash in the middle of an append can leave
 * a last line without its newline: it was never acknowledged, so opening the log cuts it off.
 * An append that fails while the process lives (disk full, file too large) is cut off at
 * once, so the file stays a sequence of whole lines and the next append starts a line.
 */
public final class AppendLog implements AutoCloseable {
    /** Where one line is: its first byte and its length in bytes, without the newline. */
    public record Pos(long offset, int length) {
    }

    private static final int PROBE_BYTES = 4096;

    private final Path path;
    private final FileChannel channel;
    private List<String> lines;
    private List<Pos> positions;
    /** Where the next line starts: the file holds whole lines up to here. */
    private long end;
    private static final long PROBE_EVERY_NANOS = 500_000_000L;

    /** The last append failed, and no probe or append has succeeded since. */
    private volatile boolean failing;
    private volatile long lastProbe;
    /** Whether appends are forced to disk; only tests that build large logs as fixtures turn it off. */
    static volatile boolean forceWrites = true;
    /** Bytes the file may grow to, as a full disk or a file size limit would allow; tests lower it. */
    volatile long sizeLimit = Long.MAX_VALUE;

    private AppendLog(Path path, FileChannel channel, List<String> lines, List<Pos> positions, long end) {
        this.path = path;
        this.channel = channel;
        this.lines = lines;
        this.positions = positions;
        this.end = end;
    }

    public static AppendLog open(Path path) throws IOException {
        return open(path, true);
    }

    /**
     * Opens a log; with {@code keepLines} false only where the lines are is read (a pass in
     * fixed chunks, never the whole file in memory), for logs that are paged, not replayed.
     */
    public static AppendLog open(Path path, boolean keepLines) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        boolean created = !Files.exists(path);
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (created) {
            AtomicFiles.forceDirectory(path.toAbsolutePath().getParent());
        }
        List<String> lines = new ArrayList<>();
        List<Pos> positions = new ArrayList<>();
        long end = keepLines ? readLines(path, lines, positions) : scanLines(ch, positions);
        if (end < ch.size()) {
            ch.truncate(end);
            ch.force(true);
        }
        return new AppendLog(path, ch, lines, positions, end);
    }

    /** Reads every whole line; returns where the last one ends. */
    private static long readLines(Path path, List<String> lines, List<Pos> positions) throws IOException {
        byte[] all = Files.readAllBytes(path);
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (all[i] == '\n') {
                String line = new String(all, start, i - start, StandardCharsets.UTF_8);
                if (!line.isBlank()) {
                    lines.add(line);
                    positions.add(new Pos(start, i - start));
                }
                start = i + 1;
            }
        }
        return end;
    }

    /** Finds where every whole non-empty line is; returns where the last one ends. */
    private static long scanLines(FileChannel ch, List<Pos> positions) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long at = 0;
        long start = 0;
        int n;
        while ((n = ch.read(buf.clear(), at)) > 0) {
            byte[] a = buf.array();
            for (int i = 0; i < n; i++) {
                if (a[i] == '\n') {
                    long nl = at + i;
                    if (nl > start) positions.add(new Pos(start, (int) (nl - start)));
                    start = nl + 1;
                }
            }
            at += n;
        }
        return start;
    }

    /** The lines that were in the file when it was opened. */
    public List<String> existingLines() {
        return lines;
    }

    /** Lets the lines read at open be collected once they have been replayed. */
    public void forgetExisting() {
        lines = List.of();
        positions = List.of();
    }

    /** Where each of {@link #existingLines()} is, in the same order. */
    public List<Pos> existingPositions() {
        return positions;
    }

    /** Appends a line and forces it to disk; returns where it is. */
    public Pos append(String jsonLine) throws IOException {
        return appendAll(List.of(jsonLine)).get(0);
    }

    /** Appends lines and forces them to disk once; all are on record or, after a failure, none. */
    public synchronized List<Pos> appendAll(List<String> jsonLines) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        List<Pos> where = new ArrayList<>(jsonLines.size());
        for (String line : jsonLines) {
            if (line.indexOf('\n') >= 0) throw new IllegalArgumentException("a log line must not contain a newline");
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            where.add(new Pos(end + out.size(), bytes.length));
            out.writeBytes(bytes);
            out.write('\n');
        }
        byte[] bytes = out.toByteArray();
        try {
            if (channel.size() > end) channel.truncate(end); // left by a failure that could not be cut off then
            write(bytes, end);
            if (forceWrites) channel.force(false);
        } catch (IOException e) {
            failing = true;
            cutBack(e);
            throw e;
        }
        end += bytes.length;
        failing = false;
        return where;
    }

    /**
     * False while appends fail: after a failed append, until a probe ({@link #writable()},
     * at most twice a second) or an append succeeds.
     */
    public boolean healthy() {
        if (!failing) return true;
        long now = System.nanoTime();
        if (now - lastProbe < PROBE_EVERY_NANOS) return false;
        lastProbe = now;
        if (writable()) failing = false;
        return !failing;
    }

    /**
     * Whether the file can grow again: writes and forces a page of newlines past the last
     * line (room for a typical line, not just a byte left in a block), then cuts it off.
     * Cheap enough to ask while appends are failing.
     */
    public synchronized boolean writable() {
        byte[] page = new byte[PROBE_BYTES];
        java.util.Arrays.fill(page, (byte) '\n');
        try {
            write(page, end);
            channel.force(false);
            channel.truncate(end);
            channel.force(false);
            return true;
        } catch (IOException e) {
            cutBack(e);
            return false;
        }
    }

    private void write(byte[] bytes, long at) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            long room = sizeLimit - (at + buf.position());
            if (room <= 0) throw new IOException(path + ": File too large");
            if (room < buf.remaining()) {
                // a limit stops a write part way, as the operating system's does
                channel.write(ByteBuffer.wrap(bytes, buf.position(), (int) room), at + buf.position());
                buf.position(buf.position() + (int) room);
                continue;
            }
            buf.position(buf.position() + channel.write(buf.slice(), at + buf.position()));
        }
    }

    /** Removes what a failed write left past the last whole line; a failure to do so is kept for the next append to retry. */
    private void cutBack(IOException cause) {
        try {
            if (channel.size() > end) channel.truncate(end);
            channel.force(false);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Reads one line back; positional reads do not disturb appends. */
    public String read(Pos pos) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(pos.length());
        long at = pos.offset();
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at + buf.position());
            if (n < 0) throw new IOException(path + ": line at byte " + pos.offset() + " is cut short");
        }
        return new String(buf.array(), StandardCharsets.UTF_8);
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
