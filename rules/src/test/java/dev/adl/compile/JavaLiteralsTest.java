package dev.adl.compile;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class JavaLiteralsTest {
    @Test
    void doublesAreDigitsAndADotOnly() {
        assertThat(JavaLiterals.doubleLiteral(new BigDecimal("250000"))).isEqualTo("250000.0");
        assertThat(JavaLiterals.doubleLiteral(new BigDecimal("0.30"))).isEqualTo("0.3");
        assertThat(JavaLiterals.doubleLiteral(new BigDecimal("2.5E+3"))).isEqualTo("2500.0");
        assertThat(JavaLiterals.doubleLiteral(new BigDecimal("1E-7"))).isEqualTo("0.0000001");
        assertThat(JavaLiterals.doubleLiteral(new BigDecimal("-4"))).isEqualTo("(-4.0)");
    }

    @Test
    void numbersOutsideTheDoubleRangeStillMakeValidJava() {
        assertThat(JavaLiterals.doubleLiteral(new BigDecimal("1E+400"))).isEqualTo("Double.POSITIVE_INFINITY");
        assertThat(JavaLiterals.doubleLiteral(new BigDecimal("1E-400"))).isEqualTo("0.0");
    }

    @Test
    void bigDecimalsAreExact() {
        assertThat(JavaLiterals.bigDecimal(new BigDecimal("250_000".replace("_", "")))).isEqualTo("new BigDecimal(\"250000\")");
        assertThat(JavaLiterals.bigDecimal(new BigDecimal("0.0000000000000000000001")))
                .isEqualTo("new BigDecimal(\"0.0000000000000000000001\")");
        assertThat(JavaLiterals.longLiteral(new BigDecimal("28800"))).isEqualTo("28800L");
    }
}
