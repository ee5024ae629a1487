package dev.adl.cli;

import dev.adl.server.AppendLog;
import dev.adl.server.AuditLog;
import dev.adl.server.Caller;
import dev.adl.server.Role;
import dev.adl.server.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** `adl audit verify` names the first entry that was changed, removed or moved; `adl token hash` keeps no clear token. */
class AuditAndTokenCommandTest {
    @TempDir
    Path dir;
    Path audit;

    private static CommandLineTest.Run adl(String... args) {
        return CommandLineTest.adl(args);
    }

    @BeforeEach
    void sixEntries() throws Exception {
        audit = dir.resolve("audit.log");
        Caller otto = new Caller("otto", "abcdef0123456789", Set.of(Role.OPERATOR));
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T08:00:00Z"), ZoneOffset.UTC);
        try (AuditLog log = new AuditLog(AppendLog.open(audit), clock)) {
            for (int i = 1; i <= 3; i++) log.record(otto, "event.apply", "BTC-PERP", null, Map.of("seq", i));
        }
        // a restart carries the chain on from the last entry on disk
        try (AuditLog log = new AuditLog(AppendLog.open(audit), clock)) {
            for (int i = 4; i <= 6; i++) log.record(otto, "event.apply", "BTC-PERP", null, Map.of("seq", i));
        }
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(audit, StandardCharsets.UTF_8));
    }

    private void write(List<String> lines) throws Exception {
        Files.write(audit, lines, StandardCharsets.UTF_8);
    }

    @Test
    void anIntactLogVerifies() {
        CommandLineTest.Run r = adl("audit", "verify", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("6 entries, chain intact");
    }

    @Test
    void anEditedEntryIsNamed() throws Exception {
        List<String> l = lines();
        l.set(3, l.get(3).replace("\"who\":\"otto\"", "\"who\":\"mallory\""));
        write(l);
        CommandLineTest.Run r = adl("audit", "verify", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("audit.log:4: entry seq 4 is broken").contains("was changed")
                .contains("the 3 entries before it are intact");
    }

    @Test
    void anEditWithARecomputedHashBreaksTheNextLink() throws Exception {
        List<String> l = lines();
        String edited = l.get(1).replace("\"who\":\"otto\"", "\"who\":\"mallory\"");
        String body = edited.substring(0, edited.lastIndexOf(",\"hash\":"));
        l.set(1, body + ",\"hash\":\"" + dev.adl.server.Hashes.sha256(body) + "\"}");
        write(l);
        CommandLineTest.Run r = adl("audit", "verify", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("audit.log:3: entry seq 3 is broken").contains("does not follow");
    }

    @Test
    void aDeletedEntryIsNamed() throws Exception {
        List<String> l = lines();
        l.remove(2);
        write(l);
        CommandLineTest.Run r = adl("audit", "verify", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("audit.log:3: entry seq 4 is broken").contains("removed, added or moved");
    }

    @Test
    void aReorderedEntryIsNamed() throws Exception {
        List<String> l = lines();
        String fifth = l.remove(4);
        l.add(3, fifth);
        write(l);
        CommandLineTest.Run r = adl("audit", "verify", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("audit.log:4: entry seq 5 is broken");
    }

    @Test
    void aDirectoryWithoutAnAuditLogIsAUsageError() {
        CommandLineTest.Run r = adl("audit", "verify", dir.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("has no audit.log");
    }

    @Test
    void tokenHashWritesSaltedHashesThatStillAuthenticate() throws Exception {
        Path clear = dir.resolve("tokens.json");
        Files.writeString(clear, """
                {"tokens": [
                  {"token": "operator-token-1", "name": "otto", "roles": ["operator"]},
                  {"token": "viewer-token-1", "name": "vera", "roles": ["viewer"]}
                ]}
                """);
        CommandLineTest.Run r = adl("token", "hash", clear.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).doesNotContain("operator-token-1").doesNotContain("viewer-token-1").contains("\"salt\"")
                .contains("\"sha256\"");
        Path hashed = dir.resolve("hashed.json");
        Files.writeString(hashed, r.out());
        Tokens t = Tokens.read(hashed);
        assertThat(t.lookup("operator-token-1").name()).isEqualTo("otto");
        assertThat(t.lookup("operator-token-1").has(Role.OPERATOR)).isTrue();
        assertThat(t.lookup("viewer-token-1").name()).isEqualTo("vera");
        assertThat(t.lookup("viewer-token-2")).isNull();
        assertThat(t.lookup("operator-token-")).isNull();

        // hashing twice salts anew and leaves hashed entries as they are
        CommandLineTest.Run again = adl("token", "hash", hashed.toString());
        assertThat(again.out()).isEqualTo(r.out());
        assertThat(adl("token", "hash", clear.toString()).out()).isNotEqualTo(r.out());
    }

    @Test
    void aHashedEntryWithoutASaltIsRefused() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"tokens\": [{\"name\": \"x\", \"roles\": [\"viewer\"], \"sha256\": \"00\"}]}");
        CommandLineTest.Run r = adl("token", "hash", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("token 1 needs a `token`, or a `salt`");
    }
}
