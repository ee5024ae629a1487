package dev.adl.fuzz;

import dev.adl.compile.CompileResult;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.PolicyCompiler;
import dev.adl.compile.TierInfo;
import dev.adl.diag.Diagnostic;
import dev.adl.fuzz.PolicyGen.PolicyCase;
import dev.adl.fuzz.PolicyText.Kind;
import dev.adl.fuzz.PolicyText.Slot;
import dev.adl.prop.Gen;
import dev.adl.prop.Property;
import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.Fill;
import dev.adl.runtime.InputException;
import dev.adl.runtime.MarketGen;
import dev.adl.runtime.PositionStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The policy front end and compiler under generated policies ({@link PolicyGen}) and
 * broken ones ({@link TokenMutations}). A failure is shrunk to a small policy. The tries
 * here keep the build short; docs/testing.md gives the command for a long run.
 */
class PolicyFuzzTest {
    /** Far above a policy's compile time, far below a hang. */
    private static final Duration BOUND = Duration.ofSeconds(2);

    private record Mutated(PolicyCase policy, String text) {
        @Override
        public String toString() {
            return "\n" + text;
        }
    }

    private record Run(PolicyCase policy, MarketGen.Market market, List<MarketGen.EventPlan> events) {
        @Override
        public String toString() {
            return policy.harmless() + "\n" + market + "events: " + events;
        }
    }

    @BeforeAll
    static void warmUp() {
        // the first compile loads the rule engine; the time bound is for the inputs, not for that
        assertThat(PolicyCompiler.compile("warm.adl", "policy \"w\" version 1\nreduce {\n tier \"a\" : queue\n}\n").ok())
                .isTrue();
    }

    @Test
    void brokenPoliciesGetDiagnosticsAndNeverAnException() {
        Gen<Mutated> broken = c -> {
            PolicyCase p = PolicyGen.policies().next(c);
            return new Mutated(p, TokenMutations.mutate(p.chosen(), c));
        };
        Property.check("broken policies get diagnostics", 500, broken, m -> compileWithin(m.text()));
    }

    /**
     * Generated policies compile within the bound, and their DRL is the DRL of the same
     * policy with harmless names: no name, string or comment reaches the rules except as data.
     */
    @Test
    void noChosenNameReachesTheDrl() {
        int[] compared = {0};
        int n = Property.check("no chosen name reaches the DRL", 60, PolicyGen.policies(), p -> {
            CompileResult chosen = compileWithin(p.chosen());
            CompileResult harmless = compileWithin(p.harmless());
            assertThat(chosen.ok()).as("accepted with the chosen names as with harmless ones")
                    .isEqualTo(harmless.ok());
            if (!chosen.ok()) return;
            compared[0]++;
            CompiledPolicy a = chosen.policy();
            CompiledPolicy b = harmless.policy();
            assertThat(a.drl()).isEqualTo(b.drl());
            assertThat(a.ruleNames()).isEqualTo(b.ruleNames());
            // the names travel as data, intact
            assertThat(a.name()).isEqualTo(p.names().get(new Slot(Kind.POLICY, 1)));
            List<String> markets = p.text().slots().stream().filter(s -> s.kind() == Kind.MARKET)
                    .map(p.names()::get).toList();
            assertThat(a.markets()).isEqualTo(markets.isEmpty() ? List.of("*") : markets);
            assertThat(a.tiers()).extracting(TierInfo::name).isEqualTo(p.text().slots().stream()
                    .filter(s -> s.kind() == Kind.TIER).map(p.names()::get).toList());
            assertThat(a.exposureSources().keySet()).allMatch(p.names()::containsValue);
        });
        // the generator must mostly write valid policies, or this property tests little
        assertThat(compared[0]).as("accepted of " + n).isGreaterThan(n * 6 / 10);
    }

    @Test
    void acceptedPoliciesRunEventsWithoutAnException() {
        Gen<Run> runs = c -> new Run(PolicyGen.policies().next(c), MarketGen.markets(12).next(c),
                Gen.listOf(MarketGen.events(), 1, 4, 0.6).next(c));
        int[] events = {0};
        Property.check("accepted policies run events", 60, runs, r -> {
            // every market matches, and sources get names the exposures file can hold
            String text = r.policy().text().render(s -> s.kind() == Kind.MARKET ? "*"
                    : s.kind() == Kind.SOURCE ? PolicyText.harmless(s) : r.policy().names().get(s));
            CompileResult compiled = compileWithin(text);
            if (!compiled.ok()) return;
            CompiledPolicy policy = compiled.policy();
            PositionStore store = r.market().store();
            ExposureFeed feed = r.market().feed(List.copyOf(policy.exposureSources().keySet()), 0, 120);
            for (MarketGen.EventPlan plan : r.events()) {
                Event event = plan.refusal() > 0 ? plan.refused(store, r.market()) : plan.resolve(store, r.market());
                if (event == null) return;
                try {
                    EventResult result = AdlEngine.apply(policy, store, feed, event);
                    events[0]++;
                    BigDecimal filled = result.fills().stream().map(Fill::size).reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(filled).isEqualByComparingTo(result.adlSize());
                    assertThat(result.adlSize().add(result.unresolvedSize()).add(result.fundAbsorbedSize()))
                            .isEqualByComparingTo(result.size());
                } catch (InputException refused) {
                    // a refused event (EventRefusedException included) is an answer, not a crash
                }
            }
        });
        assertThat(events[0]).isGreaterThan(60);
    }

    /** Compiles within the time bound; whatever the text, the answer is a policy or located errors. */
    private static CompileResult compileWithin(String text) {
        CompileResult result = assertTimeoutPreemptively(BOUND, () -> PolicyCompiler.compile("fuzz.adl", text));
        assertThat(result.ok()).isEqualTo(result.policy() != null);
        if (!result.ok()) {
            assertThat(result.diagnostics()).anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        }
        for (Diagnostic d : result.diagnostics()) {
            assertThat(d.line()).as("line of %s", d).isPositive();
            assertThat(d.col()).as("column of %s", d).isPositive();
        }
        assertThat(result.formatDiagnostics()).isNotNull();
        return result;
    }
}
