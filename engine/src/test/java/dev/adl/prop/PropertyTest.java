package dev.adl.prop;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness itself: failures are found, shrunk to the smallest case, and reproducible. */
class PropertyTest {
    private static final Gen<List<Integer>> LISTS = Gen.listOf(Gen.between(0, 1000), 0, 50, 0.9);

    @Test
    void aPassingPropertyRunsEveryTry() {
        int[] calls = {0};
        int n = Property.check("passes", 200, 1L, LISTS, l -> calls[0]++);
        assertThat(n).isEqualTo(200);
        assertThat(calls[0]).isEqualTo(200);
    }

    @Test
    void aFailureShrinksToTheSmallestCounterexample() {
        // fails for any list holding a value of at least 500: the smallest such list is [500]
        assertThatThrownBy(() -> Property.check("big value", 500, 2L, LISTS,
                l -> assertThat(l).allMatch(v -> v < 500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("smallest case: [500]\n")
                .hasMessageContaining("-Dadl.prop.seed=");
    }

    @Test
    void shrinkingKeepsTheKindOfFailure() {
        // an IllegalStateException for long lists, an AssertionError for short ones with a 7: the
        // shrinker must not trade the first failure for the second
        assertThatThrownBy(() -> Property.check("kind", 500, 3L, LISTS, l -> {
            if (l.size() >= 3) throw new IllegalStateException("long");
            assertThat(l).doesNotContain(7);
        })).hasMessageContaining("smallest case: [0, 0, 0]\n").hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSameSeedGivesTheSameCases() {
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        Property.check("same", 20, 4L, LISTS, first::append);
        Property.check("same", 20, 4L, LISTS, second::append);
        assertThat(first.toString()).isEqualTo(second.toString()).isNotEmpty();
    }

    @Test
    void simplerMeansShorterThenSmaller() {
        assertThat(Shrinker.simpler(new long[]{9}, new long[]{0, 0})).isTrue();
        assertThat(Shrinker.simpler(new long[]{0, 1}, new long[]{0, 2})).isTrue();
        assertThat(Shrinker.simpler(new long[]{0, 2}, new long[]{0, 2})).isFalse();
    }
}
