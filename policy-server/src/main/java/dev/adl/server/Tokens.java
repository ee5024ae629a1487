package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/** Bearer tokens and their roles, from a tokens file or one generated operator token. */
public final class Tokens {
    private final Map<String, Caller> byDigest;

    private Tokens(Map<String, Caller> byDigest) {
        this.byDigest = Map.copyOf(byDigest);
    }

    /** Reads {@code {"tokens":[{"token":"...","name":"...","roles":["..."]}]}}; a bad file is an IllegalArgumentException. */
    public static Tokens read(Path file) throws IOException {
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
        Map<String, Caller> out = new HashMap<>();
        int i = 0;
        for (JsonNode t : list) {
            i++;
            String token = t.path("token").asText("");
            String name = t.path("name").asText("");
            if (token.length() < 8) {
                throw new IllegalArgumentException(file + ": token " + i + " must be at least 8 characters");
            }
            if (name.isEmpty()) throw new IllegalArgumentException(file + ": token " + i + " needs a `name`");
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (JsonNode r : t.path("roles")) {
                Role role = Role.parse(r.asText());
                if (role == null) {
                    throw new IllegalArgumentException(file + ": token `" + name + "` has unknown role `" + r.asText()
                            + "` (roles are viewer, proposer, approver, operator)");
                }
                roles.add(role);
            }
            String digest = digest(token);
            if (out.put(digest, new Caller(name, digest.substring(0, 16), roles)) != null) {
                throw new IllegalArgumentException(file + ": token " + i + " is given twice");
            }
        }
        return new Tokens(out);
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
            new SecureRandom().nextBytes(raw);
            token = HexFormat.of().formatHex(raw);
            AtomicFiles.write(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
            created = true;
        }
        String digest = digest(token);
        Tokens tokens = new Tokens(Map.of(digest, new Caller("admin", digest.substring(0, 16), EnumSet.of(Role.OPERATOR))));
        return new Generated(tokens, file, created);
    }

    /** The generated operator token, where it was written, and whether this start made it. */
    public record Generated(Tokens tokens, Path file, boolean created) {
    }

    /** The caller a bearer token stands for, or null when the token is unknown. */
    public Caller lookup(String token) {
        return token == null ? null : byDigest.get(digest(token));
    }

    static String digest(String token) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
