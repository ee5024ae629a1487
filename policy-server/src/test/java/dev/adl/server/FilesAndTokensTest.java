package dev.adl.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilesAndTokensTest {

    @Test
    void atomicWriteReplacesWholeAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("state.json");
        AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(f, "two".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("two");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
        }
    }

    @Test
    void appendLogKeepsAcknowledgedLinesAndCutsATornTail(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ops.log");
        try (AppendLog log = AppendLog.open(f)) {
            log.append("{\"n\":1}");
            log.append("{\"n\":2}");
        }
        Files.writeString(f, "{\"n\":3", StandardOpenOption.APPEND);
        try (AppendLog log = AppendLog.open(f)) {
            assertThat(log.existingLines()).containsExactly("{\"n\":1}", "{\"n\":2}");
            log.append("{\"n\":4}");
        }
        assertThat(Files.readString(f)).isEqualTo("{\"n\":1}\n{\"n\":2}\n{\"n\":4}\n");
        try (AppendLog log = AppendLog.open(f)) {
            assertThatThrownBy(() -> log.append("a\nb")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void tokensFileGivesNamesAndRoles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tokens.json");
        Files.writeString(f, TestServer.TOKENS);
        Tokens t = Tokens.read(f);
        Caller anna = t.lookup(TestServer.APPROVER);
        assertThat(anna.name()).isEqualTo("anna");
        assertThat(anna.has(Role.APPROVER)).isTrue();
        assertThat(anna.has(Role.OPERATOR)).isFalse();
        assertThat(t.lookup(TestServer.OPERATOR).has(Role.PROPOSER)).isTrue();
        assertThat(t.lookup("nobody-at-all")).isNull();
        assertThat(anna.tokenId()).isNotEqualTo(t.lookup(TestServer.PROPOSER).tokenId()).doesNotContain(TestServer.APPROVER);

        Files.writeString(f, "{\"tokens\": [{\"token\": \"abcdefgh1\", \"name\": \"x\", \"roles\": [\"admin\"]}]}");
        assertThatThrownBy(() -> Tokens.read(f)).hasMessageContaining("unknown role `admin`");
        Files.writeString(f, "{\"tokens\": [{\"token\": \"short\", \"name\": \"x\", \"roles\": []}]}");
        assertThatThrownBy(() -> Tokens.read(f)).hasMessageContaining("at least 8 characters");
        Files.writeString(f, "not json");
        assertThatThrownBy(() -> Tokens.read(f)).hasMessageContaining("not valid JSON");
    }

    @Test
    void adminTokenIsMadeOnceAndReused(@TempDir Path dir) throws Exception {
        Tokens.Generated first = Tokens.adminToken(dir);
        assertThat(first.created()).isTrue();
        String token = Files.readString(dir.resolve("admin.token")).trim();
        assertThat(first.tokens().lookup(token).has(Role.OPERATOR)).isTrue();
        Tokens.Generated second = Tokens.adminToken(dir);
        assertThat(second.created()).isFalse();
        assertThat(second.tokens().lookup(token)).isNotNull();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("admin.token")))).isEqualTo("rw-------");
    }

    @Test
    void tokensAreKeptAsSaltedHashesOnly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{\"tokens\": [{\"token\": \"operator-token-1\", \"name\": \"otto\", \"roles\": [\"operator\"]}]}");
        Tokens t = Tokens.read(f);
        // nothing reachable from the tokens object holds the token's text or bytes
        java.util.List<Object> seen = new java.util.ArrayList<>();
        collect(t, seen, 0);
        byte[] clear = "operator-token-1".getBytes(StandardCharsets.UTF_8);
        for (Object o : seen) {
            assertThat(o).isNotEqualTo("operator-token-1");
            if (o instanceof byte[] b) assertThat(b).isNotEqualTo(clear);
        }
        assertThat(seen).anySatisfy(o -> assertThat(o).isInstanceOf(byte[].class));
        // two loads salt differently, so equal tokens never share a stored hash
        assertThat(Tokens.read(f).lookup("operator-token-1").tokenId()).isEqualTo(t.lookup("operator-token-1").tokenId());
    }

    private static void collect(Object o, java.util.List<Object> seen, int depth) throws IllegalAccessException {
        if (o == null || depth > 6) return;
        seen.add(o);
        if (o instanceof String || o instanceof byte[] || o instanceof Enum<?>) return;
        if (o instanceof Iterable<?> it) {
            for (Object x : it) collect(x, seen, depth + 1);
            return;
        }
        if (!o.getClass().getName().startsWith("dev.adl")) return;
        for (java.lang.reflect.Field fld : o.getClass().getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(fld.getModifiers())) continue;
            fld.setAccessible(true);
            collect(fld.get(o), seen, depth + 1);
        }
    }
}
