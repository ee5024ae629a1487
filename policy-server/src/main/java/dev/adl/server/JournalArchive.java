package dev.adl.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first events of each market's journal, moved out of the operations log when it is
 * compacted: {@code archive/events-<market>.log}, line n holding the event of seq n as the
 * log wrote it. A snapshot holds their outcome, so they are never replayed, only paged; at
 * start only where their lines are is read.
 */
final class JournalArchive implements AutoCloseable {
    private static final String PREFIX = "events-";
    private static final String SUFFIX = ".log";

    private final Path dir;
    private final Map<String, AppendLog> logs = new ConcurrentHashMap<>();

    private JournalArchive(Path dir) {
        this.dir = dir;
    }

    static JournalArchive open(Path dir) throws IOException {
        Files.createDirectories(dir);
        JournalArchive a = new JournalArchive(dir);
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(PREFIX) && n.endsWith(SUFFIX)) {
                    a.logs.put(n.substring(PREFIX.length(), n.length() - SUFFIX.length()), AppendLog.open(p, false));
                }
            }
        }
        return a;
    }

    /** How many of a market's first events are archived. */
    int size(String market) {
        AppendLog log = logs.get(market);
        return log == null ? 0 : log.existingPositions().size();
    }

    /** Where the archived events of a market are, in seq order. */
    List<AppendLog.Pos> positions(String market) {
        AppendLog log = logs.get(market);
        return log == null ? List.of() : log.existingPositions();
    }

    /** Appends a market's next events (the lines of seq size+1 on), forced to disk before it returns. */
    void append(String market, List<String> lines) throws IOException {
        AppendLog log = logs.get(market);
        if (log == null) {
            log = AppendLog.open(dir.resolve(PREFIX + market + SUFFIX), false);
            logs.put(market, log);
        }
        log.appendAll(lines);
    }

    String read(String market, AppendLog.Pos pos) throws IOException {
        AppendLog log = logs.get(market);
        if (log == null) throw new IOException("market `" + market + "` has no archived events");
        return log.read(pos);
    }

    @Override
    public void close() throws IOException {
        for (AppendLog log : logs.values()) {
            log.close();
        }
    }
}
