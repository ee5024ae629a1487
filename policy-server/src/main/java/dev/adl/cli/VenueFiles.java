package dev.adl.cli;

import dev.adl.ast.Policy;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.LayerInfo;
import dev.adl.io.BuffersJson;
import dev.adl.runtime.Event;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.Venue;
import dev.adl.runtime.VenueAccounts;
import dev.adl.runtime.VenueCsv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The version 2 inputs of {@code adl run}: {@code --markets}, {@code --accounts} and
 * {@code --buffers}, turned into the engine's {@link Venue}. Positions of every market come
 * from the one positions file, whose rows already name their market; a market other than the
 * event's is part of the venue when {@code --markets} gives its mark price.
 */
final class VenueFiles {
    private VenueFiles() {
    }

    /** The venue of the event, and the layers' state as read (with the pool ledgers) for what follows it. */
    record Read(Venue venue, BuffersJson.Buffers buffers) {
    }

    static Read read(CompiledPolicy policy, Map<String, PositionStore> stores, Event event, Path positionsFile,
                      Path marketsFile, Path accountsFile, Path buffersFile) {
        boolean waterfall = policy.exchangeModel() && policy.ast().waterfall() != null;
        if (buffersFile != null && !waterfall) {
            throw new CliException("adl run: --buffers gives the state of a `waterfall`'s layers, and policy `"
                    + policy.name() + "` has none", 2);
        }
        if (waterfall && buffersFile == null) {
            throw new CliException("adl run: policy `" + policy.name() + "` draws on the layers "
                    + String.join(", ", policy.layers().stream().map(l -> "`" + l.name() + "`").toList())
                    + "; give their state with --buffers BUFFERS.json", 2);
        }
        BuffersJson.Buffers buffers = buffersFile == null ? new BuffersJson.Buffers(Map.of(), Map.of())
                : BuffersJson.read(buffersFile.toString(), PolicyFiles.read(buffersFile),
                policy.layers().stream().map(LayerInfo::name).toList(),
                policy.layers().stream().filter(l -> l.kind() == Policy.LayerKind.POOL).map(LayerInfo::name)
                        .collect(Collectors.toSet()));
        VenueAccounts accounts = null;
        if (policy.exchangeModel() && policy.ast().usesAccountValues()) {
            accounts = accounts(stores, event, positionsFile, marketsFile, accountsFile);
        }
        return new Read(new Venue(buffers.layers(), accounts), buffers);
    }

    private static VenueAccounts accounts(Map<String, PositionStore> stores, Event event, Path positionsFile,
                                          Path marketsFile, Path accountsFile) {
        Map<String, VenueCsv.Market> markets = marketsFile == null ? Map.of()
                : csv(marketsFile, r -> VenueCsv.markets(r, marketsFile.toString()));
        Map<String, BigDecimal> balances = accountsFile == null ? Map.of()
                : csv(accountsFile, r -> VenueCsv.accounts(r, accountsFile.toString()));
        // the event's own mark decides its market, whatever the markets file says
        return VenueAccounts.ofEvent(stores, event, marketsFile == null ? null : markets, balances,
                String.valueOf(marketsFile), positionsFile.toString());
    }

    private interface Reading<T> {
        T read(BufferedReader r);
    }

    private static <T> T csv(Path file, Reading<T> reading) {
        try (BufferedReader r = PolicyFiles.open(file)) {
            return reading.read(r);
        } catch (IOException | UncheckedIOException e) {
            throw new CliException(file + ": error: cannot read the file (" + e.getMessage() + ")");
        }
    }
}
