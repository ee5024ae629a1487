package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Bearer tokens and their roles, from a tokens file or one generated operator token. Only
 * salted hashes are kept: a token in a file (clear {@code "token"} or {@code "salt"} plus
 * {@code "sha256"} of salt and token) becomes a random salt and SHA-256(salt || token) at
 * load. A lookup hashes the presented token with every entry's salt and compares in
 * constant time, visiting every entry, so neither a comparison nor the number of entries
 * tried tells how close a guess was.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** One token as kept: its salt, its salted hash and who it stands for. */
    private record Entry(byte[] salt, byte[] hash, Caller caller) {
    }

    private final List<Entry> entries;

    private Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads {@code {"tokens":[{"name":"...","roles":["..."],"token":"..."}]}}, where an entry
     * may give {@code "salt"} and {@code "sha256"} (hex, as {@code adl token hash} writes
     * them) instead of the clear token; a bad file is an IllegalArgumentException.
     */
    public static Tokens read(Path file) throws IOException {
        JsonNode list = tokenList(file);
        List<Entry> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int i = 0;
        for (JsonNode t : list) {
            i++;
            String name = t.path("name").asText("");
            if (name.isEmpty()) throw new IllegalArgumentException(file + ": token " + i + " needs a `name`");
            Set<Role> roles = roles(file, name, t.path("roles"));
            String staker = staker(file, name, t, roles);
            Entry e;
            if (t.has("token")) {
                String token = t.path("token").asText("");
                if (token.length() < 8) {
                    throw new IllegalArgumentException(file + ": token " + i + " must be at least 8 characters");
                }
                e = entry(token, new Caller(name, clearId(token), roles, staker));
            } else {
                e = hashed(file, i, t, name, roles, staker);
            }
            if (!ids.add(e.caller().tokenId())) {
                throw new IllegalArgumentException(file + ": token " + i + " is given twice");
            }
            out.add(e);
        }
        return new Tokens(out);
    }

    private static JsonNode tokenList(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": the tokens file is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode list = root == null ? null : root.get("tokens");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(file + ": the tokens file needs a `tokens` list");
        }
        return list;
    }

    /** The staker a token acts for ({@code "staker": "<id>"}), which gives it the staker role; null when none. */
    private static String staker(Path file, String name, JsonNode t, Set<Role> roles) {
        JsonNode s = t.get("staker");
        if (s == null || s.isNull()) {
            if (roles.contains(Role.STAKER)) {
                throw new IllegalArgumentException(file + ": token `" + name + "` has role `staker` but no `staker` id");
            }
            return null;
        }
        String id = s.asText("");
        if (!s.isTextual() || !id.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
            throw new IllegalArgumentException(file + ": token `" + name + "` has staker `" + s.asText()
                    + "`; a staker id is 1 to 64 letters, digits, `.`, `_`, `:` or `-`");
        }
        roles.add(Role.STAKER);
        return id;
    }

    private static Set<Role> roles(Path file, String name, JsonNode list) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (JsonNode r : list) {
            Role role = Role.parse(r.asText());
            if (role == null) {
                throw new IllegalArgumentException(file + ": token `" + name + "` has unknown role `" + r.asText()
                        + "` (roles are viewer, proposer, approver, operator, treasury, staker, analyst)");
            }
            roles.add(role);
        }
        return roles;
    }

    private static Entry hashed(Path file, int i, JsonNode t, String name, Set<Role> roles, String staker) {
        byte[] salt;
        byte[] hash;
        try {
            salt = HEX.parseHex(t.path("salt").asText(""));
            hash = HEX.parseHex(t.path("sha256").asText(""));
        } catch (IllegalArgumentException e) {
            salt = new byte[0];
            hash = new byte[0];
        }
        if (salt.length < 16 || hash.length != 32) {
            throw new IllegalArgumentException(file + ": token " + i + " needs a `token`, or a `salt` (16 bytes or more)"
                    + " and a `sha256` (32 bytes) in hex");
        }
        // the id is public (audit, logs): a prefix of the salted hash tells nothing without the salt
        return new Entry(salt, hash, new Caller(name, HEX.formatHex(hash).substring(0, 16), roles, staker));
    }

    /** A token as kept: a fresh random salt and the salted hash, never the token. */
    private static Entry entry(String token, Caller caller) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Entry(salt, saltedHash(salt, token), caller);
    }

    /**
     * The tokens file with every clear {@code "token"} replaced by a new {@code "salt"} and
     * its {@code "sha256"}; names, roles and hashed entries are kept as they are.
     */
    public static String hashFile(Path file) throws IOException {
        read(file); // the same checks as a start
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("tokens");
        for (JsonNode t : tokenList(file)) {
            ObjectNode o = ((ObjectNode) t).deepCopy();
            if (o.has("token")) {
                byte[] salt = new byte[16];
                RANDOM.nextBytes(salt);
                String token = o.remove("token").asText();
                o.put("salt", HEX.formatHex(salt));
                o.put("sha256", HEX.formatHex(saltedHash(salt, token)));
            }
            list.add(o);
        }
        return root.toPrettyString() + "\n";
    }

    /** Reuses {@code admin.token} when a previous start wrote one, else makes and writes a new operator token. */
    public static Generated adminToken(Path dataDir) throws IOException {
        Path file = dataDir.resolve("admin.token");
        String token;
        boolean created = false;
        if (Files.exists(file)) {
            token = Files.readString(file, StandardCharsets.UTF_8).trim();
        } else {
            byte[] raw = new byte[24];
            RANDOM.nextBytes(raw);
            token = HEX.formatHex(raw);
            AtomicFiles.write(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
            created = true;
        }
        ownerOnly(file);
        Tokens tokens = new Tokens(List.of(entry(token, new Caller("admin", clearId(token), EnumSet.of(Role.OPERATOR)))));
        return new Generated(tokens, file, created);
    }

    /** The one file that holds a token in the clear is readable by its owner alone. */
    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the folder's access rules apply
        }
    }

    /** The generated operator token, where it was written, and whether this start made it. */
    public record Generated(Tokens tokens, Path file, boolean created) {
    }

    /** The caller a bearer token stands for, or null when the token is unknown. */
    public Caller lookup(String token) {
        if (token == null) return null;
        Caller found = null;
        for (Entry e : entries) {
            // no early exit: every entry costs the same whether or not one matched
            if (MessageDigest.isEqual(saltedHash(e.salt(), token), e.hash())) found = e.caller();
        }
        return found;
    }

    static byte[] saltedHash(byte[] salt, String token) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            return d.digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of a token given in the clear, as earlier logs name it. */
    private static String clearId(String token) {
        return Hashes.sha256(token).substring(0, 16);
    }
}
