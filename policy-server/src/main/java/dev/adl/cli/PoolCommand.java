package dev.adl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adl.pool.PoolJson;
import dev.adl.pool.PoolOp;
import dev.adl.pool.PoolState;
import dev.adl.runtime.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `adl pool`: applies a list of operations to a staking pool's ledger offline and prints the
 * new state with one result per operation (EXCHANGE.md section 3). A refused operation is a
 * result, not a failure; a file that is not a state or a list of operations prints a message
 * naming the file, line and column on stderr, nothing on stdout, and exits 1.
 */
@Command(name = "pool", mixinStandardHelpOptions = true,
        description = "Apply staking operations to a pool's ledger and print the new state and each result as JSON.")
final class PoolCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--state", required = true, paramLabel = "STATE.json", description = "the pool's state")
    Path stateFile;

    @Option(names = "--ops", required = true, paramLabel = "OPS.json", description = "the operations, in order")
    Path opsFile;

    @Override
    public Integer call() throws Exception {
        try {
            PoolState state = PoolJson.readState(stateFile.toString(), PolicyFiles.read(stateFile));
            List<PoolOp> ops = PoolJson.readOps(opsFile.toString(), PolicyFiles.read(opsFile));
            spec.commandLine().getOut().println(MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(PoolJson.run(state, ops)));
            return 0;
        } catch (CliException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return e.exitCode();
        } catch (InputException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
