package dev.adl.cli;

import dev.adl.runtime.InputException;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;

/** The options `adl stress` and `adl replay` share, and how both report bad input. */
final class LabOptions {
    @Option(names = "--venue", required = true, paramLabel = "DIR", description = "the venue folder")
    Path venueDir;

    @Option(names = "--policy", paramLabel = "P.adl",
            description = "a policy for every market, one run each (repeatable; default: the markets' own)")
    List<Path> policyFiles;

    @Option(names = "--json", paramLabel = "OUT.json", description = "write the results as JSON")
    Path jsonFile;

    @Option(names = "--report", paramLabel = "OUT.html", description = "write a self-contained HTML report")
    Path reportFile;

    /** Runs a command's body: bad input prints its message on stderr and exits 1 (2 for a usage error). */
    static int reporting(PrintWriter err, IntSupplier body) {
        try {
            return body.getAsInt();
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (InputException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
