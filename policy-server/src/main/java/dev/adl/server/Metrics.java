package dev.adl.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters and the event latency histogram, rendered in the Prometheus text format. */
public final class Metrics {
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder events = new LongAdder();
    private final LongAdder eventsRefused = new LongAdder();
    private final LongAdder swaps = new LongAdder();
    private final LongAdder rollbacks = new LongAdder();
    private final LongAdder queueLookups = new LongAdder();
    private final LongAdder[] bucketCounts = new LongAdder[BUCKETS.length];
    private final AtomicLong latencyNanos = new AtomicLong();
    private final Map<String, LongAdder> httpByStatus = new ConcurrentHashMap<>();

    public Metrics() {
        for (int i = 0; i < BUCKETS.length; i++) {
            bucketCounts[i] = new LongAdder();
        }
    }

    void eventApplied(long nanos) {
        events.increment();
        latencyNanos.addAndGet(nanos);
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) bucketCounts[i].increment();
        }
    }

    void eventRefused() {
        eventsRefused.increment();
    }

    void swapped(boolean rollback) {
        swaps.increment();
        if (rollback) rollbacks.increment();
    }

    void queueLookup() {
        queueLookups.increment();
    }

    void response(int status) {
        httpByStatus.computeIfAbsent(String.valueOf(status), s -> new LongAdder()).increment();
    }

    /** The exposition text; {@code active} maps market to its active policy version (absent when none). */
    String render(Map<String, PolicyVersion> active) {
        StringBuilder out = new StringBuilder();
        counter(out, "adl_events_total", "Bankruptcy events applied.", events.sum());
        counter(out, "adl_events_refused_total", "Bankruptcy events refused; the store was left unchanged.",
                eventsRefused.sum());
        counter(out, "adl_policy_swaps_total", "Active policy swaps (activations and rollbacks).", swaps.sum());
        counter(out, "adl_policy_rollbacks_total", "Rollbacks.", rollbacks.sum());
        counter(out, "adl_queue_lookups_total", "ADL queue lookups.", queueLookups.sum());

        out.append("# HELP adl_event_latency_seconds Time to apply one event, journal included.\n");
        out.append("# TYPE adl_event_latency_seconds histogram\n");
        long count = events.sum();
        for (int i = 0; i < BUCKETS.length; i++) {
            out.append("adl_event_latency_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ")
                    .append(bucketCounts[i].sum()).append('\n');
        }
        out.append("adl_event_latency_seconds_bucket{le=\"+Inf\"} ").append(count).append('\n');
        out.append("adl_event_latency_seconds_sum ").append(latencyNanos.get() / 1e9).append('\n');
        out.append("adl_event_latency_seconds_count ").append(count).append('\n');

        out.append("# HELP adl_active_policy_version Version of the policy active in each market.\n");
        out.append("# TYPE adl_active_policy_version gauge\n");
        for (Map.Entry<String, PolicyVersion> e : new TreeMap<>(active).entrySet()) {
            out.append("adl_active_policy_version{market=\"").append(escape(e.getKey())).append("\",policy=\"")
                    .append(escape(e.getValue().name())).append("\"} ").append(e.getValue().version()).append('\n');
        }
        out.append("# HELP adl_http_responses_total HTTP responses by status.\n");
        out.append("# TYPE adl_http_responses_total counter\n");
        new TreeMap<>(httpByStatus).forEach((status, n) -> out.append("adl_http_responses_total{status=\"")
                .append(status).append("\"} ").append(n.sum()).append('\n'));
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
