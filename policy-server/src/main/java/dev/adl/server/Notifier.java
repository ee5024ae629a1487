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
    /**
     * Last quintile alerted, by account and then market, so an alert is sent once per crossing,
     * not per event. Kept only while the account has a subscriber: whoever connects next is told
     * afresh where the account stands.
     */
    private final Map<String, Map<String, Integer>> lastAlert = new ConcurrentHashMap<>();

    void subscribe(String account, HttpServerResponse response) {
        byAccount.computeIfAbsent(account, a -> new CopyOnWriteArrayList<>()).add(response);
        response.closeHandler(v -> unsubscribe(account, response));
        response.exceptionHandler(e -> unsubscribe(account, response));
    }

    private void unsubscribe(String account, HttpServerResponse response) {
        List<HttpServerResponse> list = byAccount.get(account);
        if (list != null) {
            list.remove(response);
            if (list.isEmpty() && byAccount.remove(account, list)) lastAlert.remove(account);
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
        if (!byAccount.containsKey(account)) return;
        Map<String, Integer> byMarket = lastAlert.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
        if (quintile == null || quintile < threshold) {
            byMarket.remove(market);
            return;
        }
        Integer before = byMarket.put(market, quintile);
        if (before == null || !before.equals(quintile)) send(account, "quintile", data);
    }
}
