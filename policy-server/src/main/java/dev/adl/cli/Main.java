package dev.adl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `adl` command line. */
@Command(name = "adl",
        mixinStandardHelpOptions = true,
        version = "adl 0.1.0",
        description = "Auto-deleveraging policies: check, compile and run them.",
        subcommands = {CheckCommand.class, CompileCommand.class, RunCommand.class, TestCommand.class, GenerateCommand.class, DemoCommand.class,
                StressCommand.class, ReplayCommand.class,
                ServeCommand.class, AuditCommand.class, TokenCommand.class, PoolCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Explicit writers, flushed before exit: output printed without a newline is not lost.
        java.io.PrintWriter out = new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out,
                java.nio.charset.StandardCharsets.UTF_8), true);
        java.io.PrintWriter err = new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err,
                java.nio.charset.StandardCharsets.UTF_8), true);
        System.exit(execute(out, err, args));
    }

    /** Runs a command and returns its exit code, without exiting: tests call this. */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    /** Runs a command with its output and errors written to the given writers (tests and the demo use this). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = newCommandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler(new UsageErrors(cl.getParameterExceptionHandler()));
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // A failure we did not foresee is still reported as one line, never a stack trace.
            cmd.getErr().println("adl: error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            return 1;
        });
        return cl;
    }

    /** `adl` alone names no command: a usage error, so the usage goes to stderr and the exit code says so. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
