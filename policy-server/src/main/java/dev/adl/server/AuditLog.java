package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Every accepted write, as one JSON line: who, when, what, on which target, and the policy's sha256. */
public final class AuditLog {
    private final AppendLog log;
    private final Clock clock;
    private final List<JsonNode> entries = new ArrayList<>();

    public AuditLog(AppendLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
        for (String line : log.existingLines()) {
            entries.add(Json.parse(line));
        }
    }

    /** Appends one entry; {@code sha256} may be null when the write concerns no policy. */
    public synchronized JsonNode record(Caller who, String action, String target, String sha256, ObjectNode details) {
        ObjectNode e = Json.object();
        e.put("seq", entries.size() + 1);
        e.put("at", clock.instant().toString());
        e.put("who", who.name());
        e.put("token", who.tokenId());
        e.put("action", action);
        e.put("target", target);
        if (sha256 == null) e.putNull("sha256");
        else e.put("sha256", sha256);
        if (details != null) e.set("details", details);
        try {
            log.append(Json.write(e));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to the audit log", ex);
        }
        entries.add(e);
        return e;
    }

    /** Entries from {@code offset} (0-based), at most {@code limit}. */
    public synchronized List<JsonNode> page(int offset, int limit) {
        int from = Math.min(offset, entries.size());
        int to = Math.min(entries.size(), from + limit);
        return List.copyOf(entries.subList(from, to));
    }

    public synchronized int size() {
        return entries.size();
    }
}
