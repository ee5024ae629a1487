package dev.adl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.adl.cli.CommandLineTest.adl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** `adl serve` when it cannot start: it says why, exits non-zero and never hangs. */
class ServeCommandTest {
    private static final Duration NEVER_HANGS = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void aBusyPortIsNamedAndNothingIsWritten() throws IOException {
        Path data = tmp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            CommandLineTest.Run r = assertTimeoutPreemptively(NEVER_HANGS, () -> adl("serve", "--port",
                    String.valueOf(port), "--data-dir", data.toString(), "--examples", Path.of("..", "examples").toString()));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("adl: error: port " + port + " is in use; choose another with --port"
                    + System.lineSeparator());
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void aLogThatCannotBeReplayedStopsTheStartWithItsReason() throws IOException {
        // a data directory whose operations log holds a line that is no operation: the start must end
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("ops.log"), "{\"op\":\"teleport\"}\n");
        CommandLineTest.Run r = assertTimeoutPreemptively(NEVER_HANGS, () -> adl("serve", "--port", "0",
                "--data-dir", data.toString(), "--examples", tmp.resolve("none").toString()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("adl serve: cannot start: ").contains("ops.log:1: ").contains("teleport");
    }

    @Test
    void limitsBelowOneAreAUsageError() {
        CommandLineTest.Run r = assertTimeoutPreemptively(NEVER_HANGS, () -> adl("serve", "--port", "0",
                "--data-dir", tmp.resolve("data").toString(), "--max-connections", "0"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("adl serve: --max-connections, --header-timeout, --idle-timeout and"
                + " --max-uploads must each be at least 1");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenIsNamedWithWhatToDo() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        CommandLineTest.Run r = assertTimeoutPreemptively(NEVER_HANGS, () -> adl("serve", "--port", "0",
                "--data-dir", file.resolve("data").toString()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("adl serve: cannot start: the data directory `" + file.resolve("data")
                + "` cannot be written (").contains("make it writable by the user running the server");
    }
}
