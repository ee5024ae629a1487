package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import dev.adl.prop.Gen;
import dev.adl.prop.Property;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.adl.runtime.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random events on random stores under real policies; after every event the engine's
 * invariants must hold. The cases come from {@link MarketGen} through {@link Property}, so
 * a failure is reported as the smallest market and event list that still breaks it.
 */
class AdlEnginePropertyTest {
    private static final String QUEUE = """
            policy "queue" version 1
            markets "M"
            buffer {
              floor 500
              max_use 50% per event
            }
            rank by pnl_pct * leverage when upnl > 0
            rank by pnl_pct / leverage
            reduce {
              tier "queue" : queue
            }
            cap 3% of open_interest per event
            """;
    private static final String PRO_RATA = """
            policy "pro-rata" version 2
            eligible when upnl > 0
            rank by upnl
            reduce {
              tier "share" : pro_rata 60% by notional
            }
            """;
    private static final String TIERED = """
            policy "tiered" version 3
            buffer {
              floor 10% of open_interest
              trigger when drawdown(1h) > 20%
            }
            let lev = leverage
            eligible when size > 0
            rank by pnl_pct * lev when upnl > 0
            rank by -margin_ratio
            reduce {
              tier "hot" when lev >= 5 : pro_rata 100% by equity
              tier "profit" when upnl > 0 : queue
              tier "rest" : pro_rata 50%
            }
            """;
    private static final String EXPOSED = """
            policy "exposed" version 4
            inputs {
              exposure "venue-b" stale_after 60s
            }
            buffer {
              floor 1_000
              max_use 80% per event
            }
            let eff = (notional + exposure("venue-b").notional) / (equity + exposure("venue-b").collateral)
            eligible when upnl > 0 or eff > 3
            rank by pnl_pct * eff when upnl > 0
            rank by pnl_pct / eff
            reduce {
              tier "levered" when eff >= 8 : pro_rata 50% by exposure("venue-b").notional + notional
              tier "rest" : queue
            }
            cap 100_000 per event
            """;

    private static Map<String, CompiledPolicy> policies;

    @BeforeAll
    static void compilePolicies() {
        policies = new HashMap<>();
        policies.put("queue", compile(QUEUE));
        policies.put("pro-rata", compile(PRO_RATA));
        policies.put("tiered", compile(TIERED));
        policies.put("exposed", compile(EXPOSED));
    }

    /** A market and the events that hit it one after the other. */
    record Case(MarketGen.Market market, List<MarketGen.EventPlan> events) {
        @Override
        public String toString() {
            return market + "events: " + events;
        }
    }

    private static final Gen<Case> CASES = c -> new Case(MarketGen.markets(60).next(c),
            Gen.listOf(MarketGen.events(), 1, 10, 0.8).next(c));

    @ParameterizedTest
    @ValueSource(strings = {"queue", "pro-rata", "tiered", "exposed"})
    void invariantsHoldOnEveryEvent(String name) {
        CompiledPolicy policy = policies.get(name);
        int[] seen = new int[5]; // events, with fills, with unresolved size, with the fund paying, split fund/ADL
        Property.check("engine invariants under " + name, 60, CASES, k -> {
            PositionStore store = k.market().store();
            ExposureFeed feed = name.equals("exposed") ? k.market().feed(List.of("venue-b"), 0, 50) : null;
            for (MarketGen.EventPlan plan : k.events()) {
                if (plan.refusal() > 0) {
                    refusedEventChangesNothing(policy, store, plan.refused(store, k.market()));
                    continue;
                }
                Event event = plan.resolve(store, k.market());
                if (event == null) {
                    break;
                }
                EventResult r = checkOneEvent(name, policy, store, event, feed);
                seen[0]++;
                seen[1] += r.fills().isEmpty() ? 0 : 1;
                seen[2] += r.unresolvedSize().signum() > 0 ? 1 : 0;
                seen[3] += r.fundPaid().signum() > 0 ? 1 : 0;
                seen[4] += r.fundAbsorbedSize().signum() > 0 && r.adlSize().signum() > 0 ? 1 : 0;
            }
        });
        // the random inputs must reach every part of the semantics, or the checks above prove little
        String counts = "events, with fills, unresolved, fund paying, split: " + java.util.Arrays.toString(seen);
        assertThat(seen[0]).as(counts).isGreaterThan(150);
        assertThat(seen[1]).as(counts).isGreaterThan(seen[0] / 6);
        assertThat(seen[2]).as(counts).isPositive();
        assertThat(seen[3]).as(counts).isPositive();
        assertThat(seen[4]).as(counts).isPositive();
    }

