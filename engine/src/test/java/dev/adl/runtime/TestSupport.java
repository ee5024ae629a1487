package dev.adl.runtime;

import dev.adl.compile.CompileResult;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.PolicyCompiler;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers shared by the scenario and property tests. */
final class TestSupport {
    static final Instant NOW = Instant.parse("2026-01-01T08:00:00Z");

    private TestSupport() {
    }

    static CompiledPolicy compile(String text) {
        CompileResult result = PolicyCompiler.compile("test.adl", text);
        assertThat(result.ok()).as(result.formatDiagnostics()).isTrue();
        return result.policy();
    }

    static PositionStore store(String market, String csvRows) {
        return PositionsCsv.read(new StringReader(PositionsCsv.HEADER + "\n" + csvRows), "pos.csv").get(market);
    }

    static ExposureFeed exposures(String csvRows) {
        return ExposuresCsv.read(new StringReader(ExposuresCsv.HEADER + "\n" + csvRows), "exp.csv");
    }

    static Event event(String market, String mark, String lot, String fund, String bankrupt) {
        return new Event(market, new BigDecimal(mark), new BigDecimal(lot), new BigDecimal(fund), NOW, List.of(),
                bankrupt);
    }

    static Event withHistory(Event e, List<Event.FundPoint> history) {
        return new Event(e.market(), e.markPrice(), e.lotSize(), e.insuranceFund(), e.now(), history,
                e.bankruptAccount());
    }

    /** Everything observable about a store, for equality checks. */
    record Snapshot(List<Position> rows, BigDecimal longTotal, BigDecimal shortTotal, BigDecimal house) {
    }

    static Snapshot snapshot(PositionStore store) {
        List<Position> rows = new ArrayList<>();
        store.forEach(rows::add);
        return new Snapshot(rows, store.longTotal(), store.shortTotal(), store.house());
    }

    static void assertBalanced(PositionStore store) {
        BigDecimal house = store.house();
        assertThat(store.longTotal().add(house.max(BigDecimal.ZERO)))
                .isEqualByComparingTo(store.shortTotal().add(house.negate().max(BigDecimal.ZERO)));
    }
}
