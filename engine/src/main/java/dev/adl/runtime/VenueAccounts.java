package dev.adl.runtime;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per account, over every market of a venue: its equity (cross balance plus, per position,
 * collateral + upnl at the market's mark), its notional at mark and its number of open
 * positions, for version 2's {@code account_*} built-ins. Sums are exact: 128-bit integers at
 * 16 decimal places (a size times a price), with an exact remainder for the rare value that
 * does not fit (collateral finer than 16 places); doubles appear only when ranking reads them.
 *
 * <p>Built once over all stores; after an event the caller hands back the rows it changed
 * ({@link #capture} before, {@link #apply} after), so the sums follow without a full pass.
 * Every store must share one {@link AccountDictionary}: accounts are the dictionary's ids.
 * Not thread-safe: the owner of the stores updates it, as it updates them.
 */
public final class VenueAccounts {
    private static final long ONE = Decimals.ONE_UNSCALED;

    private final AccountDictionary dictionary;
    private final Map<String, PositionStore> stores = new LinkedHashMap<>();
    private final Map<String, Long> marks = new HashMap<>();
    private long[] eqHi;
    private long[] eqLo;
    private long[] noHi;
    private long[] noLo;
    private int[] count;
    /**
     * Exact parts that do not fit the 128-bit sums, by account id, null for none: cross balances,
     * and values finer than 16 places. Arrays, not maps: a lab path credits every liquidation here.
     */
    private BigDecimal[] equityRest;
    private BigDecimal[] notionalRest;
    /** How many times candidates' columns were read: its owner tells an event that read them from one that did not. */
    private long reads;

    private VenueAccounts(AccountDictionary dictionary) {
        this.dictionary = dictionary;
        int n = Math.max(16, dictionary.size());
        eqHi = new long[n];
        eqLo = new long[n];
        noHi = new long[n];
        noLo = new long[n];
        count = new int[n];
        equityRest = new BigDecimal[n];
        notionalRest = new BigDecimal[n];
    }

    /**
     * The venue of one event: its own market at the event's mark (whatever {@code markets}
     * says), and every other market of {@code stores} at its mark in {@code markets}; without
     * markets ({@code null}) the event's market alone. A market with positions but no mark is an
     * error at line 1 of {@code marketsSource}.
     */
    public static VenueAccounts ofEvent(Map<String, PositionStore> stores, Event event,
                                        Map<String, VenueCsv.Market> markets, Map<String, BigDecimal> balances,
                                        String marketsSource, String positionsSource) {
        Map<String, PositionStore> venue = new java.util.LinkedHashMap<>();
        Map<String, BigDecimal> marks = new java.util.HashMap<>();
        venue.put(event.market(), stores.get(event.market()));
        marks.put(event.market(), event.markPrice());
        for (Map.Entry<String, PositionStore> s : stores.entrySet()) {
            if (s.getKey().equals(event.market()) || markets == null) continue;
            VenueCsv.Market m = markets.get(s.getKey());
            if (m == null) {
                throw InputException.at(marketsSource, 1, 0, "missing_market", "market `" + s.getKey()
                        + "` of " + positionsSource + " has no row with its mark price");
            }
            venue.put(s.getKey(), s.getValue());
            marks.put(s.getKey(), m.markPrice());
        }
        return build(venue, marks, balances);
    }

    /**
     * Builds the sums. {@code marks} gives each market's mark (every store's market needs one);
     * {@code balances} the accounts' cross balances (0 for an account without one).
     */
    public static VenueAccounts build(Map<String, PositionStore> stores, Map<String, BigDecimal> marks,
                                      Map<String, BigDecimal> balances) {
        if (stores.isEmpty()) throw new IllegalArgumentException("a venue needs at least one market");
        AccountDictionary dictionary = stores.values().iterator().next().accounts();
        balances.keySet().forEach(dictionary::intern);
        VenueAccounts v = new VenueAccounts(dictionary);
        for (PositionStore s : stores.values()) {
            if (s.accounts() != dictionary) {
                throw new IllegalArgumentException("market `" + s.market() + "` does not share the venue's accounts");
            }
            BigDecimal mark = marks.get(s.market());
            if (mark == null) throw new IllegalArgumentException("market `" + s.market() + "` has no mark price");
            v.stores.put(s.market(), s);
            v.marks.put(s.market(), Decimals.toFixed(mark));
        }
        balances.forEach((account, balance) -> v.addBalance(dictionary.idOf(account), balance));
        for (PositionStore s : v.stores.values()) {
            long mark = v.marks.get(s.market());
            for (int row = 0, n = s.rows(); row < n; row++) {
                v.add(s, row, mark, s.sizeFixed(row), 1);
            }
        }
        return v;
    }

    /**
     * A venue with no market yet, whose stores will use {@code dictionary}: a server adds its
     * markets one by one as they are created ({@link #put}).
     */
    public static VenueAccounts empty(AccountDictionary dictionary) {
        return new VenueAccounts(dictionary);
    }

    /**
     * Adds a market's store or replaces the one it had (positions uploaded or restored), at
     * {@code mark}: the old store's positions leave the sums and the new one's enter, one pass
     * over each. The store must use the venue's dictionary.
     */
    public void put(PositionStore store, BigDecimal mark) {
        if (store.accounts() != dictionary) {
            throw new IllegalArgumentException("market `" + store.market() + "` does not share the venue's accounts");
        }
        PositionStore old = stores.get(store.market());
        if (old != null) {
            long m = marks.get(store.market());
            for (int row = 0, n = old.rows(); row < n; row++) add(old, row, m, old.sizeFixed(row), -1);
        }
        long m = Decimals.toFixed(mark);
        stores.put(store.market(), store);
        marks.put(store.market(), m);
        for (int row = 0, n = store.rows(); row < n; row++) add(store, row, m, store.sizeFixed(row), 1);
    }

    /** How many times the account-level columns of candidates have been read. */
    public long reads() {
        return reads;
    }

    /** The markets of the venue, in the order they were given. */
    public java.util.Set<String> markets() {
        return stores.keySet();
    }

    /** A market's mark, as the sums use it. */
    public BigDecimal mark(String market) {
        Long m = marks.get(market);
        return m == null ? null : Decimals.fromFixed(m);
    }

    /** The rows of one market an event is about to change, with what they hold now. */
    public record Capture(String market, int[] rows, long[] sizes, long[] collateral, BigDecimal[] exactCollateral) {
    }

    /** Records the current state of {@code rows} of {@code market}, before they change. */
    public Capture capture(String market, int[] rows) {
        PositionStore s = store(market);
        long[] sizes = new long[rows.length];
        long[] coll = new long[rows.length];
        BigDecimal[] exact = new BigDecimal[rows.length];
        for (int i = 0; i < rows.length; i++) {
            sizes[i] = s.sizeFixed(rows[i]);
            if (s.collateralInOverlay(rows[i])) exact[i] = s.collateral(rows[i]);
            else coll[i] = s.collateralFixed(rows[i]);
        }
        return new Capture(market, rows.clone(), sizes, coll, exact);
    }

    /** The rows of {@code store} an event changes: the bankrupt account's and each fill's. */
    public static int[] changedRows(PositionStore store, EventResult r) {
        int[] rows = new int[r.fills().size() + 1];
        rows[0] = store.rowOf(r.bankruptAccount());
        int i = 1;
        for (Fill f : r.fills()) rows[i++] = store.rowOf(f.account());
        return rows;
    }

    /** Brings the sums up to date for the captured rows, which have changed since. */
    public void apply(Capture c) {
        PositionStore s = store(c.market());
        long mark = marks.get(c.market());
        for (int i = 0; i < c.rows().length; i++) {
            int row = c.rows()[i];
            int id = s.accountId(row);
            contribute(id, s.side(row), c.sizes()[i], s.entryPriceFixed(row), c.collateral()[i], c.exactCollateral()[i],
                    mark, -1);
            add(s, row, mark, s.sizeFixed(row), 1);
        }
    }

    /** Money moved into an account's cross balance (a liquidation's equity returned to it), by the account's id in the venue's dictionary. */
    public void credit(int accountId, BigDecimal amount) {
        addBalance(accountId, amount);
    }

    /**
     * A new mark for one market: its positions are valued again in one pass over that market.
     * A mark moves only upnl and notional, by {@code side * size * (new - old)} and
     * {@code size * (new - old)}: each open row adds those two exact 128-bit products, which sum
     * to the same totals as taking the row out at the old mark and putting it back at the new.
     * A row whose price difference leaves the long range either way (kept in the exact
     * remainder) is taken out and put back.
     */
    public void setMark(String market, BigDecimal mark) {
        PositionStore s = store(market);
        long old = marks.get(market);
        long m = Decimals.toFixed(mark);
        marks.put(market, m);
        long delta = m - old;
        boolean deltaFits = ((m ^ old) & (m ^ delta)) >= 0;
        for (int row = 0, n = s.rows(); row < n; row++) {
            long size = s.sizeFixed(row);
            if (size == 0) continue;
            long entry = s.entryPriceFixed(row);
            long dOld = old - entry;
            long dNew = m - entry;
            if (!deltaFits || ((old ^ entry) & (old ^ dOld)) < 0 || ((m ^ entry) & (m ^ dNew)) < 0) {
                add(s, row, old, size, -1);
                add(s, row, m, size, 1);
                continue;
            }
            int id = s.accountId(row);
            long nLo = size * delta;
            long nHi = Math.multiplyHigh(size, delta);
            WideSums.add(noHi, noLo, id, nHi, nLo);
            if (s.side(row) < 0) {
                nLo = -nLo;
                nHi = ~nHi + (nLo == 0 ? 1 : 0);
            }
            WideSums.add(eqHi, eqLo, id, nHi, nLo);
        }
    }

    /** An account's equity, exact; 0 for an account the venue does not know. */
    public BigDecimal equity(String account) {
        int id = dictionary.idOf(account);
        return id < 0 || id >= count.length ? BigDecimal.ZERO : WideSums.exact(eqHi[id], eqLo[id], equityRest[id]);
    }

    public BigDecimal notional(String account) {
        int id = dictionary.idOf(account);
        return id < 0 || id >= count.length ? BigDecimal.ZERO : WideSums.exact(noHi[id], noLo[id], notionalRest[id]);
    }

    public int positions(String account) {
        int id = dictionary.idOf(account);
        return id < 0 || id >= count.length ? 0 : count[id];
    }

    /**
     * The account-level columns of candidates {@code rows} of {@code store}, valued with the
     * event's {@code mark} for the store's own market (the venue's mark for the others): the
     * difference from the venue's mark is added exactly before the sums become doubles.
     * A market outside the venue adds each candidate's own position at the event's mark.
     */
    void columns(PositionStore store, int[] rows, BigDecimal mark, double[] equity, double[] notional,
                 double[] leverage, double[] positions) {
        reads++;
        // a copy of the venue's store (a dry run, `adl run --repeat`) has its rows and accounts
        PositionStore own = stores.get(store.market());
        boolean member = own != null && own.layout() == store.layout();
        BigDecimal venueMark = member ? Decimals.fromFixed(marks.get(store.market())) : BigDecimal.ZERO;
        BigDecimal delta = mark.subtract(venueMark);
        boolean fast = member && Decimals.fitsFixed(delta);
        long d = fast ? Decimals.toFixed(delta) : 0;
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            int id = store.accountId(row);
            if (fast && id < count.length && equityRest[id] == null && notionalRest[id] == null) {
                // the sums and the mark's difference in 128 bits: exact until the one conversion to double
                long size = store.sizeFixed(row);
                long pLo = size * d;
                long pHi = Math.multiplyHigh(size, d);
                long nLo = noLo[id] + pLo;
                long nHi = noHi[id] + pHi + (Long.compareUnsigned(nLo, noLo[id]) < 0 ? 1 : 0);
                if (store.side(row) < 0) {
                    pLo = -pLo;
                    pHi = ~pHi + (pLo == 0 ? 1 : 0);
                }
                long eLo = eqLo[id] + pLo;
                long eHi = eqHi[id] + pHi + (Long.compareUnsigned(eLo, eqLo[id]) < 0 ? 1 : 0);
                double e = WideSums.toDouble(eHi, eLo);
                equity[i] = e;
                notional[i] = WideSums.toDouble(nHi, nLo);
                leverage[i] = eHi < 0 || (eHi == 0 && eLo == 0) ? Double.POSITIVE_INFINITY : notional[i] / e;
                positions[i] = count[id];
                continue;
            }
            boolean known = id < count.length;
            BigDecimal eq = known ? WideSums.exact(eqHi[id], eqLo[id], equityRest[id]) : BigDecimal.ZERO;
            BigDecimal no = known ? WideSums.exact(noHi[id], noLo[id], notionalRest[id]) : BigDecimal.ZERO;
            int n = known ? count[id] : 0;
            BigDecimal size = store.size(row);
            if (!member) {
                eq = eq.add(store.collateral(row));
                eq = eq.add(size.multiply(mark.subtract(store.entryPrice(row))).multiply(BigDecimal.valueOf(store.side(row))));
                n += store.sizeFixed(row) > 0 ? 1 : 0;
            } else if (delta.signum() != 0) {
                eq = eq.add(size.multiply(delta).multiply(BigDecimal.valueOf(store.side(row))));
            }
            no = no.add(size.multiply(delta));
            double e = eq.doubleValue();
            equity[i] = e;
            notional[i] = no.doubleValue();
            // equity <= 0 ranks first, as +infinity, like `leverage`
            leverage[i] = eq.signum() <= 0 ? Double.POSITIVE_INFINITY : notional[i] / e;
            positions[i] = n;
        }
    }

    private PositionStore store(String market) {
        PositionStore s = stores.get(market);
        if (s == null) throw new IllegalArgumentException("market `" + market + "` is not part of the venue");
        return s;
    }

    private void add(PositionStore s, int row, long mark, long size, int sign) {
        long coll = s.collateralInOverlay(row) ? 0 : s.collateralFixed(row);
        BigDecimal exact = s.collateralInOverlay(row) ? s.collateral(row) : null;
        contribute(s.accountId(row), s.side(row), size, s.entryPriceFixed(row), coll, exact, mark, sign);
    }

    /** Adds (sign 1) or removes (sign -1) one position's equity, notional and count. */
    private void contribute(int id, int side, long size, long entry, long coll, BigDecimal exactColl, long mark,
                            int sign) {
        ensure(id);
        if (size > 0) count[id] += sign;
        long diff = mark - entry;
        if (((mark ^ entry) & (mark ^ diff)) < 0) {
            // the price difference leaves the long range: the exact remainder takes this position
            BigDecimal m = Decimals.fromFixed(mark);
            BigDecimal sz = Decimals.fromFixed(size);
            BigDecimal upnl = sz.multiply(m.subtract(Decimals.fromFixed(entry))).multiply(BigDecimal.valueOf(side));
            BigDecimal c = exactColl != null ? exactColl : Decimals.fromFixed(coll);
            rest(equityRest, id, c.add(upnl), sign);
            rest(notionalRest, id, sz.multiply(m), sign);
            return;
        }
        // upnl = side * size * (mark - entry), at scale 16
        long pLo = size * diff;
        long pHi = Math.multiplyHigh(size, diff);
        if (side * sign < 0) {
            pLo = -pLo;
            pHi = ~pHi + (pLo == 0 ? 1 : 0);
        }
        WideSums.add(eqHi, eqLo, id, pHi, pLo);
        if (exactColl == null) {
            long cLo = coll * ONE;
            long cHi = Math.multiplyHigh(coll, ONE);
            if (sign < 0) {
                cLo = -cLo;
                cHi = ~cHi + (cLo == 0 ? 1 : 0);
            }
            WideSums.add(eqHi, eqLo, id, cHi, cLo);
        } else {
            rest(equityRest, id, exactColl, sign);
        }
        long nLo = size * mark;
        long nHi = Math.multiplyHigh(size, mark);
        if (sign < 0) {
            nLo = -nLo;
            nHi = ~nHi + (nLo == 0 ? 1 : 0);
        }
        WideSums.add(noHi, noLo, id, nHi, nLo);
    }

    private void addBalance(int id, BigDecimal balance) {
        ensure(id);
        rest(equityRest, id, balance, 1);
    }

    private static void rest(BigDecimal[] rest, int id, BigDecimal v, int sign) {
        BigDecimal was = rest[id];
        BigDecimal sum = (was == null ? BigDecimal.ZERO : was).add(sign > 0 ? v : v.negate());
        rest[id] = sum.signum() == 0 ? null : sum;
    }

    private void ensure(int id) {
        if (id < count.length) return;
        int n = Math.max(id + 1, count.length * 2);
        eqHi = Arrays.copyOf(eqHi, n);
        eqLo = Arrays.copyOf(eqLo, n);
        noHi = Arrays.copyOf(noHi, n);
        noLo = Arrays.copyOf(noLo, n);
        count = Arrays.copyOf(count, n);
        equityRest = Arrays.copyOf(equityRest, n);
        notionalRest = Arrays.copyOf(notionalRest, n);
    }
}
