package dev.adl.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Keeps idle and half-open connections from using up the server's file descriptors. Vert.x
 * has an idle timeout but no deadline for a request's head, so a sweep a few times a second
 * closes every connection that has not sent a complete request head within the header
 * timeout (one timer for all connections: they wait in the order they came, so the sweep
 * stops at the first one still in time). At most {@code max} connections are open; a new one beyond that first pushes
 * out the oldest connection still waiting for its head (a slow client holds a place a real
 * request, such as a health check, needs), and is itself closed at once when every place
 * is held by a connection that did send a request. Refusals are logged at most once a second.
 */
final class ConnectionGuard implements Handler<HttpConnection> {
    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());

    private final Vertx vertx;
    private final int max;
    private final long headerTimeoutMillis;
    /** Connections still waiting for their first request head, oldest first, with when they opened (nanoTime). */
    private final LinkedHashMap<HttpConnection, Long> waiting = new LinkedHashMap<>();
    private int open;
    private long refused;
    private long lastLog;

    ConnectionGuard(Vertx vertx, int max, long headerTimeoutMillis) {
        this.vertx = vertx;
        this.max = max;
        this.headerTimeoutMillis = headerTimeoutMillis;
    }

    @Override
    public void handle(HttpConnection conn) {
        HttpConnection pushedOut = null;
        synchronized (this) {
            if (open >= max) {
                pushedOut = oldestWaiting();
                if (pushedOut == null) {
                    refuse(conn);
                    return;
                }
            }
            open++;
            waiting.put(conn, System.nanoTime());
        }
        conn.closeHandler(v -> closed(conn));
        if (pushedOut != null) pushedOut.close();
    }

    /** A request head arrived on the connection: from now on only the idle timeout applies to it. */
    synchronized void headSeen(HttpConnection conn) {
        waiting.remove(conn);
    }

    /** Starts the sweep; returns its timer, for the server to cancel when it closes. */
    long start() {
        return vertx.setPeriodic(Math.max(50, headerTimeoutMillis / 4), id -> sweep());
    }

    /** Connections now counted against the cap. */
    synchronized int open() {
        return open;
    }

    private void sweep() {
        List<HttpConnection> late = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            Iterator<Map.Entry<HttpConnection, Long>> it = waiting.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<HttpConnection, Long> e = it.next();
                if (now - e.getValue() < headerTimeoutMillis * 1_000_000L) break;
                late.add(e.getKey());
                it.remove();
            }
        }
        late.forEach(HttpConnection::close);
    }

    private synchronized void closed(HttpConnection conn) {
        open--;
        waiting.remove(conn);
    }

    /** Removes and returns the oldest connection without a request head; null when none. */
    private HttpConnection oldestWaiting() {
        Iterator<HttpConnection> it = waiting.keySet().iterator();
        if (!it.hasNext()) return null;
        HttpConnection oldest = it.next();
        it.remove();
        return oldest;
    }

    private void refuse(HttpConnection conn) {
        refused++;
        long now = System.nanoTime();
        if (lastLog == 0 || now - lastLog >= 1_000_000_000L) {
            lastLog = now;
            LOG.warning("refusing connections: " + max + " are open, each with a request in progress ("
                    + refused + " refused so far); raise --max-connections if this load is expected");
        }
        conn.close();
    }
}
