package dev.adl.lab;

import dev.adl.runtime.InputException;
import dev.adl.runtime.PositionStore;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The venue folder: what it holds, and each bad input named by file, line and column. */
class VenueReaderTest {
    private static final String MARKETS = "market,lot_size,mark_price,maintenance_margin,policy\n"
            + "BTC-PERP,0.001,50000,0.005,q.adl\nETH-PERP,0.01,3000,0.01,q.adl\n";
    private static final String POSITIONS = LabFixture.positions("""
            a,BTC-PERP,long,1,50000,5000
            b,BTC-PERP,short,1,50000,5000
            a,ETH-PERP,short,2,3000,600
            """);
    private static final String BUFFERS = """
            {"layers": {"btc-fund": {"balance": "1000", "history": [{"at": "2026-01-01T00:00:00Z", "balance": "1500"}]},
                        "eth-fund": {"balance": "500", "paid": [{"at": "2026-01-01T00:00:00Z", "amount": "20"}]}}}
            """;

    private static Map<String, String> files() {
        Map<String, String> f = new HashMap<>();
        f.put("markets.csv", MARKETS);
        f.put("positions.csv", POSITIONS);
        f.put("buffers.json", BUFFERS);
        return f;
    }

    private static VenueSnapshot read(Map<String, String> files) {
        return VenueReader.read(LabFixture.source(files));
    }

    @Test
    void aVenueHoldsItsMarketsStoresBalancesAndLayers() {
        Map<String, String> f = files();
        f.put("accounts.csv", "account,balance\na,250.5\n");
        VenueSnapshot v = read(f);
        assertThat(LabFixture.names(v)).containsExactly("BTC-PERP", "ETH-PERP");
        assertThat(v.stores().get("ETH-PERP").rows()).isEqualTo(1);
        assertThat(v.balances()).containsOnlyKeys("a");
        // without a fund column every market draws on the first layer
        assertThat(v.buffers().layerOf("ETH-PERP")).isEqualTo("btc-fund");
        assertThat(v.buffers().names()).containsExactly("btc-fund", "eth-fund");
        assertThat(v.positions()).isEqualTo(3);
    }

    @Test
    void aFundColumnMapsEachMarketToItsLayer() {
        Map<String, String> f = files();
        f.put("markets.csv", "market,lot_size,mark_price,maintenance_margin,policy,fund\n"
                + "BTC-PERP,0.001,50000,0.005,q.adl,btc-fund\nETH-PERP,0.01,3000,0.01,q.adl,eth-fund\n");
        assertThat(read(f).buffers().layerOf("ETH-PERP")).isEqualTo("eth-fund");
        f.put("markets.csv", "market,lot_size,mark_price,maintenance_margin,policy,fund\n"
                + "BTC-PERP,0.001,50000,0.005,q.adl,sol-fund\nETH-PERP,0.01,3000,0.01,q.adl,eth-fund\n");
        assertThatThrownBy(() -> read(f)).isInstanceOf(InputException.class)
                .hasMessage("venue/markets.csv: market `BTC-PERP` draws on layer `sol-fund`, which "
                        + "venue/buffers.json does not have");
    }

    @Test
    void aStoreCopyIsIndependentOfTheVenue() {
        VenueSnapshot v = read(files());
        PositionStore copy = v.copyStores().get("BTC-PERP");
        dev.adl.runtime.ForcedClose.closeAtMark(copy, 0, new java.math.BigDecimal("49000"));
        assertThat(copy.sizeFixed(0)).isZero();
        assertThat(v.stores().get("BTC-PERP").sizeFixed(0)).isEqualTo(100_000_000L);
        assertThat(copy.house()).isEqualByComparingTo("1");
    }

    @Test
    void badCellsAreNamedByFileLineAndColumn() {
        Map<String, String> f = files();
        f.put("markets.csv", MARKETS.replace("0.01,q.adl", "1.5,q.adl"));
        assertThatThrownBy(() -> read(f)).hasMessage("venue/markets.csv:3:20: maintenance margin `1.5` must be at "
                + "least 0 and below 1 (a fraction of notional)");
        f.put("markets.csv", MARKETS + "BTC-PERP,1,1,0,q.adl\n");
        assertThatThrownBy(() -> read(f)).hasMessage("venue/markets.csv:4:1: market `BTC-PERP` is given twice "
                + "(first on line 2)");
        f.put("markets.csv", MARKETS.replace("50000,0.005", "-5,0.005"));
        assertThatThrownBy(() -> read(f)).hasMessage("venue/markets.csv:2:16: mark price `-5` must be greater than 0");
    }

    @Test
    void positionsOfAnUnknownMarketAndBadBuffersAreRefused() {
        Map<String, String> f = files();
        f.put("positions.csv", POSITIONS + "c,SOL-PERP,long,1,100,10\n");
        assertThatThrownBy(() -> read(f)).hasMessage("venue/positions.csv: market `SOL-PERP` is not in venue/markets.csv");
        Map<String, String> g = files();
        g.put("buffers.json", "{\"layers\": {\"f\": {\n  \"balance\": \"-1\"}}}");
        assertThatThrownBy(() -> read(g)).hasMessage("venue/buffers.json:2:3: `balance` `-1` must not be negative");
        g.put("buffers.json", "{\"layers\": {\"f\": {\"balance\": \"1\", \"kind\": \"fund\"}}}");
        assertThatThrownBy(() -> read(g)).hasMessage("venue/buffers.json:1:35: unknown field `kind`");
        g.remove("buffers.json");
        assertThatThrownBy(() -> read(g)).hasMessage("venue/buffers.json: no such file");
    }

    @Test
    void scenarioProblemsAreNamedByLineAndColumn() {
        List<String> markets = List.of("BTC-PERP");
        assertThatThrownBy(() -> ScenarioJson.read("s.json", "{\"steps\": 2,\n \"returns\": {\"SOL-PERP\": [0, 0]}}",
                markets)).hasMessage("s.json:2:14: market `SOL-PERP` is not a market of the venue");
        assertThatThrownBy(() -> ScenarioJson.read("s.json", "{\"steps\": 2, \"returns\": {\"BTC-PERP\": [0]}}",
                markets)).hasMessageContaining("must be a list of 2 numbers, one per step");
        assertThatThrownBy(() -> ScenarioJson.read("s.json", "{\"steps\": 2}", markets))
                .hasMessage("s.json:1:1: the scenario needs exactly one of `returns` and `shock`");
        assertThatThrownBy(() -> ScenarioJson.read("s.json", "{\"steps\": 2, \"step\": \"2w\", \"shock\": {}}",
                markets)).hasMessageContaining("`step` `2w` must be a duration");
        assertThat(ScenarioJson.read("dir/crash.json", "{\"steps\": 2, \"step\": \"4h\", \"shock\": {}}", markets)
                .at(2)).isEqualTo(java.time.Instant.parse("2026-01-01T08:00:00Z"));
    }
}
