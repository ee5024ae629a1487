package dev.adl.lab;

import dev.adl.compile.CompiledPolicy;
import dev.adl.io.BuffersJson;
import dev.adl.pool.PoolLedger;
import dev.adl.pool.PoolOp;
import dev.adl.pool.PoolRefusedException;
import dev.adl.pool.PoolState;
import dev.adl.runtime.AppendOnlyList;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.InputException;
import dev.adl.runtime.LayerResult;
import dev.adl.runtime.LayerState;
import dev.adl.runtime.Venue;
import dev.adl.runtime.VenueAccounts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The venue's layers as one path draws on them: each layer of buffers.json with its state, and
 * the ledger of each pool given as one. This is the one place that knows how a market's loss
 * reaches a layer:
 * <ul>
 * <li>a policy with a {@code waterfall} draws on the layers it names, shared by every market,
 *     through the engine's waterfall ({@link #venue});</li>
 * <li>a policy without one (version 1, or {@code buffer}) has one fund, the event's
 *     {@code insurance_fund}: the layer named in markets.csv's {@code fund} column, or, without
 *     that column, the first layer of buffers.json ({@link #event}).</li>
 * </ul>
 * A pool given as a ledger takes each payment as a ledger {@code loss} and the event's fees as
 * {@code revenue}; its balance is then the ledger's {@code value + reserve}.
 *
 * <p>A path owns its {@link #copy()}; the venue's layers are never drawn on.
 */
public final class PathLayers {
    /** One layer's state in a path; {@code ledger} is set for a pool given as a ledger. */
    private static final class Layer {
        final String name;
        LayerState state;
        PoolState ledger;
        final BigDecimal startValue;
        BigDecimal paidTotal = BigDecimal.ZERO;
        BigDecimal peak;
        BigDecimal drawdownMax = BigDecimal.ZERO;

        Layer(String name, LayerState state, PoolState ledger) {
            this.name = name;
            this.state = state;
            this.ledger = ledger;
            this.startValue = ledger == null ? null : ledger.value();
            this.peak = state.balance();
        }

        Layer copy() {
            Layer c = new Layer(name, state, ledger);
            c.paidTotal = paidTotal;
            c.peak = peak;
            c.drawdownMax = drawdownMax;
            return c;
        }

        /** A new balance after an event at {@code now}: into the history, and into the drawdown. */
        void balance(Instant now, BigDecimal balance, BigDecimal paid) {
            List<Event.FundPoint> history = AppendOnlyList.plus(state.history(), new Event.FundPoint(now, balance));
            List<LayerState.Paid> paidList = state.paid();
            if (paid.signum() > 0) paidList = AppendOnlyList.plus(paidList, new LayerState.Paid(now, paid));
            state = new LayerState(balance, history, paidList);
            paidTotal = paidTotal.add(paid);
            peak = peak.max(balance);
            if (peak.signum() > 0) {
                drawdownMax = drawdownMax.max(Ratios.ratio(peak.subtract(balance), peak));
            }
        }
    }

    private final Map<String, Layer> layers;
    private final Map<String, String> fundOfMarket;
    /** Each market's trigger latch (EXCHANGE.md section 1): market state, carried from event to event. */
    private final Map<String, Boolean> latches;

    private PathLayers(Map<String, Layer> layers, Map<String, String> fundOfMarket, Map<String, Boolean> latches) {
        this.layers = layers;
        this.fundOfMarket = fundOfMarket;
        this.latches = latches;
    }

    /**
     * The layers of a venue, every market mapped to its version 1 fund; a {@code fund} cell
     * naming no layer of buffers.json is an error naming both files.
     */
    public static PathLayers of(BuffersJson.Layers read, List<MarketSpec> markets, String buffersName, String marketsName) {
        if (read.states().isEmpty()) {
            throw InputException.at(buffersName, 1, 1, "bad_value", "`layers` must name at least one layer");
        }
        Map<String, Layer> layers = new LinkedHashMap<>();
        read.states().forEach((name, s) -> layers.put(name, new Layer(name, s, read.ledgers().get(name))));
        Map<String, String> map = new LinkedHashMap<>();
        String first = layers.keySet().iterator().next();
        for (MarketSpec m : markets) {
            String layer = m.fundLayer() == null ? first : m.fundLayer();
            if (!layers.containsKey(layer)) {
                throw new InputException(marketsName + ": market `" + m.market() + "` draws on layer `" + layer
                        + "`, which " + buffersName + " does not have");
            }
            map.put(m.market(), layer);
        }
        return new PathLayers(layers, map, new HashMap<>());
    }

    public PathLayers copy() {
        Map<String, Layer> c = new LinkedHashMap<>();
        layers.forEach((k, v) -> c.put(k, v.copy()));
        return new PathLayers(c, fundOfMarket, new HashMap<>(latches));
    }

    /** The layer a market's version 1 fund is. */
    public String layerOf(String market) {
        return fundOfMarket.get(market);
    }

    /** Layer names in buffers.json order. */
    public List<String> names() {
        return List.copyOf(layers.keySet());
    }

    /** Names of the layers given as pool ledgers. */
    public List<String> pools() {
        return layers.values().stream().filter(l -> l.startValue != null).map(l -> l.name).toList();
    }

    public BigDecimal balance(String layer) {
        return layers.get(layer).state.balance();
    }

    /** A layer's ledger now; null for a layer not given as one. */
    public PoolState ledger(String layer) {
        return layers.get(layer).ledger;
    }

    /**
     * The engine's event for a bankrupt account: the market's version 1 fund as its
     * {@code insurance_fund} (a waterfall policy does not read it) and the market's latch.
     */
    public Event event(String market, BigDecimal mark, BigDecimal lot, Instant now, String account) {
        LayerState fund = layers.get(fundOfMarket.get(market)).state;
        return new Event(market, mark, lot, fund.balance(), now, fund.history(), account, latches.get(market));
    }

    /** The layers and accounts a version 2 event reads; a policy without a waterfall reads only the accounts. */
    public Venue venue(CompiledPolicy policy, VenueAccounts accounts) {
        if (policy.ast().waterfall() == null) return new Venue(Map.of(), accounts);
        Map<String, LayerState> states = new HashMap<>();
        for (var l : policy.layers()) {
            Layer layer = layers.get(l.name());
            if (layer == null) {
                throw new InputException("policy `" + policy.name() + "` draws on layer `" + l.name()
                        + "`, which the venue's buffers do not have");
            }
            states.put(l.name(), layer.state);
        }
        return new Venue(states, accounts);
    }

    /** Takes what the event paid from its layers (and pays its fees into the pool); the balances after go into the histories. */
    public void record(CompiledPolicy policy, String market, Instant now, EventResult r) {
        if (r.triggerActiveAfter() != null) latches.put(market, r.triggerActiveAfter());
        if (policy.ast().waterfall() == null) {
            // one fund: the market's layer of buffers.json
            pay(layers.get(fundOfMarket.get(market)), now, r.fundPaid(), BigDecimal.ZERO);
            return;
        }
        for (LayerResult lr : r.layers()) {
            BigDecimal fees = lr.balanceAfter().subtract(lr.balanceBefore().subtract(lr.paid()));
            pay(layers.get(lr.name()), now, lr.paid(), fees);
        }
    }

    private static void pay(Layer l, Instant now, BigDecimal paid, BigDecimal fees) {
        if (paid.signum() == 0 && fees.signum() == 0) return;
        if (l.ledger == null) {
            l.balance(now, l.state.balance().subtract(paid).add(fees), paid);
            return;
        }
        l.ledger = ledgerPays(l.ledger, now, paid, fees);
        l.balance(now, l.ledger.balance(), paid);
    }

    /**
     * The ledger after a payment and fees. The ledger holds 8 decimals and an event's payment
     * can have more: the loss is rounded up and the revenue down (toward the pool, never toward
     * the stakers), the loss never beyond what the pool holds. Revenue into a pool without
     * shares is not taken (no staker owns it), as the ledger refuses it.
     */
    static PoolState ledgerPays(PoolState s, Instant now, BigDecimal paid, BigDecimal fees) {
        Instant at = s.lastAt() != null && now.isBefore(s.lastAt()) ? s.lastAt() : now;
        BigDecimal loss = paid.setScale(PoolLedger.SCALE, RoundingMode.CEILING).min(s.balance());
        if (loss.signum() > 0) s = PoolLedger.apply(s, new PoolOp.Loss(at, loss)).state();
        BigDecimal revenue = fees.setScale(PoolLedger.SCALE, RoundingMode.FLOOR);
        if (revenue.signum() > 0 && s.totalShares().signum() > 0) {
            try {
                s = PoolLedger.apply(s, new PoolOp.Revenue(at, revenue)).state();
            } catch (PoolRefusedException e) {
                throw new IllegalStateException("internal error: pool revenue `" + revenue.toPlainString()
                        + "` refused: " + e.getMessage(), e);
            }
        }
        return s;
    }

    /** What each layer has paid in this path, in layer order. */
    public Map<String, BigDecimal> paidTotals() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        layers.forEach((k, v) -> out.put(k, v.paidTotal));
        return out;
    }

    /** The largest fall from a running peak of each layer's balance over the peak (8 places half-up: rounding keeps the order, so this is the rounded maximum); null for a layer that never held money. */
    public Map<String, BigDecimal> drawdownMax() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        layers.forEach((k, v) -> out.put(k, v.peak.signum() <= 0 ? null : v.drawdownMax));
        return out;
    }

    /** Value the stakers lost over value at start, per pool ledger, from the ledger's value; null when the pool started empty. */
    public Map<String, BigDecimal> stakerLossPct() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Layer l : layers.values()) {
            if (l.ledger != null) out.put(l.name, Ratios.ratio(l.startValue.subtract(l.ledger.value()), l.startValue));
        }
        return out;
    }
}
