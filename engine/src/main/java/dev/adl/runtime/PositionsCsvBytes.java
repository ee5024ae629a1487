package dev.adl.runtime;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The positions CSV parsed straight from its bytes into the store's fixed-point columns: no
 * line, cell, number or name object per field. An account is interned from its bytes
 * ({@link AccountDictionary#intern(byte[], int, int, int)}) and becomes a String only when asked
 * for. It takes the common, clean form of the file (names of valid UTF-8 without surrounding
 * blanks, sizes and prices of at most 8 places); anything else it declines by returning null,
 * and {@link PositionsCsv} reads the file with the line reader, whose result and error messages
 * are the reference. Declining costs a second read of a file that is malformed or unusual,
 * never a wrong store.
 */
final class PositionsCsvBytes extends CsvByteCursor {
    private static final byte[] HEADER = PositionsCsv.HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LONG = "long".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHORT = "short".getBytes(StandardCharsets.US_ASCII);
    /** Fewer bytes than any row of `adl generate` takes: sizes the first market's builder from the file. */
    private static final int BYTES_PER_ROW = 36;

    private PositionsCsvBytes(byte[] data, int length) {
        super(data, length);
    }

    /** Builders by market in first-seen order, or null when the bytes need the line reader. */
    static Map<String, PositionStore.Builder> parse(byte[] data, int length, AccountDictionary accounts) {
        try {
            // one lock for the whole file: interning a million names re-enters it instead of taking it each time
            synchronized (accounts) {
                return new PositionsCsvBytes(data, length).rows(accounts);
            }
        } catch (RuntimeException declined) {
            // a row the builder refuses (a duplicate account, a side past its limit): the line reader
            // reports it with the same words and its column
            return null;
        }
    }

    private Map<String, PositionStore.Builder> rows(AccountDictionary accounts) {
        if (!header(HEADER)) return null;
        Map<String, PositionStore.Builder> builders = new LinkedHashMap<>();
        byte[] lastMarket = null;
        int lastMarketFrom = 0;
        int lastMarketLength = -1;
        PositionStore.Builder builder = null;
        long[] number = new long[1];
        Batch batch = new Batch();
        for (int line = 2; pos < end; line++) {
            int lineFrom = pos;
            if (lineEnd()) continue; // a blank line
            int accountFrom = pos;
            if (!name()) return null;
            int accountHash = nameHash;
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
            if (pos - lineFrom > BoundedLines.MAX_LINE || !lineEnd()) return null;
            if (builder == null || marketLength != lastMarketLength
                    || !Arrays.equals(b, marketFrom, marketFrom + marketLength, lastMarket, lastMarketFrom,
                    lastMarketFrom + lastMarketLength)) {
                String market = new String(b, marketFrom, marketLength, StandardCharsets.UTF_8);
                // the first market is usually the only one: room for every row of the file, not growth by doubling
                int expected = builders.isEmpty() ? (end - pos) / BYTES_PER_ROW + 1 : 16;
                builder = builders.computeIfAbsent(market, m -> PositionStore.builder(m, accounts, expected));
                lastMarket = b;
                lastMarketFrom = marketFrom;
                lastMarketLength = marketLength;
            }
            batch.put(builder, accountFrom, accountTo, accountHash, side, size, entry, number[0], exactCollateral, line);
            if (batch.n == Batch.ROWS) batch.flush(b, accounts);
        }
        batch.flush(b, accounts);
        return builders;
    }

    /**
     * Parsed rows waiting for their account ids: interned a batch at a time, so the dictionary's
     * table lookups of many rows overlap ({@link AccountDictionary#intern(byte[], int[], int[], int[], int, int[])}).
     */
    private static final class Batch {
        static final int ROWS = 64;
        final PositionStore.Builder[] builder = new PositionStore.Builder[ROWS];
        final int[] from = new int[ROWS];
        final int[] to = new int[ROWS];
        final int[] hash = new int[ROWS];
        final int[] side = new int[ROWS];
        final long[] size = new long[ROWS];
        final long[] entry = new long[ROWS];
        final long[] collateral = new long[ROWS];
        final BigDecimal[] exactCollateral = new BigDecimal[ROWS];
        final int[] line = new int[ROWS];
        final int[] ids = new int[ROWS];
        int n;

        void put(PositionStore.Builder b, int accountFrom, int accountTo, int accountHash, int sideSign, long sizeFixed,
                 long entryFixed, long collateralFixed, BigDecimal exact, int lineNo) {
            builder[n] = b;
            from[n] = accountFrom;
            to[n] = accountTo;
            hash[n] = accountHash;
            side[n] = sideSign;
            size[n] = sizeFixed;
            entry[n] = entryFixed;
            collateral[n] = collateralFixed;
            exactCollateral[n] = exact;
            line[n] = lineNo;
            n++;
        }

        void flush(byte[] bytes, AccountDictionary accounts) {
            accounts.intern(bytes, from, to, hash, n, ids);
            for (int k = 0; k < n; k++) {
                if (exactCollateral[k] == null) {
                    builder[k].add(ids[k], side[k], size[k], entry[k], collateral[k], line[k]);
                } else {
                    builder[k].add(ids[k], side[k], size[k], entry[k], exactCollateral[k], line[k]);
                    exactCollateral[k] = null;
                }
            }
            n = 0;
        }
    }
}
