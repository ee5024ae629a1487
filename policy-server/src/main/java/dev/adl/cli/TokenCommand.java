package dev.adl.cli;

import dev.adl.server.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `adl token hash FILE`: a tokens file with salted hashes in place of clear tokens. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Manage tokens files for `adl serve --tokens`.",
        subcommands = {TokenCommand.Hash.class})
final class TokenCommand extends CommandGroup {
    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = "Print FILE with every clear `token` replaced by a random `salt` and its `sha256`.")
    static final class Hash implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "a tokens file")
        Path file;

        @Override
        public Integer call() {
            try {
                spec.commandLine().getOut().print(Tokens.hashFile(file));
            } catch (IOException e) {
                throw new CliException("cannot read `" + file + "`: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            return 0;
        }
    }
}
