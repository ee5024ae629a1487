package dev.adl.cli;

import dev.adl.server.AuditChain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `adl audit verify DIR`: checks the hash chain of a data directory's audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check a server's audit log.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand extends CommandGroup {
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check that no entry of DIR/audit.log was changed, removed, added or moved; "
                    + "exit 0 when the chain is intact, 1 naming the first broken entry.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "the server's data directory")
        Path dir;

        @Override
        public Integer call() {
            Path file = dir.resolve("audit.log");
            if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println("adl: error: `" + dir + "` has no audit.log");
                return 2;
            }
            AuditChain.Verdict v;
            try {
                v = AuditChain.verify(file);
            } catch (IOException e) {
                spec.commandLine().getErr().println("adl: error: cannot read `" + file + "`: " + e.getMessage());
                return 2;
            }
            if (v.intact()) {
                spec.commandLine().getOut().println(file + ": " + v.entries()
                        + (v.entries() == 1 ? " entry" : " entries") + ", chain intact");
                return 0;
            }
            AuditChain.Broken b = v.broken();
            spec.commandLine().getOut().println(file + ":" + b.line() + ": entry seq " + (b.seq() < 0 ? "?" : b.seq())
                    + " is broken: " + b.reason() + "; the " + v.entries() + " entries before it are intact");
            return 1;
        }
    }
}
