package dev.adl.cli;

import dev.adl.check.Analysis;
import dev.adl.check.Frontend;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.DiagnosticFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** `adl check FILE...`: every diagnostic of every file; exit 1 when any file has an error. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check policy files and report every error and warning with its location.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "policy files (.adl)")
    List<Path> files;

    @Override
    public Integer call() {
        return check(files, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Checks each file, printing its diagnostics on {@code err} and the summary on {@code out}; the exit code. */
    static int check(List<Path> files, PrintWriter out, PrintWriter err) {
        int errors = 0;
        int warnings = 0;
        for (Path file : files) {
            String name = PolicyFiles.displayName(file);
            String text;
            try {
                text = PolicyFiles.read(file);
            } catch (CliException e) {
                err.println(e.getMessage());
                errors++;
                continue;
            }
            Analysis analysis = Frontend.analyze(name, text);
            for (Diagnostic d : analysis.diagnostics()) {
                err.print(DiagnosticFormatter.format(name, text, d));
                if (d.isError()) errors++;
                else warnings++;
            }
        }
        out.println(files.size() + (files.size() == 1 ? " file" : " files") + " checked: "
                + errors + (errors == 1 ? " error" : " errors") + ", "
                + warnings + (warnings == 1 ? " warning" : " warnings"));
        return errors > 0 ? 1 : 0;
    }
}
