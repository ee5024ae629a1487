package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The byte parser against the line reader it stands in for: on clean files it must take them
 * itself and build the same stores; on anything else the public reader's answer (stores or the
 * exact error) must be the line reader's.
 */
class PositionsCsvBytesTest {
    private static final String HEADER = PositionsCsv.HEADER + "\n";

    @Test
    void cleanFilesAreParsedFromTheirBytesIntoTheSameStores() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 300; i++) {
            String csv = cleanFile(rnd, 1 + rnd.nextInt(60));
            byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
            assertThat(PositionsCsvBytes.parse(bytes, bytes.length, new AccountDictionary())).as(csv).isNotNull();
            assertSame(csv);
        }
    }

    @Test
    void anyChangeToAFileGivesTheLineReadersAnswer() {
        SplittableRandom rnd = new SplittableRandom(12);
        String[] noise = {" ", "\t", ",", "-", ".", "0", "9", "\r", "\n", "\r\n", "x", "é", "\uFEFF", "long", "1e5",
                "000000001", "99999999999", ".5", "5.", "", "\u001F"};
        int declined = 0;
        for (int i = 0; i < 3_000; i++) {
            StringBuilder csv = new StringBuilder(cleanFile(rnd, 1 + rnd.nextInt(8)));
            int edits = 1 + rnd.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(csv.length() + 1);
                if (rnd.nextBoolean() && at < csv.length()) {
                    csv.deleteCharAt(at);
                } else {
                    csv.insert(at, noise[rnd.nextInt(noise.length)]);
                }
            }
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            if (PositionsCsvBytes.parse(bytes, bytes.length, new AccountDictionary()) == null) declined++;
            assertSame(csv.toString());
        }
        // the edits must reach both paths: some files still clean, many not
        assertThat(declined).isBetween(300, 2_900);
    }

    @Test
    void edgesOfTheFixedPoint() {
        for (String row : List.of("A,M,long,9999999999.99999999,1,0", "A,M,long,10000000000,1,0",
                "A,M,long,0.000000010,1,0", "A,M,long,0.000000001,1,0", "A,M,long,1.000000000000,1,-0",
                "A,M,long,1,1,-12345678901.123456789", "A,M,long,1,0.00000001,0.000000001",
                "A,M,long,00001,1,0", "A,M,short,1,1,1\r\nB,M,long,1,1,1", "A,M,long,1,1,1\rB,M,short,1,1,1")) {
            assertSame(HEADER + row + "\n");
        }
        assertSame("\uFEFF" + HEADER + "A,M,long,1,1,1\n");
        assertSame(HEADER + "A,M,long,1,1,1\nA,M,short,1,1,1\n");        // duplicate account
        assertSame(HEADER + "A,M,long,1,1,1\nB,N,short,2,3,4\nC,M,short,1,1,1\n");  // two markets interleaved
        assertSame(HEADER.strip());
        assertSame("");
        assertSame(HEADER + "A".repeat(BoundedLines.MAX_LINE) + ",M,long,1,1,1\n");
        byte[] notUtf8 = (HEADER + "A\u00e9,M,long,1,1,1\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(catchThrowable(() -> PositionsCsv.read(notUtf8, "p.csv")))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }

    /** Both readers give equal stores (rows, names, values and their representation), or the same error. */
    private static void assertSame(String csv) {
        Map<String, PositionStore> expected = null;
        Map<String, PositionStore> actual = null;
        Throwable slow = catchThrowable(() -> PositionsCsv.read(new StringReader(csv), "p.csv"));
        Throwable fast = catchThrowable(() -> PositionsCsv.read(csv, "p.csv"));
        if (slow == null) expected = PositionsCsv.read(new StringReader(csv), "p.csv");
        if (fast == null) actual = PositionsCsv.read(csv, "p.csv");
        if (slow != null || fast != null) {
            assertThat(fast).as(csv).isNotNull();
            assertThat(slow).as(csv).isNotNull();
            assertThat(fast.getClass()).as(csv).isEqualTo(slow.getClass());
            assertThat(fast.getMessage()).as(csv).isEqualTo(slow.getMessage());
            return;
        }
        assertThat(actual.keySet()).as(csv).containsExactlyElementsOf(expected.keySet());
        for (String market : expected.keySet()) {
            PositionStore e = expected.get(market);
            PositionStore a = actual.get(market);
            assertThat(a.rows()).as(csv).isEqualTo(e.rows());
            for (int r = 0; r < e.rows(); r++) {
                assertThat(a.position(r)).as(csv).isEqualTo(e.position(r));
                assertThat(a.sizeFixed(r)).isEqualTo(e.sizeFixed(r));
                assertThat(a.entryPriceFixed(r)).isEqualTo(e.entryPriceFixed(r));
            }
            assertThat(a.longTotal()).isEqualTo(e.longTotal());
            assertThat(a.house()).isEqualTo(e.house());
        }
    }

    /** Clean rows at realistic magnitudes: BTC-like prices, sizes to 3 places, collateral sometimes finer than 8. */
    private static String cleanFile(SplittableRandom rnd, int rows) {
        StringBuilder sb = new StringBuilder(rnd.nextInt(10) == 0 ? "\uFEFF" : "").append(PositionsCsv.HEADER);
        String eol = rnd.nextInt(5) == 0 ? "\r\n" : "\n";
        sb.append(eol);
        List<String> markets = new ArrayList<>(List.of("BTC-PERP", "ETH-PERP"));
        for (int i = 0; i < rows; i++) {
            if (rnd.nextInt(20) == 0) sb.append(eol);
            long mark = rnd.nextBoolean() ? 50_000 : 1_000;
            String size = rnd.nextInt(4) == 0 ? rnd.nextInt(3) + "." + String.format("%08d", rnd.nextInt(100_000_000))
                    : rnd.nextInt(3) + "." + String.format("%03d", rnd.nextInt(1000));
            String entry = (mark / 2 + rnd.nextLong(mark)) + "." + String.format("%02d", rnd.nextInt(100));
            String collateral = switch (rnd.nextInt(4)) {
                case 0 -> "-" + rnd.nextInt(1000) + "." + String.format("%08d", rnd.nextInt(100_000_000));
                case 1 -> rnd.nextInt(100_000) + "." + String.format("%012d", rnd.nextLong(1_000_000_000_000L));
                default -> String.valueOf(rnd.nextInt(1_000_000));
            };
            sb.append("acct-").append(i).append(',').append(markets.get(rnd.nextInt(markets.size()))).append(',')
                    .append(rnd.nextBoolean() ? "long" : "short").append(',').append(size).append(',').append(entry)
                    .append(',').append(collateral);
            if (i < rows - 1 || rnd.nextBoolean()) sb.append(eol);
        }
        return sb.toString();
    }
}
