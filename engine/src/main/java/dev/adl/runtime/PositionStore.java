package dev.adl.runtime;

import dev.adl.diag.Echo;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The positions of one market as parallel primitive arrays: no object per position.
 * Sizes, prices and collateral are fixed point with 8 decimals. Collateral that realised
 * PnL has made finer than that lives, exact, in a small overlay for those rows only.
 *
 * <p>The store is a closed world: a signed "house position" takes what the fund absorbs and
 * what stays unresolved, and on load it takes the imbalance of the file, so that
 * {@code longTotal + max(house, 0) == shortTotal + max(-house, 0)} always holds.
 *
 * <p>Not thread-safe: one market's events are applied one after another.
 */
public final class PositionStore {
    /** The largest total size of one side, in units: a long of fixed point with 8 places. */
    public static final String MAX_SIDE_TOTAL = Decimals.fromFixed(Long.MAX_VALUE).toPlainString();

    private final String market;
    private final AccountDictionary accounts;
    private final int[] account;
    private final byte[] side;
    private final long[] size;
    private final long[] entryPrice;
    /**
     * Fixed-point collateral; for a row in the exact overlay, the bits of the overlay value as a
     * double instead, so ranking reads every row from this array and never from the map (a
     * venue after many fills has tens of thousands of overlay rows, each ranked at every event).
     */
    private final long[] collateral;
    /** Rank of each row's account name in ascending order: the ranking tie-break. */
    private final int[] orderKey;
    /** Open addressing from account id to row + 1 (0 = empty slot); power-of-two length. */
    private final int[] slots;
    private final Map<Integer, BigDecimal> collateralOverlay;
    /** One bit per row: set when the row's collateral lives in the overlay (no boxed lookup on the hot path). */
    private final long[] overlayBits;
    /** Shared by a store and its copies: the same accounts on the same rows (caches key on it). */
    private final Object layout;
    private long longTotal;
    private long shortTotal;
    private BigDecimal house;

    private PositionStore(String market, AccountDictionary accounts, int[] account, byte[] side, long[] size,
                          long[] entryPrice, long[] collateral, int[] orderKey, int[] slots,
                          Map<Integer, BigDecimal> overlay, long[] overlayBits, Object layout, long longTotal,
                          long shortTotal, BigDecimal house) {
        this.market = market;
        this.accounts = accounts;
        this.account = account;
        this.side = side;
        this.size = size;
        this.entryPrice = entryPrice;
        this.collateral = collateral;
        this.orderKey = orderKey;
        this.slots = slots;
        this.collateralOverlay = overlay;
        this.overlayBits = overlayBits;
        this.layout = layout;
        this.longTotal = longTotal;
        this.shortTotal = shortTotal;
        this.house = house;
    }

    public static Builder builder(String market, AccountDictionary accounts) {
        return new Builder(market, accounts, 16);
    }

    /** A builder with room for about {@code expectedRows} rows, so a large file's rows are not copied as they come. */
    static Builder builder(String market, AccountDictionary accounts, int expectedRows) {
        return new Builder(market, accounts, Math.max(16, expectedRows));
    }

    public String market() {
        return market;
    }

    public AccountDictionary accounts() {
        return accounts;
    }

    public int rows() {
        return account.length;
    }

    /** The row of an account, or -1 when it has no position in this market. */
    public int rowOf(String accountName) {
        int id = accounts.idOf(accountName);
        if (id < 0) {
            return -1;
        }
        return RowSlots.find(slots, account, id);
    }

    /** The row's account as an id of {@link #accounts()}. */
    public int accountId(int row) {
        return account[row];
    }

    public String account(int row) {
        return accounts.name(account[row]);
    }

    public int side(int row) {
        return side[row];
    }

    public long sizeFixed(int row) {
        return size[row];
    }

    public long entryPriceFixed(int row) {
        return entryPrice[row];
    }

    public int orderKey(int row) {
        return orderKey[row];
    }

    public BigDecimal size(int row) {
        return Decimals.fromFixed(size[row]);
    }

    public BigDecimal entryPrice(int row) {
        return Decimals.fromFixed(entryPrice[row]);
    }

    /** Exact collateral, including realised PnL finer than 8 decimals. */
    public BigDecimal collateral(int row) {
        return inOverlay(row) ? collateralOverlay.get(row) : Decimals.fromFixed(collateral[row]);
    }

    /** Collateral as a double, for ranking only. */
    public double collateralDouble(int row) {
        return inOverlay(row) ? Double.longBitsToDouble(collateral[row])
                : collateral[row] / (double) Decimals.ONE_UNSCALED;
    }

    public Position position(int row) {
        return new Position(row, account(row), market, side[row], size(row), entryPrice(row), collateral(row));
    }

    /** Every row in load order. */
    public void forEach(Consumer<Position> visitor) {
        for (int r = 0; r < account.length; r++) {
            visitor.accept(position(r));
        }
    }

