package dev.adl.server;

import dev.adl.diag.Echo;
import dev.adl.pool.Cooldown;
import dev.adl.pool.PoolJson;
import dev.adl.pool.PoolLedger;
import dev.adl.pool.PoolOp;
import dev.adl.pool.PoolRefusedException;
import dev.adl.pool.PoolState;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The venue's layers (funds, staking pools, backstops) and every change to them: a layer
 * set by an operator, an operation on a pool's ledger, and the payments of an event. Each
 * change takes the layer's lock, puts the change on the operations log, and only then makes
 * it, so what is visible is what a replay rebuilds. An event that draws on several layers
 * holds all their locks ({@link Draw}), taken in name order so two events never wait on
 * each other in a circle.
 */
final class LayerBook {
    private final Map<String, Layer> layers = new ConcurrentHashMap<>();
    private final OperationsLog ops;
    private final AuditLog audit;
    private final Clock clock;

    LayerBook(OperationsLog ops, AuditLog audit, Clock clock) {
        this.ops = ops;
        this.audit = audit;
        this.clock = clock;
    }

    List<Layer> sorted() {
        List<Layer> out = new ArrayList<>(layers.values());
        out.sort(Comparator.comparing(l -> l.name));
        return out;
    }

    Layer require(String name) {
        Layer l = layers.get(name);
        if (l == null) throw ApiException.notFound("no layer named `" + Echo.of(name) + "`");
        return l;
    }

    boolean has(String name) {
        return layers.containsKey(name);
    }

    Layer requirePool(String name) {
        Layer l = layers.get(name);
        if (l == null || !l.isPool()) throw ApiException.notFound("no pool named `" + Echo.of(name) + "`");
        return l;
    }

    // ---------------------------------------------------------------- layers

