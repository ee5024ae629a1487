package dev.adl.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One server per data directory. */
class DataDirLockTest {
    @Test
    void aSecondServerOnTheSameDirectoryIsRefusedAndNamesTheOwner(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        try (ServerState first = ServerState.open(data, Clock.systemUTC(), false)) {
            assertThat(first.fresh()).isTrue();
            long opsBefore = Files.size(data.resolve("ops.log"));
            assertThatThrownBy(() -> ServerState.open(data, Clock.systemUTC(), false))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("`" + data + "` is in use by another server")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            // the refused start wrote nothing and left the owner working
            assertThat(Files.size(data.resolve("ops.log"))).isEqualTo(opsBefore);
            assertThat(first.healthy()).isTrue();
        }
        // released on close: the next server starts
        try (ServerState again = ServerState.open(data, Clock.systemUTC(), false)) {
            assertThat(again.healthy()).isTrue();
        }
    }
}
