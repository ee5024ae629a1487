package dev.adl.lab;

import dev.adl.runtime.Decimals;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.Fill;
import dev.adl.runtime.PositionStore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up one run's events into {@link Metrics}, exactly, and checks the two identities of
 * STRESS.md section 3 before it reports: a broken identity is an internal error.
 */
final class Tally {
    private final PathState state;
    private long bankruptcies;
    private long liquidations;
    private BigDecimal shortfall = BigDecimal.ZERO;
    private BigDecimal paid = BigDecimal.ZERO;
    private BigDecimal adlCovered = BigDecimal.ZERO;
    private BigDecimal unresolved = BigDecimal.ZERO;
    private BigDecimal adlNotional = BigDecimal.ZERO;
    /** What haircut tiers took beyond {@code u * haircut_size}: their totals are rounded up to 8 places. */
    private BigDecimal haircutRounding = BigDecimal.ZERO;
    private long adlFills;
    private final Map<String, BigDecimal> haircuts = new TreeMap<>();
    /** Account equity just before the account's first fill of the run. */
    private final Map<String, BigDecimal> equityBefore = new HashMap<>();
    /** Per market, the account with the largest upnl at the market's first ADL event. */
    private final Map<String, String> topWinner = new LinkedHashMap<>();

    Tally(PathState state) {
        this.state = state;
    }

    void liquidation() {
        liquidations++;
    }

    /** An event just applied to {@code store} at {@code mark}. */
    void event(PositionStore store, BigDecimal mark, EventResult r) {
        bankruptcies++;
        int side = r.side().equals("long") ? 1 : -1;
        BigDecimal bp = r.bankruptcyPrice();
        BigDecimal u = bp.subtract(mark).multiply(BigDecimal.valueOf(side)).max(BigDecimal.ZERO);
        shortfall = shortfall.add(r.shortfall());
        paid = paid.add(r.fundPaid());
        unresolved = unresolved.add(u.multiply(r.unresolvedSize()));
        EventResult.TierCover cover = r.tierCover();
        if (cover != null) {
            // fills at mark: what the last layer paid of their loss is already in fund_paid; the rest is unresolved
            unresolved = unresolved.add(cover.markFillLossUnresolved());
            // a haircut tier's total is u * covered rounded up to 8 places: the members gave up that much
            haircutRounding = haircutRounding.add(cover.haircutPaid().subtract(u.multiply(cover.haircutSize())));
        }
        for (Fill f : r.fills()) {
            adlFills++;
            adlNotional = adlNotional.add(f.size().multiply(f.price()));
            BigDecimal haircut = haircutOf(f, mark);
            adlCovered = adlCovered.add(haircut);
            BigDecimal before = haircuts.get(f.account());
            haircuts.put(f.account(), before == null ? haircut : before.add(haircut));
            if (before == null && !equityBefore.containsKey(f.account())) {
                // the store is already past the event: the fill moved exactly its haircut out of the equity
                equityBefore.put(f.account(), state.accountEquity(f.account()).add(haircut));
            }
        }
        if (!r.fills().isEmpty() && !topWinner.containsKey(r.market())) {
            topWinner.put(r.market(), largestUpnlBefore(store, mark, -side, r.fills()));
        }
    }

    /**
     * What a fill took from its account: a haircut tier's amount, or what closing at the fill
     * price gave up against the mark ({@code u} per unit at the bankruptcy price, 0 at mark).
     */
    private static BigDecimal haircutOf(Fill f, BigDecimal mark) {
        return f.haircut() != null ? f.haircut() : f.size().multiply(mark.subtract(f.price()).abs());
    }

    /** The account of the largest upnl on the side ADL took from, with the sizes it had before the fills. */
    private static String largestUpnlBefore(PositionStore store, BigDecimal mark, int side, List<Fill> fills) {
        Map<Integer, Long> filled = new HashMap<>();
        for (Fill f : fills) filled.put(store.rowOf(f.account()), Decimals.toFixed(f.size()));
        double m = mark.doubleValue();
        int best = -1;
        double bestUpnl = 0;
        for (int r = 0; r < store.rows(); r++) {
            if (store.side(r) != side) continue;
            long size = store.sizeFixed(r) + filled.getOrDefault(r, 0L);
            if (size == 0) continue;
            double upnl = side * (size / (double) Decimals.ONE_UNSCALED)
                    * (m - store.entryPriceFixed(r) / (double) Decimals.ONE_UNSCALED);
            if (best < 0 || upnl > bestUpnl || (upnl == bestUpnl && store.orderKey(r) < store.orderKey(best))) {
                best = r;
                bestUpnl = upnl;
            }
        }
        return best < 0 ? null : store.account(best);
    }

