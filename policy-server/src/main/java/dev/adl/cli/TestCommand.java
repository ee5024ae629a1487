package dev.adl.cli;

import dev.adl.testing.JsonReport;
import dev.adl.testing.JunitReport;
import dev.adl.testing.LcovReport;
import dev.adl.testing.RunReport;
import dev.adl.testing.TestRun;
import dev.adl.testing.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * `adl test`: runs policy test suites ({@code *_test.yaml}), prints each failure as a
 * field-by-field diff, and with {@code --coverage} / {@code --mutate} reports which clauses
 * the cases exercise and which changed policies they fail to notice. Exits 1 on any failure,
 * coverage under the threshold, or a surviving mutant.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run policy test suites (*_test.yaml), with rule coverage and mutation checks.")
final class TestCommand implements Callable<Integer> {
    enum Format { text, json, lcov, junit }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATHS", arity = "0..*", description = "suite files or folders (default: .)")
    List<Path> paths;

    @Option(names = "--run", paramLabel = "REGEX", description = "only cases whose `<suite>: <case>` id matches")
    String run;

    @Option(names = "--coverage", description = "report which clauses and branches of each policy the cases exercise")
    boolean coverage;

    @Option(names = "--threshold", paramLabel = "N", defaultValue = "0",
            description = "fail when branch coverage is under N percent (implies --coverage)")
    double threshold;

    @Option(names = "--mutate", description = "run the cases against mutants of each policy; report the survivors")
    boolean mutate;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, lcov or junit (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-v", "--verbose"}, description = "list passing cases too (text format)")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threshold < 0 || threshold > 100) {
            err.println("adl test: --threshold must be between 0 and 100, got " + threshold);
            return 2;
        }
        Pattern filter;
        try {
            filter = run == null ? null : Pattern.compile(run);
        } catch (PatternSyntaxException e) {
            err.println("adl test: --run `" + run + "` is not a regular expression (" + e.getDescription() + ")");
            return 2;
        }
        List<Path> roots = paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths;
        RunReport report = TestRun.run(roots, new TestRun.Options(filter, coverage || format == Format.lcov,
                threshold, mutate));
        switch (format) {
            case text -> out.print(TextReport.write(report, verbose));
            case json -> out.print(JsonReport.write(report));
            case junit -> out.print(JunitReport.write(report));
            case lcov -> {
                // the tracefile goes to stdout for genhtml; people still need to see what failed
                out.print(LcovReport.write(report));
                if (!report.ok()) err.print(TextReport.write(report, false));
            }
        }
        out.flush();
        return report.ok() ? 0 : 1;
    }
}
