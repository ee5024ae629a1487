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
