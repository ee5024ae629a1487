package dev.adl.lab;

import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.InputException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The venue's buffers as the lab draws on them: each layer of buffers.json with its balance,
 * its balance history and what it paid. This is the one place that knows how a market's
 * loss reaches a buffer. With version 1 policies a market has one fund: the layer named in
 * markets.csv's {@code fund} column, or, without that column, the first layer of
 * buffers.json, shared by every market. Events are applied with that layer's balance and
 * history as the event's {@code insurance_fund} and {@code fund_history}, and what the event
 * paid is taken from it.
 *
 * <p>A path owns its {@link #copy()}; the venue's book is never drawn on.
 */
public final class LayerBook {
    /** A payment a layer made, for caps and the report. */
    public record Paid(Instant at, BigDecimal amount) {
    }

    /** One layer's state; {@code value}/{@code reserve} are set for a pool given as a ledger. */
    static final class Layer {
        final String name;
        BigDecimal balance;
        final List<Event.FundPoint> history;
        final List<Paid> paid;
        BigDecimal value;
        BigDecimal reserve;
        final BigDecimal startBalance;
        final BigDecimal startValue;
        BigDecimal paidTotal = BigDecimal.ZERO;
        BigDecimal peak;
        BigDecimal drawdownMax = BigDecimal.ZERO;

        Layer(String name, BigDecimal balance, List<Event.FundPoint> history, List<Paid> paid, BigDecimal value,
              BigDecimal reserve) {
            this.name = name;
            this.balance = balance;
            this.history = new ArrayList<>(history);
            this.paid = new ArrayList<>(paid);
            this.value = value;
            this.reserve = reserve;
            this.startBalance = balance;
            this.startValue = value;
            this.peak = balance;
        }

        Layer copy() {
            Layer c = new Layer(name, balance, history, paid, value, reserve);
            c.paidTotal = paidTotal;
            c.peak = peak;
            c.drawdownMax = drawdownMax;
            return c;
        }

        boolean pool() {
            return startValue != null;
        }
    }

    private final Map<String, Layer> layers;
    private final Map<String, String> layerOfMarket;

    private LayerBook(Map<String, Layer> layers, Map<String, String> layerOfMarket) {
        this.layers = layers;
        this.layerOfMarket = layerOfMarket;
    }

    /**
     * The book of a venue: every market mapped to its fund layer; a {@code fund} cell naming
     * no layer of buffers.json is an error naming both files.
     */
    static LayerBook of(List<Layer> read, List<MarketSpec> markets, String buffersName, String marketsName) {
        if (read.isEmpty()) {
            throw InputException.at(buffersName, 1, 1, "bad_value", "`layers` must name at least one layer");
        }
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (Layer l : read) layers.put(l.name, l);
        Map<String, String> map = new LinkedHashMap<>();
        String first = read.get(0).name;
        for (MarketSpec m : markets) {
            String layer = m.fundLayer() == null ? first : m.fundLayer();
            if (!layers.containsKey(layer)) {
                throw new InputException(marketsName + ": market `" + m.market() + "` draws on layer `" + layer
                        + "`, which " + buffersName + " does not have");
            }
            map.put(m.market(), layer);
        }
        return new LayerBook(layers, map);
    }

    public LayerBook copy() {
        Map<String, Layer> c = new LinkedHashMap<>();
        layers.forEach((k, v) -> c.put(k, v.copy()));
        return new LayerBook(c, layerOfMarket);
    }

    /** The layer a market's losses are paid from. */
    public String layerOf(String market) {
        return layerOfMarket.get(market);
    }

    /** Layer names in buffers.json order. */
    public List<String> names() {
        return List.copyOf(layers.keySet());
    }

    /** Names of the layers given as pool ledgers. */
    public List<String> pools() {
        return layers.values().stream().filter(Layer::pool).map(l -> l.name).toList();
    }

    public BigDecimal balance(String layer) {
        return layers.get(layer).balance;
    }

    /** The engine's event for a bankrupt account, with the market's layer as its fund. */
    public Event event(String market, BigDecimal mark, BigDecimal lot, Instant now, String account) {
        Layer l = layers.get(layerOf(market));
        return new Event(market, mark, lot, l.balance, now, l.history, account);
    }

    /** Takes what the event paid from the market's layer; the balance after goes into its history. */
    public void record(String market, Instant now, EventResult r) {
        Layer l = layers.get(layerOf(market));
        BigDecimal paid = r.fundPaid();
        if (paid.signum() == 0) return;
        l.balance = l.balance.subtract(paid);
        l.paidTotal = l.paidTotal.add(paid);
        l.paid.add(new Paid(now, paid));
        l.history.add(new Event.FundPoint(now, l.balance));
        if (l.pool()) {
            // a ledger's loss: the reserve pays first, then the stakers' value (EXCHANGE.md section 3)
            BigDecimal fromReserve = paid.min(l.reserve);
            l.reserve = l.reserve.subtract(fromReserve);
            l.value = l.value.subtract(paid.subtract(fromReserve));
        }
        l.peak = l.peak.max(l.balance);
        if (l.peak.signum() > 0) {
            l.drawdownMax = l.drawdownMax.max(Ratios.ratio(l.peak.subtract(l.balance), l.peak));
        }
    }

    /** What each layer has paid in this book, in layer order. */
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

    /** Value the stakers lost over value at start, per pool ledger; null when the pool started empty. */
    public Map<String, BigDecimal> stakerLossPct() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Layer l : layers.values()) {
            if (l.pool()) out.put(l.name, Ratios.ratio(l.startValue.subtract(l.value), l.startValue));
        }
        return out;
    }
}
