package dev.adl.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a command line that does not parse is reported. Picocli checks required options
 * before it complains about arguments it did not recognise, so a misspelt `--polcy` would
 * surface as "missing required options"; the argument the user actually got wrong comes first
 * here, with picocli's suggestions. Every other parse error keeps picocli's own report.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    private final CommandLine.IParameterExceptionHandler picocli;

    UsageErrors(CommandLine.IParameterExceptionHandler picocli) {
        this.picocli = picocli;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) throws Exception {
        CommandLine cmd = ex.getCommandLine();
        List<String> unmatched = cmd.getUnmatchedArguments();
        if (unmatched.isEmpty()) {
            return picocli.handleParseException(ex, args);
        }
        UnmatchedArgumentException unknown = ex instanceof UnmatchedArgumentException u ? u
                : new UnmatchedArgumentException(cmd, unmatched);
        PrintWriter err = cmd.getErr();
        String first = unknown.getUnmatched().get(0);
        String what = unknown.isUnknownOption() ? "unknown option"
                : cmd.getSubcommands().isEmpty() ? "unexpected argument" : "unknown command";
        List<String> suggestions = unknown.getSuggestions();
        String hint = suggestions.isEmpty() ? ""
                : "; did you mean " + suggestions.stream().map(s -> "`" + s + "`").collect(Collectors.joining(" or ")) + "?";
        err.println("adl: error: " + what + ": `" + first + "`" + hint);
        err.println("Try `" + cmd.getCommandSpec().qualifiedName() + " --help` for the options.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
