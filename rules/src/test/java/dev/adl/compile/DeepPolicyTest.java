package dev.adl.compile;

import dev.adl.ast.Builtins.PositionVar;
import dev.adl.diag.Diagnostic;
import dev.adl.grammar.NestingLimit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Deep policies through the whole compiler: past the nesting limit they are refused with
 * the front end's diagnostic; at the limit every stage (AST, checks, column program, DRL,
 * the Drools build) handles them, with stack to spare, and computes the right values.
 */
class DeepPolicyTest {
    private static final int N = NestingLimit.MAX_DEPTH;
    /** Half the default thread stack: the limit must leave every stage this much room. */
    private static final long SMALL_STACK = 512 * 1024;
    private static final String HEADER = "policy \"deep\" version 1\n";
    private static final String REDUCE = "\nreduce { tier \"all\" : queue }\n";

    private static void assertRefusedAt(CompileResult r, int line, int col) {
        assertThat(r.policy()).isNull();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("nesting-too-deep");
            assertThat(d.message()).isEqualTo("expression nested deeper than " + N);
            assertThat(d.line()).isEqualTo(line);
            assertThat(d.col()).isEqualTo(col);
        });
    }

    @Test
    void twoThousandParenthesesAreRefused() {
        String text = HEADER + "eligible when " + "(".repeat(2_000) + "size > 0" + ")".repeat(2_000) + REDUCE;
        assertRefusedAt(PolicyCompiler.compile("p.adl", text), 2, "eligible when ".length() + N + 1);
    }

    @Test
    void aThreeThousandTermChainIsRefused() {
        String text = HEADER + "rank by size" + " + size".repeat(2_999) + REDUCE;
        assertRefusedAt(PolicyCompiler.compile("p.adl", text), 2, "rank by size".length() + N * " + size".length() + 2);
    }

    @Test
    void tenThousandUnaryMinusesAreRefused() {
        String text = HEADER + "buffer { trigger when " + "-".repeat(10_000) + "shortfall > 0 }" + REDUCE;
        assertRefusedAt(PolicyCompiler.compile("p.adl", text), 2, "buffer { trigger when ".length() + N + 1);
    }

    @Test
    void aPolicyStartingWithAByteOrderMarkCompiles() {
        CompileResult r = PolicyCompiler.compile("p.adl", "\uFEFF" + HEADER + "eligible when size > 0" + REDUCE);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.policy()).isNotNull();
    }

    /**
     * Every kind of nesting exactly at the limit, in every clause that holds an expression;
     * the first trigger is as deep as asked.
     */
    static String policyAtTheLimit(int firstTriggerDepth) {
        return HEADER
                + "buffer {\n"
                + "  trigger when " + "(".repeat(firstTriggerDepth - 1) + "shortfall > 0" + ")".repeat(firstTriggerDepth - 1) + "\n"
                + "  trigger when " + "-".repeat(N - 1) + "shortfall < 0\n"
                + "  trigger when shortfall" + " + shortfall".repeat(N - 1) + " > 0\n"
                + "}\n"
                + "let w = " + "-".repeat(N - 1) + "size\n"
                + "eligible when " + "not ".repeat(N - 1) + "size > 0\n"
                + "rank by size" + " + size".repeat(N) + "\n"
                + "reduce {\n"
                + "  tier \"deep\" when " + "abs(".repeat(N - 1) + "size" + ")".repeat(N - 1) + " >= 3 : pro_rata 100% by w\n"
                + "  tier \"rest\" : queue\n"
                + "}\n";
    }

    private static <T> T onSmallStack(java.util.function.Supplier<T> work) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", SMALL_STACK);
        t.start();
        t.join();
        assertThat(failure.get()).isNull();
        return result.get();
    }

    @Test
    void aPolicyAtTheLimitCompilesAndComputesOnASmallStackAndOneLevelMoreIsRefused() throws InterruptedException {
        // inside N parentheses, the comparison is the level too many
        assertRefusedAt(PolicyCompiler.compile("deep.adl", policyAtTheLimit(N + 1)), 3,
                "  trigger when ".length() + N + "shortfall ".length() + 1);
        CompileResult r = onSmallStack(() -> PolicyCompiler.compile("deep.adl", policyAtTheLimit(N)));
        assertThat(r.diagnostics()).extracting(Diagnostic::message).isEmpty();
        CompiledPolicy p = r.policy();

        Decision d = onSmallStack(() -> p.decide(new MarketFacts("m", BigDecimal.ONE, BigDecimal.TEN,
                new BigDecimal("5"), BigDecimal.ONE, BigDecimal.ONE, Map.of())));
        // N - 1 = 255 minuses make -shortfall: all three triggers hold for a positive shortfall
        assertThat(d.triggerLines()).containsExactly(3, 4, 5);
        Decision quiet = onSmallStack(() -> p.decide(new MarketFacts("m", BigDecimal.ONE, BigDecimal.TEN,
                BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE, Map.of())));
        assertThat(quiet.triggerLines()).isEmpty();

        Evaluation e = onSmallStack(() -> p.evaluate(new ArrayColumns(3).with(PositionVar.SIZE, 1, 4, 0)));
        // 255 `not`s negate `size > 0`
        assertThat(e.eligible()).containsExactly(false, false, true);
        assertThat(e.score()[0]).isCloseTo((N + 1) * 1.0, within(1e-9));
        assertThat(e.score()[1]).isCloseTo((N + 1) * 4.0, within(1e-9));
        assertThat(e.tier()).containsExactly(1, 0, 1);
        assertThat(e.weights()[0][1]).isCloseTo(-4.0, within(1e-12));
    }
}
