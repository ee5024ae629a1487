package dev.adl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** The `adl` command line. */
@Command(name = "adl",
        mixinStandardHelpOptions = true,
        version = "adl 0.1.0",
        description = "Auto-deleveraging policies: check, compile and run them.")
public final class Main implements java.util.concurrent.Callable<Integer> {

    /**
     * The subcommands, in the order the usage lists them. Picocli builds the model of every
     * registered command (reflection, proxies, option converters) before it parses: about a
     * third of a short command's cold start. A line that names one of these gets only that one.
     */
    private static final java.util.Map<String, Class<?>> COMMANDS = commands();

    private static java.util.Map<String, Class<?>> commands() {
        // names spelt out rather than read from each class's annotation: reading them costs a proxy each
        java.util.Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("check", CheckCommand.class);
        m.put("compile", CompileCommand.class);
        m.put("run", RunCommand.class);
        m.put("test", TestCommand.class);
        m.put("generate", GenerateCommand.class);
        m.put("demo", DemoCommand.class);
        m.put("stress", StressCommand.class);
        m.put("replay", ReplayCommand.class);
        m.put("serve", ServeCommand.class);
        m.put("audit", AuditCommand.class);
        m.put("token", TokenCommand.class);
        m.put("pool", PoolCommand.class);
        return m;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Warmup.startFor(args);
        // Explicit writers, flushed before exit: output printed without a newline is not lost.
        java.io.PrintWriter out = new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out,
                java.nio.charset.StandardCharsets.UTF_8), true);
        java.io.PrintWriter err = new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err,
                java.nio.charset.StandardCharsets.UTF_8), true);
        java.util.List<Path> files = plainCheck(args);
        if (files != null) {
            // `adl check FILE...` with nothing for the command line library to interpret: its model,
            // a third of the command's start, would bind the files and nothing else
            int code = CheckCommand.check(files, out, err);
            out.flush();
            err.flush();
            System.exit(code);
        }
        System.exit(execute(out, err, args));
    }

    /**
     * The files of `check FILE...` when the line holds nothing else: no option, no `@file`
     * expansion, every name a path; null for any other line, which the library parses.
     */
    static java.util.List<Path> plainCheck(String[] args) {
        if (args.length < 2 || !args[0].equals("check")) {
            return null;
        }
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].isEmpty() || args[i].startsWith("-") || args[i].startsWith("@")) {
                return null;
            }
            try {
                files.add(Path.of(args[i]));
            } catch (java.nio.file.InvalidPathException e) {
                return null; // the library reports it as a usage error
            }
        }
        return files;
    }

    /** Runs a command and returns its exit code, without exiting: tests call this. */
    public static int execute(String... args) {
        return newCommandLine(args).execute(args);
    }

    /** Runs a command with its output and errors written to the given writers (tests and the demo use this). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = newCommandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine newCommandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> named = args.length == 0 ? null : COMMANDS.get(args[0]);
        // anything else (help, an option, a misspelt name) needs them all: the usage and the suggestions list them
        if (named != null) {
            cl.addSubcommand(args[0], named);
        } else {
            COMMANDS.forEach(cl::addSubcommand);
            cl.addSubcommand(CommandLine.HelpCommand.class);
        }
        cl.setParameterExceptionHandler(new UsageErrors(cl.getParameterExceptionHandler()));
        cl.setExecutionExceptionHandler(new OneLineErrors());
        return cl;
    }

    /**
     * A failure we did not foresee is still reported as one line, never a stack trace. A class,
     * not a lambda: the command line library is built for an old class-file version, and a lambda
     * implementing one of its interfaces keeps the library out of the class data sharing archive.
     */
    private static final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
            cmd.getErr().println("adl: error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            return 1;
        }
    }

    /** `adl` alone names no command: a usage error, so the usage goes to stderr and the exit code says so. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
