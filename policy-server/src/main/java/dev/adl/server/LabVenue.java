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
import dev.adl.runtime.PositionsCsv;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
 * The server keeps no cross-market account balances, so the accounts start with none.
 */
final class LabVenue {
    /** What a market's maintenance margin is when the request gives none: the server does not keep one. */
    static final BigDecimal DEFAULT_MAINTENANCE = new BigDecimal("0.005");

    /** The copied venue and each market's active policy version (absent when it has none). */
    record Copy(VenueSnapshot venue, Map<String, PolicyVersion> active) {
    }

    private LabVenue() {
    }

    static String fundLayer(String market) {
        return market + "/fund";
    }

    static Copy copy(ServerState state, BigDecimal maintenance) {
        List<Market> markets = state.markets.sorted();
        if (markets.isEmpty()) throw ApiException.conflict("the server has no markets to run the lab on");
        List<Market.LabCopy> copies = new ArrayList<>();
        Map<String, PolicyVersion> active = new LinkedHashMap<>();
        List<Layer.View> layers = new ArrayList<>();
        lockedInOrder(markets, 0, () -> {
            for (Market m : markets) {
                copies.add(m.labCopy());
                PolicyVersion pv = m.active();
                if (pv != null) active.put(m.name(), pv);
            }
            state.layers.sorted().forEach(l -> layers.add(l.view()));
            return null;
        });
        return new Copy(snapshot(copies, layers, state.exposures.feed(), maintenance, active), active);
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
     * The stores again through one positions reader, so that every market shares one account
     * dictionary as a venue folder's do (an account's positions are summed across markets).
     */
    private static Map<String, PositionStore> stores(List<Market.LabCopy> copies) {
        StringBuilder csv = new StringBuilder(PositionsCsv.HEADER).append('\n');
        for (Market.LabCopy c : copies) {
            String rows = StoreCsv.write(c.store());
            csv.append(rows, rows.indexOf('\n') + 1, rows.length());
        }
        Map<String, PositionStore> read = PositionsCsv.read(csv.toString().getBytes(StandardCharsets.UTF_8), "positions");
        AccountDictionary accounts = read.isEmpty() ? new AccountDictionary() : read.values().iterator().next().accounts();
        Map<String, PositionStore> out = new LinkedHashMap<>();
        for (Market.LabCopy c : copies) {
            PositionStore s = read.get(c.name());
            out.put(c.name(), s != null ? s : PositionStore.builder(c.name(), accounts).build());
        }
        return out;
    }
}
