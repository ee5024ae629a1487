package dev.adl.server;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;

/**
 * Reads a CSV upload's body into one array sized from its {@code Content-Length}. The web
 * framework's body handler starts at 64 KB and grows its buffer a few megabytes at a time, so a
 * 45 MB upload was copied about ten times on the event loop and once more to hand its bytes to
 * the parser; here each received chunk is copied once, into its place. A body without a length
 * (chunked) grows by doubling and is trimmed once at its end. Past {@code limit} the request
 * fails with 413, as with the body handler.
 */
final class UploadBody implements Handler<RoutingContext> {
    private static final String KEY = "adl.upload";
    private static final int UNKNOWN_LENGTH_START = 64 * 1024;
    /** The longest array the virtual machine allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final long limit;

    UploadBody(long limit) {
        this.limit = Math.min(limit, MAX_ARRAY);
    }

    /** The upload's bytes, exactly as long as the body; null when the route's body was read otherwise. */
    static byte[] of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        long declared = declaredLength(req.getHeader("Content-Length"));
        if (declared > limit) {
            ctx.fail(413);
            return;
        }
        if (req.isEnded()) {
            ctx.put(KEY, new byte[0]);
            ctx.next();
            return;
        }
        Sink sink = new Sink(declared >= 0 ? (int) declared : (int) Math.min(limit, UNKNOWN_LENGTH_START));
        req.handler(chunk -> {
            if (sink.failed) return;
            if (sink.length + (long) chunk.length() > limit) {
                sink.failed = true;
                ctx.fail(413);
                return;
            }
            sink.append(chunk);
        });
        req.endHandler(end -> {
            if (sink.failed) return;
            ctx.put(KEY, sink.bytes());
            ctx.next();
        });
        req.exceptionHandler(e -> {
            if (sink.failed) return;
            sink.failed = true;
            ctx.fail(400, e);
        });
        req.resume();
    }

    /** The Content-Length header's value, or -1 when it is absent or not a length. */
    static long declaredLength(String header) {
        if (header == null || header.isEmpty() || header.length() > 18) return -1;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < '0' || c > '9') return -1;
        }
        return Long.parseLong(header);
    }

    /** The bytes received so far; touched only on the request's event loop. */
    private static final class Sink {
        byte[] bytes;
        int length;
        boolean failed;

        Sink(int capacity) {
            bytes = new byte[capacity];
        }

        void append(Buffer chunk) {
            int n = chunk.length();
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_ARRAY, Math.max(length + (long) n, 2L * bytes.length)));
            }
            chunk.getBytes(0, n, bytes, length);
            length += n;
        }

        byte[] bytes() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }
}
