package dev.adl.server;

import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The exposure rows of every source. Each source is replaced as a whole; the engine's feed
 * is rebuilt from all sources' rows. Events hold the read lock while they run, so a feed
 * swap never falls between an event's start and its journal line.
 */
final class ExposureBook {
    static final String NAME = "exposures";
    final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, String> rowsBySource = new TreeMap<>();
    private volatile ExposureFeed feed = ExposureFeed.empty();
    private volatile long version;

    ExposureFeed feed() {
        return feed;
    }

    /** The book with one source's rows replaced, built but not yet in force. */
    record Next(Map<String, String> rowsBySource, ExposureFeed feed) {
    }

    /** Builds the feed with a source's CSV (already validated) in place of its old rows. */
    Next with(String source, String csv) {
        String body = csv.substring(csv.indexOf('\n') + 1);
        if (!body.isEmpty() && !body.endsWith("\n")) body += "\n";
        Map<String, String> rows = new TreeMap<>(rowsBySource);
        rows.put(source, body);
        StringBuilder all = new StringBuilder(ExposuresCsv.HEADER).append('\n');
        rows.values().forEach(all::append);
        return new Next(rows, ExposuresCsv.read(all.toString(), NAME));
    }

    /** Puts a built book in force; called under the write lock. */
    void set(Next next) {
        rowsBySource.clear();
        rowsBySource.putAll(next.rowsBySource());
        feed = next.feed();
        version++;
    }

    /** How many times the feed has been replaced: a snapshot in progress is void when it changes. */
    long version() {
        return version;
    }

    int sources() {
        return rowsBySource.size();
    }
}
