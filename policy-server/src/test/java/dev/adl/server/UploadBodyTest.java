package dev.adl.server;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.adl.server.TestServer.CSV;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a positions upload's body is read and kept: whole whether or not it declares its length,
 * refused past the CSV limit, and on disk as it came only once it has been accepted.
 */
@ExtendWith(VertxExtension.class)
class UploadBodyTest {
    private static final String MARKET = "TEST-U";

    @Test
    void aChunkedUploadLargerThanTheFirstBufferIsReadWholeAndStoredAsItCame(Vertx vertx, @TempDir Path dir)
            throws Exception {
        TestServer s = start(vertx, dir, 512L * 1024);
        try {
            // 4,000 + 1,000 rows: about 110 KB, past the 64 KB a body of unknown length starts with
            String csv = TestServer.positions(MARKET, 4000, 1000);
            byte[] body = csv.getBytes(StandardCharsets.UTF_8);
            assertThat(body.length).isGreaterThan(64 * 1024);
            String answer = chunked(s, body, 7001);
            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(answer).contains("\"positions\":5000");
            assertThat(s.get("/v1/markets/" + MARKET).json().get("positions").asInt()).isEqualTo(5000);
            Path blob = blobs(dir).resolve(Hashes.sha256(body) + ".csv");
            assertThat(Files.readAllBytes(blob)).isEqualTo(body);
        } finally {
            s.close();
        }
    }

    @Test
    void anUploadDeclaringMoreThanTheLimitIsA413AndChangesNothing(Vertx vertx, @TempDir Path dir) throws Exception {
        String small = TestServer.positions(MARKET, 4, 2);
        TestServer s = start(vertx, dir, small.length() + 10);
        try {
            TestServer.expect(s.put("/v1/markets/" + MARKET + "/positions", OPERATOR, CSV, small), 200);
            List<String> kept = files(blobs(dir));
            TestServer.Resp big = s.put("/v1/markets/" + MARKET + "/positions", OPERATOR, CSV,
                    TestServer.positions(MARKET, 8, 2));
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.json().get("code").asText()).isEqualTo("too_large");
            assertThat(s.get("/v1/markets/" + MARKET).json().get("positions").asInt()).isEqualTo(6);
            assertThat(files(blobs(dir))).isEqualTo(kept);
        } finally {
            s.close();
        }
    }

    @Test
    void aChunkedUploadThatGrowsPastTheLimitIsA413(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir, 1000);
        try {
            byte[] body = TestServer.positions(MARKET, 60, 20).getBytes(StandardCharsets.UTF_8);
            assertThat(body.length).isGreaterThan(1000);
            String answer = chunked(s, body, 100);
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("\"code\":\"too_large\"");
            assertThat(s.get("/v1/markets/" + MARKET).json().get("positions").asInt()).isZero();
        } finally {
            s.close();
        }
    }

    @Test
    void aRefusedUploadLeavesNoBlobNorTemporaryFile(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = start(vertx, dir, 512L * 1024);
        try {
            TestServer.expect(s.put("/v1/markets/" + MARKET + "/positions", OPERATOR, CSV,
                    TestServer.positions(MARKET, 4, 2)), 200);
            List<String> kept = files(blobs(dir));
            TestServer.Resp other = s.put("/v1/markets/" + MARKET + "/positions", OPERATOR, CSV,
                    TestServer.positions("TEST-V", 4, 2));
            assertThat(other.status()).isEqualTo(400);
            TestServer.Resp malformed = s.put("/v1/markets/" + MARKET + "/positions", OPERATOR, CSV,
                    TestServer.positions(MARKET, 4, 2) + "X1," + MARKET + ",sideways,1,1000,10\n");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.json().get("errors").get(0).get("line").asInt()).isEqualTo(8);
            assertThat(files(blobs(dir))).isEqualTo(kept);
            assertThat(s.get("/v1/markets/" + MARKET).json().get("positions").asInt()).isEqualTo(6);
        } finally {
            s.close();
        }
    }

    private static TestServer start(Vertx vertx, Path dir, long csvLimit) throws IOException {
        AdlServer.Options o = TestServer.options(dir, false);
        TestServer s = TestServer.start(vertx, new AdlServer.Options(o.host(), o.port(), o.dataDir(), o.tokensFile(),
                o.twoPerson(), o.examplesDir(), o.examplePositions(), csvLimit, o.limits()));
        TestServer.expect(s.put("/v1/markets/" + MARKET, OPERATOR, JSON,
                "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}"), 201);
        return s;
    }

    /** PUTs the body in chunks of {@code chunk} bytes without a Content-Length; returns the whole answer. */
    private static String chunked(TestServer s, byte[] body, int chunk) throws IOException {
        try (Socket c = new Socket("localhost", s.server.port())) {
            c.setSoTimeout(30_000);
            OutputStream out = c.getOutputStream();
            out.write(("PUT /v1/markets/" + MARKET + "/positions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + OPERATOR + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                for (int from = 0; from < body.length; from += chunk) {
                    int n = Math.min(chunk, body.length - from);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, from, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedAfterAnEarlyAnswer) {
                // a refused upload may be answered and closed before all of it is sent
            }
            InputStream in = c.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static Path blobs(Path dir) {
        return dir.resolve("data").resolve("blobs");
    }

    /** The folder's file names, temporary ones included, sorted. */
    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> l = Files.list(folder)) {
            return l.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
