package dev.adl.server;

import dev.adl.io.SyntheticMarket;
import dev.adl.runtime.Event;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * What a first start loads so that every endpoint can be tried at once: a few markets, each
 * with one of the repository's example policies active, a seeded synthetic store and a fund;
 * two of them share the venue's layers ({@link ExampleLayers}) through a version 2 waterfall.
 * Everything goes through the same operations as a client's requests, so it is on record.
 */
final class ExampleMarkets {
    /** An example policy folder and the market it runs (a name its {@code markets} globs match). */
    record Example(String folder, String market, long seed) {
    }

    static final List<Example> EXAMPLES = List.of(
            new Example("reference", "BTC-PERP", 1),
            new Example("bitmex-queue", "XBTUSD", 2),
            new Example("okx-drawdown", "BTC-USDT-SWAP", 3),
            new Example("pro-rata", "SOL-PERP", 4),
            // one staking pool backs these two: their events draw on ExampleLayers' fund, pool and backstop
            new Example("shared-pool", "ETH-PERP", 5),
            new Example("shared-pool", "AVAX-PERP", 6));

    /** The synthetic stores' clock: fixed, so the same seed gives the same store on every machine. */
    static final Instant AS_OF = Instant.parse("2026-01-01T08:00:00Z");

    private static final Caller LOADER = new Caller("examples", "examples", EnumSet.of(Role.OPERATOR));
    private static final Caller REVIEWER = new Caller("examples-review", "examples-review", EnumSet.of(Role.OPERATOR));

    private ExampleMarkets() {
    }

    static void load(ServerState state, Path examplesDir, int positions, PrintStream log) throws IOException {
        if (examplesDir == null || !Files.isDirectory(examplesDir)) {
            log.println("adl serve: no examples folder at `" + examplesDir + "`; starting with no markets");
            return;
        }
        int loaded = 0;
        for (Example e : EXAMPLES) {
            Path policyFile = examplesDir.resolve(e.folder()).resolve("policy.adl");
            if (!Files.isRegularFile(policyFile)) continue;
            try {
                String text = Files.readString(policyFile, StandardCharsets.UTF_8);
                PolicyVersion pv = state.policies.create(LOADER, text).policy();
                state.markets.put(LOADER, e.market(), new BigDecimal("0.001"), new BigDecimal("1000"));
                StringWriter pos = new StringWriter();
                // The synthetic exposures are not loaded: their rows go stale a minute after AS_OF.
                new SyntheticMarket(e.market(), positions, e.seed(), AS_OF).write(pos, new StringWriter());
                state.inputs.putPositions(LOADER, e.market(), pos.toString().getBytes(StandardCharsets.UTF_8), true);
                state.inputs.putFund(LOADER, e.market(), new BigDecimal("300000"),
                        List.of(new Event.FundPoint(AS_OF.minusSeconds(6 * 3600), new BigDecimal("320000"))));
                if (state.activations.twoPerson()) state.activations.approve(REVIEWER, e.market(), pv.name(), pv.version());
                state.activations.activate(LOADER, e.market(), pv.name(), pv.version());
            } catch (ApiException ex) {
                // an example that no longer compiles must not keep the server from starting
                log.println("adl serve: skipped the example `" + e.folder() + "`: " + ex.getMessage());
                continue;
            }
            loaded++;
        }
        log.println("adl serve: loaded " + loaded + " example markets with " + positions + " positions each");
        ExampleLayers.load(state, log);
    }
}
