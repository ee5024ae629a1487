package dev.adl.prop;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property: a check that must hold for every generated case. Each try draws a case
 * from its own seed; the first failing case is shrunk ({@link Shrinker}) and reported
 * with the seed that reproduces the run.
 *
 * <p>Two system properties steer a run from the command line: {@code adl.prop.tries}
 * replaces every property's number of tries (a long run), and {@code adl.prop.seed} sets
 * the seed ({@code random} for a new one each run). Without them a property runs its own
 * number of tries from a seed fixed by its name, so the build is the same on every run.
 */
public final class Property {
    public static final String TRIES = "adl.prop.tries";
    public static final String SEED = "adl.prop.seed";
    private static final int SHRINK_RUNS = 2_000;

    private Property() {
    }

    /** Checks the property on {@code tries} cases (or {@value #TRIES}); returns the number of cases run. */
    public static <T> int check(String name, int tries, Gen<T> gen, Consumer<T> property) {
        return check(name, Integer.getInteger(TRIES, tries), seed(name), gen, property);
    }

    /** Checks the property on n cases from the given seed, whatever the system properties say. */
    static <T> int check(String name, int n, long seed, Gen<T> gen, Consumer<T> property) {
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            Choices choices = Choices.fresh(seeds.nextLong());
            T value = gen.next(choices);
            Throwable failure = failureOf(property, value);
            if (failure != null) {
                Shrinker.Shrunk<T> shrunk = new Shrinker<>(gen, property, SHRINK_RUNS)
                        .shrink(value, failure, choices.made());
                throw new AssertionError(report(name, seed, i, value, shrunk), shrunk.failure());
            }
        }
        return n;
    }

    static <T> Throwable failureOf(Consumer<T> property, T value) {
        try {
            property.accept(value);
            return null;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return t;
        }
    }

    private static long seed(String name) {
        String given = System.getProperty(SEED);
        if (given == null || given.isBlank()) return name.hashCode() * 0x9E3779B97F4A7C15L;
        if (given.equals("random")) return System.nanoTime() ^ System.currentTimeMillis() << 20;
        return Long.parseLong(given.trim());
    }

    private static String report(String name, long seed, int tryNo, Object original, Shrinker.Shrunk<?> shrunk) {
        return "property `" + name + "` failed on try " + (tryNo + 1) + " (-D" + SEED + "=" + seed + "), shrunk in "
                + shrunk.steps() + " steps from " + original.toString().length() + " to "
                + shrunk.value().toString().length() + " characters\n"
                + "smallest case: " + shrunk.value() + "\n"
                + "failure: " + shrunk.failure();
    }
}
