package dev.adl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adl.io.ResultJson;
import dev.adl.runtime.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * `adl demo`: runs every example scenario under {@code examples/} and shows what each policy
 * did next to the scenario's hand-computed expectation ({@code <case>.expected.json} or
 * {@code <case>.expected-error.txt}): the headline fields side by side, then any other field
 * that differs, so a failing scenario shows where it went wrong.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run every example scenario (examples/<name>/<case>.event.json) and compare each result "
                + "with the expected one.")
final class DemoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fields the headline rows already show; other top-level fields get a row only when they differ. */
    private static final Set<String> HEADLINE = Set.of("adl_size", "fund_paid", "fills");
    private static final String MISSING = "(missing)";

    @Spec
    CommandSpec spec;

    @Option(names = "--examples", defaultValue = "examples", description = "examples folder (default ${DEFAULT-VALUE})")
    Path examples;

    @Option(names = "--verbose", description = "also print each result's JSON")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Scenario> scenarios = Scenario.findAll(examples);
        if (scenarios.isEmpty()) {
            throw new CliException("adl demo: no scenarios under `" + examples + "` (run it from the repository root)");
        }
        int failed = 0;
        for (Scenario s : scenarios) {
            ComparisonTable table = new ComparisonTable();
            String verdict;
            try {
                RunCommand.Outcome o = RunCommand.runOnce(new RunCommand.Inputs(s.policy(), s.positions(), s.exposures(),
                        s.event(), s.markets(), s.accounts(), s.buffers()), 1);
                String json = ResultJson.write(o.result());
                if (verbose) out.println(json);
                JsonNode actual = JSON.readTree(json);
                if (s.expectedJson() != null) {
                    JsonNode expected = JSON.readTree(Files.readString(s.expectedJson()));
                    compare(table, expected, actual);
                    verdict = expected.equals(actual) ? "ok" : "DIFFERS";
                } else {
                    String expected = s.expectedError() != null ? expectedError(s) : "(no expected file)";
                    table.add("error", expected, "none: adl size " + text(actual, "adl_size"), false);
                    verdict = "refused?";
                }
            } catch (CliException | InputException e) {
                boolean asExpected = s.expectedError() != null && s.matchesError(e.getMessage());
                String expected = s.expectedError() != null ? expectedError(s) : "a result";
                table.add("error", expected, e.getMessage().lines().findFirst().orElse(""), asExpected);
                verdict = asExpected ? "refused" : "ERROR";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!verdict.equals("ok") && !verdict.equals("refused")) failed++;
            out.println(s.example() + " / " + s.name() + ": " + verdict);
            table.print(out, "  ");
        }
        out.println(scenarios.size() + " scenarios, " + failed + " not as expected");
        return failed == 0 ? 0 : 1;
    }

    /** The headline rows, then a row for every other top-level field whose values differ. */
    private static void compare(ComparisonTable table, JsonNode expected, JsonNode actual) {
        table.add("adl size", text(expected, "adl_size"), text(actual, "adl_size"));
        table.add("fund paid", text(expected, "fund_paid"), text(actual, "fund_paid"));
        JsonNode expectedFills = expected.path("fills");
        JsonNode actualFills = actual.path("fills");
        table.add("fills", String.valueOf(expectedFills.size()), String.valueOf(actualFills.size()));
        String firstExpected = fill(expectedFills.get(0));
        String firstActual = fill(actualFills.get(0));
        table.add("first fill", firstExpected, firstActual);
        for (int i = 0; i < Math.max(expectedFills.size(), actualFills.size()); i++) {
            JsonNode e = expectedFills.get(i);
            JsonNode a = actualFills.get(i);
            boolean shownAbove = i == 0 && !firstExpected.equals(firstActual);
            if ((e == null || !e.equals(a)) && !shownAbove) {
                table.add("fill " + (i + 1), e == null ? MISSING : e.toString(), a == null ? MISSING : a.toString());
            }
        }
        Set<String> fields = new LinkedHashSet<>();
        expected.fieldNames().forEachRemaining(fields::add);
        actual.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            if (!HEADLINE.contains(field) && !expected.path(field).equals(actual.path(field))) {
                table.add(field, text(expected, field), text(actual, field));
            }
        }
    }

    private static String text(JsonNode result, String field) {
        JsonNode v = result.get(field);
        return v == null ? MISSING : v.isValueNode() ? v.asText() : v.toString();
    }

    /** A fill as a person reads it: who, how much, at what price, in which tier. */
    private static String fill(JsonNode f) {
        if (f == null) return "none";
        return f.path("account").asText() + " " + f.path("size").asText() + " @ " + f.path("price").asText()
                + " (" + f.path("tier").asText() + ")";
    }

    /** The lines an expected-error file asks the message to contain. */
    private static String expectedError(Scenario s) {
        try {
            return Files.readAllLines(s.expectedError()).stream().map(String::strip).filter(l -> !l.isEmpty())
                    .collect(Collectors.joining(" ... "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
