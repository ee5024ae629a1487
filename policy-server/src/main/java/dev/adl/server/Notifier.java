package dev.adl.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Server-Sent Events per account: fills as they happen, and quintile alerts when an
 * account's place in a market's ADL queue reaches the policy's {@code notify} threshold.
 */
final class Notifier {
    private final Map<String, List<HttpServerResponse>> byAccount = new ConcurrentHashMap<>();
    /** Last quintile alerted per market and account, so an alert is sent once per crossing, not per event. */
    private final Map<String, Integer> lastAlert = new ConcurrentHashMap<>();

    void subscribe(String account, HttpServerResponse response) {
        byAccount.computeIfAbsent(account, a -> new CopyOnWriteArrayList<>()).add(response);
        response.closeHandler(v -> unsubscribe(account, response));
        response.exceptionHandler(e -> unsubscribe(account, response));
    }

    private void unsubscribe(String account, HttpServerResponse response) {
        List<HttpServerResponse> list = byAccount.get(account);
        if (list != null) {
            list.remove(response);
            if (list.isEmpty()) byAccount.remove(account, list);
        }
    }

    Set<String> accounts() {
        return byAccount.keySet();
    }

    boolean hasSubscribers() {
        return !byAccount.isEmpty();
    }

    void send(String account, String type, ObjectNode data) {
        List<HttpServerResponse> list = byAccount.get(account);
        if (list == null) return;
        String frame = "event: " + type + "\ndata: " + Json.write(data) + "\n\n";
        for (HttpServerResponse r : list) {
            if (!r.closed() && !r.ended()) r.write(frame);
        }
    }

    /** A comment line to every stream, so that a quiet stream is not closed as idle. */
    void keepAlive() {
        for (List<HttpServerResponse> list : byAccount.values()) {
            for (HttpServerResponse r : list) {
                if (!r.closed() && !r.ended()) r.write(": keep-alive\n\n");
            }
        }
    }

    /** Sends a quintile alert when the account has newly reached the threshold; forgets it when it falls below. */
    void quintile(String market, String account, Integer quintile, int threshold, ObjectNode data) {
        String key = market + "\u0000" + account;
        if (quintile == null || quintile < threshold) {
            lastAlert.remove(key);
            return;
        }
        Integer before = lastAlert.put(key, quintile);
        if (before == null || !before.equals(quintile)) send(account, "quintile", data);
    }
}
