package dev.adl.cli;

import dev.adl.io.SyntheticMarket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** `adl generate`: writes a reproducible synthetic market (positions, exposures, event) into a folder. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a reproducible synthetic market: positions.csv, exposures.csv and event.json.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--positions", defaultValue = "1000000", description = "number of positions (default ${DEFAULT-VALUE})")
    int positions;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--market", defaultValue = "BTC-PERP", description = "market name (default ${DEFAULT-VALUE})")
    String market;

    @Option(names = "--mark", defaultValue = "1000",
            description = "mark price, a whole number such as 50000 for BTC; prices, collateral and the fund scale "
                    + "with it, sizes do not (default ${DEFAULT-VALUE})")
    long mark;

    @Option(names = "--out", required = true, description = "folder to write into (created if missing)")
    Path out;

    @Override
    public Integer call() {
        if (positions < 4) throw new CliException("adl generate: --positions must be at least 4");
        if (mark < 1 || mark > 10_000_000) throw new CliException("adl generate: --mark must be 1 to 10000000");
        Instant now = Instant.parse("2026-01-01T08:00:00Z");
        SyntheticMarket synth = new SyntheticMarket(market, positions, seed, now, mark);
        try {
            Files.createDirectories(out);
            try (BufferedWriter pos = Files.newBufferedWriter(out.resolve("positions.csv"), StandardCharsets.UTF_8);
                 BufferedWriter exp = Files.newBufferedWriter(out.resolve("exposures.csv"), StandardCharsets.UTF_8)) {
                synth.write(pos, exp);
            }
            Files.writeString(out.resolve("event.json"), synth.eventJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write (" + e.getMessage() + ")", e);
        }
        spec.commandLine().getOut().println("wrote " + positions + " positions of " + market + " at mark " + mark
                + " to " + out);
        return 0;
    }
}
