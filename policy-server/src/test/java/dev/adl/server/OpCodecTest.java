package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adl.runtime.Event;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operations log's one codec: every kind of operation reads back as it was written. */
class OpCodecTest {
    private static final Instant AT = Instant.parse("2026-01-01T08:00:00Z");
    private static final List<Event.FundPoint> HISTORY = List.of(
            new Event.FundPoint(Instant.parse("2026-01-01T02:00:00Z"), new BigDecimal("320000.12345678")));

    /** One sample of each kind; a new kind without a sample fails {@link #everyKindHasASample()}. */
    private static List<Op> samples() {
        JsonNode result = Json.parse("{\"market\":\"BTC-PERP\",\"fills\":[{\"account\":\"S1\",\"size\":\"0.001\"}]}");
        return List.of(
                new Op.PolicyStored(AT, "paul", "t1", "ref", 3, "ab12"),
                new Op.MarketSet(AT, "otto", "t2", "BTC-PERP", new BigDecimal("0.001"), new BigDecimal("50000.5")),
                new Op.PositionsPut(AT, "otto", "t2", "BTC-PERP", Op.PositionsPut.CHANGES, "cd34"),
                new Op.FundSet(AT, "otto", "t2", "BTC-PERP", new BigDecimal("300000"), HISTORY),
                new Op.ExposuresPut(AT, "otto", "t2", "venue-b", "ef56"),
                new Op.AccountsPut(AT, "otto", "t2", "9a8b"),
                new Op.EventApplied(AT, "otto", "t2", "BTC-PERP", 7, "L1", new BigDecimal("49000.00000001"),
                        AT.plusSeconds(5), "ref", 3, "ab12", result),
                new Op.Activated(AT, "otto", "t2", "BTC-PERP", Op.Activated.ROLLBACK, "ref", 2, "ab11"),
                new Op.Approved(AT, "anna", "t3", "BTC-PERP", "ref", 3, "ab12"),
                new Op.SnapshotTaken(AT, "server", "server", "BTC-PERP", "0a0b", new BigDecimal("0.001"),
                        new BigDecimal("50000"), new BigDecimal("1.5"), HISTORY, 1000, null),
                new Op.SnapshotTaken(AT, "server", "server", "ETH-PERP", "0a0c", BigDecimal.ONE,
                        new BigDecimal("3200"), BigDecimal.ZERO, List.of(), 2, true),
                new Op.LayerSet(AT, "otto", "t2", "btc-fund", "fund", new BigDecimal("250000.5"), null),
                new Op.PoolChanged(AT, "alice", "t4", "stakers", Json.parse(
                        "{\"op\":\"stake\",\"at\":\"2026-01-01T08:00:00Z\",\"staker\":\"alice\",\"amount\":\"10.5\"}")),
                new Op.LayersPaid(AT, "otto", "t2", "BTC-PERP", List.of(
                        new Op.Payment("btc-fund", new BigDecimal("100.25"), BigDecimal.ZERO),
                        new Op.Payment("stakers", new BigDecimal("7"), new BigDecimal("0.5")))));
    }

    @Test
    void everyKindHasASample() {
        Set<Class<?>> kinds = Arrays.stream(Op.class.getPermittedSubclasses()).collect(Collectors.toSet());
        Set<Class<?>> sampled = samples().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(sampled).isEqualTo(kinds);
    }

    @Test
    void everyKindReadsBackEqual() {
        for (Op op : samples()) {
            String line = OpCodec.write(op);
            assertThat(line).doesNotContain("\n");
            assertThat(OpCodec.read(line)).as(line).isEqualTo(op);
        }
    }

    @Test
    void linesNameTheirKindFirstWithSnakeCaseFieldsAndMoneyAsPlainStrings() {
        String line = OpCodec.write(new Op.MarketSet(AT, "otto", "t2", "BTC-PERP", new BigDecimal("0.001"),
                new BigDecimal("1E+3")));
        assertThat(line).isEqualTo("{\"op\":\"market\",\"at\":\"2026-01-01T08:00:00Z\",\"who\":\"otto\","
                + "\"token\":\"t2\",\"market\":\"BTC-PERP\",\"lot_size\":\"0.001\",\"mark_price\":\"1000\"}");
    }

    @Test
    void aLineThatIsNoOperationIsRefused() {
        assertThatThrownBy(() -> OpCodec.read("{\"op\":\"teleport\",\"at\":\"2026-01-01T08:00:00Z\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teleport");
        assertThatThrownBy(() -> OpCodec.read("{\"op\":\"market\",\"at\":\"2026-01-01T08:00:00Z\",\"who\":\"o\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpCodec.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
