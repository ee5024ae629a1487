package dev.adl.testing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What must hold after a case's event. Absent parts are not checked.
 *
 * @param fills    the fills in order, or null when the case does not check them
 * @param amounts  exact decimals by their result field name ({@code fund_paid}, {@code unresolved_size}, ...)
 * @param fired    clauses that must fire: a rule name such as {@code trigger@9}, or a clause keyword
 * @param notFired clauses that must not fire, written the same way
 * @param notified accounts the {@code notify} clause names after the event, longs then shorts, first in line
 *                 first; null when not checked
 * @param errors   when not empty, the event must be refused (or its inputs rejected) with a message holding each
 * @param layers   version 2: per waterfall layer by name, the amounts it must report (any subset)
 * @param triggerActiveAfter version 2: the latch after the event, or null when not checked
 */
public record Expectation(List<ExpectedFill> fills, Map<String, BigDecimal> amounts, List<String> fired,
                          List<String> notFired, List<String> notified, List<String> errors,
                          Map<String, ExpectedLayer> layers, Boolean triggerActiveAfter) {
    /** Result fields that hold one decimal, in the order of the {@code adl run} contract. */
    public static final List<String> AMOUNT_FIELDS = List.of("size", "bankruptcy_price", "shortfall", "fund_before",
            "fund_absorbed_size", "fund_paid", "fund_after", "adl_size", "unresolved_size", "haircut_size",
            "haircut_paid", "mark_fill_loss", "mark_fill_loss_unresolved");
    /** The amounts of one layer of the result, in the order of the {@code adl run} contract. */
    public static final List<String> LAYER_FIELDS = List.of("balance_before", "available", "absorbed_size", "paid",
            "balance_after");

    public Expectation {
        fills = fills == null ? null : List.copyOf(fills);
        amounts = Map.copyOf(amounts);
        fired = List.copyOf(fired);
        notFired = List.copyOf(notFired);
        notified = notified == null ? null : List.copyOf(notified);
        errors = List.copyOf(errors);
        layers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(layers));
    }

    public boolean expectsError() {
        return !errors.isEmpty();
    }

    /** One expected fill; null fields are not checked. {@code haircut} is a haircut tier's amount. */
    public record ExpectedFill(String account, BigDecimal size, BigDecimal price, String side, BigDecimal realizedPnl,
                               String tier, Long rank, BigDecimal fee, BigDecimal haircut) {
    }

    /** One layer's expected amounts by field ({@link #LAYER_FIELDS}); absent fields are not checked. */
    public record ExpectedLayer(Map<String, BigDecimal> amounts) {
        public ExpectedLayer {
            amounts = Map.copyOf(amounts);
        }
    }
}
