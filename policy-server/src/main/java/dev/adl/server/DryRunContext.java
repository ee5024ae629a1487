package dev.adl.server;

import dev.adl.compile.CompiledPolicy;
import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.Venue;
import dev.adl.runtime.VenueAccounts;

/** What a dry run sees, under its market's lock and the venue's: the live store and account sums (only read), and the event. */
record DryRunContext(PositionStore store, Event event, VenueAccounts accounts) {
    /** {@code venue}: the layers as they are, which the dry run reads and never pays from. */
    EventResult run(CompiledPolicy policy, ExposureFeed feed, Venue venue) {
        return AdlEngine.dryRun(policy, store, feed, event, new Venue(venue.layers(), accounts));
    }
}
