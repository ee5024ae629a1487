package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppendOnlyListTest {
    @Test
    void eachListKeepsWhatItHeldWhileLaterOnesGrow() {
        List<Integer> start = List.of(1, 2);
        List<Integer> a = AppendOnlyList.plus(start, 3);
        List<Integer> b = AppendOnlyList.plus(a, 4);
        List<Integer> all = b;
        for (int i = 5; i <= 40; i++) all = AppendOnlyList.plus(all, i); // past the first buffer's 16
        assertThat(start).containsExactly(1, 2);
        assertThat(a).containsExactly(1, 2, 3);
        assertThat(b).containsExactly(1, 2, 3, 4);
        assertThat(all).hasSize(40).endsWith(39, 40);
        assertThat(a).isEqualTo(List.of(1, 2, 3));
    }

    @Test
    void appendingToAnOlderListBranchesWithoutTouchingTheNewer() {
        List<String> a = AppendOnlyList.plus(List.of("x"), "y");
        List<String> b = AppendOnlyList.plus(a, "z");
        List<String> c = AppendOnlyList.plus(a, "w");
        assertThat(b).containsExactly("x", "y", "z");
        assertThat(c).containsExactly("x", "y", "w");
    }

    @Test
    void itIsImmutableAndImmutableKeepsIt() {
        List<String> a = AppendOnlyList.plus(new ArrayList<>(List.of("x")), "y");
        assertThat(AppendOnlyList.immutable(a)).isSameAs(a);
        assertThatThrownBy(() -> a.add("z")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> a.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        List<String> mutable = new ArrayList<>(List.of("x"));
        List<String> copy = AppendOnlyList.immutable(mutable);
        mutable.add("y");
        assertThat(copy).containsExactly("x");
    }
}
