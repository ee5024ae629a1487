package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.adl.runtime.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random events on random stores (seeded, reproducible) under real policies; after every
 * event the engine's invariants must hold.
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
    private static final String[] LOTS = {"1", "0.5", "0.01"};

    private static Map<String, CompiledPolicy> policies;

    @BeforeAll
    static void compilePolicies() {
        policies = new HashMap<>();
        policies.put("queue", compile(QUEUE));
        policies.put("pro-rata", compile(PRO_RATA));
        policies.put("tiered", compile(TIERED));
        policies.put("exposed", compile(EXPOSED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"queue", "pro-rata", "tiered", "exposed"})
    void invariantsHoldOnEveryEvent(String name) {
        CompiledPolicy policy = policies.get(name);
        Random rnd = new Random(name.hashCode() * 31L + 17);
        int events = 0;
        int[] seen = new int[4]; // events with fills, with unresolved size, with the fund paying, split fund/ADL
        for (int storeNo = 0; storeNo < 12; storeNo++) {
            BigDecimal lot = new BigDecimal(LOTS[rnd.nextInt(LOTS.length)]);
            PositionStore store = randomStore(rnd, lot);
            ExposureFeed feed = name.equals("exposed") ? randomFeed(rnd, store, 0, 50) : null;
            for (int e = 0; e < 25; e++) {
                if (e % 8 == 7) {
                    refusedEventChangesNothing(policy, store, rnd, lot);
                    continue;
                }
                Event event = randomEvent(rnd, store, lot);
                if (event == null) {
                    break;
                }
                EventResult r = checkOneEvent(name, policy, store, event, feed);
                events++;
                seen[0] += r.fills().isEmpty() ? 0 : 1;
                seen[1] += r.unresolvedSize().signum() > 0 ? 1 : 0;
                seen[2] += r.fundPaid().signum() > 0 ? 1 : 0;
                seen[3] += r.fundAbsorbedSize().signum() > 0 && r.adlSize().signum() > 0 ? 1 : 0;
            }
        }
        // the random inputs must reach every part of the semantics, or the checks above prove little
        assertThat(events).isGreaterThan(150);
        assertThat(seen[0]).isGreaterThan(events / 6);
        assertThat(seen[1]).isPositive();
        assertThat(seen[2]).isPositive();
        assertThat(seen[3]).isPositive();
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

    private static void refusedEventChangesNothing(CompiledPolicy policy, PositionStore store, Random rnd,
                                                   BigDecimal lot) {
        Snapshot before = snapshot(store);
        String someone = store.account(rnd.nextInt(store.rows()));
        Event bad = switch (rnd.nextInt(4)) {
            case 0 -> event("M", "100", lot.toPlainString(), "1000", "nobody");
            case 1 -> event("M", "0", lot.toPlainString(), "1000", someone);
            case 2 -> event("M", "100", "0", "1000", someone);
            default -> event("M", "100", "0.000000001", "1000", someone);
        };
        assertThatThrownBy(() -> AdlEngine.apply(policy, store, null, bad)).isInstanceOf(EventRefusedException.class);
        assertThat(snapshot(store)).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void staleExposuresRefuseTheEventAndChangeNothing() {
        CompiledPolicy policy = policies.get("exposed");
        Random rnd = new Random(4242);
        int refused = 0;
        for (int storeNo = 0; storeNo < 30; storeNo++) {
            BigDecimal lot = new BigDecimal(LOTS[rnd.nextInt(LOTS.length)]);
            PositionStore store = randomStore(rnd, lot);
            // every row is 61 s to 2 h old: stale for a 60 s source
            ExposureFeed stale = randomFeed(rnd, store, 61, 7200);
            Event event = randomEvent(rnd, store, lot);
            if (event == null) continue;
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
                refused++;
            } else {
                AdlEngine.apply(policy, store.copy(), stale, event); // no candidate reads a stale row
            }
            assertThat(snapshot(store)).isEqualTo(before);
        }
        assertThat(refused).isGreaterThan(10);
    }

    /** Rows for about two thirds of the accounts, observed between minAge and maxAge seconds before NOW. */
    private static ExposureFeed randomFeed(Random rnd, PositionStore store, int minAge, int maxAge) {
        StringBuilder rows = new StringBuilder();
        for (int row = 0; row < store.rows(); row++) {
            if (rnd.nextInt(3) == 0) continue;
            rows.append(store.account(row)).append(",venue-b,")
                    .append(BigDecimal.valueOf(rnd.nextInt(5_000_000), 2).toPlainString()).append(',')
                    .append(BigDecimal.valueOf(rnd.nextInt(500_000), 2).toPlainString()).append(',')
                    .append(NOW.minusSeconds(minAge + rnd.nextInt(maxAge - minAge + 1))).append('\n');
        }
        return exposures(rows.toString());
    }

    private static PositionStore randomStore(Random rnd, BigDecimal lot) {
        int n = 5 + rnd.nextInt(60);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < n; i++) {
            BigDecimal size = lot.multiply(BigDecimal.valueOf(rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(40)));
            rows.append("A").append(rnd.nextInt(1000)).append('_').append(i).append(",M,")
                    .append(rnd.nextBoolean() ? "long" : "short").append(',')
                    .append(size.toPlainString()).append(',')
                    .append(price(rnd, 50, 150)).append(',')
                    .append(BigDecimal.valueOf(rnd.nextInt(400_000) - 20_000, 2).toPlainString()).append('\n');
        }
        return store("M", rows.toString());
    }

    /** A bankruptcy of a random open position, or null when none is left. */
    private static Event randomEvent(Random rnd, PositionStore store, BigDecimal lot) {
        List<String> open = new ArrayList<>();
        for (int r = 0; r < store.rows(); r++) {
            if (store.sizeFixed(r) > 0) {
                open.add(store.account(r));
            }
        }
        if (open.isEmpty()) {
            return null;
        }
        String bankrupt = open.get(rnd.nextInt(open.size()));
        List<Event.FundPoint> history = new ArrayList<>();
        int points = rnd.nextInt(4);
        for (int i = 0; i < points; i++) {
            history.add(new Event.FundPoint(NOW.minusSeconds(rnd.nextInt(7200)),
                    BigDecimal.valueOf(rnd.nextInt(20_000))));
        }
        // mostly a real bankruptcy: the mark beyond the bankruptcy price, so there is a shortfall
        int b = store.rowOf(bankrupt);
        BigDecimal bp = store.entryPrice(b).subtract(BigDecimal.valueOf(store.side(b))
                .multiply(Decimals.div(store.collateral(b), store.size(b))));
        BigDecimal mark = bp.subtract(BigDecimal.valueOf(store.side(b) * (long) rnd.nextInt(3000), 2))
                .setScale(2, java.math.RoundingMode.DOWN);
        if (mark.signum() <= 0 || rnd.nextInt(10) == 0) {
            mark = new BigDecimal(price(rnd, 40, 160));
        }
        BigDecimal fund = rnd.nextInt(3) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(rnd.nextInt(4_000));
        return new Event("M", mark, lot, fund, NOW, history, bankrupt);
    }

    private static String price(Random rnd, int lo, int hi) {
        return BigDecimal.valueOf(lo * 100L + rnd.nextInt((hi - lo) * 100), 2).toPlainString();
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
