package dev.adl.bench;

import dev.adl.runtime.AccountDictionary;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.PositionsCsv;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The positions reader before bytes were interned without a String per account: kept as the
 * baseline {@link LoadBenchmark} measures the reader of {@link PositionsCsv} against, in the same
 * run. As it was: the positions CSV parsed straight from its bytes into the store's fixed-point columns: no
 * line, cell or number object per field, only the account's name. It takes the common,
 * clean form of the file (ASCII names, cells without surrounding blanks, sizes and prices of
 * at most 8 places); anything else it declines by returning null, and {@link PositionsCsv}
 * reads the file with the line reader, whose result and error messages are the reference.
 * Declining costs a second read of a file that is malformed or unusual, never a wrong store.
 */
final class PreviousPositionsReader {
    private static final byte[] HEADER = PositionsCsv.HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LONG = "long".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHORT = "short".getBytes(StandardCharsets.US_ASCII);
    /** Integer digits a fixed-point long of 8 places holds without overflow (9.2e10 would not fit 11). */
    private static final int MAX_INT_DIGITS = 10;

    private final byte[] b;
    private final int end;
    private int pos;

    /** Bytes of the longest line the line reader takes. */
    private static final int MAX_LINE = 64 * 1024;

    private PreviousPositionsReader(byte[] data, int length) {
        this.b = data;
        this.end = length;
    }

    /** Stores by market, as the previous {@code PositionsCsv.read(byte[], String)} read them. */
    static Map<String, PositionStore> read(byte[] data, String name) {
        AccountDictionary accounts = new AccountDictionary(data.length / 30);
        Map<String, PositionStore.Builder> builders = parse(data, data.length, accounts);
        if (builders == null) {
            return PositionsCsv.read(new java.io.InputStreamReader(new java.io.ByteArrayInputStream(data),
                    StandardCharsets.UTF_8.newDecoder()), name);
        }
        Map<String, PositionStore> stores = new java.util.TreeMap<>();
        builders.forEach((market, b) -> stores.put(market, b.build()));
        return stores;
    }

    /** Builders by market in first-seen order, or null when the bytes need the line reader. */
    private static Map<String, PositionStore.Builder> parse(byte[] data, int length, AccountDictionary accounts) {
        try {
            return new PreviousPositionsReader(data, length).rows(accounts);
        } catch (RuntimeException declined) {
            // a row the builder refuses (a duplicate account, a side past its limit): the line reader
            // reports it with the same words and its column
            return null;
        }
    }

    private Map<String, PositionStore.Builder> rows(AccountDictionary accounts) {
        if (end >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) pos = 3;
        if (!header()) return null;
        Map<String, PositionStore.Builder> builders = new LinkedHashMap<>();
        byte[] lastMarket = null;
        int lastMarketFrom = 0;
        int lastMarketLength = -1;
        PositionStore.Builder builder = null;
        long[] number = new long[1];
        for (int line = 2; pos < end; line++) {
            int lineFrom = pos;
            if (lineEnd()) continue; // a blank line
            int accountFrom = pos;
            if (!name()) return null;
            int accountTo = pos;
            if (!comma()) return null;
            int marketFrom = pos;
            if (!name()) return null;
            int marketLength = pos - marketFrom;
            if (!comma()) return null;
            int side;
            if (word(LONG)) {
                side = 1;
            } else if (word(SHORT)) {
                side = -1;
            } else {
                return null;
            }
            if (!comma() || !fixed(false, number) || number[0] < 0) return null;
            long size = number[0];
            if (!comma() || !fixed(false, number) || number[0] <= 0) return null;
            long entry = number[0];
            if (!comma()) return null;
            int collateralFrom = pos;
            boolean fixedCollateral = fixed(true, number);
            BigDecimal exactCollateral = null;
            if (!fixedCollateral) {
                // finer than 8 places (realised PnL) or very large: exact, as the line reader keeps it
                pos = collateralFrom;
                while (pos < end && b[pos] != '\n' && b[pos] != '\r') pos++;
                String text = new String(b, collateralFrom, pos - collateralFrom, StandardCharsets.US_ASCII);
                exactCollateral = Decimals.parsePlain(text);
            }
            // the line reader refuses a line this long; so must this reader
            if (pos - lineFrom > MAX_LINE || !lineEnd()) return null;
            if (builder == null || marketLength != lastMarketLength
                    || !Arrays.equals(b, marketFrom, marketFrom + marketLength, lastMarket, lastMarketFrom,
                    lastMarketFrom + lastMarketLength)) {
                String market = new String(b, marketFrom, marketLength, StandardCharsets.US_ASCII);
                builder = builders.computeIfAbsent(market, m -> PositionStore.builder(m, accounts));
                lastMarket = b;
                lastMarketFrom = marketFrom;
                lastMarketLength = marketLength;
            }
            String account = new String(b, accountFrom, accountTo - accountFrom, StandardCharsets.US_ASCII);
            if (fixedCollateral) {
                builder.add(account, side, size, entry, number[0], line);
            } else {
                builder.add(account, side, size, entry, exactCollateral, line);
            }
        }
        return builders;
    }

    private boolean header() {
        if (end - pos < HEADER.length) return false;
        for (int i = 0; i < HEADER.length; i++) {
            if (b[pos + i] != HEADER[i]) return false;
        }
        pos += HEADER.length;
        return lineEnd() || pos == end;
    }

    /** Consumes a line break (or the end); false when the line goes on. */
    private boolean lineEnd() {
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

    private boolean comma() {
        if (pos < end && b[pos] == ',') {
            pos++;
            return true;
        }
        return false;
    }

    /** A non-empty ASCII name with no blank at either end, up to the next comma. */
    private boolean name() {
        int from = pos;
        while (pos < end) {
            byte c = b[pos];
            if (c == ',' || c == '\n' || c == '\r') break;
            if (c < 0x21 && pos == from || c < 0 || c == 0x7F) return false;
            pos++;
        }
        return pos > from && b[pos - 1] > 0x20;
    }

    private boolean word(byte[] w) {
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
    private boolean fixed(boolean signed, long[] out) {
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
}
