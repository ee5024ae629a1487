package dev.adl.runtime;

import dev.adl.compile.CompiledPolicy;
import dev.adl.prop.Gen;
import dev.adl.prop.Property;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.adl.runtime.TestSupport.compile;
import static org.assertj.core.api.Assertions.assertThat;

/** The haircut and drain tiers' invariants on random markets, alone and inside the engine. */
class TierKindsPropertyTest {
    private static final String[] CAPS = {"1", "0.15", "0.5", "0.333"};
    private static final String[] GIVE_UPS = {"0", "0.5", "7.25", "120"};

    /** A market, a mark near its prices, a need in lots plus a fraction, a loss per unit and a cap share. */
    record Case(MarketGen.Market market, BigDecimal mark, int needLots, int needExtraPct, String u, String cap) {
    }

    private static final Gen<Case> CASES = c -> {
        MarketGen.Market m = MarketGen.markets(25).next(c);
        BigDecimal mark = MarketGen.priceNear(c, m.price(), 40);
        String u = c.chance(0.2) ? "0.123456789" : BigDecimal.valueOf(c.below(50_000) + 1, 2).toPlainString();
        return new Case(m, mark, c.below(400), c.below(100), u, Gen.oneOf(CAPS).next(c));
    };

    private static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return rows;
    }

    private static long need(Case k, long lot) {
        return k.needLots() * lot + lot * k.needExtraPct() / 100;
    }

    @Test
    void aHaircutPaysExactlyItsTotalWithinEveryCap() {
        int[] partial = new int[1];
        Property.check("haircut conservation", 300, CASES, k -> {
            PositionStore store = k.market().store();
            PositionStore before = store.copy();
            long lot = Decimals.toFixed(k.market().lot());
            long need = need(k, lot);
            int[] rows = identity(store.rows());
            BigDecimal u = new BigDecimal(k.u());
            BigDecimal cap = new BigDecimal(k.cap());
            List<TierAllocator.Take> takes = new ArrayList<>();
            long covered = HaircutTier.cover(store, rows, rows.clone(), need, lot, u, k.mark(), cap, null,
                    Integer::compare, takes, 0);
            long capacity = 0;
            for (int r : rows) {
                boolean profit = HaircutTier.upnl(store, r, k.mark()).signum() > 0;
                capacity += profit ? HaircutTier.capUnits(store, r, k.mark(), cap) : 0;
            }
            BigDecimal capQuote = Decimals.fromFixed(capacity);
            assertThat(covered).isBetween(0L, need);
            if (covered < need) {
                partial[0]++;
                assertThat(covered % lot).as("a partial cover is whole lots").isZero();
                // the largest such multiple: one lot more would cost more than the caps hold
                assertThat(u.multiply(Decimals.fromFixed(covered + lot))).isGreaterThan(capQuote);
            }
            long total = u.multiply(Decimals.fromFixed(covered)).setScale(8, RoundingMode.CEILING).unscaledValue()
                    .longValueExact();
            long sum = 0;
            for (TierAllocator.Take t : takes) {
                assertThat(t.size()).isZero();
                assertThat(t.haircut()).isPositive()
                        .isLessThanOrEqualTo(HaircutTier.capUnits(store, rows[t.candidate()], k.mark(), cap));
                BigDecimal equity = store.collateral(t.candidate()).add(HaircutTier.upnl(store, t.candidate(), k.mark()));
                assertThat(Decimals.fromFixed(t.haircut())).isLessThanOrEqualTo(equity);
                sum += t.haircut();
            }
            assertThat(sum).as("the amounts sum to the tier's total").isEqualTo(total);
            assertThat(TestSupport.snapshot(store)).as("a haircut changes nothing itself").isEqualTo(
                    TestSupport.snapshot(before));
        });
        assertThat(partial[0]).as("cases whose caps fell short").isPositive();
    }

    /** Closing x at the give-up g: {@code x(L) = (N - L E) / (mark - L g)}, the whole size when E <= 0 or mark <= L g. */
    private static BigDecimal reduction(PositionStore s, int row, BigDecimal mark, BigDecimal g, BigDecimal level) {
        BigDecimal size = s.size(row);
        BigDecimal n = size.multiply(mark);
        BigDecimal e = s.collateral(row).add(HaircutTier.upnl(s, row, mark));
        if (e.signum() <= 0) return size;
        if (!drainable(s, row, mark, g)) return BigDecimal.ZERO;
        if (n.compareTo(level.multiply(e)) <= 0) return BigDecimal.ZERO;
        BigDecimal den = mark.subtract(level.multiply(g));
        assertThat(den.signum()).as("a drainable member above the level has mark > L * g").isPositive();
        return n.subtract(level.multiply(e)).divide(den, 16, RoundingMode.DOWN).min(size);
    }

    /** Whether closing the whole row at the fill price leaves its equity at 0 or more (always so without equity). */
    private static boolean drainable(PositionStore s, int row, BigDecimal mark, BigDecimal g) {
        BigDecimal e = s.collateral(row).add(HaircutTier.upnl(s, row, mark));
        return e.signum() <= 0 || s.size(row).multiply(g).compareTo(e) <= 0;
    }

    record DrainCase(Case k, String giveUp) {
    }

    @Test
    void aDrainFillsTheNeedInLotsAndStopsAtOneLevel() {
        int[] leveled = new int[2]; // cases with a level, of which with an undrainable member
        Gen<DrainCase> cases = c -> new DrainCase(CASES.next(c), Gen.oneOf(GIVE_UPS).next(c));
        Property.check("drain level", 300, cases, o -> {
            Case k = o.k();
            BigDecimal g = new BigDecimal(o.giveUp());
            PositionStore store = k.market().store();
            long lot = Decimals.toFixed(k.market().lot());
            long need = need(k, lot);
            int[] rows = identity(store.rows());
            List<TierAllocator.Take> takes = new ArrayList<>();
            List<String> trace = new ArrayList<>();
            long left = DrainTier.reduce(store, rows, rows.clone(), need, lot, k.mark(), g, Integer::compare, takes, 0,
                    trace);
            long offers = 0;
            for (int r : rows) offers += drainable(store, r, k.mark(), g) ? store.sizeFixed(r) / lot * lot : 0;
            long filled = 0;
            Map<Integer, Long> byMember = new HashMap<>();
            for (TierAllocator.Take t : takes) {
                assertThat(t.size() % lot).isZero();
                assertThat(t.size()).isPositive().isLessThanOrEqualTo(store.sizeFixed(t.candidate()));
                BigDecimal e = store.collateral(t.candidate()).add(HaircutTier.upnl(store, t.candidate(), k.mark()));
                if (e.signum() > 0) {
                    assertThat(e.subtract(Decimals.fromFixed(t.size()).multiply(g)).signum())
                            .as("a drained member with equity keeps 0 or more").isNotNegative();
                }
                filled += t.size();
                byMember.put(t.candidate(), t.size());
            }
            assertThat(filled).as("fills = the need in whole lots").isEqualTo(Math.min(need / lot * lot, offers));
            assertThat(left).isEqualTo(need - filled);
            if (need == 0 || offers <= need / lot * lot) return;
            leveled[0]++;
            long kept = java.util.Arrays.stream(rows).filter(r -> !drainable(store, r, k.mark(), g)).count();
            assertThat(trace).hasSize(kept > 0 ? 2 : 1);
            leveled[1] += kept > 0 ? 1 : 0;
            BigDecimal level = new BigDecimal(trace.get(0).substring("drain level ".length()));
            BigDecimal sum = BigDecimal.ZERO;
            for (int r : rows) sum = sum.add(reduction(store, r, k.mark(), g, level));
            assertThat(sum).as("the level's reductions cover the need").isGreaterThanOrEqualTo(Decimals.fromFixed(need));
            BigDecimal top = BigDecimal.ZERO;
            for (int r : rows) {
                BigDecimal e = store.collateral(r).add(HaircutTier.upnl(store, r, k.mark()));
                if (e.signum() > 0 && drainable(store, r, k.mark(), g)) top = top.max(store.size(r).multiply(k.mark()).divide(e, 8, RoundingMode.CEILING));
            }
            assertThat(level).as("the level lies between 0 and the highest drainable leverage").isBetween(BigDecimal.ZERO, top);
            BigDecimal higher = level.add(new BigDecimal("0.00000001"));
            BigDecimal above = BigDecimal.ZERO;
            for (int r : rows) above = above.add(reduction(store, r, k.mark(), g, higher));
            if (level.compareTo(top) < 0) {
                assertThat(above).as("the next grid level does not").isLessThan(Decimals.fromFixed(need));
            }
            for (Map.Entry<Integer, Long> e : byMember.entrySet()) {
                BigDecimal x = reduction(store, e.getKey(), k.mark(), g, level);
                // no member is taken below the level by a lot or more: a member at or under it gives nothing
                assertThat(Decimals.fromFixed(e.getValue() - lot)).as("member " + e.getKey() + " at level " + level)
                        .isLessThanOrEqualTo(x.setScale(8, RoundingMode.DOWN));
            }
        });
        assertThat(leveled[0]).as("cases with a level").isGreaterThan(50);
        assertThat(leveled[1]).as("of them with an undrainable member").isGreaterThan(10);
    }

    private static final CompiledPolicy AT_BP = compile("""
            policy "kinds" version 2
            markets "M"
            waterfall { fund "f" max_use 30% per event }
            rank by pnl_pct
            reduce {
              tier "cut" when upnl > 0 and pnl_pct > 0.2 : haircut cap 40% of upnl
              tier "drain" when leverage > 3 : drain by leverage
              tier "rest" : queue
            }
            """);
    private static final CompiledPolicy AT_MARK = compile("""
            policy "kinds-at-mark" version 2
            markets "M"
            waterfall { fund "f" max_use 30% per event }
            rank by pnl_pct
            reduce {
              tier "cut" when upnl > 0 and pnl_pct > 0.2 : haircut by size cap 40% of upnl
              tier "drain" when leverage > 3 : drain by leverage
              tier "rest" : queue
              fill at mark_price
            }
            """);

    @Test
    void theEngineAccountsForEveryUnitAndEveryCent() {
        int[] seen = new int[3]; // events, with a haircut, with a drain fill
        Gen<Object[]> cases = c -> new Object[]{MarketGen.markets(30).next(c), MarketGen.events().next(c),
                c.below(2) == 0, c.below(2_000)};
        Property.check("tier kinds in the engine", 200, cases, o -> {
            MarketGen.Market m = (MarketGen.Market) o[0];
            MarketGen.EventPlan plan = (MarketGen.EventPlan) o[1];
            boolean atMark = (Boolean) o[2];
            if (plan.refusal() > 0) return;
            PositionStore store = m.store();
            PositionStore before = store.copy();
            Event e = plan.resolve(store, m);
            if (e == null) return;
            BigDecimal balance = BigDecimal.valueOf(m.price()).multiply(m.lot()).multiply(BigDecimal.valueOf((Integer) o[3]))
                    .movePointLeft(2);
            Venue venue = new Venue(Map.of("f", new LayerState(balance, List.of(), List.of())), null);
            EventResult r = AdlEngine.apply(atMark ? AT_MARK : AT_BP, store, ExposureFeed.empty(), e, venue);
            seen[0]++;
            EventResult.TierCover cover = r.tierCover();
            assertThat(cover).isNotNull();
            BigDecimal closed = BigDecimal.ZERO;
            BigDecimal paid = BigDecimal.ZERO;
            for (Fill f : r.fills()) {
                int row = store.rowOf(f.account());
                int was = before.rowOf(f.account());
                if (f.haircut() != null) {
                    assertThat(f.tier()).isEqualTo("cut");
                    assertThat(f.size()).isZero();
                    assertThat(store.size(row)).as("a haircut keeps the size").isEqualByComparingTo(before.size(was));
                    assertThat(store.collateral(row)).isEqualByComparingTo(before.collateral(was).subtract(f.haircut()));
                    paid = paid.add(f.haircut());
                } else {
                    seen[2] += f.tier().equals("drain") ? 1 : 0;
                    closed = closed.add(f.size());
                }
            }
            seen[1] += paid.signum() > 0 ? 1 : 0;
            assertThat(closed.add(cover.haircutSize())).as("fills + haircut-covered = adl_size")
                    .isEqualByComparingTo(r.adlSize());
            assertThat(r.fundAbsorbedSize().add(r.adlSize()).add(r.unresolvedSize())).isEqualByComparingTo(r.size());
            assertThat(cover.haircutPaid()).isEqualByComparingTo(paid);
            // the loss per unit: the distance from the mark to the bankruptcy price
            BigDecimal u = r.bankruptcyPrice().subtract(e.markPrice()).abs();
            if (cover.haircutSize().signum() > 0) {
                assertThat(paid).as("u * covered, rounded up").isEqualByComparingTo(
                        u.multiply(cover.haircutSize()).setScale(8, RoundingMode.CEILING));
            }
            BigDecimal lossAtMark = atMark ? u.multiply(closed)
                    : BigDecimal.ZERO;
            assertThat(cover.markFillLoss()).isEqualByComparingTo(lossAtMark);
            assertThat(cover.markFillLossUnresolved()).isBetween(BigDecimal.ZERO, lossAtMark);
            assertThat(r.fundAfter()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
            TestSupport.assertBalanced(store);
        });
        String counts = "events, with a haircut, drain fills: " + java.util.Arrays.toString(seen);
        assertThat(seen[0]).as(counts).isGreaterThan(60);
        assertThat(seen[1]).as(counts).isPositive();
        assertThat(seen[2]).as(counts).isPositive();
    }
}
