package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every accepted write, as one JSON line: who, when, what, on which target, and the policy's
 * sha256; chained by hashes ({@link AuditChain}) so an edit, a removal or a move shows.
 */
public final class AuditLog implements AutoCloseable {
    private final AppendLog log;
    private final Clock clock;
    private final LineIndex entries = new LineIndex();
    /** The hash of the last entry, which the next one carries as {@code prev}. */
    private String last = AuditChain.GENESIS;

    public AuditLog(AppendLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
        log.existingPositions().forEach(entries::add);
        List<String> lines = log.existingLines();
        if (!lines.isEmpty()) {
            String h = AuditChain.hashOf(lines.get(lines.size() - 1));
            if (h != null) last = h;
        }
        log.forgetExisting();
    }

    /** Appends one entry; {@code sha256} may be null when the write concerns no policy. */
    public synchronized JsonNode record(Caller who, String action, String target, String sha256,
                                       Map<String, Object> details) {
        ObjectNode e = Json.object();
        e.put("seq", entries.size() + 1);
        e.put("at", clock.instant().toString());
        e.put("who", who.name());
        e.put("token", who.tokenId());
        e.put("action", action);
        e.put("target", target);
        if (sha256 == null) e.putNull("sha256");
        else e.put("sha256", sha256);
        if (details != null) e.set("details", Json.MAPPER.valueToTree(details));
        e.put("prev", last);
        String line = AuditChain.seal(Json.write(e));
        try {
            entries.add(log.append(line));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to the audit log", ex);
        }
        last = AuditChain.hashOf(line);
        return Json.parse(line);
    }

    /**
     * At most {@code limit} entries from {@code offset} (0-based) in the order asked for:
     * newest first (the latest actions on the first page) or oldest first.
     */
    public List<JsonNode> page(int offset, int limit, boolean newestFirst) {
        List<JsonNode> out = new ArrayList<>();
        AppendLog.Pos[] page;
        if (newestFirst) {
            int size = entries.size();
            int end = Math.max(0, size - offset);
            int start = Math.max(0, end - limit);
            page = entries.page(start, end - start);
            java.util.Collections.reverse(java.util.Arrays.asList(page));
        } else {
            page = entries.page(offset, limit);
        }
        try {
            for (AppendLog.Pos pos : page) {
                out.add(Json.parse(log.read(pos)));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read the audit log", ex);
        }
        return out;
    }

    /** False while entries cannot be appended (see {@link AppendLog#healthy()}). */
    public boolean healthy() {
        return log.healthy();
    }

    public int size() {
        return entries.size();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
