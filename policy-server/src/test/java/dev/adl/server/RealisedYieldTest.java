package dev.adl.server;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The realised yield: share-price growth over the window, from the last point at or before its start. */
class RealisedYieldTest {
    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
    private static final long DAY = 86_400;

    private static Layer.Point point(long daysAgo, String value, String shares) {
        BigDecimal v = new BigDecimal(value);
        return new Layer.Point(NOW.minusSeconds(daysAgo * DAY), v, v, new BigDecimal(shares));
    }

    @Test
    void growthIsMeasuredFromThePointInForceAtTheWindowsStart() {
        List<Layer.Point> h = List.of(point(40, "1000", "1000"), point(20, "1100", "1000"), point(10, "1200", "1000"),
                point(3, "1260", "1000"));
        // 7 days: from the point 10 days ago (price 1.2) to 1.32 now: 1.32 / 1.2 - 1 = 0.1
        RealisedYield week = RealisedYield.of("7d", 7 * DAY, h, new BigDecimal("1320"), new BigDecimal("1000"), NOW);
        assertThat(week.from()).isEqualTo(NOW.minusSeconds(10 * DAY));
        assertThat(week.sharePriceFrom()).isEqualByComparingTo("1.2");
        assertThat(week.growth()).isEqualByComparingTo("0.1");
        // 30 days: from the point 40 days ago (price 1): 0.32
        RealisedYield month = RealisedYield.of("30d", 30 * DAY, h, new BigDecimal("1320"), new BigDecimal("1000"), NOW);
        assertThat(month.growth()).isEqualByComparingTo("0.32");
    }

    @Test
    void aYoungPoolIsMeasuredFromItsFirstPointAndALossIsNegative() {
        List<Layer.Point> h = List.of(point(2, "0", "0"), point(2, "300", "300"), point(1, "330", "300"));
        // price 1 two days ago, 0.9 now: (900 * 300 - 1000 * 300) / (1000 * 300) = -0.1
        RealisedYield y = RealisedYield.of("7d", 7 * DAY, h, new BigDecimal("900"), new BigDecimal("1000"), NOW);
        assertThat(y.from()).isEqualTo(NOW.minusSeconds(2 * DAY));
        assertThat(y.growth()).isEqualByComparingTo("-0.1");
        // 1/3 growth rounds toward zero at 8 places
        RealisedYield third = RealisedYield.of("7d", 7 * DAY, h, new BigDecimal("400"), new BigDecimal("300"), NOW);
        assertThat(third.growth()).isEqualByComparingTo("0.33333333");
    }

    @Test
    void noSharesMeansNoYield() {
        List<Layer.Point> h = List.of(point(2, "0", "0"));
        RealisedYield y = RealisedYield.of("7d", 7 * DAY, h, BigDecimal.ZERO, BigDecimal.ZERO, NOW);
        assertThat(y.growth()).isNull();
        assertThat(y.sharePriceTo()).isNull();
    }
}
