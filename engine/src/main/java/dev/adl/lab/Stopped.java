package dev.adl.lab;

/**
 * A run told to stop before its end: thrown at the next path, step or event boundary after
 * its stop signal is set, so no partial result is ever reported as a whole one.
 */
public final class Stopped extends RuntimeException {
    public Stopped() {
        super("the run was stopped before its end", null, false, false);
    }

    /** Throws when {@code stop} says so. */
    static void check(java.util.function.BooleanSupplier stop) {
        if (stop.getAsBoolean()) throw new Stopped();
    }
}
