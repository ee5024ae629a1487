package dev.adl.server;

import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;

import java.io.StringReader;
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

    ExposureFeed feed() {
        return feed;
    }

    /** Called under the write lock with a source's CSV (already validated). */
    void replace(String source, String csv) {
        String body = csv.substring(csv.indexOf('\n') + 1);
        if (!body.isEmpty() && !body.endsWith("\n")) body += "\n";
        rowsBySource.put(source, body);
        StringBuilder all = new StringBuilder(ExposuresCsv.HEADER).append('\n');
        rowsBySource.values().forEach(all::append);
        feed = ExposuresCsv.read(new StringReader(all.toString()), NAME);
    }

    int sources() {
        return rowsBySource.size();
    }
}
