package dev.adl.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    @Test
    void distanceCountsInsertionsSubstitutionsAndSwaps() {
        assertThat(Suggestions.distance("equty", "equity")).isEqualTo(1);
        assertThat(Suggestions.distance("szie", "size")).isEqualTo(1);
        assertThat(Suggestions.distance("sise", "size")).isEqualTo(1);
        assertThat(Suggestions.distance("upnl", "upnl")).isZero();
        assertThat(Suggestions.distance("lev", "leverage")).isEqualTo(5);
    }

    @Test
    void suggestsTheNearestWithinTwoEdits() {
        assertThat(Suggestions.closest("levrage", List.of("size", "leverage", "average"))).contains("leverage");
        assertThat(Suggestions.closest("lev", List.of("leverage"))).isEmpty();
    }

    @Test
    void aTieGoesToTheEarlierCandidate() {
        assertThat(Suggestions.closest("abc", List.of("abd", "abe"))).contains("abd");
        assertThat(Suggestions.closest("abc", List.of("abe", "abd"))).contains("abe");
    }

    @Test
    void shortNamesDoNotMatchEverything() {
        assertThat(Suggestions.closest("x", List.of("abs", "max", "size"))).isEmpty();
        assertThat(Suggestions.closest("ab", List.of("abs"))).contains("abs");
    }
}
