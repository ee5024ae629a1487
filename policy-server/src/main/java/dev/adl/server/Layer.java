package dev.adl.server;

import dev.adl.pool.PoolState;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One layer of the venue's loss waterfall: a fund, a backstop (a balance) or a staking pool
 * (a ledger, whose balance is value + reserve). Its fields change only under {@link #lock}
 * through {@link LayerBook}, which puts every change on record first; readers take the
 * {@link View} published after the last change.
 */
final class Layer {
    static final String FUND = "fund";
    static final String POOL = "pool";
    static final String BACKSTOP = "backstop";

    /** A past balance; for a pool also its value and shares then, for the share price and the yield. */
    record Point(Instant at, BigDecimal balance, BigDecimal value, BigDecimal totalShares) {
    }

    /** An amount the layer paid for an event of a market. */
    record Paid(Instant at, BigDecimal amount, String market) {
    }

    /** The layer at one moment. {@code pool} is null for funds and backstops. */
    record View(String name, String kind, BigDecimal balance, PoolState pool, List<Point> history, List<Paid> paid,
                BigDecimal paidTotal) {
    }

    final String name;
    final String kind;
    final ReentrantLock lock = new ReentrantLock();

    // guarded by lock
    private BigDecimal balance = BigDecimal.ZERO;
    private PoolState pool;
    private final List<Point> history = new ArrayList<>();
    private final List<Paid> paid = new ArrayList<>();
    private BigDecimal paidTotal = BigDecimal.ZERO;
    /** What readers see, replaced after every change: a view never waits for an event holding the lock. */
    private volatile View current;

    Layer(String name, String kind, PoolState pool) {
        this.name = name;
        this.kind = kind;
        this.pool = pool;
        publish();
    }

    boolean isPool() {
        return POOL.equals(kind);
    }

    View view() {
        return current;
    }

    private void publish() {
        current = new View(name, kind, balance(), pool, List.copyOf(history), List.copyOf(paid), paidTotal);
    }

    // ---------------------------------------------------------------- under the lock, from LayerBook

    BigDecimal balance() {
        return pool != null ? pool.balance() : balance;
    }

    PoolState pool() {
        return pool;
    }

    void setBalance(Instant at, BigDecimal b) {
        balance = b;
        addPoint(at);
    }

    void setPool(Instant at, PoolState next) {
        pool = next;
        addPoint(at);
    }

    /** A payment for an event: on the list of paid amounts (for caps) and in the history (for drawdowns). */
    void paid(Instant at, BigDecimal amount, String market) {
        if (amount.signum() == 0) return;
        paid.add(new Paid(at, amount, market));
        trim(paid);
        paidTotal = paidTotal.add(amount);
        publish();
    }

    private void addPoint(Instant at) {
        history.add(new Point(at, balance(), pool == null ? null : pool.value(),
                pool == null ? null : pool.totalShares()));
        trim(history);
        publish();
    }

    /** Past points are kept to the market's limit: windows look back days, not years. */
    private static void trim(List<?> list) {
        if (list.size() > Market.HISTORY_LIMIT) list.subList(0, list.size() - Market.HISTORY_LIMIT).clear();
    }
}
