package dev.adl.compile;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Version 2's waterfall in the rules: layers by index, settings and the two latch conditions as decisions. */
class WaterfallCompileTest {
    private static final String TEMPLATE = """
            policy "w" version 2
            waterfall {
              fund "%1$s" floor 250_000 max_use 50%% per event
              pool "%2$s" max_use 30%% per event cap 2_000_000 per 24h cap 9 lifetime
              backstop "%3$s" floor 2%% of open_interest
              trigger when drawdown("%1$s", 8h) > 30%% until balance("%2$s") > 100
              trigger when drawdown(1h) > 90%%
            }
            rank by pnl_pct + balance("%3$s")
            reduce { tier "all" : queue fee 0.05%% }
            """;

    static CompiledPolicy compile(String a, String b, String c) {
        CompileResult r = PolicyCompiler.compile("w.adl", String.format(TEMPLATE, a, b, c));
        assertThat(r.hasErrors()).as(r.formatDiagnostics()).isFalse();
        return r.policy();
    }

    @Test
    void settingsPerLayerAndBothLatchConditionsAreDecided() {
        CompiledPolicy p = compile("f", "p", "b");
        assertThat(p.latches()).isTrue();
        assertThat(p.feeRate()).isEqualByComparingTo("0.0005");
        assertThat(p.layerKeys()).containsExactlyInAnyOrder(new LayerKey(0, 28800), LayerKey.balance(1), LayerKey.balance(2));
        Map<LayerKey, BigDecimal> values = Map.of(new LayerKey(0, 28800), new BigDecimal("0.31"),
                LayerKey.balance(1), new BigDecimal("101"), LayerKey.balance(2), BigDecimal.ZERO);
        MarketFacts facts = new MarketFacts("M", new BigDecimal("7"), new BigDecimal("1000"), BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, Map.of(3600L, new BigDecimal("0.5")), values);
        Decision d = p.decide(facts);
        assertThat(d.layerSettings(0).floor()).isEqualByComparingTo("250000");
        assertThat(d.layerSettings(0).maxUse()).isEqualByComparingTo("0.5");
        assertThat(d.layerSettings(1).floor()).isEqualByComparingTo("0");
        assertThat(d.layerSettings(1).caps()).containsExactly(
                new Decision.LayerCap(new BigDecimal("2000000"), 86400), new Decision.LayerCap(new BigDecimal("9"), -1));
        // 2% of an open interest of 1000
        assertThat(d.layerSettings(2).floor()).isEqualByComparingTo("20");
        assertThat(d.layerSettings(2).maxUse()).isEqualByComparingTo("1");
        assertThat(d.latchWhenHeld()).isTrue();
        assertThat(d.latchUntilHeld()).isTrue();
        assertThat(d.triggered()).as("the plain trigger: drawdown(1h) 50% is not above 90%").isFalse();

        Decision quiet = p.decide(new MarketFacts("M", new BigDecimal("7"), new BigDecimal("1000"), BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, Map.of(3600L, new BigDecimal("0.95")),
                Map.of(new LayerKey(0, 28800), new BigDecimal("0.3"), LayerKey.balance(1), new BigDecimal("100"),
                        LayerKey.balance(2), BigDecimal.ZERO)));
        assertThat(quiet.latchWhenHeld()).as("30% is not above 30%").isFalse();
        assertThat(quiet.latchUntilHeld()).isFalse();
        assertThat(quiet.triggered()).isTrue();
    }
}
