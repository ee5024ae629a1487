package dev.adl.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adl.cli.Main;
import dev.adl.cli.Scenario;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every scenario under examples/ through the real `adl run` command and compares its
 * stdout with the hand-computed expected result, field by field and in the contract's order.
 */
class ExampleScenariosTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONTRACT_FIELDS = List.of("policy", "version", "market", "bankrupt_account",
            "side", "size", "bankruptcy_price", "shortfall", "fund_before", "fund_absorbed_size", "fund_paid",
            "fund_after", "adl_size", "unresolved_size", "fills", "rules_fired");
    private static final List<String> FILL_FIELDS = List.of("account", "side", "size", "price", "realized_pnl",
            "tier", "rank");

    // version 2 (EXCHANGE.md section 2): the layers and the latch after the fund's fields, a fee per fill
    private static final List<String> V2_FIELDS = List.of("policy", "version", "market", "bankrupt_account",
            "side", "size", "bankruptcy_price", "shortfall", "fund_before", "fund_absorbed_size", "fund_paid",
            "fund_after", "adl_size", "unresolved_size", "layers", "trigger_active_after", "fills", "rules_fired");
    private static final List<String> V2_FILL_FIELDS = List.of("account", "side", "size", "price", "realized_pnl",
            "fee", "tier", "rank");

    static List<Scenario> scenarios() {
        return Scenario.findAll(Path.of("").toAbsolutePath());
    }

    @Test
    void everyExampleHasAtLeastOneScenario() {
        assertThat(scenarios()).extracting(Scenario::example).contains("bitmex-queue", "okx-drawdown",
                "hyperliquid-style", "dydx-style", "pro-rata", "tiered-exposure", "reference",
                "venue-waterfall");
        assertThat(scenarios()).allSatisfy(s ->
                assertThat(s.expectedJson() != null || s.expectedError() != null)
                        .as("%s/%s has an expected result", s.example(), s.name()).isTrue());
    }

    @Test
    void theDemoRunsEveryScenarioWithItsVenue() {
        StringWriter out = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "demo", "--examples", ".");
        assertThat(out.toString()).contains("venue-waterfall / eth-shortfall: ok", "account-level / btc-account-order: ok")
                .contains(scenarios().size() + " scenarios, 0 not as expected");
        assertThat(code).isZero();
    }

    @TestFactory
    Stream<DynamicTest> scenariosProduceTheirExpectedResults() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.example() + "/" + s.name(), () -> run(s)));
    }

    private static void run(Scenario s) throws Exception {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(s.runArgs());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (s.expectedJson() != null) {
            assertThat(err.toString()).as("stderr").isEmpty();
            assertThat(code).isZero();
            JsonNode actual = JSON.readTree(out.toString());
            JsonNode expected = JSON.readTree(Files.readString(s.expectedJson()));
            boolean v2 = actual.has("layers");
            List<String> fields = v2 ? V2_FIELDS : CONTRACT_FIELDS;
            assertThat(fieldNames(actual)).containsExactlyElementsOf(fields);
            for (JsonNode fill : actual.get("fills")) {
                assertThat(fieldNames(fill)).containsExactlyElementsOf(v2 ? V2_FILL_FIELDS : FILL_FIELDS);
            }
            for (String field : fields) {
                assertThat(actual.get(field)).as(field).isEqualTo(expected.get(field));
            }
        } else {
            assertThat(code).isNotZero();
            assertThat(out.toString()).as("stdout on error").isEmpty();
            assertThat(s.matchesError(err.toString())).as("stderr `%s` holds every line of %s", err,
                    s.expectedError().getFileName()).isTrue();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }
}
