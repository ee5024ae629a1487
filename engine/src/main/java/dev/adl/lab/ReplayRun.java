package dev.adl.lab;

import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.Fill;
import dev.adl.runtime.InputException;
import dev.adl.runtime.PositionStore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Recorded events applied in order to the venue under one policy set, with the stress
 * metrics. Each event keeps its own market, mark, lot size, time and bankrupt account; its
 * fund is the market's layer in the run's {@link PathLayers}, as the events before it left
 * it (the recorded {@code insurance_fund} and {@code fund_history} belong to the venue's
 * own past, not to this policy's). An event whose account this policy's earlier events
 * already closed is skipped and listed. No mark moves but by the events, so
 * {@code price_impact} is empty.
 */
public final class ReplayRun {
    /** Accounts closed by the policy and by the venue, and the size each closed, side by side. */
    public record Comparison(List<String> both, List<String> policyOnly, List<String> venueOnly,
                             Map<String, BigDecimal[]> closed) {
    }

    public record Result(PolicySet policy, Metrics metrics, Map<String, BigDecimal> haircuts,
                         Map<String, BigDecimal> haircutPcts, List<Integer> skipped,
                         Map<String, BigDecimal> closedSize, Comparison comparison) {
    }

    private ReplayRun() {
    }

    public static Result run(VenueSnapshot venue, PolicySet policy, String eventsSource, List<RecordedEvents.Recorded> events,
                             List<RecordedEvents.ActualFill> actual) {
        return run(venue, policy, eventsSource, events, actual, () -> false);
    }

    /** As above; {@code stop} is asked before every event, and true ends the run with {@link Stopped}. */
    public static Result run(VenueSnapshot venue, PolicySet policy, String eventsSource, List<RecordedEvents.Recorded> events,
                             List<RecordedEvents.ActualFill> actual, java.util.function.BooleanSupplier stop) {
        PathState state = new PathState(venue);
        Tally tally = new Tally(state);
        List<Integer> skipped = new ArrayList<>();
        Map<String, BigDecimal> closed = new TreeMap<>();
        for (RecordedEvents.Recorded rec : events) {
            Stopped.check(stop);
            Event e = rec.event();
            PositionStore store = state.stores.get(e.market());
            if (store == null) {
                throw InputException.at(eventsSource, rec.line(), "market `" + e.market() + "` is not a market of the venue");
            }
            int row = store.rowOf(e.bankruptAccount());
            if (row < 0) {
                throw InputException.at(eventsSource, rec.line(), "account `" + e.bankruptAccount()
                        + "` has no position in market `" + e.market() + "`");
            }
            if (store.sizeFixed(row) == 0) {
                skipped.add(rec.line());
                continue;
            }
            state.mark(e.market(), e.markPrice());
            Event event = state.book.event(e.market(), e.markPrice(), e.lotSize(), e.now(), e.bankruptAccount());
            EventResult r = state.apply(policy.byMarket().get(e.market()), event);
            tally.event(store, e.markPrice(), r);
            for (Fill f : r.fills()) closed.merge(f.account(), f.size(), BigDecimal::add);
        }
        Metrics metrics = tally.metrics(state.book, Map.of());
        Comparison comparison = actual == null ? null : compare(closed, actual);
        return new Result(policy, metrics, tally.haircuts(), tally.haircutPcts(), skipped, closed, comparison);
    }

    static Comparison compare(Map<String, BigDecimal> policy, List<RecordedEvents.ActualFill> actual) {
        Map<String, BigDecimal> venue = new TreeMap<>();
        for (RecordedEvents.ActualFill f : actual) venue.merge(f.account(), f.size(), BigDecimal::add);
        TreeSet<String> all = new TreeSet<>(policy.keySet());
        all.addAll(venue.keySet());
        List<String> both = new ArrayList<>();
        List<String> policyOnly = new ArrayList<>();
        List<String> venueOnly = new ArrayList<>();
        Map<String, BigDecimal[]> sizes = new LinkedHashMap<>();
        for (String a : all) {
            boolean p = policy.containsKey(a);
            boolean v = venue.containsKey(a);
            (p && v ? both : p ? policyOnly : venueOnly).add(a);
            sizes.put(a, new BigDecimal[]{Tally.norm(policy.getOrDefault(a, BigDecimal.ZERO)),
                    Tally.norm(venue.getOrDefault(a, BigDecimal.ZERO))});
        }
        return new Comparison(both, policyOnly, venueOnly, sizes);
    }
}
