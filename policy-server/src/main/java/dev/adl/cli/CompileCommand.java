package dev.adl.cli;

import dev.adl.compile.CompileResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `adl compile FILE`: prints the DRL the policy compiles to. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a policy and print the generated Drools rules (DRL).")
final class CompileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1", paramLabel = "FILE", description = "policy file (.adl)")
    Path file;

    @picocli.CommandLine.Option(names = "--programs",
            description = "print the compiled formula programs (let, eligible, rank by, tiers) instead of the DRL")
    boolean programs;

    @Override
    public Integer call() {
        try {
            CompileResult result = Policies.compile(file);
            spec.commandLine().getOut().print(programs ? result.policy().programListing() : result.policy().drl());
            return 0;
        } catch (CliException e) {
            spec.commandLine().getErr().print(e.getMessage().endsWith("\n") ? e.getMessage() : e.getMessage() + "\n");
            return e.exitCode();
        }
    }
}
