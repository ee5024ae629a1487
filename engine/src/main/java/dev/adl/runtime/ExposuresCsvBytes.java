package dev.adl.runtime;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * The exposures CSV parsed from its bytes, as {@link PositionsCsvBytes} parses positions: the
 * clean form (names of valid UTF-8 without surrounding blanks, plain decimals, instants such as
 * {@code 2026-01-01T08:00:00Z}) straight into the feed's rows without a line or cell String;
 * anything else, and every error, is declined (null) to the line reader, whose result and
 * messages are the reference.
 */
final class ExposuresCsvBytes extends CsvByteCursor {
    private static final byte[] HEADER = ExposuresCsv.HEADER.getBytes(StandardCharsets.US_ASCII);
    /** {@code yyyy-MM-ddTHH:mm:ssZ}: the form `adl generate` and Instant.toString print. */
    private static final int INSTANT_LENGTH = 20;

    private ExposuresCsvBytes(byte[] data, int length) {
        super(data, length);
    }

    /** The feed, or null when the bytes need the line reader. */
    static ExposureFeed parse(byte[] data, String name) {
        try {
            return new ExposuresCsvBytes(data, data.length).rows(name);
        } catch (RuntimeException declined) {
            // a row the feed refuses (a duplicate) or an instant out of range: the line reader reports it
            return null;
        }
    }

    private ExposureFeed rows(String name) {
        if (!header(HEADER)) return null;
        ExposureFeed.Builder feed = new ExposureFeed.Builder(name);
        String lastSource = null;
        int lastSourceFrom = 0;
        int lastSourceTo = 0;
        for (int line = 2; pos < end; line++) {
            int lineFrom = pos;
            if (lineEnd()) continue; // a blank line
            int accountFrom = pos;
            if (!name() || !comma()) return null;
            String account = new String(b, accountFrom, pos - 1 - accountFrom, StandardCharsets.UTF_8);
            int sourceFrom = pos;
            if (!name()) return null;
            int sourceTo = pos;
            if (!comma()) return null;
            // a file's rows name few sources: one String for a run of rows of the same source
            if (lastSource == null || !Arrays.equals(b, sourceFrom, sourceTo, b, lastSourceFrom, lastSourceTo)) {
                lastSource = new String(b, sourceFrom, sourceTo - sourceFrom, StandardCharsets.UTF_8);
                lastSourceFrom = sourceFrom;
                lastSourceTo = sourceTo;
            }
            BigDecimal notional = exact();
            if (notional == null || !comma()) return null;
            BigDecimal collateral = exact();
            if (collateral == null || !comma()) return null;
            Instant asOf = instant();
            if (asOf == null || pos - lineFrom > BoundedLines.MAX_LINE || !lineEnd()) return null;
            feed.add(new ExposureFeed.Row(account, lastSource, notional, collateral, asOf, line));
        }
        return feed.build();
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ} as Instant.parse reads it; null for any other form (the line reader's to judge). */
    private Instant instant() {
        if (end - pos < INSTANT_LENGTH) return null;
        int p = pos;
        if (b[p + 4] != '-' || b[p + 7] != '-' || b[p + 10] != 'T' || b[p + 13] != ':' || b[p + 16] != ':'
                || b[p + 19] != 'Z') {
            return null;
        }
        int year = digits(p, 4);
        int month = digits(p + 5, 2);
        int day = digits(p + 8, 2);
        int hour = digits(p + 11, 2);
        int minute = digits(p + 14, 2);
        int second = digits(p + 17, 2);
        if ((year | month | day | hour | minute | second) < 0) return null;
        try {
            long epoch = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            pos += INSTANT_LENGTH;
            return Instant.ofEpochSecond(epoch);
        } catch (DateTimeException e) {
            return null; // a leap second or a day the month lacks: Instant.parse decides
        }
    }

    /** The decimal value of {@code n} ASCII digits at {@code at}, or -1 when one is not a digit. */
    private int digits(int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }
}
