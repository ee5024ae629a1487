package dev.adl.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {
    private static final Suggestions.Group FUNCTIONS =
            new Suggestions.Group("functions", List.of("abs", "min", "max", "sqrt", "log", "clamp", "drawdown"));

    private static List<Suggestions.Group> values(String... names) {
        return List.of(new Suggestions.Group("values in scope", List.of(names)), FUNCTIONS);
    }

    @Test
    void distanceCountsInsertionsSubstitutionsAndSwaps() {
        assertThat(Suggestions.distance("equty", "equity")).isEqualTo(1);
        assertThat(Suggestions.distance("szie", "size")).isEqualTo(1);
        assertThat(Suggestions.distance("sise", "size")).isEqualTo(1);
        assertThat(Suggestions.distance("upnl", "upnl")).isZero();
        assertThat(Suggestions.distance("lev", "leverage")).isEqualTo(5);
    }

    @Test
    void aPrefixComesBeforeANameWithinTwoEdits() {
        // `log` is two edits from `lev`, `leverage` five, yet `lev` is how `leverage` begins
        assertThat(Suggestions.closest("lev", values("size", "leverage"))).containsExactly("leverage");
        assertThat(Suggestions.help("lev", values("size", "leverage"))).contains("did you mean `leverage`?");
        assertThat(Suggestions.closest("entry", values("size", "entry_price", "entry_notional")))
                .containsExactly("entry_price", "entry_notional");
    }

    @Test
    void theNearestWithinTwoEditsAreNamedValuesFirst() {
        assertThat(Suggestions.closest("levrage", values("size", "leverage", "average"))).containsExactly("leverage");
        assertThat(Suggestions.closest("sise", values("size", "side"))).containsExactly("size", "side");
        assertThat(Suggestions.help("sise", values("size", "side"))).contains("did you mean `size` or `side`?");
        // a value and a function one edit away: the value first
        assertThat(Suggestions.closest("mux", values("mix"))).containsExactly("mix", "max");
    }

    @Test
    void whenNothingIsCloseTheHelpListsTheNamesInScope() {
        assertThat(Suggestions.closest("volume", values("size", "leverage"))).isEmpty();
        assertThat(Suggestions.help("volume", values("size", "leverage"))).contains(
                "values in scope: `size`, `leverage`; functions: `abs`, `min`, `max`, `sqrt`, `log`, `clamp`, "
                        + "`drawdown`");
        assertThat(Suggestions.help("volume", List.of(new Suggestions.Group("declared sources", List.of()))))
                .isEmpty();
    }

    @Test
    void shortNamesDoNotMatchEverything() {
        assertThat(Suggestions.closest("x", values("abs", "size"))).isEmpty();
        assertThat(Suggestions.closest("ab", values())).containsExactly("abs");
    }
}
