package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.io.EventJson;
import dev.adl.io.ResultJson;
import dev.adl.runtime.EventRefusedException;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.InputException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bankruptcy events on a market: applied under its active policy and journaled, read back
 * page by page, or dry-run under a candidate version beside the active one.
 */
final class EventService {
    /** A dry run: the candidate's result and the active version's result or refusal, on the same state. */
    record DryRun(String market, EventResult candidate, PolicyVersion active, EventResult activeResult,
                  String activeRefusal) {
    }

    private final MarketDirectory markets;
    private final PolicyRegistry policies;
    private final ExposureBook exposures;
    private final OperationsLog ops;
    private final AuditLog audit;
    private final Metrics metrics;
    private final QuintileAlerts alerts;
    private final Snapshots snapshots;
    private final EventVenue venue;
    private final Clock clock;

    EventService(MarketDirectory markets, PolicyRegistry policies, ExposureBook exposures, OperationsLog ops,
                 AuditLog audit, Metrics metrics, QuintileAlerts alerts, Snapshots snapshots, EventVenue venue,
                 Clock clock) {
        this.venue = venue;
        this.markets = markets;
        this.policies = policies;
        this.exposures = exposures;
        this.ops = ops;
        this.audit = audit;
        this.metrics = metrics;
        this.alerts = alerts;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /** The result as the contract's JSON, numbered by its place in the market's journal; the log keeps this form. */
    static ObjectNode resultJson(EventResult r, int seq) {
        ObjectNode o = (ObjectNode) Json.parse(ResultJson.write(r));
        o.put("event_seq", seq);
        return o;
    }

    /** Applies an event under the market's active policy; the answer is what the journal holds. */
    Market.Applied apply(Caller who, String name, EventJson.Request req) {
        Market m = markets.require(name);
        long t0 = System.nanoTime();
        Market.Applied a;
        exposures.lock.readLock().lock();
        try {
            a = m.applyEvent(null, req.account(), req.mark(), req.now(), exposures.feed(),
                    pv -> venue.hold(name, pv), (pv, r, seq, held) -> {
                        Op.EventApplied op = new Op.EventApplied(clock.instant(), who.name(), who.tokenId(), name,
                                seq, req.account(), req.mark(), req.now(), pv.name(), pv.version(), pv.sha256(),
                                resultJson(r, seq));
                        // checked before the line is written, made after it: the line carries the payments
                        Runnable pay = held.prepare(EventVenue.payments(op));
                        AppendLog.Pos pos = ops.append(op);
                        pay.run();
                        return pos;
                    });
        } catch (EventRefusedException e) {
            metrics.eventRefused();
            throw ApiException.input(409, "event_refused", null, e);
        } catch (InputException e) {
            metrics.eventRefused();
            throw ApiException.input(400, "bad_request", null, e);
        } finally {
            exposures.lock.readLock().unlock();
        }
        metrics.eventApplied(System.nanoTime() - t0);
        snapshots.afterEvent(m);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("seq", a.seq());
        d.put("bankrupt_account", req.account());
        d.put("policy", a.policy().name());
        d.put("version", a.policy().version());
        audit.record(who, "event.apply", name, a.policy().sha256(), d);
        alerts.afterEvent(m, a.policy(), a.result(), a.seq());
        return a;
    }

    /**
     * Replay: applies a logged event with the version it names, checks the result is the one
     * logged, and makes its layer payments. {@code layers}: the layers as they were at the
     * event's line, when the event is applied later than its line (a snapshot was being
     * written meanwhile) and its payments were made at the line ({@link #restorePayments});
     * null to read and pay the layers now.
     */
    void restore(Op.EventApplied op, AppendLog.Pos pos, dev.adl.runtime.Venue layers) {
        Market m = markets.require(op.market());
        PolicyVersion pv = policies.require(op.policy(), op.version());
        m.applyEvent(pv, op.bankruptAccount(), op.markPrice(), op.now(), exposures.feed(),
                p -> layers != null ? EventVenue.Held.of(layers) : venue.hold(op.market(), p), (p, r, seq, held) -> {
                    JsonNode again = resultJson(r, op.seq());
                    if (seq != op.seq() || !again.equals(op.result())) {
                        throw new IllegalStateException("event " + op.seq() + " of market `" + m.name()
                                + "` gives a different result on replay");
                    }
                    if (layers == null) held.prepare(EventVenue.payments(op)).run();
                    return pos;
                });
    }

    /**
     * Replay of an event that is not run again here (a snapshot or the archive holds its
     * outcome for the market): its payments are made at its place in the log all the same,
     * since the layers are venue state that no market snapshot holds. Returns the layers as
     * they were just before, which an event applied later (after its snapshot) reads.
     */
    dev.adl.runtime.Venue restorePayments(Op.EventApplied op) {
        PolicyVersion pv = policies.require(op.policy(), op.version());
        dev.adl.runtime.Venue before = venue.peek(pv.compiled());
        venue.pay(EventVenue.payments(op));
        return before;
    }

    /** Logged events of a market from {@code offset} (0-based), at most {@code limit}. */
    List<Op.EventApplied> page(String name, int offset, int limit) {
        Market m = markets.require(name);
        List<Op.EventApplied> out = new ArrayList<>();
        int archived = m.archived();
        AppendLog.Pos[] page = m.journalPage(offset, limit);
        for (int i = 0; i < page.length; i++) {
            out.add((Op.EventApplied) (offset + i < archived ? ops.readArchived(name, page[i]) : ops.read(page[i])));
        }
        return out;
    }

    int total(String name) {
        return markets.require(name).journalSize();
    }

    /** What a candidate version would do with an event, beside the active version, on the same state; changes nothing. */
    DryRun dryRun(String name, String policy, long version, EventJson.Request req) {
        Market m = markets.require(name);
        PolicyVersion candidate = policies.require(policy, version);
        candidate.compiled(); // compiled before the market is locked
        exposures.lock.readLock().lock();
        try {
            return m.dryRun(req.account(), req.mark(), req.now(), ctx -> {
                EventResult cand;
                try {
                    cand = ctx.run(candidate.compiled(), exposures.feed(), layersFor(name, candidate));
                } catch (InputException e) {
                    throw new ApiException(409, "event_refused", "the candidate refuses the event: " + e.getMessage());
                }
                PolicyVersion active = m.active();
                if (active == null) return new DryRun(name, cand, null, null, null);
                try {
                    return new DryRun(name, cand, active,
                            ctx.run(active.compiled(), exposures.feed(), layersFor(name, active)), null);
                } catch (InputException e) {
                    return new DryRun(name, cand, active, null, e.getMessage());
                }
            });
        } finally {
            exposures.lock.readLock().unlock();
        }
    }

    /** The layers a dry run of {@code pv} reads, as they are now; a layer missing on the server refuses it. */
    private dev.adl.runtime.Venue layersFor(String market, PolicyVersion pv) {
        dev.adl.runtime.Venue v = venue.peek(pv.compiled());
        if (v == null) {
            throw new EventRefusedException(EventVenue.missingSentence(market, pv, venue.missing(pv.compiled())));
        }
        return v;
    }
}
