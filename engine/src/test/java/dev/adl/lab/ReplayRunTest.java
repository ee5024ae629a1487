package dev.adl.lab;

import dev.adl.runtime.InputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static dev.adl.lab.LabFixture.positions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recorded events replayed under policies, and compared with what the venue did. */
class ReplayRunTest {
    private static final String MARKETS = "market,lot_size,mark_price,maintenance_margin,policy\n"
            + "BTC-PERP,1,100,0,p.adl\n";
    private static final String POSITIONS = positions("""
            B,BTC-PERP,long,10,100,50
            C,BTC-PERP,long,4,100,20
            S1,BTC-PERP,short,5,110,100
            S2,BTC-PERP,short,5,120,100
            S3,BTC-PERP,short,4,100,100
            """);
    private static final String EVENTS = """
            {"market": "BTC-PERP", "mark_price": "90", "lot_size": "1", "insurance_fund": "999", "now": "2026-01-01T00:01:00Z", "bankrupt_account": "B"}

            {"market": "BTC-PERP", "mark_price": "90", "lot_size": "1", "insurance_fund": "999", "now": "2026-01-01T00:02:00Z", "bankrupt_account": "C"}
            {"market": "BTC-PERP", "mark_price": "90", "lot_size": "1", "insurance_fund": "999", "now": "2026-01-01T00:03:00Z", "bankrupt_account": "C"}
            """;

    @Test
    void eventsRunInOrderAgainstTheLayerBookAndDifferentPoliciesCloseDifferentAccounts() {
        VenueSnapshot venue = LabFixture.venue(MARKETS, POSITIONS, "{\"layers\": {\"fund\": {\"balance\": \"20\"}}}");
        List<RecordedEvents.Recorded> events = RecordedEvents.read("events.jsonl", EVENTS);
        assertThat(events).extracting(RecordedEvents.Recorded::line).containsExactly(1, 3, 4);
        List<RecordedEvents.ActualFill> actual = RecordedEvents.actual("fills.csv",
                "event,account,size,price\n1,S3,4,95\n1,S1,2,95\n3,S3,0.5,95\n", events);
        ReplayRun.Result queue = ReplayRun.run(venue, LabFixture.everywhere(venue, LabFixture.QUEUE), "events.jsonl",
                events, actual);
        // B: u 5 on 10, the fund's 20 takes 4 lots, ADL 6 at 95: S2 (upnl 150) 5, S1 (upnl 100) 1.
        // C: bp 95, u 5 on 4, the fund is empty: ADL 4: S1 4. Line 4 names C again, closed by then.
        assertThat(queue.metrics().bankruptcies()).isEqualTo(2);
        assertThat(queue.metrics().shortfall()).isEqualByComparingTo("70");
        assertThat(queue.metrics().paid()).containsEntry("fund", new BigDecimal("20"));
        assertThat(queue.skipped()).containsExactly(4);
        assertThat(queue.closedSize()).containsOnlyKeys("S1", "S2");
        assertThat(queue.closedSize().get("S1")).isEqualByComparingTo("5");
        assertThat(queue.comparison().both()).containsExactly("S1");
        assertThat(queue.comparison().policyOnly()).containsExactly("S2");
        assertThat(queue.comparison().venueOnly()).containsExactly("S3");
        assertThat(queue.comparison().closed().get("S3")).extracting(BigDecimal::toPlainString)
                .containsExactly("0", "4.5");
        assertThat(queue.metrics().priceImpact()).isEmpty();

        // pro rata over everyone in profit (S1 20/unit, S2 30/unit, S3 10/unit up) spreads the same loss
        ReplayRun.Result proRata = ReplayRun.run(venue, LabFixture.everywhere(venue, LabFixture.PRO_RATA),
                "events.jsonl", events, actual);
        assertThat(proRata.metrics().shortfall()).isEqualByComparingTo("70");
        assertThat(proRata.comparison().both()).contains("S3");
        String json = LabJson.replay("events.jsonl", List.of(queue, proRata));
        assertThat(json).contains("\"skipped_events\": [ 4 ]").contains("\"venue_only\": [ \"S3\" ]");
    }

    @Test
    void badLinesAreNamedByTheirLine() {
        assertThatThrownBy(() -> RecordedEvents.read("events.jsonl", "\n{\"market\": \"BTC-PERP\"}\n"))
                .isInstanceOf(InputException.class).hasMessageStartingWith("events.jsonl:2:");
        List<RecordedEvents.Recorded> events = RecordedEvents.read("events.jsonl", EVENTS);
        assertThatThrownBy(() -> RecordedEvents.actual("fills.csv", "event,account,size,price\n2,S1,1,95\n", events))
                .hasMessage("fills.csv:2:1: event 2 is not a line with an event");
        VenueSnapshot venue = LabFixture.venue(MARKETS, POSITIONS, "{\"layers\": {\"fund\": {\"balance\": \"20\"}}}");
        List<RecordedEvents.Recorded> unknown = RecordedEvents.read("events.jsonl", EVENTS.replace("\"C\"", "\"Z\""));
        assertThatThrownBy(() -> ReplayRun.run(venue, LabFixture.everywhere(venue, LabFixture.QUEUE), "events.jsonl",
                unknown, null)).hasMessage("events.jsonl:3: account `Z` has no position in market `BTC-PERP`");
    }
}
