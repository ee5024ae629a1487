package dev.adl.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportAmdahlTest {
    @Test
    void serialFractionFromTheSpeedUpOnTwoThreads() {
        assertThat(Report.serialFraction(2.0)).isEqualTo(0.0);   // all of it split
        assertThat(Report.serialFraction(1.0)).isEqualTo(1.0);   // none of it
        assertThat(Report.serialFraction(1.6)).isCloseTo(0.25, within(1e-12)); // 2/1.6 - 1
        assertThat(Report.serialFraction(0.8)).isEqualTo(1.0);   // slower on two: no parallel part, clamped
    }

    @Test
    void predictedSpeedUp() {
        // f = 0.25: 1 / (0.25 + 0.75 / 16) = 1 / 0.296875
        assertThat(Report.predicted(0.25, 16)).isCloseTo(3.368421, within(1e-6));
        assertThat(Report.predicted(0.0, 16)).isEqualTo(16.0);
        assertThat(Report.predicted(1.0, 16)).isEqualTo(1.0);
    }
}