    private static EventResult checkOneEvent(String name, CompiledPolicy policy, PositionStore store, Event event,
                                             ExposureFeed feed) {
        Snapshot before = snapshot(store);
        int b = store.rowOf(event.bankruptAccount());
        BigDecimal openInterest = store.longTotal().multiply(event.markPrice());

        PositionStore copy = store.copy();
        EventResult dry = AdlEngine.dryRun(policy, store, feed, event);
        assertThat(snapshot(store)).isEqualTo(before);
        EventResult onCopy = AdlEngine.apply(policy, copy, feed, event);
        EventResult r = AdlEngine.apply(policy, store, feed, event);

        // determinism: the same inputs give the same result and the same store
        assertThat(onCopy.withoutTiming()).isEqualTo(r.withoutTiming());
        assertThat(dry.withoutTiming()).isEqualTo(r.withoutTiming());
        assertThat(snapshot(copy)).isEqualTo(snapshot(store));

        // conservation
        BigDecimal filled = r.fills().stream().map(Fill::size).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(filled).isEqualByComparingTo(r.adlSize());
        assertThat(r.adlSize().add(r.unresolvedSize()).add(r.fundAbsorbedSize())).isEqualByComparingTo(r.size());
        assertThat(r.size()).isEqualByComparingTo(before.rows().get(b).size());
        assertBalanced(store);
        assertThat(r.fundAbsorbedSize().remainder(event.lotSize())).isEqualByComparingTo("0");
        assertThat(r.fundAfter()).isEqualByComparingTo(r.fundBefore().subtract(r.fundPaid()));
        assertThat(r.fundPaid()).isGreaterThanOrEqualTo(BigDecimal.ZERO);

        // the fund never passes its floor; a trigger stops it paying at all
        BigDecimal floor = switch (name) {
            case "queue" -> new BigDecimal("500");
            case "tiered" -> openInterest.multiply(new BigDecimal("0.1"));
            case "exposed" -> new BigDecimal("1000");
            default -> BigDecimal.ZERO;
        };
        if (r.fundPaid().signum() > 0) {
            assertThat(r.fundAfter()).isGreaterThanOrEqualTo(floor);
        }
        if (name.equals("tiered") && drawdown(event, 3600).compareTo(new BigDecimal("0.2")) > 0) {
            assertThat(r.fundPaid()).isEqualByComparingTo("0");
            assertThat(r.fundAbsorbedSize()).isEqualByComparingTo(r.shortfall().signum() == 0 ? r.size() : BigDecimal.ZERO);
        }

        // fills: opposite side, distinct, positive, within each position, exact PnL into collateral
        Set<String> seen = new HashSet<>();
        Set<Long> ranks = new HashSet<>();
        String opposite = r.side().equals("long") ? "short" : "long";
        for (Fill f : r.fills()) {
            assertThat(seen.add(f.account())).isTrue();
            assertThat(ranks.add(f.rank())).isTrue();
            assertThat(f.side()).isEqualTo(opposite);
            assertThat(f.size()).isPositive();
            assertThat(f.price()).isEqualByComparingTo(r.bankruptcyPrice());
            int row = store.rowOf(f.account());
            Position was = before.rows().get(row);
            assertThat(store.size(row)).isEqualByComparingTo(was.size().subtract(f.size()));
            assertThat(store.collateral(row)).isEqualByComparingTo(was.collateral().add(f.realizedPnl()));
            BigDecimal expectedPnl = f.size().multiply(r.bankruptcyPrice().subtract(was.entryPrice()))
                    .multiply(BigDecimal.valueOf(opposite.equals("long") ? 1 : -1));
            assertThat(f.realizedPnl()).isEqualByComparingTo(expectedPnl);
        }
        // nothing else moved, no size below zero, no side flipped
        for (int row = 0; row < store.rows(); row++) {
            Position was = before.rows().get(row);
            Position now = store.position(row);
            assertThat(now.side()).isEqualTo(was.side());
            assertThat(now.size().signum()).isGreaterThanOrEqualTo(0);
            if (row == b) {
                assertThat(now.size()).isEqualByComparingTo("0");
                assertThat(now.collateral()).isEqualByComparingTo("0");
            } else if (!seen.contains(now.account())) {
                assertThat(now).isEqualTo(was);
            }
        }
        return r;
    }

    private static void refusedEventChangesNothing(CompiledPolicy policy, PositionStore store, Event bad) {
        Snapshot before = snapshot(store);
        assertThatThrownBy(() -> AdlEngine.apply(policy, store, null, bad)).isInstanceOf(EventRefusedException.class);
        assertThat(snapshot(store)).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void staleExposuresRefuseTheEventAndChangeNothing() {
        CompiledPolicy policy = policies.get("exposed");
        int[] refused = {0};
        Gen<Case> cases = c -> new Case(MarketGen.markets(60).next(c), List.of(MarketGen.events().next(c)));
        Property.check("stale exposures refuse the event", 40, cases, k -> {
            PositionStore store = k.market().store();
            // every row is 61 s to 2 h old: stale for a 60 s source
            ExposureFeed stale = k.market().feed(List.of("venue-b"), 61, 7200);
            Event event = k.events().get(0).resolve(store, k.market());
            if (event == null) return;
            Snapshot before = snapshot(store);
            int b = store.rowOf(event.bankruptAccount());
            boolean anyCandidate = false;
            for (int row = 0; row < store.rows(); row++) {
                anyCandidate |= row != b && store.side(row) == -store.side(b) && store.sizeFixed(row) > 0
                        && stale.row("venue-b", store.account(row)) != null;
            }
            if (anyCandidate) {
                assertThatThrownBy(() -> AdlEngine.apply(policy, store, stale, event))
                        .isInstanceOf(EventRefusedException.class).hasMessageContaining("stale");
                refused[0]++;
            } else {
                AdlEngine.apply(policy, store.copy(), stale, event); // no candidate reads a stale row
            }
            assertThat(snapshot(store)).isEqualTo(before);
        });
        assertThat(refused[0]).isGreaterThan(10);
    }

    /** drawdown(window) as LANGUAGE.md defines it, computed independently of the engine. */
    private static BigDecimal drawdown(Event e, long windowSeconds) {
        Instant from = e.now().minusSeconds(windowSeconds);
        BigDecimal peak = e.insuranceFund();
        for (Event.FundPoint p : e.fundHistory()) {
            if (!p.at().isBefore(from) && !p.at().isAfter(e.now())) {
                peak = peak.max(p.balance());
            }
        }
        return peak.signum() == 0 ? BigDecimal.ZERO
                : peak.subtract(e.insuranceFund()).divide(peak, 20, java.math.RoundingMode.HALF_UP);
    }
}
