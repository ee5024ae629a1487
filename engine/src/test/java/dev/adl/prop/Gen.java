package dev.adl.prop;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A generator of test cases from {@link Choices}. Generators are written so that the
 * draw 0 gives the simplest value (the lower bound, the first alternative, an empty or
 * shorter list); shrinking relies on it.
 */
@FunctionalInterface
public interface Gen<T> {
    T next(Choices choices);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return c -> f.apply(next(c));
    }

    /** A whole number in {@code [lo, hi]}, simplest at lo. */
    static Gen<Integer> between(int lo, int hi) {
        if (hi < lo) throw new IllegalArgumentException("empty range " + lo + ".." + hi);
        return c -> lo + c.below(hi - lo + 1);
    }

    /** One of the values, simplest first. */
    @SafeVarargs
    static <T> Gen<T> oneOf(T... values) {
        List<T> copy = List.of(values);
        return c -> copy.get(c.below(copy.size()));
    }

    /** The value of one of the generators, simplest first. */
    @SafeVarargs
    static <T> Gen<T> choose(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = List.of(gens);
        return c -> copy.get(c.below(copy.size())).next(c);
    }

    /**
     * At least {@code min}, at most {@code max} elements; after the minimum each further
     * element is drawn with probability {@code more}. Each element is preceded by its own
     * "one more" draw, so shrinking can drop an element from the middle of the list.
     */
    static <T> Gen<List<T>> listOf(Gen<T> element, int min, int max, double more) {
        return c -> {
            List<T> out = new ArrayList<>();
            while (out.size() < max && (out.size() < min || c.chance(more))) {
                out.add(element.next(c));
            }
            return out;
        };
    }
}
