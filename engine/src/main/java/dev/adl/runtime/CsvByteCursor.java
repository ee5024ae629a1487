package dev.adl.runtime;

/**
 * A position in a CSV file's bytes and the cells the byte parsers take: each reads one cell of
 * the clean form and says false when the cell is not in it, so the parser declines the file to
 * the line reader. Positions are bytes; a line longer than the line reader's limit is declined
 * by the caller.
 */
abstract class CsvByteCursor {
    /** Integer digits a fixed-point long of 8 places holds without overflow (9.2e10 would not fit 11). */
    private static final int MAX_INT_DIGITS = 10;

    final byte[] b;
    final int end;
    int pos;
    /** The {@link AccountDictionary#hash} of the last {@link #name}. */
    int nameHash;

    CsvByteCursor(byte[] data, int length) {
        this.b = data;
        this.end = length;
    }

    /** Skips a byte order mark and reads the header line; false when it is not exactly {@code header}. */
    boolean header(byte[] header) {
        if (end >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) pos = 3;
        if (end - pos < header.length) return false;
        for (int i = 0; i < header.length; i++) {
            if (b[pos + i] != header[i]) return false;
        }
        pos += header.length;
        return lineEnd() || pos == end;
    }

    /** Consumes a line break (or the end); false when the line goes on. */
    boolean lineEnd() {
        if (pos == end) return true;
        if (b[pos] == '\n') {
            pos++;
            return true;
        }
        if (b[pos] == '\r') {
            pos++;
            if (pos < end && b[pos] == '\n') pos++;
            return true;
        }
        return false;
    }

    boolean comma() {
        if (pos < end && b[pos] == ',') {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * A non-empty name up to the next comma, its {@link AccountDictionary#hash} left in
     * {@link #nameHash}: printable ASCII at both ends, or valid UTF-8 that the line reader's
     * strip would leave as it is.
     */
    boolean name() {
        int from = pos;
        int h = 0;
        boolean ascii = true;
        while (pos < end) {
            byte c = b[pos];
            if (c == ',' || c == '\n' || c == '\r') break;
            if (c < 0) ascii = false;
            h = 31 * h + c;
            pos++;
        }
        nameHash = h;
        if (pos == from) return false;
        return ascii ? b[from] > 0x20 && b[pos - 1] > 0x20 : Utf8Names.clean(b, from, pos);
    }

    boolean word(byte[] w) {
        if (end - pos < w.length) return false;
        for (int i = 0; i < w.length; i++) {
            if (b[pos + i] != w[i]) return false;
        }
        int after = pos + w.length;
        if (after < end && b[after] != ',') return false;
        pos = after;
        return true;
    }

    /**
     * A plain decimal ({@code -?digits(.digits)?}) as a fixed-point long of 8 places, in
     * {@code out}; false (position undefined) when it is not one, has a ninth place that is
     * not 0, or is too large: the caller declines or reads it exactly.
     */
    boolean fixed(boolean signed, long[] out) {
        boolean negative = false;
        if (signed && pos < end && b[pos] == '-') {
            negative = true;
            pos++;
        }
        long whole = 0;
        int digits = 0;
        int wholeFrom = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            if (digits == MAX_INT_DIGITS) return false;
            whole = whole * 10 + (b[pos++] - '0');
            if (whole != 0) digits++;
        }
        if (pos == wholeFrom) return false; // no digits before the point (or none at all)
        if (pos == end || b[pos] != '.') {
            out[0] = negative ? -whole * 100_000_000L : whole * 100_000_000L;
            return true;
        }
        pos++;
        long fraction = 0;
        int places = 0;
        int fractionFrom = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            if (places < 8) {
                fraction = fraction * 10 + (b[pos] - '0');
                places++;
            } else if (b[pos] != '0') {
                return false;
            }
            pos++;
        }
        if (pos == fractionFrom) return false; // `5.` is not a plain decimal
        for (; places < 8; places++) fraction *= 10;
        long v = whole * 100_000_000L + fraction;
        out[0] = negative ? -v : v;
        return true;
    }

    /**
     * A plain decimal up to the next comma or line end as the BigDecimal {@code new BigDecimal(text)}
     * gives: from its digits when they fit a long, else from its text; null when it is not one.
     */
    java.math.BigDecimal exact() {
        int from = pos;
        boolean negative = pos < end && b[pos] == '-';
        if (negative) pos++;
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        int wholeFrom = pos;
        for (; pos < end; pos++) {
            byte c = b[pos];
            if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                if (scale >= 0) scale++;
            } else if (c == '.' && scale < 0 && pos > wholeFrom) {
                scale = 0;
            } else {
                break;
            }
        }
        if (digits == 0 || scale == 0) return null; // no digits, or `5.`
        if (pos < end && b[pos] != ',' && b[pos] != '\n' && b[pos] != '\r') return null;
        if (digits > 18) {
            // past a long's exact digits: the text itself, which matched the plain form above
            return new java.math.BigDecimal(new String(b, from, pos - from, java.nio.charset.StandardCharsets.US_ASCII));
        }
        return java.math.BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
    }
}
