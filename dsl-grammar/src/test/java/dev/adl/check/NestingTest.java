package dev.adl.check;

import dev.adl.diag.Diagnostic;
import dev.adl.grammar.NestingLimit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deep input meets one located diagnostic, never a stack overflow, and input at the limit
 * is accepted.
 */
class NestingTest {
    private static final int N = NestingLimit.MAX_DEPTH;
    private static final String HEADER = "policy \"p\" version 1\n";
    private static final String REDUCE = "\nreduce { tier \"all\" : queue }\n";

    private static Analysis let(String expr) {
        return Frontend.analyze("p.adl", HEADER + "let x = " + expr + REDUCE);
    }

    private static void assertTooDeepAt(Analysis a, int line, int col) {
        assertThat(a.diagnostics()).extracting(Diagnostic::code).containsOnlyOnce("nesting-too-deep");
        Diagnostic d = a.diagnostics().stream().filter(x -> x.code().equals("nesting-too-deep")).findFirst().orElseThrow();
        assertThat(d.message()).isEqualTo("expression nested deeper than " + N);
        assertThat(d.line()).isEqualTo(line);
        assertThat(d.col()).isEqualTo(col);
    }

    @Test
    void twoThousandParenthesesAreRefusedAtTheFirstOneTooDeep() {
        Analysis a = let("(".repeat(2_000) + "size" + ")".repeat(2_000));
        assertThat(a.policy()).isNull();
        assertTooDeepAt(a, 2, "let x = ".length() + N + 1);
    }

    @Test
    void aThreeThousandTermChainIsRefusedAtTheOperatorOneTooDeep() {
        Analysis a = let("size" + " + size".repeat(2_999));
        // the chain is left-deep: the 257th `+` is the first node 257 high
        assertTooDeepAt(a, 2, "let x = size".length() + N * " + size".length() + 2);
    }

    @Test
    void tenThousandUnaryMinusesAreRefused() {
        assertTooDeepAt(let("-".repeat(10_000) + "size"), 2, "let x = ".length() + N + 1);
        assertTooDeepAt(let("not ".repeat(10_000) + "size"), 2, "let x = ".length() + N * 4 + 1);
    }

    @Test
    void nestedCallsCount() {
        assertTooDeepAt(let("abs(".repeat(N + 1) + "size" + ")".repeat(N + 1)), 2, "let x = ".length() + N * 4 + 1);
    }

    @Test
    void expressionsExactlyAtTheLimitAreAccepted() {
        for (String expr : List.of("(".repeat(N) + "size" + ")".repeat(N), "-".repeat(N) + "size",
                "size" + " + size".repeat(N), "abs(".repeat(N) + "size" + ")".repeat(N),
                "(".repeat(N - 1) + "size" + " * 2" + ")".repeat(N - 1))) {
            Analysis a = let(expr);
            assertThat(a.diagnostics()).as(expr.substring(0, 20)).isEmpty();
            assertThat(a.policy()).isNotNull();
        }
        assertTooDeepAt(let("(".repeat(N) + "size" + " * 2" + ")".repeat(N)), 2, "let x = ".length() + N + 6);
    }

    @Test
    void aLetCountsAsItsDefinitionOneLevelDown() {
        String deep = "-".repeat(N - 1) + "size";
        Analysis within = Frontend.analyze("p.adl", HEADER + "let a = " + deep + "\nlet b = a" + REDUCE);
        assertThat(within.diagnostics()).isEmpty();

        Analysis over = Frontend.analyze("p.adl", HEADER + "let a = " + deep + "\nlet b = a + 1" + REDUCE);
        assertTooDeepAt(over, 3, 9);
        assertThat(over.diagnostics().get(0).help()).isEqualTo("`a` stands for its definition on line 2, which is nested "
                + (N - 1) + " deep");
    }

    @Test
    void aLongChainOfLetsIsRefusedOnceWhereItPassesTheLimit() {
        StringBuilder text = new StringBuilder(HEADER + "let a0 = size\n");
        for (int i = 1; i <= 1_000; i++) text.append("let a").append(i).append(" = a").append(i - 1).append(" * 2\n");
        Analysis a = Frontend.analyze("p.adl", text + REDUCE);
        // each let is two levels above the one before: a128 is 256 high, a129 uses it one level too deep
        assertTooDeepAt(a, 2 + 129, "let a129 = ".length() + 1);
    }

    @Test
    void aLongDependencyChainBehindAForwardReferenceIsReported() {
        int lets = 20_000;
        StringBuilder text = new StringBuilder(HEADER + "let b = a" + lets + "\nlet a1 = size\n");
        for (int i = 2; i <= lets; i++) text.append("let a").append(i).append(" = a").append(i - 1).append('\n');
        Analysis a = Frontend.analyze("p.adl", text + REDUCE);
        assertThat(a.diagnostics()).extracting(Diagnostic::code).contains("let-used-before-definition");
    }
}
