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
    private final Path path;
    private final FileChannel channel;
    private final List<String> lines;

    private AppendLog(Path path, FileChannel channel, List<String> lines) {
        this.path = path;
        this.channel = channel;
        this.lines = lines;
    }

    public static AppendLog open(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
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
        String text = new String(all, 0, end, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isBlank()) lines.add(line);
        }
        ch.position(end);
        return new AppendLog(path, ch, lines);
    }

    /** The lines that were in the file when it was opened. */
    public List<String> existingLines() {
        return lines;
    }

    public synchronized void append(String jsonLine) throws IOException {
        if (jsonLine.indexOf('\n') >= 0) throw new IllegalArgumentException("a log line must not contain a newline");
        ByteBuffer buf = ByteBuffer.wrap((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(false);
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
