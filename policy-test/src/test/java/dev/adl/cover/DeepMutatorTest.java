package dev.adl.cover;

import dev.adl.ast.Policy;
import dev.adl.check.Analysis;
import dev.adl.check.Checker;
import dev.adl.check.Frontend;
import dev.adl.compile.CompileResult;
import dev.adl.compile.PolicyCompiler;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import dev.adl.grammar.NestingLimit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The mutator rebuilds and the mutation check compiles policies nested at the limit, with stack to spare. */
class DeepMutatorTest {
    private static final int N = NestingLimit.MAX_DEPTH;

    private static String policy(int rankDepth) {
        return "policy \"deep\" version 1\n"
                + "buffer { trigger when " + "(".repeat(N - 1) + "shortfall > 2_000" + ")".repeat(N - 1) + " }\n"
                + "eligible when " + "-".repeat(N - 1) + "size < 10\n"
                // the number sits at the bottom of a left-deep chain
                + "rank by 2" + " * size".repeat(rankDepth) + "\n"
                + "reduce { tier \"all\" : queue }\n";
    }

    @Test
    void mutantsOfAPolicyAtTheLimitAreMadeCheckedAndCompiledOnHalfADefaultStack() throws InterruptedException {
        assertThat(Frontend.analyze("deeper.adl", policy(N + 1)).diagnostics())
                .extracting(Diagnostic::code).containsExactly("nesting-too-deep");
        String text = policy(N);
        Analysis analysis = Frontend.analyze("deep.adl", text);
        assertThat(analysis.diagnostics()).isEmpty();
        Policy policy = analysis.policy();

        List<String> described = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        Thread t = new Thread(null, () -> {
            try {
                for (Mutant m : Mutator.mutants(policy)) {
                    described.add(m.describe());
                    assertThat(Checker.check(m.policy(), SourcePos.NONE)).isEmpty();
                    CompileResult compiled = PolicyCompiler.compile(new Analysis("deep.adl", text, m.policy(), List.of()));
                    assertThat(compiled.diagnostics()).isEmpty();
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        assertThat(failures).isEmpty();
        assertThat(described).contains("line 2: comparison flipped: `>` -> `<`",
                "line 2: number nudged: `2_000` -> `2200`",
                "line 3: comparison flipped: `<` -> `>`",
                "line 3: number nudged: `10` -> `9`",
                "line 4: number nudged: `2` -> `2.2`");
    }
}
