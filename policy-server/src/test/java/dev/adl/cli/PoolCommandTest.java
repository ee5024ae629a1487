package dev.adl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.adl.cli.CommandLineTest.adl;
import static org.assertj.core.api.Assertions.assertThat;

/** `adl pool` with real files: the new state and the results, and bad files named with line and column. */
class PoolCommandTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void printsTheNewStateWithAResultPerOperation() throws IOException {
        Path state = write("state.json", "{\"value\": \"0\", \"reserve\": \"0\", \"total_shares\": \"0\","
                + " \"cooldown\": \"13d\", \"stakers\": {}}");
        Path ops = write("ops.json", """
                [{"op": "stake", "at": "2026-01-01T00:00:00Z", "staker": "alice", "amount": "1000"},
                 {"op": "stake", "at": "2026-01-01T01:00:00Z", "staker": "bob", "amount": "500"},
                 {"op": "revenue", "at": "2026-01-02T00:00:00Z", "amount": "300"},
                 {"op": "unstake_request", "at": "2026-01-02T00:00:00Z", "staker": "bob", "shares": "250"},
                 {"op": "withdraw", "at": "2026-01-03T00:00:00Z", "staker": "bob"},
                 {"op": "stake", "at": "2026-01-01T00:00:00Z", "staker": "carol", "amount": "1"}]
                """);
        CommandLineTest.Run r = adl("pool", "--state", state.toString(), "--ops", ops.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        JsonNode out = new ObjectMapper().readTree(r.out());
        // 1500 shares worth 1800: bob's 250 are worth 300 at the request
        assertThat(out.get("value").asText()).isEqualTo("1800");
        assertThat(out.get("total_shares").asText()).isEqualTo("1500");
        assertThat(out.get("stakers").get("bob").get("value").asText()).isEqualTo("600");
        assertThat(out.get("stakers").get("bob").get("request").get("value_at_request").asText()).isEqualTo("300");
        JsonNode results = out.get("results");
        assertThat(results).hasSize(6);
        assertThat(results.get(1).get("shares").asText()).isEqualTo("500");
        assertThat(results.get(4).get("ok").asBoolean()).isFalse();
        assertThat(results.get(4).get("error").asText()).startsWith("staker `bob` may withdraw from `2026-01-15T00:00:00Z`");
        assertThat(results.get(5).get("error").asText()).contains("is earlier than the operation before it");

        // the output is a state again: fed back with nothing to do it comes out the same
        Path again = write("again.json", r.out());
        CommandLineTest.Run r2 = adl("pool", "--state", again.toString(), "--ops", write("none.json", "[]").toString());
        JsonNode out2 = new ObjectMapper().readTree(r2.out());
        assertThat(out2.get("stakers")).isEqualTo(out.get("stakers"));
        assertThat(out2.get("results")).isEmpty();
    }

    @Test
    void aBadFileIsNamedWithItsLineAndColumn() throws IOException {
        Path state = write("state.json", "{\"value\": \"0\", \"reserve\": \"0\", \"total_shares\": \"0\",\n"
                + " \"cooldown\": \"two weeks\", \"stakers\": {}}");
        Path ops = write("ops.json", "[]");
        CommandLineTest.Run r = adl("pool", "--state", state.toString(), "--ops", ops.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(state + ":2:2: cooldown `two weeks` must be a duration such as `30s`, `5m`,"
                + " `8h` or `13d`\n");

        Path good = write("good.json", "{\"value\": \"0\", \"reserve\": \"0\", \"total_shares\": \"0\","
                + " \"cooldown\": \"1d\", \"stakers\": {}}");
        CommandLineTest.Run bad = adl("pool", "--state", good.toString(), "--ops",
                write("bad.json", "[{\"op\": \"stake\",\n \"at\": 5}]").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith(tmp.resolve("bad.json") + ":2:2: field `at` must be a non-empty string");

        CommandLineTest.Run missing = adl("pool", "--state", tmp.resolve("nope.json").toString(), "--ops", ops.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo(tmp.resolve("nope.json") + ": error: no such file\n");
    }
}
