package dev.adl.runtime;

import java.util.Map;

/**
 * What a version 2 event reads beyond its own market: the state of each layer by name, and the
 * venue's account sums for {@code account_*} (null: the event's market alone, balances 0).
 */
public record Venue(Map<String, LayerState> layers, VenueAccounts accounts) {
    public static final Venue NONE = new Venue(Map.of(), null);

    public Venue {
        layers = Map.copyOf(layers);
    }
}