    public BigDecimal longTotal() {
        return Decimals.fromFixed(longTotal);
    }

    public BigDecimal shortTotal() {
        return Decimals.fromFixed(shortTotal);
    }

    public long longTotalFixed() {
        return longTotal;
    }

    /** Signed size held by the house (fund take-overs, unresolved remainders, load imbalance); + is long. */
    public BigDecimal house() {
        return house;
    }

    private boolean inOverlay(int row) {
        return (overlayBits[row >>> 6] & (1L << row)) != 0;
    }

    /** The identity of this store's row layout, shared with its copies. */
    Object layout() {
        return layout;
    }

    /** Rows whose collateral is kept in the exact overlay. */
    public int overlayRows() {
        return collateralOverlay.size();
    }

    /** A deep copy sharing only the (append-only) account dictionary. */
    public PositionStore copy() {
        return new PositionStore(market, accounts, account.clone(), side.clone(), size.clone(),
                entryPrice.clone(), collateral.clone(), orderKey.clone(), slots.clone(),
                new HashMap<>(collateralOverlay), overlayBits.clone(), layout, longTotal, shortTotal, house);
    }

    /**
     * A deep copy whose accounts are ids of {@code shared}, interned in row order: stores of several
     * markets come to share one dictionary, as a venue file's stores do, without a CSV round trip.
     */
    public PositionStore copyWith(AccountDictionary shared) {
        int[] ids = new int[account.length];
        for (int r = 0; r < ids.length; r++) {
            ids[r] = shared.intern(accounts.name(account[r]));
        }
        return new PositionStore(market, shared, ids, side.clone(), size.clone(), entryPrice.clone(),
                collateral.clone(), orderKey.clone(), RowSlots.of(ids), new HashMap<>(collateralOverlay),
                overlayBits.clone(), new Object(), longTotal, shortTotal, house);
    }

    /** Bytes held by the per-position arrays (the overlay and dictionary are extra and small). */
    public long arrayBytes() {
        return 4L * account.length + side.length + 8L * size.length + 8L * entryPrice.length
                + 8L * collateral.length + 4L * orderKey.length + 4L * slots.length + 8L * overlayBits.length;
    }

    /** Sets a row's size; keeps the long and short totals. Package-private: only the engine mutates. */
    void setSize(int row, long newSize) {
        long delta = newSize - size[row];
        if (side[row] > 0) {
            longTotal = Math.addExact(longTotal, delta);
        } else {
            shortTotal = Math.addExact(shortTotal, delta);
        }
        size[row] = newSize;
    }

    void setCollateral(int row, BigDecimal exact) {
        if (Decimals.fitsFixed(exact)) {
            collateral[row] = Decimals.toFixed(exact);
            collateralOverlay.remove(row);
            overlayBits[row >>> 6] &= ~(1L << row);
        } else {
            collateral[row] = overlayDouble(exact);
            collateralOverlay.put(row, exact);
            overlayBits[row >>> 6] |= 1L << row;
        }
    }

    /** What {@link #collateral} holds for an overlay row: the value's double, as ranking reads it. */
    private static long overlayDouble(BigDecimal exact) {
        return Double.doubleToRawLongBits(exact.doubleValue());
    }

    /** Sets a row's collateral to a fixed-point value, leaving the exact overlay. */
    void setCollateralFixed(int row, long fixed) {
        collateral[row] = fixed;
        if (inOverlay(row)) {
            collateralOverlay.remove(row);
            overlayBits[row >>> 6] &= ~(1L << row);
        }
    }

    /** Whether the row's collateral lives in the exact overlay rather than in fixed point. */
    boolean collateralInOverlay(int row) {
        return inOverlay(row);
    }

    /** The fixed-point collateral; meaningful only when the row is not in the overlay. */
    long collateralFixed(int row) {
        return collateral[row];
    }

    void addHouse(BigDecimal signedSize) {
        house = house.add(signedSize);
    }

    /** Collects rows of one market; checks the per-row rules of the positions file. */
    public static final class Builder {
        private final String market;
        private final AccountDictionary accounts;
        private int n;
        private int[] account;
        private byte[] side;
        private long[] size;
        private long[] entryPrice;
        private long[] collateral;
        /** By account id, {@code line << 1 | 1} once the account has a row (0 = none): no boxing per row. */
        private long[] lineOf;
        /** Collateral finer than 8 places (or too large for a long), by row: kept exact in the overlay. */
        private final Map<Integer, BigDecimal> exactCollateral = new HashMap<>();
        /** Running size totals of each side, refused at the row that would take one past a long. */
        private long longs;
        private long shorts;

        private Builder(String market, AccountDictionary accounts, int capacity) {
            this.market = market;
            this.accounts = accounts;
            account = new int[capacity];
            side = new byte[capacity];
            size = new long[capacity];
            entryPrice = new long[capacity];
            collateral = new long[capacity];
            lineOf = new long[capacity];
        }

