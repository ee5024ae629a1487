package dev.adl.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionsCsvTest {
    static Map<String, PositionStore> read(String text) {
        return PositionsCsv.read(new StringReader(text), "pos.csv");
    }

    @Test
    void readsOneStorePerMarketExactly() {
        Map<String, PositionStore> stores = read("""
                account,market,side,size,entry_price,collateral
                A,BTC-PERP,long,1.5,30000.12345678,-20
                B,BTC-PERP,short,2,31000,500.5

                A,ETH-PERP,short,10,2000,100
                """);
        assertThat(stores).containsOnlyKeys("BTC-PERP", "ETH-PERP");
        PositionStore btc = stores.get("BTC-PERP");
        assertThat(btc.rows()).isEqualTo(2);
        Position a = btc.position(btc.rowOf("A"));
        assertThat(a.side()).isEqualTo(1);
        assertThat(a.size()).isEqualByComparingTo("1.5");
        assertThat(a.entryPrice()).isEqualByComparingTo("30000.12345678");
        assertThat(a.collateral()).isEqualByComparingTo("-20");
        assertThat(btc.position(btc.rowOf("B")).sideName()).isEqualTo("short");
        assertThat(btc.rowOf("nobody")).isEqualTo(-1);
        assertThat(stores.get("ETH-PERP").rowOf("B")).isEqualTo(-1);
        assertThat(btc.longTotal()).isEqualByComparingTo("1.5");
        assertThat(btc.shortTotal()).isEqualByComparingTo("2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A,BTC,long,1,100                    | pos.csv:3: expected 6 columns, found 5",
            "A,BTC,flat,1,100,0                  | pos.csv:3:7: side `flat` must be `long` or `short`",
            "A,BTC,long,1.123456789,100,0        | pos.csv:3:12: size `1.123456789` has more than 8 decimal places",
            "A,BTC,long,1,100000000000000,0      | pos.csv:3:14: entry price `100000000000000` is out of range",
            "A,BTC,long,-1,100,0                 | pos.csv:3:12: size `-1` must not be negative",
            "A,BTC,long,1,0,0                    | pos.csv:3:14: entry price `0` must be greater than 0",
            "A,BTC,long,1,100,abc                | pos.csv:3:18: collateral `abc` is not a plain decimal number",
            ",BTC,long,1,100,0                   | pos.csv:3:1: the account is empty",
            "X,BTC,long,1,100,0                  | pos.csv:3: duplicate position for account `X` in market `BTC` (first given on line 2)",
    })
    void malformedRowsNameTheirLine(String row, String message) {
        String text = "account,market,side,size,entry_price,collateral\nX,BTC,short,1,100,0\n" + row + "\n";
        assertThatThrownBy(() -> read(text)).isInstanceOf(InputException.class).hasMessage(message);
    }

    @Test
    void wrongHeaderIsLineOne() {
        assertThatThrownBy(() -> read("account,market,side\nA,B,long\n"))
                .hasMessageStartingWith("pos.csv:1: expected the header `account,market,side,size,entry_price,collateral`");
        assertThatThrownBy(() -> read("")).hasMessageStartingWith("pos.csv:1: the file is empty");
    }

    @Test
    void sameAccountInTwoMarketsIsFine() {
        Map<String, PositionStore> stores = read("""
                account,market,side,size,entry_price,collateral
                A,M1,long,1,1,0
                A,M2,long,1,1,0
                """);
        assertThat(stores.get("M1").rowOf("A")).isZero();
        assertThat(stores.get("M2").rowOf("A")).isZero();
    }

    @Test
    void collateralFinerThanEightPlacesStaysExact() {
        String text = """
                account,market,side,size,entry_price,collateral
                A,BTC,long,2,100,12.000000000000034
                B,BTC,short,2,100,99999999999999999999.5
                C,BTC,short,1,100,7.25
                """;
        PositionStore store = PositionsCsv.read(new java.io.StringReader(text), "pos.csv").get("BTC");
        assertThat(store.collateral(store.rowOf("A"))).isEqualTo(new java.math.BigDecimal("12.000000000000034"));
        assertThat(store.collateral(store.rowOf("B"))).isEqualTo(new java.math.BigDecimal("99999999999999999999.5"));
        assertThat(store.collateral(store.rowOf("C"))).isEqualByComparingTo("7.25");
        assertThat(store.overlayRows()).isEqualTo(2);
        // copies keep the exact values too
        assertThat(store.copy().collateral(store.rowOf("A"))).isEqualTo(new java.math.BigDecimal("12.000000000000034"));
    }

    @Test
    void aSideSummingPastALongIsRefusedAtTheRowThatCrossesIt() {
        String rows = "account,market,side,size,entry_price,collateral\n"
                + "A,BTC-PERP,long,92233720368,1,1\n"
                + "S,BTC-PERP,short,92233720368.54775807,1,1\n"
                + "B,BTC-PERP,long,0.54775807,1,1\n"
                + "C,BTC-PERP,long,0.00000001,1,1\n";
        assertThatThrownBy(() -> read(rows)).isInstanceOf(InputException.class)
                .hasMessage("pos.csv:5: the long sizes of market `BTC-PERP` add up past 92233720368.54775807,"
                        + " the most one side can hold");
        // up to the limit itself, both sides load
        PositionStore full = read(rows.substring(0, rows.lastIndexOf("C,"))).get("BTC-PERP");
        assertThat(full.longTotal()).isEqualByComparingTo("92233720368.54775807");
        assertThat(full.shortTotal()).isEqualByComparingTo("92233720368.54775807");
    }

    @Test
    void aLineWithoutEndIsRefusedWithoutReadingItWhole() {
        java.io.Reader endless = new java.io.Reader() {
            @Override
            public int read(char[] buf, int off, int len) {
                java.util.Arrays.fill(buf, off, off + len, 'x');
                return len;
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> PositionsCsv.read(endless, "pos.csv")).isInstanceOf(InputException.class)
                .hasMessage("pos.csv:1: the line is longer than 65536 characters, more than any row of a positions"
                        + " or exposures file");
    }

    @Test
    void longCellsAreQuotedOnlyInPart() {
        String side = "s".repeat(5000);
        assertThatThrownBy(() -> read(PositionsCsv.HEADER + "\nA,BTC-PERP," + side + ",1,1,1\n"))
                .hasMessage("pos.csv:2:12: side `" + "s".repeat(100) + "... (5000 characters)` must be `long` or"
                        + " `short`");
    }

    @Test
    void linesEndAtCarriageReturnsToo() {
        Map<String, PositionStore> stores = read(PositionsCsv.HEADER + "\r\nA,BTC-PERP,long,1,1,1\rB,BTC-PERP,short,1,1,1");
        assertThat(stores.get("BTC-PERP").rows()).isEqualTo(2);
    }
}
