package dev.adl.compile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a policy's Drools rules decide for one event at market level. It is a Drools
 * global: each generated rule's consequence calls one of these setters with values
 * that come from the compiler's templates (numbers it parsed, never policy text).
 * The engine then carries the decision out over its arrays.
 *
 * <p>Defaults are those of docs/language.md: floor 0, max_use 100%, no trigger, no cap,
 * no notification.
 */
public final class Decision {
    private BigDecimal floor = BigDecimal.ZERO;
    private BigDecimal maxUse = BigDecimal.ONE;
    private final List<Integer> triggerLines = new ArrayList<>();
    private BigDecimal cap;            // quote units per event; null = no cap
    private Integer notifyQuintile;    // null = no notification
    private final List<Integer> tierPlan = new ArrayList<>();
    private final List<String> rulesFired = new ArrayList<>();
    private final java.util.Map<Integer, LayerSettings> layers = new java.util.TreeMap<>();
    private final List<Integer> latchWhenLines = new ArrayList<>();
    private final List<Integer> latchUntilLines = new ArrayList<>();

    /** A layer's decided floor, max_use and caps (version 2); a cap's window is -1 for {@code lifetime}. */
    public static final class LayerSettings {
        private BigDecimal floor = BigDecimal.ZERO;
        private BigDecimal maxUse = BigDecimal.ONE;
        private final List<LayerCap> caps = new ArrayList<>();

        public BigDecimal floor() { return floor; }
        public BigDecimal maxUse() { return maxUse; }
        public List<LayerCap> caps() { return Collections.unmodifiableList(caps); }
    }

    /** {@code cap <amount> per <window>}, or {@code lifetime} when {@code windowSeconds} is {@link #LIFETIME}. */
    public record LayerCap(BigDecimal amount, long windowSeconds) {
        public static final long LIFETIME = -1;
    }

    private LayerSettings layer(int index) {
        return layers.computeIfAbsent(index, i -> new LayerSettings());
    }

    public void layerFloor(int index, BigDecimal amount) { layer(index).floor = amount; }
    public void layerMaxUse(int index, BigDecimal fraction) { layer(index).maxUse = fraction; }
    public void layerCap(int index, BigDecimal amount, long windowSeconds) {
        layer(index).caps.add(new LayerCap(amount, windowSeconds));
    }
    /** The {@code when} condition of the trigger with {@code until} held (version 2's latch). */
    public void latchWhen(int line) { latchWhenLines.add(line); }
    /** The {@code until} condition of the latched trigger held. */
    public void latchUntil(int line) { latchUntilLines.add(line); }

    /**
     * The settings of layer {@code index}: defaults when no rule set any; under {@code buffer}
     * (no layer rules at all) the first layer has the buffer's {@link #floor()} and {@link #maxUse()}.
     */
    public LayerSettings layerSettings(int index) {
        LayerSettings s = layers.get(index);
        if (s != null) return s;
        LayerSettings defaults = new LayerSettings();
        if (index == 0 && layers.isEmpty()) {
            defaults.floor = floor;
            defaults.maxUse = maxUse;
        }
        return defaults;
    }
    public boolean latchWhenHeld() { return !latchWhenLines.isEmpty(); }
    public boolean latchUntilHeld() { return !latchUntilLines.isEmpty(); }

    public void floor(BigDecimal amount) { this.floor = amount; }
    public void maxUse(BigDecimal fraction) { this.maxUse = fraction; }
    public void trigger(int line) { triggerLines.add(line); }
    public void cap(BigDecimal quoteAmount) { this.cap = quoteAmount; }
    public void notifyAt(int quintile) { this.notifyQuintile = quintile; }
    /** Records that tier {@code index} (0-based, policy order) takes part in this event's plan. */
    public void tier(int index) { tierPlan.add(index); }
    /** Called by the session's agenda listener as each rule fires, in firing order. */
    public void fired(String ruleName) { rulesFired.add(ruleName); }

    public BigDecimal floor() { return floor; }
    public BigDecimal maxUse() { return maxUse; }
    public boolean triggered() { return !triggerLines.isEmpty(); }
    public List<Integer> triggerLines() { return Collections.unmodifiableList(triggerLines); }
    public BigDecimal cap() { return cap; }
    public Integer notifyQuintile() { return notifyQuintile; }
    /** Tier indexes in the order their rules fired (policy order); empty when the policy has no tiers. */
    public List<Integer> tierPlan() { return Collections.unmodifiableList(tierPlan); }
    public List<String> rulesFired() { return Collections.unmodifiableList(rulesFired); }
}