        /**
         * Adds a row whose collateral is exact: fixed point when it fits, else kept in the
         * store's overlay. Realised PnL makes such collateral; a store written out as CSV and
         * read back (snapshots, merges) must not lose it.
         */
        public Builder add(String accountName, int sideSign, long sizeFixed, long entryFixed, BigDecimal collateral,
                           int line) {
            check(sideSign, sizeFixed, entryFixed);
            return add(accounts.intern(accountName), sideSign, sizeFixed, entryFixed, collateral, line);
        }

        /**
         * Adds a row. Throws IllegalArgumentException with a sentence when the row breaks a rule;
         * a repeated account is reported with the line it was first given on.
         */
        public Builder add(String accountName, int sideSign, long sizeFixed, long entryFixed, long collateralFixed,
                           int line) {
            check(sideSign, sizeFixed, entryFixed);
            return add(accounts.intern(accountName), sideSign, sizeFixed, entryFixed, collateralFixed, line);
        }

        /** Adds a row whose collateral is exact, as {@link #add(String, int, long, long, BigDecimal, int)}. */
        Builder add(int id, int sideSign, long sizeFixed, long entryFixed, BigDecimal collateral, int line) {
            boolean fits = Decimals.fitsFixed(collateral);
            add(id, sideSign, sizeFixed, entryFixed, fits ? Decimals.toFixed(collateral) : overlayDouble(collateral), line);
            if (!fits) {
                exactCollateral.put(n - 1, collateral);
            }
            return this;
        }

        private static void check(int sideSign, long sizeFixed, long entryFixed) {
            if (sideSign != 1 && sideSign != -1) {
                throw new IllegalArgumentException("side must be +1 or -1");
            }
            if (sizeFixed < 0) {
                throw new IllegalArgumentException("size `" + Decimals.normalize(Decimals.fromFixed(sizeFixed)).toPlainString()
                        + "` must not be negative");
            }
            if (entryFixed <= 0) {
                throw new IllegalArgumentException("entry price `" + Decimals.normalize(Decimals.fromFixed(entryFixed)).toPlainString()
                        + "` must be greater than 0");
            }
        }

        /**
         * Adds a row of the account with id {@code id} in {@link #accounts}, whose side, size and
         * entry the caller has checked ({@link #check}); the positions reader adds its rows so.
         */
        Builder add(int id, int sideSign, long sizeFixed, long entryFixed, long collateralFixed, int line) {
            if (id >= lineOf.length) {
                lineOf = Arrays.copyOf(lineOf, Math.max(id + 1, lineOf.length * 2));
            }
            if (lineOf[id] != 0) {
                throw new IllegalArgumentException("duplicate position for account `" + Echo.of(accounts.name(id))
                        + "` in market `" + Echo.of(market) + "` (first given on line " + (lineOf[id] >> 1) + ")");
            }
            long sideTotal = sideSign > 0 ? longs : shorts;
            if (sizeFixed > Long.MAX_VALUE - sideTotal) {
                // the store keeps each side's total in one fixed-point long; the engine sums sizes of a side
                throw new IllegalArgumentException("the " + (sideSign > 0 ? "long" : "short") + " sizes of market `"
                        + Echo.of(market) + "` add up past " + MAX_SIDE_TOTAL + ", the most one side can hold");
            }
            if (sideSign > 0) {
                longs += sizeFixed;
            } else {
                shorts += sizeFixed;
            }
            lineOf[id] = (long) line << 1 | 1;
            if (n == account.length) {
                int cap = n * 2;
                account = Arrays.copyOf(account, cap);
                side = Arrays.copyOf(side, cap);
                size = Arrays.copyOf(size, cap);
                entryPrice = Arrays.copyOf(entryPrice, cap);
                collateral = Arrays.copyOf(collateral, cap);
            }
            account[n] = id;
            side[n] = (byte) sideSign;
            size[n] = sizeFixed;
            entryPrice[n] = entryFixed;
            collateral[n] = collateralFixed;
            n++;
            return this;
        }

        public PositionStore build() {
            int[] acc = Arrays.copyOf(account, n);
            int[] order = AccountOrder.keys(accounts, acc);
            int[] slots = RowSlots.of(acc);
            BigDecimal house = Decimals.fromFixed(shorts).subtract(Decimals.fromFixed(longs));
            return new PositionStore(market, accounts, acc, Arrays.copyOf(side, n), Arrays.copyOf(size, n),
                    Arrays.copyOf(entryPrice, n), Arrays.copyOf(collateral, n), order, slots, new HashMap<>(exactCollateral),
                    overlayBits(n), new Object(), longs, shorts, house);
        }

        private long[] overlayBits(int n) {
            long[] bits = new long[(n + 63) >>> 6];
            for (int row : exactCollateral.keySet()) {
                bits[row >>> 6] |= 1L << row;
            }
            return bits;
        }
    }
}
