package dev.adl.runtime;

import dev.adl.diag.Echo;

import java.io.Reader;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads {@code account,source,notional,collateral,as_of} into an {@link ExposureFeed}. */
public final class ExposuresCsv {
    public static final String HEADER = "account,source,notional,collateral,as_of";

    private ExposuresCsv() {
    }

    /**
     * The feed from the file's bytes: the common clean form is parsed straight from them
     * ({@link ExposuresCsvBytes}); anything else, and every error, goes through the line reader,
     * so the result and the messages are the same either way. Invalid UTF-8 is an
     * {@link java.io.UncheckedIOException} as from a strict reader.
     */
    public static ExposureFeed read(byte[] data, String name) {
        ExposureFeed feed = ExposuresCsvBytes.parse(data, name);
        if (feed != null) return feed;
        java.nio.charset.CharsetDecoder strict = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        return read(new java.io.InputStreamReader(new java.io.ByteArrayInputStream(data), strict), name);
    }

    /** {@link #read(byte[], String)} of a text held in memory (a request body, a suite's rows). */
    public static ExposureFeed read(String text, String name) {
        return read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), name);
    }

    /** The line reader: every malformed row is an {@link InputException} naming its line and column. */
    public static ExposureFeed read(Reader in, String name) {
        ExposureFeed.Builder feed = new ExposureFeed.Builder(name);
        CsvLines.read(in, name, HEADER, (cells, line) -> {
            String account = CsvLines.required(cells, 0, "account");
            String source = CsvLines.required(cells, 1, "source");
            var notional = CsvLines.exact(cells, 2, "notional");
            var collateral = CsvLines.exact(cells, 3, "collateral");
            Instant asOf;
            try {
                asOf = Instant.parse(CsvLines.required(cells, 4, "as_of"));
            } catch (DateTimeParseException e) {
                throw new CsvLines.BadCell(4, "bad_instant", "as_of `" + Echo.of(cells[4]) + "` is not an ISO-8601 instant");
            }
            feed.add(new ExposureFeed.Row(account, source, notional, collateral, asOf, line));
        });
        return feed.build();
    }
}
