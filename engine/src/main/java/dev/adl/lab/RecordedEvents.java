package dev.adl.lab;

import dev.adl.diag.Diagnostic;
import dev.adl.diag.Echo;
import dev.adl.io.EventJson;
import dev.adl.runtime.CsvRows;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.Event;
import dev.adl.runtime.InputException;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of {@code adl replay} (STRESS.md section 4): recorded bankruptcy events, one
 * event JSON per line, and optionally what the venue really closed,
 * {@code event,account,size,price} with {@code event} the event's line number.
 */
public final class RecordedEvents {
    public static final String ACTUAL_HEADER = "event,account,size,price";

    /** An event and the line of the file it is on. */
    public record Recorded(int line, Event event) {
    }

    /** One fill the venue made, for the event on line {@code event}. */
    public record ActualFill(int event, String account, BigDecimal size, BigDecimal price) {
    }

    private RecordedEvents() {
    }

    /** Every non-blank line as an event; a problem is reported at its line of the file. */
    public static List<Recorded> read(String source, String text) {
        List<Recorded> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            int line = i + 1;
            try {
                out.add(new Recorded(line, EventJson.file(source, lines[i]).event()));
            } catch (InputException e) {
                List<Diagnostic> moved = e.diagnostics().stream().map(d -> new Diagnostic(d.severity(), d.code(),
                        d.message(), line, d.col(), d.length(), d.help())).toList();
                throw new InputException(source, moved);
            }
        }
        if (out.isEmpty()) throw InputException.at(source, 1, 0, "bad_value", "the events file has no events");
        return out;
    }

    /** The venue's fills; an {@code event} that names no line of the events file is refused. */
    public static List<ActualFill> actual(String source, String text, List<Recorded> events) {
        List<ActualFill> out = new ArrayList<>();
        CsvRows.read(new StringReader(text), source, ACTUAL_HEADER, (cells, line) -> {
            int event;
            try {
                event = Integer.parseInt(CsvRows.required(cells, 0, "event"));
            } catch (NumberFormatException e) {
                throw new CsvRows.Bad(0, "bad_number", "event `" + Echo.of(cells[0]) + "` must be a line number");
            }
            if (events.stream().noneMatch(r -> r.line() == event)) {
                throw new CsvRows.Bad(0, "out_of_range", "event " + event + " is not a line with an event");
            }
            String account = CsvRows.required(cells, 1, "account");
            long size = CsvRows.fixed(cells, 2, "size");
            if (size <= 0) throw new CsvRows.Bad(2, "out_of_range", "size `" + Echo.of(cells[2]) + "` must be greater than 0");
            BigDecimal price = CsvRows.exact(cells, 3, "price");
            out.add(new ActualFill(event, account, Decimals.fromFixed(size), price));
        });
        return out;
    }
}