    Map<String, BigDecimal> haircuts() {
        return haircuts;
    }

    /** Each hit account's haircut over its equity before its first fill; null when that equity was not above 0. */
    Map<String, BigDecimal> haircutPcts() {
        Map<String, BigDecimal> out = new TreeMap<>();
        haircuts.forEach((a, h) -> {
            BigDecimal eq = equityBefore.get(a);
            out.put(a, eq.signum() > 0 ? Ratios.ratio(h, eq) : null);
        });
        return out;
    }

    Metrics metrics(PathLayers book, Map<String, BigDecimal> priceImpact) {
        checkIdentities(book);
        Map<String, BigDecimal> pcts = haircutPcts();
        List<BigDecimal> known = new ArrayList<>();
        for (BigDecimal p : pcts.values()) if (p != null) known.add(p);
        known.sort(null);
        BigDecimal max = known.isEmpty() ? null : known.get(known.size() - 1);
        BigDecimal p99 = known.isEmpty() ? null : known.get(Percentiles.nearestRank(known.size(), 99) - 1);
        return new Metrics(bankruptcies, liquidations, norm(shortfall), normAll(book.paidTotals()), norm(adlCovered),
                norm(unresolved), norm(adlNotional), adlFills, haircuts.size(), max, p99, gini(haircuts.values()),
                topWinnerPct(pcts), Ratios.ratio(adlNotional, adlCovered), book.stakerLossPct(), book.drawdownMax(),
                priceImpact);
    }

    private void checkIdentities(PathLayers book) {
        BigDecimal covered = paid.add(adlCovered).add(unresolved);
        if (shortfall.add(haircutRounding).compareTo(covered) != 0) {
            throw new IllegalStateException("internal error: shortfall " + shortfall.toPlainString()
                    + (haircutRounding.signum() == 0 ? "" : " + haircut rounding " + haircutRounding.toPlainString())
                    + " is not paid + adl_covered + unresolved_loss = " + covered.toPlainString());
        }
        BigDecimal sum = haircuts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(adlCovered) != 0) {
            throw new IllegalStateException("internal error: the haircuts add up to " + sum.toPlainString()
                    + ", not adl_covered " + adlCovered.toPlainString());
        }
        BigDecimal fromLayers = book.paidTotals().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (fromLayers.compareTo(paid) != 0) {
            throw new IllegalStateException("internal error: the layers paid " + fromLayers.toPlainString()
                    + ", the events " + paid.toPlainString());
        }
    }

    /** Largest haircut percentage among the markets' top winners; a winner never hit counts 0; null without ADL. */
    private BigDecimal topWinnerPct(Map<String, BigDecimal> pcts) {
        BigDecimal best = null;
        for (String account : topWinner.values()) {
            if (account == null) continue;
            BigDecimal p = pcts.containsKey(account) ? pcts.get(account) : BigDecimal.ZERO;
            if (p != null && (best == null || p.compareTo(best) > 0)) best = p;
        }
        return best;
    }

    /**
     * Gini coefficient of the haircuts: {@code sum_i (2i - n - 1) x_i / (n * sum x)} over the
     * amounts sorted ascending (i from 1), which equals the mean absolute difference over
     * twice the mean; exact until the one division.
     */
    static BigDecimal gini(java.util.Collection<BigDecimal> amounts) {
        List<BigDecimal> x = new ArrayList<>(amounts);
        x.sort(null);
        int n = x.size();
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            num = num.add(x.get(i).multiply(BigDecimal.valueOf(2L * (i + 1) - n - 1)));
            total = total.add(x.get(i));
        }
        return Ratios.ratio(num, total.multiply(BigDecimal.valueOf(n)));
    }

    static BigDecimal norm(BigDecimal v) {
        return Decimals.normalize(v);
    }

    private static Map<String, BigDecimal> normAll(Map<String, BigDecimal> m) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, norm(v)));
        return out;
    }
}
