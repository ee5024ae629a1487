package dev.adl.pool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.runtime.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state and operations formats of section 3: read, written back, and refused where malformed. */
class PoolJsonTest {
    private static final String STATE = """
            {"value": "1500", "reserve": "0", "total_shares": "1500", "cooldown": "13d",
             "stakers": {
               "alice": {"shares": "1000", "value": "1000",
                         "request": {"shares": "500", "value_at_request": "500", "requested_at": "2026-01-01T00:00:00Z"}},
               "bob": {"shares": 500, "request": null}}}
            """;

    @Test
    void aStateReadsAndWritesBackInTheSameForm() {
        PoolState s = PoolJson.readState("state.json", STATE);
        assertThat(s.stakers().get("bob").shares()).isEqualByComparingTo("500");
        assertThat(s.stakers().get("alice").request().valueAtRequest()).isEqualByComparingTo("500");
        ObjectNode out = PoolJson.write(s);
        assertThat(out.toString()).isEqualTo("{\"value\":\"1500\",\"reserve\":\"0\",\"total_shares\":\"1500\","
                + "\"cooldown\":\"13d\",\"stakers\":{\"alice\":{\"shares\":\"1000\",\"value\":\"1000\",\"request\":"
                + "{\"shares\":\"500\",\"value_at_request\":\"500\",\"requested_at\":\"2026-01-01T00:00:00Z\"}},"
                + "\"bob\":{\"shares\":\"500\",\"value\":\"500\",\"request\":null}}}");
        assertThat(PoolJson.state(out, "again")).isEqualTo(s);
    }

    @Test
    void operationsRunInOrderAndARefusedOneChangesNothing() {
        List<PoolOp> ops = PoolJson.readOps("ops.json", """
                [{"op": "revenue", "at": "2026-01-02T00:00:00Z", "amount": "300"},
                 {"op": "withdraw", "at": "2026-01-03T00:00:00Z", "staker": "alice"},
                 {"op": "loss", "at": "2026-01-04T00:00:00Z", "amount": 180.5},
                 {"op": "withdraw", "at": "2026-01-14T00:00:00Z", "staker": "alice"}]
                """);
        ObjectNode out = PoolJson.run(PoolJson.readState("state.json", STATE), ops);
        // revenue: 1800; withdraw refused (cooldown); loss: 1619.5; withdraw: min(500 * 1619.5 / 1500, 500) = 500
        assertThat(out.get("results").toString()).isEqualTo("[{\"op\":0,\"ok\":true},{\"op\":1,\"ok\":false,\"error\":"
                + "\"staker `alice` may withdraw from `2026-01-14T00:00:00Z` (requested at `2026-01-01T00:00:00Z`,"
                + " cooldown `13d`), not at `2026-01-03T00:00:00Z`\"},{\"op\":2,\"ok\":true,\"from_reserve\":\"0\","
                + "\"from_value\":\"180.5\"},{\"op\":3,\"ok\":true,\"payout\":\"500\",\"burned\":\"500\"}]");
        assertThat(out.get("value").asText()).isEqualTo("1119.5");
        assertThat(out.get("total_shares").asText()).isEqualTo("1000");
        assertThat(out.get("stakers").get("alice").get("request").isNull()).isTrue();
    }

    @Test
    void everyOperationWritesBackAsItWasRead() {
        String text = """
                [{"op":"stake","at":"2026-01-01T00:00:00Z","staker":"a","amount":"1.5"},
                {"op":"revenue","at":"2026-01-01T00:00:00Z","amount":"2"},
                {"op":"loss","at":"2026-01-01T00:00:00Z","amount":"3"},
                {"op":"unstake_request","at":"2026-01-01T00:00:00Z","staker":"a","shares":"0.5"},
                {"op":"unstake_cancel","at":"2026-01-01T00:00:00Z","staker":"a"},
                {"op":"withdraw","at":"2026-01-01T00:00:00Z","staker":"a"},
                {"op":"reset","at":"2026-01-01T00:00:00Z"}]""";
        List<PoolOp> ops = PoolJson.readOps("ops.json", text);
        StringBuilder back = new StringBuilder("[");
        for (PoolOp op : ops) {
            if (back.length() > 1) back.append(",\n");
            back.append(PoolJson.write(op));
            assertThat(PoolJson.op(PoolJson.write(op), "log")).isEqualTo(op);
        }
        assertThat(back.append("]").toString()).isEqualTo(text);
    }

    @Test
    void aMalformedFileIsAnErrorAtItsLineAndColumn() {
        assertThatThrownBy(() -> PoolJson.readOps("ops.json", "[\n {\"op\": \"stake\", \"at\": \"2026-01-01T00:00:00Z\","
                + " \"staker\": \"a\", \"amonut\": \"1\"}]"))
                .isInstanceOf(InputException.class)
                .hasMessage("ops.json:2:63: `stake` has no field `amonut`");
        assertThatThrownBy(() -> PoolJson.readOps("ops.json", "[{\"op\": \"burn\", \"at\": \"2026-01-01T00:00:00Z\"}]"))
                .hasMessageStartingWith("ops.json:1:3: unknown operation `burn`");
        assertThatThrownBy(() -> PoolJson.readOps("ops.json", "[{\"op\": \"reset\", \"at\": \"yesterday\"}]"))
                .hasMessageStartingWith("ops.json:1:18: field `at` must be an ISO-8601 instant");
        assertThatThrownBy(() -> PoolJson.readOps("ops.json", "[{\"op\": \"reset\""))
                .hasMessageStartingWith("ops.json:1:").hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> PoolJson.readState("state.json", STATE.replace("\"total_shares\": \"1500\"",
                "\"total_shares\": \"1400\""))).hasMessage("state.json:1:35: `total_shares` is `1400` but the"
                + " stakers' shares add up to `1500`");
        assertThatThrownBy(() -> PoolJson.readState("state.json", STATE.replace("13d", "2 weeks")))
                .hasMessageContaining("cooldown `2 weeks` must be a duration");
    }
}
