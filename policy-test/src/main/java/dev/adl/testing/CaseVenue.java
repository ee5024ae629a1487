package dev.adl.testing;

import dev.adl.ast.Policy;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.LayerInfo;
import dev.adl.io.BuffersJson;
import dev.adl.runtime.Event;
import dev.adl.runtime.InputException;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.Venue;
import dev.adl.runtime.VenueAccounts;
import dev.adl.runtime.VenueCsv;

import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A case's venue, as {@code adl run} takes it with {@code --buffers}, {@code --markets} and
 * {@code --accounts} (EXCHANGE.md section 2): the layers' state as BUFFERS.json text (read
 * against the policy's layers when the case runs, since the names are the policy's), the
 * markets' marks (null: the event's market alone) and the cross balances.
 */
public record CaseVenue(String buffersSource, String buffersText, Map<String, VenueCsv.Market> markets,
                        Map<String, BigDecimal> balances, String marketsSource) {
    public static final CaseVenue NONE = new CaseVenue(null, null, null, Map.of(), null);

    /**
     * The engine's venue for this case under {@code policy}, over {@code stores} (the copies the
     * case runs on). A version 1 policy has none; a waterfall without buffers, or buffers for a
     * policy without a waterfall, is an error saying so.
     */
    Venue venue(CompiledPolicy policy, Map<String, PositionStore> stores, Event event, String positionsSource) {
        boolean waterfall = policy.exchangeModel() && policy.ast().waterfall() != null;
        if (buffersText != null && !waterfall) {
            throw new InputException("`buffers` gives the state of a `waterfall`'s layers, and policy `"
                    + policy.name() + "` has none");
        }
        if (waterfall && buffersText == null) {
            throw new InputException("policy `" + policy.name() + "` draws on the layers "
                    + policy.layers().stream().map(l -> "`" + l.name() + "`").collect(Collectors.joining(", "))
                    + "; give their state with `buffers`");
        }
        if (!policy.exchangeModel()) return Venue.NONE;
        Map<String, dev.adl.runtime.LayerState> layers = buffersText == null ? Map.of()
                : BuffersJson.read(buffersSource, buffersText, policy.layers().stream().map(LayerInfo::name).toList(),
                policy.layers().stream().filter(l -> l.kind() == Policy.LayerKind.POOL).map(LayerInfo::name)
                        .collect(Collectors.toSet())).layers();
        VenueAccounts accounts = policy.ast().usesAccountValues()
                ? VenueAccounts.ofEvent(stores, event, markets, balances, marketsSource, positionsSource) : null;
        return new Venue(layers, accounts);
    }
}
