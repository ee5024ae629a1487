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
 */
public final class AppendLog implements AutoCloseable {
    /** Where one line is: its first byte and its length in bytes, without the newline. */
    public record Pos(long offset, int length) {
    }

    private final Path path;
    private final FileChannel channel;
    private List<String> lines;
    private List<Pos> positions;

    private AppendLog(Path path, FileChannel channel, List<String> lines, List<Pos> positions) {
        this.path = path;
        this.channel = channel;
        this.lines = lines;
        this.positions = positions;
    }

    public static AppendLog open(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        boolean created = !Files.exists(path);
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (created) {
            AtomicFiles.forceDirectory(path.toAbsolutePath().getParent());
        }
        byte[] all = Files.readAllBytes(path);
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        if (end < all.length) {
            ch.truncate(end);
            ch.force(true);
        }
        List<String> lines = new ArrayList<>();
        List<Pos> positions = new ArrayList<>();
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
        ch.position(end);
        return new AppendLog(path, ch, lines, positions);
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
    public synchronized Pos append(String jsonLine) throws IOException {
        if (jsonLine.indexOf('\n') >= 0) throw new IllegalArgumentException("a log line must not contain a newline");
        byte[] bytes = (jsonLine + "\n").getBytes(StandardCharsets.UTF_8);
        long offset = channel.position();
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(false);
        return new Pos(offset, bytes.length - 1);
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
