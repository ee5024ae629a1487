package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit log as a hash chain. Each entry ends with {@code "prev"}, the {@code "hash"} of
 * the entry before it ({@link #GENESIS} for the first), and {@code "hash"}, the SHA-256 of
 * the entry's own text up to that field. An edited entry no longer matches its hash; a
 * deleted or moved entry no longer follows the hash before it. Cutting entries off the end
 * leaves a valid shorter chain: the seq of the last entry is what to compare with a copy
 * kept elsewhere.
 */
public final class AuditChain {
    /** The {@code prev} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final Pattern TAIL = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");
    /** The characters {@link #seal} adds after the body. */
    private static final int TAIL_LENGTH = ",\"hash\":\"\"}".length() + 64;

    private AuditChain() {
    }

    /** The entry's line: its JSON object (already ending with {@code "prev"}) closed by its hash. */
    static String seal(String objectWithPrev) {
        if (!objectWithPrev.endsWith("}")) throw new IllegalArgumentException("not a JSON object: " + objectWithPrev);
        String body = objectWithPrev.substring(0, objectWithPrev.length() - 1);
        return body + ",\"hash\":\"" + Hashes.sha256(body) + "\"}";
    }

    /** The hash a sealed line ends with, or null when it has none. */
    static String hashOf(String line) {
        Matcher m = TAIL.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /** The outcome of a check: the number of intact entries, and the first broken one if any. */
    public record Verdict(int entries, Broken broken) {
        public boolean intact() {
            return broken == null;
        }
    }

    /** A broken entry: its line in the file, its seq as written (-1 when unreadable), and what is wrong. */
    public record Broken(int line, long seq, String reason) {
    }

    /** Checks {@code <dataDir>/audit.log} from its first entry; stops at the first broken one. */
    public static Verdict verify(Path auditLog) throws IOException {
        List<String> lines = Files.readAllLines(auditLog, StandardCharsets.UTF_8);
        String prev = GENESIS;
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            n++;
            JsonNode e;
            try {
                e = Json.parse(line);
            } catch (RuntimeException bad) {
                return new Verdict(n - 1, new Broken(i + 1, -1, "not a JSON entry"));
            }
            long seq = e.path("seq").asLong(-1);
            String hash = hashOf(line);
            if (hash == null || !hash.equals(Hashes.sha256(line.substring(0, line.length() - TAIL_LENGTH)))) {
                return new Verdict(n - 1, new Broken(i + 1, seq, "its text does not match its hash (the entry was changed)"));
            }
            if (!prev.equals(e.path("prev").asText())) {
                return new Verdict(n - 1, new Broken(i + 1, seq,
                        "it does not follow the entry before it (an entry was removed, added or moved)"));
            }
            if (seq != n) {
                return new Verdict(n - 1, new Broken(i + 1, seq, "its seq is not " + n));
            }
            prev = hash;
        }
        return new Verdict(n, null);
    }
}
