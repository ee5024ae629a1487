package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adl.ast.Policy;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.LayerInfo;
import dev.adl.diag.Echo;
import dev.adl.runtime.Event;
import dev.adl.runtime.LayerState;
import dev.adl.runtime.Venue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a market's event under a waterfall policy reads from the venue's layers and pays to
 * them. An event holds the layers its policy names ({@link LayerBook#draw}) from before the
 * engine reads them until its payments are made, so two markets never spend the same balance.
 *
 * <p>The payments are not a line of their own: they are read from the event's recorded
 * result (each layer's {@code paid}, the fills' fees into the first pool), so the event and
 * its payments are one line of the operations log, and a crash records both or neither.
 * A replay that does not run the event again (a snapshot or the archive holds its outcome)
 * still makes its payments from that line, at its place in the log.
 */
final class EventVenue {
    private final LayerBook layers;

    EventVenue(LayerBook layers) {
        this.layers = layers;
    }

    /** The layers an event holds and what the engine reads of them; nothing held for a policy without a waterfall. */
    static final class Held implements AutoCloseable {
        private final LayerBook.Draw draw;
        final Venue venue;

        private Held(LayerBook.Draw draw, Venue venue) {
            this.draw = draw;
            this.venue = venue;
        }

        static Held of(Venue venue) {
            return new Held(null, venue);
        }

        /**
         * Checks that the layers can make the payments (a pool's ledger must accept them; a 409
         * and nothing changes if not) and returns the step that makes them, to run once the
         * event's line is written.
         */
        Runnable prepare(Op.LayersPaid payments) {
            if (draw == null || payments.payments().isEmpty()) return () -> { };
            return draw.prepare(payments);
        }

        @Override
        public void close() {
            if (draw != null) draw.close();
        }
    }

    /** Holds the layers {@code policy} names, in name order; a layer missing on the server refuses the event. */
    Held hold(String market, PolicyVersion policy) {
        CompiledPolicy c = policy.compiled();
        if (c.ast().waterfall() == null) return Held.of(Venue.NONE);
        List<String> names = names(c);
        requireAll(market, policy, names);
        LayerBook.Draw d = layers.draw(names);
        try {
            return new Held(d, venue(names, d::state));
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * The layers as they are now, holding nothing: what a dry run reads. Null when a layer
     * the policy names is missing (the caller says which, see {@link #missing}).
     */
    Venue peek(CompiledPolicy c) {
        if (c.ast().waterfall() == null) return Venue.NONE;
        List<String> names = names(c);
        return missing(c) != null ? null : venue(names, n -> layers.require(n).view());
    }

    /** Replay: payments of an event whose line is not run again (see {@link EventService#restorePayments}). */
    void pay(Op.LayersPaid payments) {
        if (!payments.payments().isEmpty()) layers.restore(payments);
    }

    /** The first layer {@code c} names that the server does not have, or null. */
    String missing(CompiledPolicy c) {
        for (String n : names(c)) {
            if (!layers.has(n)) return n;
        }
        return null;
    }

    static String missingSentence(String market, PolicyVersion policy, String layer) {
        return "policy `" + Echo.of(policy.name()) + "` of market `" + Echo.of(market) + "` draws on layer `"
                + Echo.of(layer) + "`, which the server does not have; create it with PUT /v1/layers/"
                + Echo.of(layer);
    }

    private void requireAll(String market, PolicyVersion policy, List<String> names) {
        for (String n : names) {
            if (!layers.has(n)) throw ApiException.conflict(missingSentence(market, policy, n));
        }
        for (LayerInfo l : policy.compiled().layers()) {
            String kind = layers.require(l.name()).kind;
            if (!kind.equals(l.kind().keyword())) {
                throw ApiException.conflict("policy `" + Echo.of(policy.name()) + "` draws on layer `"
                        + Echo.of(l.name()) + "` as a " + l.kind().keyword() + ", but it is a " + kind);
            }
        }
    }

    private static List<String> names(CompiledPolicy c) {
        List<String> out = new ArrayList<>();
        for (LayerInfo l : c.layers()) out.add(l.name());
        return out;
    }

    private static Venue venue(List<String> names, Function<String, Layer.View> view) {
        Map<String, LayerState> out = new LinkedHashMap<>();
        for (String n : names) {
            Layer.View v = view.apply(n);
            List<Event.FundPoint> history = new ArrayList<>(v.history().size());
            v.history().forEach(p -> history.add(new Event.FundPoint(p.at(), p.balance())));
            List<LayerState.Paid> paid = new ArrayList<>(v.paid().size());
            v.paid().forEach(p -> paid.add(new LayerState.Paid(p.at(), p.amount())));
            out.put(n, new LayerState(v.balance(), history, paid));
        }
        // accounts: the event's market alone (account_* read its positions, balances 0)
        return new Venue(out, null);
    }

    /**
     * The payments a recorded event makes, from its result: each layer's {@code paid} and,
     * for the first pool, the fills' fees (EXCHANGE.md section 1). Empty for an event whose
     * result has no layers (a version 1 policy), whose one layer is a {@code buffer} (the
     * market's own fund), or that paid nothing. They are made at the
     * event's {@code now}, the instant its caps and drawdowns were measured from.
     */
    static Op.LayersPaid payments(Op.EventApplied ev) {
        return payments(ev.who(), ev.token(), ev.market(), ev.now(), ev.result());
    }

    static Op.LayersPaid payments(String who, String token, String market, Instant now, JsonNode result) {
        List<Op.Payment> out = new ArrayList<>();
        JsonNode ls = result.get("layers");
        if (ls != null && ls.isArray()) {
            BigDecimal fees = BigDecimal.ZERO;
            for (JsonNode f : result.path("fills")) {
                if (f.hasNonNull("fee")) fees = fees.add(new BigDecimal(f.get("fee").asText()));
            }
            boolean feesPlaced = false;
            for (JsonNode l : ls) {
                // a `buffer` policy's one layer is the market's own fund, never a venue layer (see LayerBook.put)
                if (Policy.BUFFER_LAYER.equals(l.get("name").asText())) continue;
                BigDecimal paid = new BigDecimal(l.get("paid").asText());
                BigDecimal layerFees = BigDecimal.ZERO;
                if (!feesPlaced && Layer.POOL.equals(l.get("kind").asText())) {
                    layerFees = fees;
                    feesPlaced = true;
                }
                if (paid.signum() > 0 || layerFees.signum() > 0) {
                    out.add(new Op.Payment(l.get("name").asText(), paid, layerFees));
                }
            }
        }
        return new Op.LayersPaid(now, who, token, market, out);
    }
}
