package dev.adl.lab;

import dev.adl.compile.CompileResult;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.PolicyCompiler;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Small venues held in memory for the lab's tests. */
final class LabFixture {
    static final String QUEUE = """
            policy "queue" version 1
            markets "*"
            rank by upnl
            reduce { tier "all" : queue }
            """;
    static final String PRO_RATA = """
            policy "pro-rata" version 1
            markets "*"
            eligible when upnl > 0
            reduce { tier "all" : pro_rata 100% }
            """;

    private LabFixture() {
    }

    /** A venue from file texts by name. */
    static VenueSource source(Map<String, String> files) {
        Map<String, String> copy = new HashMap<>(files);
        return new VenueSource() {
            @Override
            public byte[] read(String file) {
                String t = copy.get(file);
                return t == null ? null : t.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String display(String file) {
                return "venue/" + file;
            }
        };
    }

    static VenueSnapshot venue(String markets, String positions, String buffers) {
        return VenueReader.read(source(Map.of("markets.csv", markets, "positions.csv", positions,
                "buffers.json", buffers)));
    }

    static String positions(String rows) {
        return "account,market,side,size,entry_price,collateral\n" + rows;
    }

    static CompiledPolicy compile(String text) {
        CompileResult r = PolicyCompiler.compile("test.adl", text);
        assertThat(r.ok()).as(r.formatDiagnostics()).isTrue();
        return r.policy();
    }

    static PolicySet everywhere(VenueSnapshot venue, String policy) {
        return PolicySet.everywhere(compile(policy), venue.markets(), "test.adl");
    }

    static StressScenario returns(String json, VenueSnapshot venue) {
        return ScenarioJson.read("scenario.json", json, venue.markets().stream().map(MarketSpec::market).toList());
    }

    static PathResult onePath(VenueSnapshot venue, String policy, StressScenario scenario, PathRun.Listener listener) {
        PolicySet set = everywhere(venue, policy);
        java.math.BigDecimal[][] returns = new ReturnPaths(scenario, names(venue)).path(1, 1);
        return new PathRun(venue, set.byMarket(), scenario, listener).run(1, returns);
    }

    static List<String> names(VenueSnapshot v) {
        return v.markets().stream().map(MarketSpec::market).toList();
    }
}
