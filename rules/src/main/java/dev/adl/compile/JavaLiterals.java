package dev.adl.compile;

import java.math.BigDecimal;

/**
 * Turns parsed numbers into Java source literals. The output is built only from the
 * digits and the dot of {@link BigDecimal#toPlainString()}, so nothing a policy author
 * typed can reach generated code through a number.
 */
final class JavaLiterals {
    private JavaLiterals() {
    }

    /** A decimal as a Java double literal, e.g. {@code 250000.0}, {@code 0.3}. */
    static String doubleLiteral(BigDecimal value) {
        double d = value.doubleValue();
        // javac rejects literals beyond the double range; give the value the conversion gives
        if (Double.isInfinite(d)) return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        if (d == 0.0) return value.signum() < 0 ? "(-0.0)" : "0.0";
        String plain = digits(value);
        String literal = plain.indexOf('.') < 0 ? plain + ".0" : plain;
        return value.signum() < 0 ? "(" + literal + ")" : literal;
    }

    /** A decimal as an exact {@code BigDecimal} construction. */
    static String bigDecimal(BigDecimal value) {
        return "new BigDecimal(\"" + digits(value) + "\")";
    }

    static String longLiteral(BigDecimal value) {
        return value.longValueExact() + "L";
    }

    private static String digits(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() < 0) v = v.setScale(0);
        String plain = v.abs().toPlainString();
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                throw new IllegalStateException("number literal rendered with an unexpected character");
            }
        }
        return value.signum() < 0 ? "-" + plain : plain;
    }
}
