package dev.adl.compile;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.adl.compile.Ast.at;
import static dev.adl.compile.Ast.bin;
import static dev.adl.compile.Ast.call;
import static dev.adl.compile.Ast.hours;
import static dev.adl.compile.Ast.pct;
import static dev.adl.compile.Ast.var;
import static org.assertj.core.api.Assertions.assertThat;

/** Text a policy author controls never reaches the generated DRL: it travels as data. */
class HostileTextTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "\"", "end", "then", "rule \"x\" when", "System.exit(1)", "\\\"", "\\\\", "a\nb\r\nend\n",
            "*/", "/*", "//", "\"); System.exit(1); //", "end\nrule \"evil\" when then System.exit(1); end",
            "${x}", "\u0000\u2028", "@clause(\"x\")", "#"})
    void hostileNamesGlobsSourcesAndTiersLeaveTheDrlUnchanged(String evil) {
        CompiledPolicy harmless = Ast.compile(withLet("dd_8h",
                Ast.reference("perp-queue", "BTC-PERP", "ETH-PERP", "venue-b", "high-leverage", "rest")));
        CompiledPolicy hostile = Ast.compile(withLet("end",
                Ast.reference(evil, evil + "*", "*" + evil, evil, evil, evil + evil)));

        assertThat(hostile.drl()).isEqualTo(harmless.drl());
        assertThat(hostile.ruleNames()).isEqualTo(harmless.ruleNames());
        // the text is carried as data, intact
        assertThat(hostile.name()).isEqualTo(evil);
        assertThat(hostile.markets()).containsExactly(evil + "*", "*" + evil);
        assertThat(hostile.appliesTo(evil + "-PERP")).isTrue();
        assertThat(hostile.appliesTo("BTC-PERP")).isFalse();
        assertThat(hostile.tiers()).extracting(TierInfo::name).containsExactly(evil, evil + evil);
        assertThat(hostile.exposureSources()).containsOnlyKeys(evil);
        // and the rules it built from still run
        Decision d = hostile.decide(new MarketFacts(evil, new BigDecimal("1"), new BigDecimal("100"), BigDecimal.ZERO,
                BigDecimal.ONE, BigDecimal.ONE, Map.of(28800L, new BigDecimal("0.9"))));
        assertThat(d.triggered()).isTrue();
        assertThat(d.rulesFired()).isEqualTo(harmless.decide(new MarketFacts("m", BigDecimal.ONE, new BigDecimal("100"),
                BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE, Map.of(28800L, new BigDecimal("0.9")))).rulesFired());
    }

    /** Adds a market-only let that a second trigger uses, so let names meet the DRL path too. */
    private static Policy withLet(String letName, Policy p) {
        Policy.Let dd = new Policy.Let(letName, call("drawdown", hours(8)), at(17, 1), at(17, 5));
        Policy.Trigger second = new Policy.Trigger(bin(var(letName), Expr.BinaryOp.GE, pct("50")), at(13));
        List<Policy.Let> lets = new java.util.ArrayList<>(p.lets());
        lets.add(dd);
        List<Policy.Trigger> triggers = new java.util.ArrayList<>(p.buffer().triggers());
        triggers.add(second);
        Policy.Buffer buffer = new Policy.Buffer(p.buffer().floor(), p.buffer().maxUse(), triggers, p.buffer().pos());
        return new Policy(p.name(), p.version(), p.markets(), p.inputs(), buffer, lets, p.eligible(), p.ranks(),
                p.reduce(), p.cap(), p.notification(), p.pos());
    }

    /** Version 2's layer names are data too: the rules name layers by index. */
    @ParameterizedTest
    @ValueSource(strings = {"\\\"", "end", "then", "rule \\\"x\\\" when", "System.exit(1)", "\\\\", "*/", "/*", "//",
            "\\\"); System.exit(1); //", "end rule \\\"evil\\\" when then System.exit(1); end", "${x}", "@clause(\\\"x\\\")", "#"})
    void hostileLayerNamesLeaveTheDrlUnchanged(String evil) {
        CompiledPolicy harmless = WaterfallCompileTest.compile("btc-fund", "stakers", "clearing-house");
        CompiledPolicy hostile = WaterfallCompileTest.compile(evil, evil + "2", evil + "3");
        assertThat(hostile.drl()).isEqualTo(harmless.drl());
        assertThat(hostile.programListing()).isEqualTo(harmless.programListing());
        String unescaped = evil.replace("\\\"", "\"").replace("\\\\", "\\");
        assertThat(hostile.layers()).extracting(LayerInfo::name).containsExactly(unescaped, unescaped + "2", unescaped + "3");
        assertThat(hostile.drl()).doesNotContain("stakers").doesNotContain("btc-fund");
    }
}
