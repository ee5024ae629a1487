package dev.adl.runtime;

import dev.adl.ast.Builtins.MarketVar;
import dev.adl.compile.CompiledPolicy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The ADL queue indicator of one market (step 7 in docs/language.md): per side, the eligible
 * positions in the policy's order; rank i of n is quintile {@code 5 - floor(5 (i - 1) / n)},
 * 5 being first in line. Computed on request from a snapshot of the store; one account's
 * quintile is a linear count, never a sort.
 *
 * <p>With no bankruptcy at hand, {@code shortfall} is 0 and {@code bankruptcy_price} is the
 * mark. Exposure rows are used whatever their age: the indicator informs, it decides nothing.
 */
public final class QueueIndicator {
    /** The market values the policy's formulas may read when no event is at hand. */
    public record MarketState(BigDecimal markPrice, BigDecimal insuranceFund, Instant now,
                              List<Event.FundPoint> fundHistory) {
        public MarketState {
            fundHistory = List.copyOf(fundHistory);
        }
    }

    /**
     * One side as the engine ranks it: the candidates, the eligible ones among them and the
     * engine's primitive order ({@link ScoreOrder}), so a whole side is ordered by
     * the same radix passes as a pro-rata tier rather than by a comparator.
     */
    private record Side(SideRanking ranking) {
        int n() {
            return ranking.eligible().length;
        }

        /** Candidate index of a store row when it is eligible, else -1; candidates are in row order. */
        int eligibleIndexOf(int row) {
            int i = Arrays.binarySearch(ranking.rows(), row);
            return i >= 0 && ranking.evaluation().eligible()[i] ? i : -1;
        }
    }

    private final PositionStore store;
    private final Side longs;
    private final Side shorts;

    private QueueIndicator(PositionStore store, Side longs, Side shorts) {
        this.store = store;
        this.longs = longs;
        this.shorts = shorts;
    }

    public static QueueIndicator compute(CompiledPolicy policy, PositionStore store, ExposureFeed exposures,
                                         MarketState state) {
        if (exposures == null) {
            exposures = ExposureFeed.empty();
        }
        BigDecimal mark = state.markPrice();
        Map<MarketVar, Double> market = new EnumMap<>(MarketVar.class);
        market.put(MarketVar.INSURANCE_FUND, state.insuranceFund().doubleValue());
        market.put(MarketVar.OPEN_INTEREST, store.longTotal().multiply(mark).doubleValue());
        market.put(MarketVar.SHORTFALL, 0.0);
        market.put(MarketVar.BANKRUPTCY_PRICE, mark.doubleValue());
        market.put(MarketVar.MARK_PRICE, mark.doubleValue());
        Map<Long, Double> drawdowns = new HashMap<>();
        AdlEngine.drawdowns(policy, state.insuranceFund(), state.now(), state.fundHistory())
                .forEach((w, d) -> drawdowns.put(w, d.doubleValue()));
        MarketValues values = new MarketValues(mark.doubleValue(), market, drawdowns);
        Side longs = new Side(SideRanking.candidates(policy, store, exposures, 1, -1, values).evaluate());
        Side shorts = new Side(SideRanking.candidates(policy, store, exposures, -1, -1, values).evaluate());
        return new QueueIndicator(store, longs, shorts);
    }

    private Side of(int sideSign) {
        return sideSign > 0 ? longs : shorts;
    }

    /** Number of eligible positions on a side (+1 long, -1 short). */
    public int eligibleCount(int sideSign) {
        return of(sideSign).n();
    }

    /** An account's place (from 1) in its side's queue; empty when it has no eligible position. */
    public OptionalInt rank(String account) {
        int row = store.rowOf(account);
        if (row < 0) {
            return OptionalInt.empty();
        }
        Side side = of(store.side(row));
        int self = side.eligibleIndexOf(row);
        if (self < 0) {
            return OptionalInt.empty();
        }
        ScoreOrder order = side.ranking().order();
        int before = 0;
        for (int i : side.ranking().eligible()) {
            before += order.compare(i, self) < 0 ? 1 : 0;
        }
        return OptionalInt.of(before + 1);
    }

    /** An account's quintile (5 = first in line); empty when it has no eligible position. */
    public OptionalInt quintile(String account) {
        OptionalInt rank = rank(account);
        if (rank.isEmpty()) {
            return rank;
        }
        int row = store.rowOf(account);
        return OptionalInt.of(quintileOf(rank.getAsInt(), of(store.side(row)).n()));
    }

    public static int quintileOf(long rank, long n) {
        return (int) (5 - (5 * (rank - 1)) / n);
    }

    /** Positions per quintile on a side: element 0 is quintile 1, element 4 quintile 5. */
    public long[] counts(int sideSign) {
        long n = of(sideSign).n();
        long[] out = new long[5];
        // ranks i with floor(5 (i - 1) / n) = k are i - 1 in [ceil(k n / 5), ceil((k + 1) n / 5))
        for (int k = 0; k < 5; k++) {
            long from = (k * n + 4) / 5;
            long to = ((k + 1) * n + 4) / 5;
            out[4 - k] = to - from;
        }
        return out;
    }

    /** Accounts on a side at or above a quintile, first in line first (a prefix of the side's order). */
    public List<String> accountsAtLeast(int sideSign, int quintile) {
        int[] rows = rowsAtLeast(sideSign, quintile);
        List<String> out = new ArrayList<>(rows.length);
        for (int row : rows) {
            out.add(store.account(row));
        }
        return out;
    }

    /**
     * The store rows of {@link #accountsAtLeast}, in the same order: callers that index by row
     * (a server's rank table) skip a name lookup per position.
     */
    public int[] rowsAtLeast(int sideSign, int quintile) {
        Side side = of(sideSign);
        long[] counts = counts(sideSign);
        int take = 0;
        for (int q = Math.max(1, quintile); q <= 5; q++) {
            take += (int) counts[q - 1];
        }
        // at least a fifth of the side: the radix passes over all of it beat a heap that large
        int[] first = side.ranking().eligible().clone();
        Ranking.sort(first, side.ranking().order());
        first = Arrays.copyOf(first, Math.min(take, first.length));
        int[] rows = side.ranking().rows();
        for (int i = 0; i < first.length; i++) {
            first[i] = rows[first[i]];
        }
        return first;
    }
}