    /**
     * Creates or changes a layer: a fund's or backstop's balance, or a pool's cooldown (a
     * pool's balance is its ledger's and never set). Returns true when the layer is new.
     */
    boolean put(Caller who, String name, String kind, BigDecimal balance, Cooldown cooldown) {
        MarketDirectory.checkName("layer name", name);
        if (dev.adl.ast.Policy.BUFFER_LAYER.equals(name)) {
            // an event's result names a `buffer` policy's market fund so; a venue layer must not be mistaken for it
            throw ApiException.badRequest("layer name `" + name + "` is reserved: it names a policy's own buffer");
        }
        synchronized (layers) {
            Layer l = layers.get(name);
            if (l != null && !l.kind.equals(kind)) {
                throw ApiException.conflict("layer `" + name + "` is a " + l.kind + ", not a " + kind
                        + "; a layer keeps its kind");
            }
            Op.LayerSet op = new Op.LayerSet(clock.instant(), who.name(), who.tokenId(), name, kind, balance,
                    cooldown == null ? null : cooldown.text());
            if (l == null) {
                ops.append(op);
                set(null, op);
            } else {
                l.lock.lock();
                try {
                    ops.append(op);
                    set(l, op);
                } finally {
                    l.lock.unlock();
                }
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("kind", kind);
            if (balance != null) d.put("balance", balance.toPlainString());
            if (cooldown != null) d.put("cooldown", cooldown.text());
            audit.record(who, "layer.set", name, null, d);
            return l == null;
        }
    }

    /** Applies a logged layer change; {@code l} is the layer, held, or null when the change creates it. */
    private void set(Layer l, Op.LayerSet op) {
        if (l == null) {
            l = new Layer(op.layer(), op.kind(), Layer.POOL.equals(op.kind())
                    ? PoolState.empty(Cooldown.parse(op.cooldown())) : null);
            layers.put(l.name, l);
        }
        if (l.isPool()) {
            l.setPool(op.at(), l.pool().withCooldown(Cooldown.parse(op.cooldown())));
        } else {
            l.setBalance(op.at(), op.balance());
        }
    }

    // ---------------------------------------------------------------- pools

    /**
     * One operation on a pool's ledger, made by {@code make} at the time it is applied (the
     * clock, never earlier than the pool's last operation). A refusal of the ledger is a 409
     * with its sentence, and nothing is logged.
     */
    PoolLedger.Outcome poolOp(Caller who, String name, Function<Instant, PoolOp> make) {
        Layer l = requirePool(name);
        l.lock.lock();
        try {
            PoolState s = l.pool();
            Instant at = notBefore(clock.instant(), s.lastAt());
            PoolOp op = make.apply(at);
            PoolLedger.Outcome out;
            try {
                out = PoolLedger.apply(s, op);
            } catch (PoolRefusedException e) {
                throw refused(name, e);
            }
            ops.append(new Op.PoolChanged(at, who.name(), who.tokenId(), name, PoolJson.write(op)));
            l.setPool(at, out.state());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("change", PoolJson.write(op));
            out.facts().forEach((k, v) -> d.put(k, v instanceof BigDecimal b ? PoolJson.plain(b) : String.valueOf(v)));
            audit.record(who, "pool." + op.kind(), name, null, d);
            return out;
        } finally {
            l.lock.unlock();
        }
    }

    static ApiException refused(String pool, PoolRefusedException e) {
        return new ApiException(409, "refused", "pool `" + pool + "` refused the operation: " + e.getMessage());
    }

    private static Instant notBefore(Instant t, Instant last) {
        return last != null && t.isBefore(last) ? last : t;
    }

    // ---------------------------------------------------------------- events

    /** Holds the locks of the named layers, in name order, until closed: one event at a time per layer. */
    Draw draw(Collection<String> names) {
        List<Layer> held = new ArrayList<>();
        for (String n : new TreeSet<>(names)) {
            held.add(require(n));
        }
        List<Layer> locked = new ArrayList<>();
        try {
            for (Layer l : held) {
                l.lock.lock();
                locked.add(l);
            }
        } catch (RuntimeException e) {
            locked.forEach(l -> l.lock.unlock());
            throw e;
        }
        return new Draw(held);
    }

    /** The layers an event draws on, held: their state to decide the event, and its payments. */
    final class Draw implements AutoCloseable {
        private final Map<String, Layer> held = new LinkedHashMap<>();

        private Draw(List<Layer> layers) {
            layers.forEach(l -> held.put(l.name, l));
        }

        /** A layer's balance, history and paid amounts as the event sees them. */
        Layer.View state(String name) {
            return layer(name).view();
        }

        /**
         * Pays the event's amounts from the layers, all or none: every payment is checked
         * (a fund cannot pay more than its balance, a pool's ledger must accept the loss and
         * the fees), then the payments are logged as one line, then made.
         */
        void pay(Caller who, String market, Instant at, List<Op.Payment> payments) {
            Op.LayersPaid op = new Op.LayersPaid(at, who.name(), who.tokenId(), market, List.copyOf(payments));
            Runnable make = prepare(op);
            ops.append(op);
            make.run();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("market", market);
            payments.forEach(p -> d.put(p.layer(), p.amount().toPlainString()));
            audit.record(who, "layers.paid", market, null, d);
        }

        /**
         * For payments that an event's own line carries (see {@link EventVenue}): checks them
         * now, all or none, and returns the step that makes them, run after the line is written.
         */
        Runnable prepare(Op.LayersPaid op) {
            for (Op.Payment p : op.payments()) {
                layer(p.layer());
            }
            Map<Layer, PoolState> next = plan(op, held);
            return () -> apply(op, held, next);
        }

        private Layer layer(String name) {
            Layer l = held.get(name);
            if (l == null) throw new IllegalStateException("layer `" + name + "` is not held by this event");
            return l;
        }

        @Override
        public void close() {
            List<Layer> order = new ArrayList<>(held.values());
            for (int i = order.size() - 1; i >= 0; i--) {
                order.get(i).lock.unlock();
            }
        }
    }

    /** The pools' next ledgers for the payments; a payment that cannot be made is a 409 and nothing changes. */
    private static Map<Layer, PoolState> plan(Op.LayersPaid op, Map<String, Layer> layers) {
        Map<Layer, PoolState> next = new LinkedHashMap<>();
        for (Op.Payment p : op.payments()) {
            Layer l = layers.get(p.layer());
            if (!l.isPool()) {
                if (p.amount().compareTo(l.balance()) > 0) {
                    throw ApiException.conflict("layer `" + l.name + "` holds `" + l.balance().toPlainString()
                            + "`, less than the `" + p.amount().toPlainString() + "` to pay");
                }
                continue;
            }
            PoolState s = next.getOrDefault(l, l.pool());
            Instant at = notBefore(op.at(), s.lastAt());
            try {
                if (p.amount().signum() > 0) s = PoolLedger.apply(s, new PoolOp.Loss(at, p.amount())).state();
                if (p.fees() != null && p.fees().signum() > 0) {
                    s = PoolLedger.apply(s, new PoolOp.Revenue(at, p.fees())).state();
                }
            } catch (PoolRefusedException e) {
                throw refused(l.name, e);
            }
            next.put(l, s);
        }
        return next;
    }

    private static void apply(Op.LayersPaid op, Map<String, Layer> layers, Map<Layer, PoolState> next) {
        for (Op.Payment p : op.payments()) {
            Layer l = layers.get(p.layer());
            if (l.isPool()) {
                PoolState s = next.remove(l);
                if (s != null) l.setPool(op.at(), s);
            } else if (p.amount().signum() > 0) {
                l.setBalance(op.at(), l.balance().subtract(p.amount()));
            }
            l.paid(op.at(), p.amount(), op.market());
        }
    }

    // ---------------------------------------------------------------- replay

    void restore(Op.LayerSet op) {
        set(layers.get(op.layer()), op);
    }

    void restore(Op.PoolChanged op) {
        Layer l = requirePool(op.pool());
        PoolOp change = PoolJson.op(op.change(), "ops.log");
        try {
            l.setPool(op.at(), PoolLedger.apply(l.pool(), change).state());
        } catch (PoolRefusedException e) {
            throw new IllegalStateException("pool `" + op.pool() + "` refuses a logged operation: " + e.getMessage(), e);
        }
    }

    void restore(Op.LayersPaid op) {
        Map<String, Layer> named = new LinkedHashMap<>();
        op.payments().forEach(p -> named.put(p.layer(), require(p.layer())));
        apply(op, named, plan(op, named));
    }
}
