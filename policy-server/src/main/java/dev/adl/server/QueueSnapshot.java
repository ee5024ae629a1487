package dev.adl.server;

import dev.adl.runtime.Event;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.QueueIndicator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A market's ADL queue for one store state and policy version, precomputed so that each
 * lookup is a hash probe and an array read: rank by store row (0 = not eligible).
 */
final class QueueSnapshot {
    final long generation;
    final PositionStore store;
    final PolicyVersion policy;
    final int[] rankOfRow;
    final int longs;
    final int shorts;
    final long[] longCounts;
    final long[] shortCounts;
    /** Size in each quintile (index 0 = quintile 1), fixed-point: a side's total fits a long, so its parts do. */
    final long[] longSizes;
    final long[] shortSizes;
    final BigDecimal markPrice;

    private QueueSnapshot(long generation, PositionStore store, PolicyVersion policy, int[] rankOfRow, int longs,
                          int shorts, long[] longCounts, long[] shortCounts, long[] longSizes, long[] shortSizes,
                          BigDecimal markPrice) {
        this.generation = generation;
        this.store = store;
        this.policy = policy;
        this.rankOfRow = rankOfRow;
        this.longs = longs;
        this.shorts = shorts;
        this.longCounts = longCounts;
        this.shortCounts = shortCounts;
        this.longSizes = longSizes;
        this.shortSizes = shortSizes;
        this.markPrice = markPrice;
    }

    /** What the queue is computed from: a private copy of the store and the market values of one moment. */
    record Input(long generation, PolicyVersion policy, PositionStore store, ExposureFeed exposures,
                 BigDecimal markPrice, BigDecimal fund, List<Event.FundPoint> fundHistory) {
    }

    static QueueSnapshot compute(Input in, Instant now) {
        PositionStore store = in.store();
        QueueIndicator qi = QueueIndicator.compute(in.policy().compiled(), store, in.exposures(),
                new QueueIndicator.MarketState(in.markPrice(), in.fund(), now, in.fundHistory()));
        int[] rankOfRow = new int[store.rows()];
        long[][] sizes = {new long[5], new long[5]};
        for (int side : new int[] {1, -1}) {
            int[] order = qi.rowsAtLeast(side, 1);
            long[] bySide = sizes[side > 0 ? 0 : 1];
            for (int i = 0; i < order.length; i++) {
                rankOfRow[order[i]] = i + 1;
                bySide[QueueIndicator.quintileOf(i + 1, order.length) - 1] += store.sizeFixed(order[i]);
            }
        }
        return new QueueSnapshot(in.generation(), store, in.policy(), rankOfRow, qi.eligibleCount(1),
                qi.eligibleCount(-1), qi.counts(1), qi.counts(-1), sizes[0], sizes[1], in.markPrice());
    }

    /** The account's place, or null when it has no eligible position. */
    Place place(String account) {
        int row = store.rowOf(account);
        if (row < 0 || rankOfRow[row] == 0) return null;
        int side = store.side(row);
        int of = side > 0 ? longs : shorts;
        int rank = rankOfRow[row];
        return new Place(account, side > 0 ? "long" : "short", rank, of, QueueIndicator.quintileOf(rank, of));
    }

    record Place(String account, String side, int rank, int of, int quintile) {
    }
}
