package dev.adl.lab;

import dev.adl.compile.CompiledPolicy;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.Fill;
import dev.adl.runtime.ForcedClose;
import dev.adl.runtime.PositionStore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One path of a stress scenario under one set of policies, step by step as STRESS.md
 * section 2 says: new marks from the returns and the step before's forced flow, then every
 * bankruptcy as one engine event, then liquidations.
 *
 * <p>Forced flow {@code F}, per market, in quote notional, buys positive: a liquidation
 * closes {@code size} at mark through the book (a long sells: {@code -size * mark}); for
 * every ADL fill, {@code rehedge * size * price} is bought back by a long counterparty and
 * sold again by a short one. The re-opening only moves the price: the lab's counterparty
 * re-opens in the book, outside the store, so the store's positions stay as the event left
 * them.
 */
public final class PathRun {
    /** One mark unit of the 8th place: no mark falls below it. */
    static final BigDecimal MIN_MARK = BigDecimal.ONE.movePointLeft(Decimals.SCALE);

    /** Sees every event of the path as the engine returned it (tests compare them with the engine's own). */
    public interface Listener {
        void event(int step, Event event, EventResult result);

        Listener NONE = (step, event, result) -> { };
    }

    private final VenueSnapshot venue;
    private final Map<String, CompiledPolicy> policies;
    private final StressScenario scenario;
    private final Listener listener;
    private final BooleanSupplier stop;

    /** {@code policies} by market: the policy each market's events run under. */
    public PathRun(VenueSnapshot venue, Map<String, CompiledPolicy> policies, StressScenario scenario, Listener listener) {
        this(venue, policies, scenario, listener, () -> false);
    }

    /** As above; {@code stop} is asked before every step, and true ends the path with {@link Stopped}. */
    public PathRun(VenueSnapshot venue, Map<String, CompiledPolicy> policies, StressScenario scenario, Listener listener,
                   BooleanSupplier stop) {
        this.venue = venue;
        this.policies = Map.copyOf(policies);
        this.scenario = scenario;
        this.listener = listener;
        this.stop = stop;
    }

    /** Runs path {@code path} with its returns ({@code returns[market][step - 1]}, market order). */
    public PathResult run(int path, BigDecimal[][] returns) {
        PathState state = new PathState(venue);
        Tally tally = new Tally(state);
        List<MarketSpec> markets = venue.markets();
        int n = markets.size();
        BigDecimal[] flow = new BigDecimal[n];
        BigDecimal[] calm = new BigDecimal[n];
        Map<String, List<BigDecimal>> marks = new LinkedHashMap<>();
        Map<String, List<BigDecimal>> calmMarks = new LinkedHashMap<>();
        Map<String, List<BigDecimal>> paid = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            flow[i] = BigDecimal.ZERO;
            calm[i] = markets.get(i).markPrice();
            marks.put(markets.get(i).market(), new ArrayList<>(List.of(calm[i])));
            calmMarks.put(markets.get(i).market(), new ArrayList<>(List.of(calm[i])));
        }
        state.book.paidTotals().forEach((layer, v) -> paid.put(layer, new ArrayList<>(List.of(v))));
        for (int t = 1; t <= scenario.steps(); t++) {
            Stopped.check(stop);
            Instant now = scenario.at(t);
            for (int i = 0; i < n; i++) {
                String m = markets.get(i).market();
                BigDecimal r = BigDecimal.ONE.add(returns[i][t - 1]);
                BigDecimal feedback = BigDecimal.ONE.add(scenario.impact(m).multiply(flow[i]));
                state.mark(m, nextMark(state.marks.get(m).multiply(r).multiply(feedback)));
                calm[i] = nextMark(calm[i].multiply(r));
                marks.get(m).add(state.marks.get(m));
                calmMarks.get(m).add(calm[i]);
                flow[i] = BigDecimal.ZERO;
            }
            // one pass per market finds both sets; the liquidations judge again only the rows events changed
            int[][] liquidatable = new int[n][];
            for (int i = 0; i < n; i++) {
                flow[i] = flow[i].add(bankruptcies(t, now, markets.get(i), state, tally, liquidatable, i));
            }
            for (int i = 0; i < n; i++) {
                flow[i] = flow[i].add(liquidations(markets.get(i), state, tally, liquidatable[i]));
            }
            state.book.paidTotals().forEach((layer, v) -> paid.get(layer).add(Tally.norm(v)));
        }
        Map<String, BigDecimal> impact = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String m = markets.get(i).market();
            impact.put(m, Ratios.ratio(state.marks.get(m).subtract(calm[i]), calm[i]));
        }
        Metrics metrics = tally.metrics(state.book, impact);
        Map<String, BigDecimal> pcts = tally.haircutPcts();
        return new PathResult(path, metrics, tally.haircuts(), pcts, HaircutBins.of(pcts.values()), marks, calmMarks,
                paid);
    }

    /** A mark rounded to 8 places half-up, never below one unit of the 8th place. */
    static BigDecimal nextMark(BigDecimal exact) {
        BigDecimal m = exact.setScale(Decimals.SCALE, RoundingMode.HALF_UP);
        return m.compareTo(MIN_MARK) < 0 ? MIN_MARK : m;
    }

    /**
     * Step 2 for one market; returns the flow the counterparties' re-opening adds, and leaves in
     * {@code liquidatable[i]} the market's liquidatable rows after its events.
     */
    private BigDecimal bankruptcies(int t, Instant now, MarketSpec spec, PathState state, Tally tally,
                                    int[][] liquidatable, int i) {
        String market = spec.market();
        PositionStore store = state.stores.get(market);
        BigDecimal mark = state.marks.get(market);
        BigDecimal flow = BigDecimal.ZERO;
        RowScan.Sets sets = RowScan.step(store, mark, spec.maintenanceMargin());
        int[] touched = new int[16];
        int nt = 0;
        for (int row : sets.bankrupt()) {
            // an earlier event of the step may have closed or changed this position
            if (store.sizeFixed(row) == 0 || ForcedClose.equity(store, row, mark).signum() >= 0) continue;
            Event event = state.book.event(market, mark, spec.lotSize(), now, store.account(row));
            EventResult r = state.apply(policies.get(market), event);
            int[] changed = PathState.rows(store, r);
            if (nt + changed.length > touched.length) {
                touched = Arrays.copyOf(touched, Math.max(2 * touched.length, nt + changed.length));
            }
            System.arraycopy(changed, 0, touched, nt, changed.length);
            nt += changed.length;
            tally.event(store, mark, r);
            listener.event(t, event, r);
            for (Fill f : r.fills()) {
                BigDecimal notional = f.size().multiply(f.price()).multiply(scenario.rehedge());
                flow = f.side().equals("long") ? flow.add(notional) : flow.subtract(notional);
            }
        }
        liquidatable[i] = RowScan.liquidatableAfter(store, mark, spec.maintenanceMargin(), sets.liquidatable(),
                Arrays.copyOf(touched, nt));
        return flow;
    }

    /** Step 3 for one market, its liquidatable rows given; returns the flow of the closes (a long sells, a short buys). */
    private static BigDecimal liquidations(MarketSpec spec, PathState state, Tally tally, int[] rows) {
        PositionStore store = state.stores.get(spec.market());
        BigDecimal mark = state.marks.get(spec.market());
        BigDecimal flow = BigDecimal.ZERO;
        for (int row : rows) {
            BigDecimal notional = store.size(row).multiply(mark);
            flow = store.side(row) > 0 ? flow.subtract(notional) : flow.add(notional);
            state.liquidate(spec.market(), row);
            tally.liquidation();
        }
        return flow;
    }
}
