package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.adl.runtime.TestSupport.assertBalanced;
import static dev.adl.runtime.TestSupport.compile;
import static dev.adl.runtime.TestSupport.event;
import static dev.adl.runtime.TestSupport.store;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code fill at mark_price} worked out by hand, under a waterfall and under a buffer. */
class FillAtMarkTest {
    // BL: bp = 1200 - 12000 / 100 = 1080; at mark 1000 it loses u = 80 a unit
    private static final String ROWS = """
            BL,BTC-PERP,long,100,1200,12000
            SH4,BTC-PERP,short,50,1250,5000
            SH5,BTC-PERP,short,80,1100,8000
            SH7,BTC-PERP,short,10,900,8000
            """;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void underAWaterfallTheLastLayerPaysTheMarkLossUpToItsBalance() {
        PositionStore store = store("BTC-PERP", ROWS);
        EventResult r = AdlEngine.apply(compile("""
                policy "at-mark" version 2
                waterfall { fund "f" max_use 10% per event }
                rank by pnl_pct
                reduce {
                  tier "all" : queue
                  fill at mark_price
                }
                """), store, ExposureFeed.empty(), event("BTC-PERP", "1000", "1", "0", "BL"),
                new Venue(Map.of("f", new LayerState(d("7000"), List.of(), List.of())), null));
        // step 2: 10% of 7000 = 700 -> 8 lots (640); 92 to ADL. pnl_pct: SH4 12500 / 5000 = 2.5, SH5 8000 / 8000 = 1
        // fills at 1000: SH4 50 (pnl 50 * 250), SH5 42 (pnl 42 * 100)
        assertThat(r.fills()).containsExactly(
                new Fill("SH4", "short", d("50"), d("1000"), d("12500"), "all", 1, d("0")),
                new Fill("SH5", "short", d("42"), d("1000"), d("4200"), "all", 2, d("0")));
        assertThat(r.adlSize()).isEqualByComparingTo("92");
        // the 92 units at mark leave 92 * 80 = 7360; f has 7000 - 640 = 6360 left and pays it all, past its max_use
        assertThat(r.tierCover().markFillLoss()).isEqualByComparingTo("7360");
        assertThat(r.tierCover().markFillLossUnresolved()).isEqualByComparingTo("1000");
        assertThat(r.tierCover().haircutSize()).isEqualByComparingTo("0");
        assertThat(r.fundPaid()).isEqualByComparingTo("7000");
        assertThat(r.layers()).containsExactly(new LayerResult("f", "fund", d("7000"), d("700"), d("8"), d("7000"),
                d("0")));
        assertThat(store.collateral(store.rowOf("SH4"))).isEqualByComparingTo("17500");
        assertThat(store.collateral(store.rowOf("SH5"))).isEqualByComparingTo("12200");
        assertBalanced(store);
    }

    @Test
    void underABufferTheMarkLossIsUnresolved() {
        PositionStore store = store("BTC-PERP", ROWS);
        EventResult r = AdlEngine.apply(compile("""
                policy "at-mark-buffer" version 2
                buffer { max_use 10% per event }
                rank by pnl_pct
                reduce {
                  tier "all" : queue
                  fill at mark_price
                }
                """), store, ExposureFeed.empty(), event("BTC-PERP", "1000", "1", "7000", "BL"));
        // the same 8 lots absorbed (640), the same fills; no waterfall, so all of 92 * 80 is unresolved
        assertThat(r.fundPaid()).isEqualByComparingTo("640");
        assertThat(r.fills()).extracting(Fill::size).containsExactly(d("50"), d("42"));
        assertThat(r.fills()).extracting(Fill::price).containsOnly(d("1000"));
        assertThat(r.tierCover().markFillLoss()).isEqualByComparingTo("7360");
        assertThat(r.tierCover().markFillLossUnresolved()).isEqualByComparingTo("7360");
        assertThat(r.unresolvedSize()).as("the size is resolved; only the money is not").isEqualByComparingTo("0");
        assertBalanced(store);
    }

    @Test
    void atTheBankruptcyPriceByDefaultNothingIsReported() {
        EventResult r = AdlEngine.apply(compile("""
                policy "at-bp" version 2
                buffer { max_use 10% per event }
                rank by pnl_pct
                reduce { tier "all" : queue }
                """), store("BTC-PERP", ROWS), ExposureFeed.empty(), event("BTC-PERP", "1000", "1", "7000", "BL"));
        assertThat(r.tierCover()).isNull();
        // at bp 1080 SH4 realises 50 * 170; no version 2 construct, so no fee field
        assertThat(r.fills().get(0)).isEqualTo(new Fill("SH4", "short", d("50"), d("1080"), d("8500"), "all", 1,
                null));
    }
}
