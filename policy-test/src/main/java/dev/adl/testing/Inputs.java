package dev.adl.testing;

import dev.adl.runtime.Event;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.PositionStore;

import java.util.Map;

/**
 * What one case feeds the engine: the positions (one store per market, shared between
 * cases and copied before each run), the exposures, the event and the venue of version 2. When reading them
 * failed, {@code loadError} says why and the rest is null: a case may expect that error.
 */
public record Inputs(Map<String, PositionStore> stores, ExposureFeed exposures, Event event, CaseVenue venue,
                     String loadError) {
    public Inputs(Map<String, PositionStore> stores, ExposureFeed exposures, Event event, String loadError) {
        this(stores, exposures, event, CaseVenue.NONE, loadError);
    }

    public static Inputs failed(String message) {
        return new Inputs(null, null, null, null, message);
    }

    public boolean ok() {
        return loadError == null;
    }
}
