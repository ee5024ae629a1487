package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real server started as a child process (the kill -9 tests): its start, its port, and requests to it. */
final class ChildServer {
    private static final Pattern PORT = Pattern.compile("listening on http://localhost:(\\d+)");
    /** The shaded jar {@code mvn verify} builds; the kill -9 tests run after it. */
    static final Path JAR = Path.of("target", "adl.jar");

    private ChildServer() {
    }

    record Resp(int status, String body) {
        JsonNode json() {
            return Json.parse(body);
        }
    }

    /** {@code adl serve} from the jar on a free port over {@code data}, without the example markets. */
    static Process serve(Path dir, Path data, Path tokens, String maxHeap) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap,
                "-jar", JAR.toString(), "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString(),
                "--tokens", tokens.toString(), "--examples", dir.resolve("no-examples").toString(),
                "--example-positions", "0");
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** One request with a bearer token; {@code contentType} only when there is a body. */
    static Resp send(HttpClient http, int port, String token, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if (body != null && contentType != null) b.header("Content-Type", contentType);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Resp(r.statusCode(), r.body());
    }

    /** Waits for the child to say where it listens, then drains its output; a child that does not start is destroyed. */
    static int port(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = PORT.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // the child's log is not needed past its start
                        }
                    } catch (IOException closed) {
                        // the child was killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        p.destroyForcibly();
        throw new AssertionError("the server did not start:\n" + seen);
    }
}
