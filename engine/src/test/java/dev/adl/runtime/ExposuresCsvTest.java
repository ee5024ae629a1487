package dev.adl.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExposuresCsvTest {
    static ExposureFeed read(String text) {
        return ExposuresCsv.read(new StringReader(text), "exp.csv");
    }

    @Test
    void readsRowsExactlyAndGathersThemPerStoreRow() {
        ExposureFeed feed = read("""
                account,source,notional,collateral,as_of
                A,venue-b,1000.123456789,50,2026-01-01T07:59:30Z
                B,venue-b,20,1,2026-01-01T07:00:00Z
                A,venue-c,5,5,2026-01-01T07:00:00Z
                """);
        assertThat(feed.row("venue-b", "A").notional()).isEqualByComparingTo("1000.123456789");
        assertThat(feed.row("venue-b", "A").asOf()).isEqualTo(Instant.parse("2026-01-01T07:59:30Z"));
        assertThat(feed.row("venue-b", "A").line()).isEqualTo(2);
        assertThat(feed.row("venue-c", "B")).isNull();
        assertThat(feed.sources()).containsExactlyInAnyOrder("venue-b", "venue-c");

        PositionStore store = PositionsCsvTest.read("""
                account,market,side,size,entry_price,collateral
                B,M,long,1,1,0
                C,M,long,1,1,0
                A,M,short,1,1,0
                """).get("M");
        ExposureFeed.Gathered g = feed.gather("venue-b", store, new int[]{0, 1, 2});
        assertThat(g.notional()).containsExactly(20, 0, 1000.123456789);
        assertThat(g.collateral()).containsExactly(1, 0, 50);
        assertThat(g.rows()[1]).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A,s,1,1                             | exp.csv:3: expected 5 columns, found 4",
            "A,s,1x,1,2026-01-01T00:00:00Z       | exp.csv:3:5: notional `1x` is not a plain decimal number",
            "A,s,1,1,yesterday                   | exp.csv:3:9: as_of `yesterday` is not an ISO-8601 instant",
            "A,,1,1,2026-01-01T00:00:00Z         | exp.csv:3:3: the source is empty",
            "X,s,1,1,2026-01-01T00:00:00Z        | exp.csv:3: duplicate exposure for account `X` and source `s` (first given on line 2)",
    })
    void malformedRowsNameTheirLine(String row, String message) {
        String text = "account,source,notional,collateral,as_of\nX,s,1,1,2026-01-01T00:00:00Z\n" + row + "\n";
        assertThatThrownBy(() -> read(text)).isInstanceOf(InputException.class).hasMessage(message);
    }

    @Test
    void aBadCellIsReportedAtItsColumnWithACode() {
        String text = "account,source,notional,collateral,as_of\nA, s ,1, 2x ,2026-01-01T00:00:00Z\n";
        assertThatThrownBy(() -> read(text)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.source()).isEqualTo("exp.csv");
            assertThat(e.diagnostics()).singleElement().satisfies(d -> {
                assertThat(d.line()).isEqualTo(2);
                assertThat(d.col()).isEqualTo(10);
                assertThat(d.code()).isEqualTo("bad_number");
            });
        });
        assertThatThrownBy(() -> read("account,source\n")).isInstanceOfSatisfying(InputException.class,
                e -> assertThat(e.diagnostics().get(0).code()).isEqualTo("bad_header"));
    }
}
