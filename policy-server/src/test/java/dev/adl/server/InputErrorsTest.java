package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.stream.Stream;

import static dev.adl.server.TestServer.CSV;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Input the server cannot use, and a data directory it cannot write: each answered with what is wrong and where. */
@ExtendWith(VertxExtension.class)
class InputErrorsTest {
    private static final String HEADER = "account,market,side,size,entry_price,collateral\n";

    @Test
    void aCorruptLineOfTheOperationsLogIsNamedByFileAndLine(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        TestServer.expect(s.put("/v1/markets/TEST-C", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}"),
                201);
        TestServer.expect(s.put("/v1/markets/TEST-D", OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}"),
                201);
        s.close();
        Path log = dir.resolve("data").resolve("ops.log");
        long lines;
        try (Stream<String> l = Files.lines(log)) {
            lines = l.count();
        }
        Files.writeString(log, "this is not json\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> ServerState.open(dir.resolve("data"), Clock.systemUTC(), false))
                .hasMessageStartingWith(log + ":" + (lines + 1) + ": ");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedSaysWhatToDo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> ServerState.open(file.resolve("data"), Clock.systemUTC(), false))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the data directory `" + file.resolve("data") + "` cannot be written (")
                .hasMessageEndingWith("make it writable by the user running the server, or choose another directory");
    }

    @Test
    void aReadOnlyDataDirectorySaysWhatToDo(@TempDir Path dir) throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "the superuser writes read-only directories");
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        assertThatThrownBy(() -> ServerState.open(data, Clock.systemUTC(), false))
                .hasMessage("the data directory `" + data + "` cannot be written (permission denied: `"
                        + data.resolve("server.lock") + "`); make it writable by the user running the server,"
                        + " or choose another directory");
    }

    @Test
    void aBlobThatCannotBeWrittenIsA503AndChangesNothing(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, dir, false);
        try {
            s.market("TEST-B", 4, 2, TestServer.policy("blobs", 1, "upnl"));
            String before = s.get("/v1/markets/TEST-B").body();
            // a file where the blob directory was: no blob can be written, whoever runs the server
            Path blobs = dir.resolve("data").resolve("blobs");
            try (Stream<Path> files = Files.list(blobs)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(blobs);
            Files.writeString(blobs, "not a directory");
            TestServer.Resp r = s.put("/v1/markets/TEST-B/positions", OPERATOR, CSV, TestServer.positions("TEST-B", 6, 3));
            assertThat(r.status()).isEqualTo(503);
            JsonNode error = r.json();
            assertThat(error.get("code").asText()).isEqualTo("unavailable");
            assertThat(error.get("message").asText()).startsWith("the server cannot write to its data directory");
            assertThat(error.get("errors").isArray()).isTrue();
            assertThat(s.get("/v1/markets/TEST-B").body()).isEqualTo(before);
            assertThat(s.get("/health/ready").status()).isEqualTo(503);
        } finally {
            s.close();
        }
    }

    @Test
    void aHugeOneLineHeaderIsNotEchoedBack(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = withMarket(vertx, dir, "TEST-H");
        try {
            for (int length : new int[] {10 * 1024 * 1024, 50_000}) {
                TestServer.Resp r = s.put("/v1/markets/TEST-H/positions", OPERATOR, CSV, "h".repeat(length));
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.body().length()).isLessThan(600);
                assertThat(r.json().get("errors").get(0).get("line").asInt()).isEqualTo(1);
            }
        } finally {
            s.close();
        }
    }

    @Test
    void csvUploadsWithAByteOrderMarkAreRead(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = withMarket(vertx, dir, "TEST-M");
        try {
            TestServer.Resp r = s.put("/v1/markets/TEST-M/positions", OPERATOR, CSV,
                    "\uFEFF" + TestServer.positions("TEST-M", 4, 2));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("positions").asInt()).isEqualTo(6);
            TestServer.expect(s.put("/v1/exposures/venue-b", OPERATOR, CSV,
                    "\uFEFFaccount,source,notional,collateral,as_of\nS1,venue-b,100,10,2026-01-01T07:59:30Z\n"), 200);
        } finally {
            s.close();
        }
    }

    @Test
    void sizesSummingPastWhatASideHoldsAreA400NamingTheRow(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = withMarket(vertx, dir, "TEST-O");
        try {
            TestServer.Resp r = s.put("/v1/markets/TEST-O/positions", OPERATOR, CSV, HEADER
                    + "A,TEST-O,long,50000000000,1000,10\nB,TEST-O,long,50000000000,1000,10\n");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("line").asInt()).isEqualTo(3);
            assertThat(r.json().get("errors").get(0).get("message").asText())
                    .startsWith("the long sizes of market `TEST-O` add up past 92233720368.54775807");

            TestServer.expect(s.put("/v1/markets/TEST-O/positions", OPERATOR, CSV, HEADER
                    + "A,TEST-O,long,50000000000,1000,10\n"), 200);
            TestServer.Resp change = s.post("/v1/markets/TEST-O/positions", OPERATOR, CSV, HEADER
                    + "B,TEST-O,long,50000000000,1000,10\n");
            assertThat(change.status()).isEqualTo(400);
            assertThat(change.json().get("message").asText()).startsWith("with these changes the long sizes");
            assertThat(s.get("/v1/markets/TEST-O").json().get("open_interest_size").asText())
                    .isEqualTo("50000000000");
        } finally {
            s.close();
        }
    }

    /** A server with one market and no positions yet. */
    private static TestServer withMarket(Vertx vertx, Path dir, String market) throws IOException {
        TestServer s = TestServer.start(vertx, dir, false);
        TestServer.expect(s.put("/v1/markets/" + market, OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}"),
                201);
        return s;
    }
}
