package dev.adl.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A blob is written under a temporary name first and has its own name only once it is committed. */
class BlobStoreTest {
    @Test
    void aPreparedBlobHasItsNameOnlyOnceCommittedAndItsBytesWhole(@TempDir Path dir) throws IOException {
        BlobStore store = new BlobStore(dir);
        // two and a half write slices of 1 MB: the last slice is a partial one
        byte[] bytes = new byte[(5 << 20) / 2 + 17];
        new Random(7).nextBytes(bytes);
        BlobStore.Pending p = store.prepare(bytes, "csv");
        String sha = Hashes.sha256(bytes);
        assertThat(p.sha()).isEqualTo(sha);
        assertThat(Files.exists(dir.resolve(sha + ".csv"))).isFalse();
        assertThat(names(dir)).singleElement().satisfies(n -> assertThat(n).startsWith(".").endsWith(".tmp"));

        assertThat(p.commit()).isEqualTo(sha);
        assertThat(names(dir)).containsExactly(sha + ".csv");
        assertThat(Files.readAllBytes(dir.resolve(sha + ".csv"))).isEqualTo(bytes);
    }

    @Test
    void aDiscardedBlobLeavesNothing(@TempDir Path dir) throws IOException {
        BlobStore store = new BlobStore(dir);
        store.prepare("account\nA\n".getBytes(), "csv").discard();
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void bytesStoredAlreadyAreNotWrittenAgain(@TempDir Path dir) throws IOException {
        BlobStore store = new BlobStore(dir);
        byte[] bytes = "account\nA\n".getBytes();
        String sha = store.put(bytes, "csv");
        BlobStore.Pending again = store.prepare(bytes, "csv");
        assertThat(again.tmp()).isNull();
        assertThat(names(dir)).containsExactly(sha + ".csv");
        // discarding a blob that was there already must not remove it
        again.discard();
        assertThat(again.commit()).isEqualTo(sha);
        assertThat(Files.readAllBytes(dir.resolve(sha + ".csv"))).isEqualTo(bytes);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> l = Files.list(dir)) {
            return l.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
