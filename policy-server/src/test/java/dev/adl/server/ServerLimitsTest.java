package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.adl.server.TestServer.CSV;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/** What one client may hold of the server: connections, time to send a request head, uploads read at once. */
@ExtendWith(VertxExtension.class)
class ServerLimitsTest {
    private static final String HALF_A_HEAD = "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";

    @Test
    void connectionsThatNeverFinishTheirHeadAreClosedAfterTheHeaderTimeout(Vertx vertx, @TempDir Path dir)
            throws Exception {
        TestServer s = TestServer.start(vertx, TestServer.options(dir, false)
                .withLimits(new AdlServer.Limits(1000, 1, 60, 2)));
        List<Socket> slow = slowClients(s, 200);
        try {
            assertThat(s.get("/health/live").status()).isEqualTo(200);
            assertThat(closedWithin(slow, 15_000)).as("slow connections closed").isEqualTo(slow.size());
            assertThat(s.get("/health/live").status()).isEqualTo(200);
        } finally {
            closeAll(slow);
            s.close();
        }
    }

    @Test
    void pastTheCapTheHealthChecksStillAnswerAndTheSlowClientsArePushedOut(Vertx vertx, @TempDir Path dir)
            throws Exception {
        // a header timeout longer than the test: only the cap can close the slow connections
        TestServer s = TestServer.start(vertx, TestServer.options(dir, false)
                .withLimits(new AdlServer.Limits(50, 600, 600, 2)));
        List<Socket> slow = slowClients(s, 300);
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(s.get("/health/live").status()).isEqualTo(200);
                assertThat(s.get("/health/ready").status()).isEqualTo(200);
            }
            // at most the cap stays open; the health checks above pushed out a few more
            assertThat(closedWithin(slow, 10_000)).isGreaterThanOrEqualTo(slow.size() - 50);
        } finally {
            closeAll(slow);
            s.close();
        }
    }

    @Test
    void whenEveryPlaceHoldsARequestANewConnectionIsClosedAtOnce(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, TestServer.options(dir, false)
                .withLimits(new AdlServer.Limits(5, 600, 600, 1)));
        List<Socket> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket c = new Socket("localhost", s.server.port());
                c.getOutputStream().write(("GET /v1/notifications?account=A" + i + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                c.getOutputStream().flush();
                c.setSoTimeout(10_000);
                assertThat(new String(c.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                        .isEqualTo("HTTP/1.1 200");
                streams.add(c);
            }
            try (Socket refused = new Socket("localhost", s.server.port())) {
                assertThat(closedWithin(List.of(refused), 10_000)).isEqualTo(1);
            }
            streams.remove(0).close();
            // the place is free again once the server has seen the stream close
            int status = 0;
            for (int i = 0; i < 50 && status != 200; i++) {
                try {
                    status = s.get("/health/live").status();
                } catch (RuntimeException closedBeforeTheAnswer) {
                    Thread.sleep(100);
                }
            }
            assertThat(status).isEqualTo(200);
        } finally {
            closeAll(streams);
            s.close();
        }
    }

    @Test
    void aConnectionIdleAfterItsRequestIsClosed(Vertx vertx, @TempDir Path dir) throws Exception {
        assertThat(closedAfterOneSecondIdle(vertx, dir, "/health/live", 10_000)).isEqualTo(1);
    }

    @Test
    void anEventStreamStaysOpenPastTheIdleTimeout(Vertx vertx, @TempDir Path dir) throws Exception {
        assertThat(closedAfterOneSecondIdle(vertx, dir, "/v1/notifications?account=A1", 3_500)).isZero();
    }

    /** Sends one GET on a server with a one-second idle timeout; 1 when the server closed the connection in time. */
    private static int closedAfterOneSecondIdle(Vertx vertx, Path dir, String path, long wait) throws Exception {
        TestServer s = TestServer.start(vertx, TestServer.options(dir, false)
                .withLimits(new AdlServer.Limits(1000, 600, 1, 2)));
        try (Socket c = new Socket("localhost", s.server.port())) {
            c.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            c.getOutputStream().flush();
            return closedWithin(List.of(c), wait);
        } finally {
            s.close();
        }
    }

    @Test
    void uploadsBeyondTheLimitAreRefusedBeforeTheirBodyIsRead(Vertx vertx, @TempDir Path dir) throws Exception {
        TestServer s = TestServer.start(vertx, TestServer.options(dir, false)
                .withLimits(new AdlServer.Limits(1000, 10, 60, 1)));
        try {
            TestServer.expect(s.put("/v1/markets/TEST-U", OPERATOR, JSON,
                    "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}"), 201);
            String csv = TestServer.positions("TEST-U", 4, 2);
            byte[] body = csv.getBytes(StandardCharsets.UTF_8);
            try (Socket first = new Socket("localhost", s.server.port())) {
                OutputStream out = first.getOutputStream();
                out.write(("PUT /v1/markets/TEST-U/positions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + OPERATOR + "\r\nContent-Type: text/csv\r\nContent-Length: " + body.length
                        + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // told to go on, the first upload holds the one place until it is answered
                String goOn = "HTTP/1.1 100 Continue\r\n\r\n";
                assertThat(new String(first.getInputStream().readNBytes(goOn.length()), StandardCharsets.US_ASCII))
                        .isEqualTo(goOn);
                HttpResponse<Buffer> busy = s.client.put(s.server.port(), "localhost", "/v1/markets/TEST-U/positions")
                        .putHeader("Authorization", "Bearer " + OPERATOR).putHeader("Content-Type", CSV)
                        .sendBuffer(Buffer.buffer(csv)).await();
                assertThat(busy.statusCode()).isEqualTo(503);
                assertThat(busy.getHeader("Retry-After")).isEqualTo("5");
                JsonNode error = Json.parse(busy.bodyAsString());
                assertThat(error.get("code").asText()).isEqualTo("busy");
                assertThat(error.get("message").asText()).contains("uploads");
                assertThat(error.get("errors").isArray()).isTrue();

                out.write(body);
                out.flush();
                // past the interim 100 answers: the upload's own
                first.setSoTimeout(30_000);
                StringBuilder answer = new StringBuilder();
                InputStream in = first.getInputStream();
                int c;
                while (!answer.toString().matches("(?s).*HTTP/1\\.1 [2-5]\\d\\d.*") && (c = in.read()) >= 0) {
                    answer.append((char) c);
                }
                assertThat(answer.toString()).contains("HTTP/1.1 200");
            }
            // the place is given back once the first upload is answered
            TestServer.expect(s.put("/v1/markets/TEST-U/positions", OPERATOR, CSV, csv), 200);
        } finally {
            s.close();
        }
    }

    private static List<Socket> slowClients(TestServer s, int n) throws IOException {
        List<Socket> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket c = new Socket("localhost", s.server.port());
            c.getOutputStream().write(HALF_A_HEAD.getBytes(StandardCharsets.US_ASCII));
            c.getOutputStream().flush();
            out.add(c);
        }
        return out;
    }

    /** How many of the sockets the server has closed by the deadline (waits only while some are open). */
    private static int closedWithin(List<Socket> sockets, long millis) throws Exception {
        boolean[] closed = new boolean[sockets.size()];
        int count = 0;
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            for (int i = 0; i < sockets.size(); i++) {
                if (!closed[i] && isClosed(sockets.get(i))) {
                    closed[i] = true;
                    count++;
                }
            }
            if (count == sockets.size() || System.currentTimeMillis() >= deadline) return count;
            Thread.sleep(100);
        }
    }

    /** True once the server closed its end: the stream ends (after any answer) or is reset. */
    private static boolean isClosed(Socket c) throws IOException {
        c.setSoTimeout(1);
        InputStream in = c.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket c : sockets) c.close();
    }
}
