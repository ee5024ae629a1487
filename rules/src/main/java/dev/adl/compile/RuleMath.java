package dev.adl.compile;

/** Functions generated rule conditions call that {@link Math} lacks. */
public final class RuleMath {
    private RuleMath() {
    }

    /** {@code clamp(x, lo, hi)} of the language: {@code min(max(x, lo), hi)}. */
    public static double clamp(double x, double lo, double hi) {
        return Math.min(Math.max(x, lo), hi);
    }

    /** A condition used where a number is expected counts as 1 or 0, as in the formula programs. */
    public static double num(boolean b) {
        return b ? 1.0 : 0.0;
    }
}
