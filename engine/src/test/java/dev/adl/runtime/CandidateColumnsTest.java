package dev.adl.runtime;

import dev.adl.ast.Builtins.MarketVar;
import dev.adl.ast.Builtins.PositionVar;
import dev.adl.ast.Expr.ExposureField;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static dev.adl.runtime.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CandidateColumnsTest {
    @Test
    void builtInsFollowTheLanguageDefinitions() {
        PositionStore store = store("M", """
                S,M,short,2,120,40
                L,M,long,4,90,-100
                """);
        ExposureFeed feed = exposures("L,venue,500,25,2026-01-01T07:00:00Z\n");
        CandidateColumns c = new CandidateColumns(store, new int[]{0, 1}, 100.0,
                Map.of(MarketVar.MARK_PRICE, 100.0), Map.of(3600L, 0.25), feed);
        // S: upnl = -1 * 2 * (100 - 120) = 40, equity 80, notional 200, leverage 2.5, pnl_pct 40/240
        // L: upnl = 4 * (100 - 90) = 40, equity -60 -> leverage +infinity
        assertThat(c.column(PositionVar.UPNL)).containsExactly(40, 40);
        assertThat(c.column(PositionVar.EQUITY)).containsExactly(80, -60);
        assertThat(c.column(PositionVar.NOTIONAL)).containsExactly(200, 400);
        assertThat(c.column(PositionVar.ENTRY_NOTIONAL)).containsExactly(240, 360);
        assertThat(c.column(PositionVar.LEVERAGE)).containsExactly(2.5, Double.POSITIVE_INFINITY);
        assertThat(c.column(PositionVar.PNL_PCT)[0]).isCloseTo(40.0 / 240, within(1e-15));
        assertThat(c.column(PositionVar.MARGIN_RATIO)).containsExactly(0.4, -0.15);
        assertThat(c.column(PositionVar.SIDE)).containsExactly(-1, 1);
        assertThat(c.exposure("venue", ExposureField.NOTIONAL)).containsExactly(0, 500);
        assertThat(c.exposure("venue", ExposureField.COLLATERAL)).containsExactly(0, 25);
        assertThat(c.exposure("other", ExposureField.NOTIONAL)).containsExactly(0, 0);
        assertThat(c.market(MarketVar.MARK_PRICE)).isEqualTo(100.0);
        assertThat(c.drawdown(3600)).isEqualTo(0.25);
        // cached: the same array comes back
        assertThat(c.column(PositionVar.UPNL)).isSameAs(c.column(PositionVar.UPNL));
    }

    /** The block form must give the very same doubles as the whole columns: scores decide ranks. */
    @Test
    void blocksAreBitForBitTheWholeColumns() {
        StringBuilder csv = new StringBuilder();
        StringBuilder exp = new StringBuilder();
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < 300; i++) {
            String side = rnd.nextBoolean() ? "long" : "short";
            csv.append("A").append(i).append(",M,").append(side).append(',').append(dec(1000 + rnd.nextInt(9000), 3))
                    .append(',').append(dec(90000 + rnd.nextInt(20000), 2)).append(',')
                    .append(rnd.nextInt(100) == 0 ? "-5" : dec(rnd.nextInt(50000), 2)).append('\n');
            if (rnd.nextInt(3) == 0) {
                exp.append("A").append(i).append(",venue,").append(dec(rnd.nextInt(100000), 1)).append(',')
                        .append(dec(rnd.nextInt(1000), 1)).append(",2026-01-01T07:00:00Z\n");
            }
        }
        PositionStore store = store("M", csv.toString());
        ExposureFeed feed = exposures(exp.toString());
        int[] rows = new int[store.rows() - 7];
        for (int i = 0; i < rows.length; i++) rows[i] = i + 3;
        CandidateColumns c = new CandidateColumns(store, rows, 1003.7, Map.of(), Map.of(), feed);
        double[] block = new double[64];
        for (PositionVar var : PositionVar.values()) {
            double[] whole = c.column(var);
            for (int start = 0; start < rows.length; start += 64) {
                int len = Math.min(64, rows.length - start);
                c.column(var, start, len, block);
                for (int i = 0; i < len; i++) {
                    assertThat(Double.doubleToRawLongBits(block[i])).as("%s row %d", var, start + i)
                            .isEqualTo(Double.doubleToRawLongBits(whole[start + i]));
                }
            }
        }
        for (ExposureField field : ExposureField.values()) {
            double[] whole = c.exposure("venue", field);
            for (int start = 0; start < rows.length; start += 64) {
                int len = Math.min(64, rows.length - start);
                c.exposure("venue", field, start, len, block);
                assertThat(Arrays.copyOf(block, len)).containsExactly(Arrays.copyOfRange(whole, start, start + len));
            }
        }
    }

    private static String dec(int unscaled, int scale) {
        return java.math.BigDecimal.valueOf(unscaled, scale).toPlainString();
    }
}
