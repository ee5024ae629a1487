package dev.adl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.Evaluation;
import dev.adl.compile.PolicyCompiler;
import dev.adl.cover.Mutant;
import dev.adl.cover.MutationResult;
import dev.adl.cover.MutationRunner;
import dev.adl.cover.Mutator;
import dev.adl.runtime.EventRefusedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mutant under which the engine throws is a crash, reported apart from killed mutants; one
 * under which the engine refuses the event (an error a case could expect) is killed as before.
 */
class MutantCrashTest {
    private static final String CRASHES = "line 14: number nudged: `100_000` -> `110000`";
    private static final String REFUSED = "line 4: number nudged: `1000` -> `900`";

    @TempDir
    static Path dir;
    static Path policyFile;
    static MutationResult result;

    @BeforeAll
    static void run() throws Exception {
        Path suite = Fixtures.write(dir, "weak_test.yaml", Fixtures.WEAK_SUITE);
        policyFile = dir.resolve("policy.adl");
        CompiledPolicy policy = PolicyCompiler.compile(policyFile.toString(), Files.readString(policyFile)).policy();
        List<TestCase> cases = new SuiteReader().read(suite);
        List<Mutant> mutants = Mutator.mutants(policy.ast());
        Mutant crashing = find(mutants, CRASHES);
        Mutant refused = find(mutants, REFUSED);
        result = MutationRunner.run(policyFile, policy, mutant -> {
            CompiledPolicy run = mutant;
            if (mutant.ast().equals(crashing.policy())) {
                // an evaluation with no rows for the side's candidates: the engine's shape check throws
                run = replacing(mutant, "evaluate", in -> new Evaluation(new boolean[0], new double[0], new int[0],
                        new int[0], null));
            } else if (mutant.ast().equals(refused.policy())) {
                run = replacing(mutant, "decide", in -> {
                    throw new EventRefusedException("refused under this mutant");
                });
            }
            return TestRun.passesAll(cases, run);
        });
    }

    private static Mutant find(List<Mutant> mutants, String description) {
        return mutants.stream().filter(m -> m.describe().equals(description)).findFirst().orElseThrow();
    }

    /** The policy with one single-argument method answered by {@code answer} instead. */
    private static CompiledPolicy replacing(CompiledPolicy policy, String method, Function<Object, Object> answer) {
        return (CompiledPolicy) Proxy.newProxyInstance(CompiledPolicy.class.getClassLoader(),
                new Class<?>[]{CompiledPolicy.class}, (proxy, m, args) -> {
                    if (m.getName().equals(method)) return answer.apply(args[0]);
                    try {
                        return m.invoke(policy, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void theMutantThatMakesTheEngineThrowIsACrashNotAKill() {
        assertThat(result.crashes()).hasSize(1);
        MutationResult.Crash crash = result.crashes().get(0);
        assertThat(crash.mutant().describe()).isEqualTo(CRASHES);
        assertThat(crash.error()).startsWith("IllegalStateException: policy evaluation returned 0 rows for 2");
        assertThat(result.survivors()).extracting(Mutant::describe).doesNotContain(CRASHES, REFUSED);
        assertThat(result.killed() + result.survivors().size() + result.invalid() + result.crashes().size())
                .isEqualTo(result.mutants());
    }

    @Test
    void aRefusedEventIsAnOutcomeTheSuiteComparesSoItsMutantIsKilled() {
        assertThat(result.crashes()).extracting(c -> c.mutant().describe()).doesNotContain(REFUSED);
    }

    @Test
    void everyReportShowsTheCrashApart() throws Exception {
        RunReport report = new RunReport(List.of(), List.of(), List.of(), List.of(result), 0);
        assertThat(report.crashes()).isEqualTo(1);
        assertThat(report.ok()).isFalse();

        String text = TextReport.write(report, false);
        assertThat(text).contains(result.killed() + " killed, " + result.survivors().size() + " survived, "
                + "1 crashed the engine, ");
        assertThat(text).contains("    CRASHED " + policyFile + ":14: number nudged: `100_000` -> `110000`: "
                + "IllegalStateException: policy evaluation returned 0 rows");

        JsonNode json = new ObjectMapper().readTree(JsonReport.write(report)).get("mutants").get(policyFile.toString());
        assertThat(json.get("killed").asInt()).isEqualTo(result.killed());
        assertThat(json.get("crashed")).hasSize(1);
        assertThat(json.get("crashed").get(0).get("line").asInt()).isEqualTo(14);
        assertThat(json.get("crashed").get(0).get("error").asText()).startsWith("IllegalStateException");
        assertThat(json.get("survived")).hasSize(result.survivors().size());

        String xml = JunitReport.write(report);
        assertThat(xml).contains("mutants crashed the engine\">");
        assertThat(xml).contains("crashed: " + policyFile + ":14: number nudged");
    }
}
