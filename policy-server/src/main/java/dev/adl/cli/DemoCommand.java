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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * `adl demo`: runs every example scenario under {@code examples/} and shows what each
 * policy did, next to whether it matches the scenario's expected result.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run every example scenario (examples/<name>/<case>.event.json) and summarise the results.")
final class DemoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        out.printf("%-20s %-28s %-8s %10s %10s %6s  %s%n", "example", "case", "result", "adl_size", "fund_paid",
                "fills", "first fill");
        for (Scenario s : scenarios) {
            String verdict;
            String adl = "-", paid = "-", fills = "-", first = "";
            try {
                RunCommand.Outcome o = RunCommand.runOnce(s.policy(), s.positions(), s.exposures(), s.event());
                String json = ResultJson.write(o.result());
                adl = ResultJson.plain(o.result().adlSize());
                paid = ResultJson.plain(o.result().fundPaid());
                fills = String.valueOf(o.result().fills().size());
                if (!o.result().fills().isEmpty()) {
                    var f = o.result().fills().get(0);
                    first = f.account() + " " + ResultJson.plain(f.size()) + " @ " + ResultJson.plain(f.price())
                            + " (" + f.tier() + ")";
                }
                verdict = s.expectedJson() == null ? "refused?" : sameJson(json, s.expectedJson()) ? "ok" : "DIFFERS";
                if (verbose) out.println(json);
            } catch (CliException | InputException e) {
                verdict = s.expectedError() != null && s.matchesError(e.getMessage()) ? "refused" : "ERROR";
                first = e.getMessage().lines().findFirst().orElse("");
            }
            if (!verdict.equals("ok") && !verdict.equals("refused")) failed++;
            out.printf("%-20s %-28s %-8s %10s %10s %6s  %s%n", s.example(), s.name(), verdict, adl, paid, fills, first);
        }
        out.println(scenarios.size() + " scenarios, " + failed + " not as expected");
        return failed == 0 ? 0 : 1;
    }

    private static boolean sameJson(String actual, Path expected) {
        try {
            JsonNode a = JSON.readTree(actual);
            JsonNode e = JSON.readTree(Files.readString(expected));
            return a.equals(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
