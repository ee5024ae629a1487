package dev.adl.cli;

import dev.adl.compile.CompiledPolicy;
import dev.adl.diag.SourcePos;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.io.BuffersAfter;
import dev.adl.io.EventJson;
import dev.adl.io.ResultJson;
import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;
import dev.adl.runtime.InputException;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.PositionsCsv;
import dev.adl.runtime.Venue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `adl run`: one bankruptcy event through a policy, printed as the JSON of the contract in
 * LANGUAGE.md. Bad input prints a message naming the file and line on stderr, nothing on
 * stdout, and exits 1.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Apply one bankruptcy event to a positions file under a policy and print the result as JSON.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", required = true, paramLabel = "P.adl", description = "the policy")
    Path policyFile;

    @Option(names = "--positions", required = true, paramLabel = "POS.csv", description = "positions CSV")
    Path positionsFile;

    @Option(names = "--exposures", paramLabel = "EXP.csv", description = "cross-protocol exposures CSV")
    Path exposuresFile;

    @Option(names = "--event", required = true, paramLabel = "EVENT.json", description = "the bankruptcy event")
    Path eventFile;

    @Option(names = "--markets", paramLabel = "MARKETS.csv",
            description = "version 2: market,lot_size,mark_price of every market of the venue")
    Path marketsFile;

    @Option(names = "--accounts", paramLabel = "ACCOUNTS.csv", description = "version 2: account,balance (cross balances)")
    Path accountsFile;

    @Option(names = "--buffers", paramLabel = "BUFFERS.json", description = "version 2: the state of the waterfall's layers")
    Path buffersFile;

    @Option(names = "--buffers-after", paramLabel = "BUFFERS.json",
            description = "version 2: write the layers' state after the event (the --buffers of the next one)")
    Path buffersAfterFile;

    @Option(names = "--timing", description = "print load, compile, event and ranking times on stderr")
    boolean timing;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
            description = "apply the event N times, each to a fresh copy of the store, and report the median "
                    + "event and ranking times (a warm JVM, as in a running server); prints the last result")
    int repeat;

    @Override
    public Integer call() {
        try {
            if (repeat < 1) throw new CliException("adl run: --repeat must be at least 1", 2);
            Outcome o = runOnce(new Inputs(policyFile, positionsFile, exposuresFile, eventFile, marketsFile,
                    accountsFile, buffersFile), repeat);
            if (buffersAfterFile != null) writeBuffersAfter(o);
            spec.commandLine().getOut().println(ResultJson.write(o.result()));
            if (timing) {
                spec.commandLine().getErr().printf("timing: load_ms=%d compile_ms=%d event_ms=%d rank_ms=%d%n",
                        millis(o.loadNanos()), millis(o.compileNanos()), millis(o.result().timing().eventNanos()),
                        millis(o.result().timing().rankNanos()));
            }
            return 0;
        } catch (CliException e) {
            printError(e.getMessage());
            return e.exitCode();
        } catch (InputException e) {
            printError(e.getMessage());
            return 1;
        }
    }

    /** The result of one run, what reading and compiling cost, and the layers' state after the event (or null). */
    record Outcome(EventResult result, long loadNanos, long compileNanos, ObjectNode buffersAfter) {
        Outcome(EventResult result, long loadNanos, long compileNanos) {
            this(result, loadNanos, compileNanos, null);
        }
    }

    private void writeBuffersAfter(Outcome o) {
        if (o.buffersAfter() == null) {
            throw new CliException("adl run: --buffers-after writes the state of the layers read with --buffers", 2);
        }
        try {
            Files.writeString(buffersAfterFile, o.buffersAfter().toPrettyString() + "\n");
        } catch (IOException e) {
            throw new CliException(buffersAfterFile + ": error: cannot write the file (" + e.getMessage() + ")");
        }
    }

    /** The files of one run; the last three are version 2's and may be null. */
    record Inputs(Path policyFile, Path positionsFile, Path exposuresFile, Path eventFile, Path marketsFile,
                  Path accountsFile, Path buffersFile) {
    }

    /** Reads the files, compiles the policy and applies the event; throws CliException or InputException on bad input. */
    static Outcome runOnce(Inputs files, int repeat) {
        Path policyFile = files.policyFile();
        Path positionsFile = files.positionsFile();
        Path exposuresFile = files.exposuresFile();
        Path eventFile = files.eventFile();
        long t0 = System.nanoTime();
        Map<String, PositionStore> stores = readPositions(positionsFile);
        ExposureFeed exposures = exposuresFile == null ? ExposureFeed.empty() : readExposures(exposuresFile);
        EventJson.Read parsed = EventJson.file(eventFile.toString(), PolicyFiles.read(eventFile));
        Event event = parsed.event();
        long t1 = System.nanoTime();
        CompiledPolicy policy = Policies.compile(policyFile).policy();
        long t2 = System.nanoTime();
        PositionStore store = stores.get(event.market());
        if (store == null) {
            throw refused(parsed, "market", "market `" + event.market() + "` has no positions in " + positionsFile);
        }
        checkAgainstFiles(parsed, store, positionsFile, policy);
        VenueFiles.Read read = VenueFiles.read(policy, stores, event, positionsFile, files.marketsFile(),
                files.accountsFile(), files.buffersFile());
        Venue venue = read.venue();
        long t3 = System.nanoTime();
        if (repeat == 1) {
            EventResult result = AdlEngine.apply(policy, store, exposures, event, venue);
            // the pool ledgers take what they paid and the fees even when the state is not written:
            // a ledger that refuses them refuses the run
            ObjectNode after = files.buffersFile() == null ? null
                    : BuffersAfter.write(read.buffers(), result, event.now());
            return new Outcome(result, t1 - t0 + t3 - t2, t2 - t1, after);
        }
        long[] eventNanos = new long[repeat];
        long[] rankNanos = new long[repeat];
        EventResult result = null;
        for (int i = 0; i < repeat; i++) {
            result = AdlEngine.apply(policy, store.copy(), exposures, event, venue);
            eventNanos[i] = result.timing().eventNanos();
            rankNanos[i] = result.timing().rankNanos();
        }
        java.util.Arrays.sort(eventNanos);
        java.util.Arrays.sort(rankNanos);
        EventResult.Timing median = new EventResult.Timing(eventNanos[repeat / 2], rankNanos[repeat / 2]);
        ObjectNode after = files.buffersFile() == null ? null : BuffersAfter.write(read.buffers(), result, event.now());
        return new Outcome(result.withTiming(median), t1 - t0 + t3 - t2, t2 - t1, after);
    }

    /**
     * The event against the other inputs, checked here where the files are known so that each
     * message names the event file, line and column at fault; the engine checks the same again
     * for other callers. The event's own values were checked when it was read.
     */
    private static void checkAgainstFiles(EventJson.Read parsed, PositionStore store, Path positionsFile,
                                          CompiledPolicy policy) {
        Event event = parsed.event();
        if (!policy.appliesTo(event.market())) {
            throw refused(parsed, "market", "policy `" + policy.name() + "` does not apply to market `"
                    + event.market() + "`");
        }
        if (store.rowOf(event.bankruptAccount()) < 0) {
            throw refused(parsed, "bankrupt_account", "account `" + event.bankruptAccount()
                    + "` has no position in market `" + event.market() + "` in " + positionsFile);
        }
    }

    private static InputException refused(EventJson.Read parsed, String field, String sentence) {
        SourcePos at = parsed.at(field);
        return InputException.at(parsed.source(), at.line(), at.col(), "event_refused", sentence);
    }

    private void printError(String message) {
        spec.commandLine().getErr().print(message.endsWith("\n") ? message : message + "\n");
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }

    private static Map<String, PositionStore> readPositions(Path file) {
        // a regular file is read whole and parsed from its bytes; anything else (a pipe, a device
        // such as /dev/zero) line by line, each line bounded
        try {
            if (Files.isRegularFile(file) && Files.size(file) < Integer.MAX_VALUE - 16) {
                return PositionsCsv.read(Files.readAllBytes(file), file.toString());
            }
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(file, e);
        }
        try (BufferedReader r = PolicyFiles.open(file)) {
            return PositionsCsv.read(r, file.toString());
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(file, e);
        }
    }

    private static ExposureFeed readExposures(Path file) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) < Integer.MAX_VALUE - 16) {
                return ExposuresCsv.read(Files.readAllBytes(file), file.toString());
            }
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(file, e);
        }
        try (BufferedReader r = PolicyFiles.open(file)) {
            return ExposuresCsv.read(r, file.toString());
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(file, e);
        }
    }

    /** A CSV file that could not be read to its end: not UTF-8, or the disk failed. */
    private static CliException unreadable(Path file, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            return new CliException(file + ": error: the file is not valid UTF-8 text");
        }
        return new CliException(file + ": error: cannot read the file (" + cause.getMessage() + ")");
    }
}
