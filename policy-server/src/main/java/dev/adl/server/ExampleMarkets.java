package dev.adl.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.io.SyntheticMarket;

import java.io.IOException;
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
 * with one of the repository's example policies active, a seeded synthetic store and a fund.
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
            new Example("pro-rata", "SOL-PERP", 4));

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
                PolicyVersion pv = state.createPolicy(LOADER, text).policy();
                ObjectNode market = Json.object().put("lot_size", "0.001").put("mark_price", "1000");
                state.putMarket(LOADER, e.market(), market);
                StringWriter pos = new StringWriter();
                // The synthetic exposures are not loaded: their rows go stale a minute after AS_OF.
                new SyntheticMarket(e.market(), positions, e.seed(), AS_OF).write(pos, new StringWriter());
                state.putPositions(LOADER, e.market(), pos.toString(), true);
                ObjectNode fund = Json.object().put("balance", "300000");
                fund.putArray("history").addObject().put("at", AS_OF.minusSeconds(6 * 3600).toString())
                        .put("balance", "320000");
                state.putFund(LOADER, e.market(), fund);
                ObjectNode which = Json.object().put("policy", pv.name()).put("version", pv.version());
                if (state.twoPerson) state.approve(REVIEWER, e.market(), which);
                state.activate(LOADER, e.market(), which);
            } catch (ApiException ex) {
                // an example that no longer compiles must not keep the server from starting
                log.println("adl serve: skipped the example `" + e.folder() + "`: " + ex.getMessage());
                continue;
            }
            loaded++;
        }
        log.println("adl serve: loaded " + loaded + " example markets with " + positions + " positions each");
    }
}
