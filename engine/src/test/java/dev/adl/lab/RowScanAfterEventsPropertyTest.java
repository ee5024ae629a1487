package dev.adl.lab;

import dev.adl.compile.CompiledPolicy;
import dev.adl.prop.Gen;
import dev.adl.prop.Property;
import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventRefusedException;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.MarketGen;
import dev.adl.runtime.PositionStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The liquidatable rows after events, from one pass before them and the rows they changed, equal a new pass. */
class RowScanAfterEventsPropertyTest {
    private static final CompiledPolicy QUEUE = LabFixture.compile("""
            policy "q" version 1
            markets "*"
            buffer { max_use 30% per event }
            rank by pnl_pct * leverage when upnl > 0
            rank by pnl_pct / leverage
            reduce { tier "all" : queue }
            """);
    private static final String[] MMS = {"0", "0.05", "0.3", "0.6", "0.9"};

    record Case(MarketGen.Market market, MarketGen.EventPlan plan, String mm) {
    }

    @Test
    void rowsTheEventsChangedAreJudgedAgainAndTheRestKeepThePassesJudgement() {
        int[] changed = new int[1];
        Gen<Case> cases = c -> new Case(MarketGen.markets(30).next(c), MarketGen.events().next(c),
                Gen.oneOf(MMS).next(c));
        Property.check("liquidatable after events", 300, cases, k -> {
            if (k.plan().refusal() > 0) return;
            PositionStore store = k.market().store();
            Event e = k.plan().resolve(store, k.market());
            if (e == null) return;
            BigDecimal mm = new BigDecimal(k.mm());
            RowScan.Sets before = RowScan.step(store, e.markPrice(), mm);
            EventResult r;
            try {
                r = AdlEngine.apply(QUEUE, store, ExposureFeed.empty(), e);
            } catch (EventRefusedException refused) {
                return;
            }
            int[] touched = PathState.rows(store, r);
            int[] after = RowScan.liquidatableAfter(store, e.markPrice(), mm, before.liquidatable(), touched);
            int[] fresh = RowScan.step(store, e.markPrice(), mm).liquidatable();
            assertThat(after).containsExactly(fresh);
            if (!java.util.Arrays.equals(before.liquidatable(), fresh)) changed[0]++;
        });
        assertThat(changed[0]).as("cases whose events changed the liquidatable set").isGreaterThan(10);
    }
}
