package dev.adl.server;

import dev.adl.io.BuffersJson;
import dev.adl.lab.MarketSpec;
import dev.adl.lab.PathLayers;
import dev.adl.lab.VenueSnapshot;
import dev.adl.pool.PoolState;
import dev.adl.runtime.AccountDictionary;
import dev.adl.runtime.Event;
import dev.adl.runtime.LayerState;
import dev.adl.runtime.PositionStore;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The server's venue as the lab's {@link VenueSnapshot}: every market (in name order) with its
 * lot size, mark and a copy of its positions, every layer with its balance, history, payments
 * and pool ledger, and each market's own fund as a layer {@code <market>/fund} (a name no
 * server layer can have), on which the market's version 1 policy draws, as it does on the
 * server. The markets are copied holding all their locks at once, taken in name order as
 * every other multi-market reader does, so no event is half seen; nothing live is changed.
 * Under the locks only the stores' arrays are cloned (milliseconds for a million positions);
 * joining their accounts into one dictionary happens after the locks are given back.
 * The server keeps no cross-market account balances, so the accounts start with none.
 */
final class LabVenue {
    /** What a market's maintenance margin is when the request gives none: the server does not keep one. */
    static final BigDecimal DEFAULT_MAINTENANCE = new BigDecimal("0.005");

    /** The copied venue and how long the live markets' locks were held to copy it. */
    record Copy(VenueSnapshot venue, Duration held) {
    }

    private LabVenue() {
    }

    static String fundLayer(String market) {
        return market + "/fund";
    }

    /**
     * Copies the venue whose markets were {@code plan}'s when the job was started; a market
     * added since is a 409, as the job's policies were chosen for the markets it saw.
     */
    static Copy copy(ServerState state, BigDecimal maintenance, LabPlan plan) {
        List<Market> markets = state.markets.sorted();
        List<Market.LabCopy> copies = new ArrayList<>();
        List<Layer.View> layers = new ArrayList<>();
        long start = System.nanoTime();
        lockedInOrder(markets, 0, () -> {
            for (Market m : markets) copies.add(m.labCopy());
            state.layers.sorted().forEach(l -> layers.add(l.view()));
            return null;
        });
        Duration held = Duration.ofNanos(System.nanoTime() - start);
        List<String> names = copies.stream().map(Market.LabCopy::name).toList();
        if (!names.equals(plan.markets())) {
            throw ApiException.conflict("the server's markets changed since the job was started: it had "
                    + plan.markets() + " and now has " + names + "; start the job again");
        }
        return new Copy(snapshot(copies, layers, state.exposures.feed(), maintenance, plan.active()), held);
    }

    /** Holds the lock of every market from {@code i} on while {@code read} runs. */
    private static <T> T lockedInOrder(List<Market> markets, int i, Supplier<T> read) {
        if (i == markets.size()) return read.get();
        return markets.get(i).locked(() -> lockedInOrder(markets, i + 1, read));
    }

    private static VenueSnapshot snapshot(List<Market.LabCopy> copies, List<Layer.View> views,
                                          dev.adl.runtime.ExposureFeed exposures, BigDecimal maintenance,
                                          Map<String, PolicyVersion> active) {
        List<MarketSpec> specs = new ArrayList<>();
        Map<String, LayerState> states = new LinkedHashMap<>();
        Map<String, PoolState> ledgers = new LinkedHashMap<>();
        for (Layer.View v : views) {
            List<Event.FundPoint> history = v.history().stream().map(p -> new Event.FundPoint(p.at(), p.balance())).toList();
            List<LayerState.Paid> paid = v.paid().stream().map(p -> new LayerState.Paid(p.at(), p.amount())).toList();
            states.put(v.name(), new LayerState(v.balance(), history, paid));
            if (v.pool() != null) ledgers.put(v.name(), v.pool());
        }
        for (Market.LabCopy c : copies) {
            PolicyVersion pv = active.get(c.name());
            specs.add(new MarketSpec(c.name(), c.lotSize(), c.markPrice(), maintenance, pv == null ? "" : pv.name(),
                    fundLayer(c.name())));
            states.put(fundLayer(c.name()), new LayerState(c.fund(), c.fundHistory(), List.of()));
        }
        PathLayers layers = PathLayers.of(new BuffersJson.Layers(states, ledgers), specs, "layers", "markets");
        return new VenueSnapshot(specs, stores(copies), Map.of(), exposures, layers);
    }

    /**
     * The stores with one account dictionary for all of them, as a venue folder's have (an
     * account's positions are summed across markets): the lab's own copy, re-keyed.
     */
    private static Map<String, PositionStore> stores(List<Market.LabCopy> copies) {
        int rows = copies.stream().mapToInt(c -> c.store().rows()).sum();
        AccountDictionary accounts = new AccountDictionary(rows);
        Map<String, PositionStore> out = new LinkedHashMap<>();
        for (Market.LabCopy c : copies) out.put(c.name(), c.store().copyWith(accounts));
        return out;
    }
}
