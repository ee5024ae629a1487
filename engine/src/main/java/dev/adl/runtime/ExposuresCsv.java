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
