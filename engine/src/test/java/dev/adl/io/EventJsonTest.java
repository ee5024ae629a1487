package dev.adl.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adl.diag.Diagnostic;
import dev.adl.runtime.Event;
import dev.adl.runtime.InputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class EventJsonTest {
    private static final String GOOD = """
            {"market": "BTC-PERP", "mark_price": "1000", "lot_size": "0.001",
             "insurance_fund": "0", "now": "2026-01-01T08:00:00Z",
             "fund_history": [{"at": "2026-01-01T02:00:00Z", "balance": "1200000"}],
             "bankrupt_account": "BL"}
            """;

    private static List<Diagnostic> problems(String text) {
        try {
            EventJson.file("event.json", text);
        } catch (InputException e) {
            assertThat(e.source()).isEqualTo("event.json");
            return e.diagnostics();
        }
        throw new AssertionError("the event was accepted");
    }

    @Test
    void readsEveryFieldOfTheContract() {
        EventJson.Read r = EventJson.file("event.json", GOOD);
        Event e = r.event();
        assertThat(e.market()).isEqualTo("BTC-PERP");
        assertThat(e.markPrice()).isEqualByComparingTo("1000");
        assertThat(e.lotSize()).isEqualByComparingTo("0.001");
        assertThat(e.insuranceFund()).isZero();
        assertThat(e.now()).isEqualTo(Instant.parse("2026-01-01T08:00:00Z"));
        assertThat(e.fundHistory()).containsExactly(
                new Event.FundPoint(Instant.parse("2026-01-01T02:00:00Z"), new BigDecimal("1200000")));
        assertThat(e.bankruptAccount()).isEqualTo("BL");
        assertThat(r.at("bankrupt_account").line()).isEqualTo(4);
        assertThat(r.at("bankrupt_account").col()).isEqualTo(2);
    }

    @Test
    void everyMissingFieldIsReportedAtOnce() {
        List<Diagnostic> d = problems("""
                {"market": "BTC-PERP",
                 "mark_price": "1000",
                 "bankrupt_account": "BL"}
                """);
        assertThat(d).extracting(Diagnostic::code, Diagnostic::line, Diagnostic::col, Diagnostic::message)
                .containsExactlyInAnyOrder(
                        tuple("missing_field", 1, 1, "the event has no `lot_size` field"),
                        tuple("missing_field", 1, 1, "the event has no `insurance_fund` field"),
                        tuple("missing_field", 1, 1, "the event has no `now` field"));
    }

    @Test
    void everyBadValueIsReportedAtItsLineAndColumn() {
        List<Diagnostic> d = problems("""
                {"market": "BTC-PERP",
                 "mark_price": 1e999999999,
                   "lot_size": "1000.000000001",
                 "insurance_fund": "-5", "now": "yesterday",
                 "fund_history": [{"at": "1969-12-31T23:59:59Z", "balance": "1"}],
                 "bankrupt_account": ""}
                """);
        assertThat(d).extracting(Diagnostic::line, Diagnostic::col, Diagnostic::code).containsExactly(
                tuple(2, 2, "out_of_range"),
                tuple(3, 4, "too_precise"),
                tuple(4, 2, "out_of_range"),
                tuple(4, 26, "bad_instant"),
                tuple(5, 20, "out_of_range"),
                tuple(6, 2, "bad_value"));
        assertThat(d.get(0).message()).isEqualTo("`mark_price` must be at most 1000000000000000 in size, got `1E+999999999`");
        assertThat(d.get(1).message()).isEqualTo("`lot_size` must have at most 8 decimal places, got `1000.000000001`");
        assertThat(d.get(2).message()).isEqualTo("`insurance_fund` must be 0 or more, got `-5`");
    }

    @Test
    void rangeIsCheckedWithoutExpandingTheNumber() {
        long t0 = System.nanoTime();
        List<Diagnostic> d = problems(GOOD.replace("\"mark_price\": \"1000\"", "\"mark_price\": 1e999999999")
                .replace("\"insurance_fund\": \"0\"", "\"insurance_fund\": -1e-999999999"));
        assertThat(d).extracting(Diagnostic::code).containsExactly("out_of_range", "out_of_range");
        assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
        assertThat(problems(GOOD.replace("\"1000\"", "\"1000000000000001\""))).extracting(Diagnostic::code)
                .containsExactly("out_of_range");
        assertThat(problems(GOOD.replace("\"1000\"", "\"0\""))).extracting(Diagnostic::message)
                .containsExactly("`mark_price` must be greater than 0, got `0`");
        assertThat(EventJson.file("e", GOOD.replace("\"1000\"", "\"1000000000000000\"")).event().markPrice())
                .isEqualByComparingTo("1e15");
    }

    @Test
    void unknownAndRepeatedFieldsAndBadJsonAreRefused() {
        assertThat(problems(GOOD.replace("{\"market\"", "{\"markt\": \"x\", \"market\"")))
                .extracting(Diagnostic::code).containsExactly("unknown_field");
        assertThat(problems(GOOD.replace("{\"market\": \"BTC-PERP\",", "{\"market\": \"A\", \"market\": \"B\",")))
                .extracting(Diagnostic::code).containsExactly("duplicate_field");
        assertThat(problems("{\"market\": ")).extracting(Diagnostic::code).containsExactly("bad_json");
        assertThatThrownBy(() -> EventJson.file("event.json", "{\"market\": 1, \"lot_size\": \"x\"}"))
                .hasMessageContaining("event.json:1:2: `market` must be a string\n")
                .hasMessageContaining("event.json:1:15: `lot_size` must be a plain decimal, got `x`");
    }

    @Test
    void aRequestTakesTheRestFromTheMarket() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);
        EventJson.Request r = EventJson.request(json.readTree("{\"bankrupt_account\": \"BL\", \"mark_price\": \"990.5\"}"),
                "request", clock);
        assertThat(r.now()).isEqualTo(clock.instant());
        Event e = r.event("BTC-PERP", new BigDecimal("0.01"), new BigDecimal("7"), List.of());
        assertThat(e.markPrice()).isEqualByComparingTo("990.5");
        assertThat(e.lotSize()).isEqualByComparingTo("0.01");
        assertThat(e.insuranceFund()).isEqualByComparingTo("7");
        assertThat(e.bankruptAccount()).isEqualTo("BL");
        assertThatThrownBy(() -> EventJson.request(json.readTree("{\"mark_price\": \"-1\", \"now\": \"x\"}"),
                "request", clock)).isInstanceOfSatisfying(InputException.class, ex ->
                assertThat(ex.diagnostics()).extracting(Diagnostic::code)
                        .containsExactlyInAnyOrder("missing_field", "out_of_range", "bad_instant"));
    }
}
