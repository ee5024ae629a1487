package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.diag.Echo;
import dev.adl.lab.RecordedEvents;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A replay job's request, in either of its two forms: the events as the body, one JSON a
 * line ({@code application/x-ndjson}, policies and margin in the query, as before), or one
 * JSON object {@code {events, actual, policies, maintenance_margin}} whose {@code events}
 * are the same lines as text or a list of event objects, and whose {@code actual} is what
 * {@code adl replay --actual} reads: its CSV as text, or a list of {@code {event, account,
 * size, price}} rows. Problems are located in the events (line = event number) or in the
 * actual fills (line = CSV line, the header being line 1).
 */
record LabReplayRequest(List<RecordedEvents.Recorded> events, String eventsSha256, List<RecordedEvents.ActualFill> actual,
                        List<Requests.VersionRef> policies, BigDecimal maintenance) {
    private static final Set<String> FIELDS = Set.of("events", "actual", "policies", "maintenance_margin");
    private static final List<String> ACTUAL_COLUMNS = List.of("event", "account", "size", "price");

    static LabReplayRequest of(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(Http.JSON)) return ofJson(Http.body(ctx));
        String text = Http.body(ctx);
        List<Requests.VersionRef> refs = new ArrayList<>();
        for (String p : ctx.queryParam("policy")) {
            int at = p.lastIndexOf(':');
            if (at <= 0) {
                throw ApiException.badRequest("query parameter `policy` must be `name:version`, got `" + Echo.of(p) + "`");
            }
            refs.add(new Requests.VersionRef(p.substring(0, at), Http.versionParam(p.substring(at + 1))));
        }
        BigDecimal mm = ctx.queryParams().contains("maintenance_margin")
                ? LabApi.maintenance(Json.object().put("maintenance_margin", ctx.queryParams().get("maintenance_margin")))
                : LabVenue.DEFAULT_MAINTENANCE;
        return new LabReplayRequest(RecordedEvents.read("events", text), Hashes.sha256(text), null, refs, mm);
    }

    private static LabReplayRequest ofJson(String text) {
        ObjectNode body = Json.requestObject(text);
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw ApiException.badRequest("unknown field `" + Echo.of(f) + "`; a replay takes " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        });
        String events = eventsText(body.get("events"));
        List<RecordedEvents.Recorded> recorded = RecordedEvents.read("events", events);
        JsonNode a = body.get("actual");
        List<RecordedEvents.ActualFill> actual = a == null || a.isNull() ? null
                : RecordedEvents.actual("actual", actualCsv(a), recorded);
        return new LabReplayRequest(recorded, Hashes.sha256(events), actual, LabApi.refs(body.get("policies")),
                LabApi.maintenance(body));
    }

    /** The events as the lines of an events file: text as given, or each object of the list on its own line. */
    private static String eventsText(JsonNode events) {
        if (events == null || events.isNull()) throw ApiException.badRequest("field `events` is required");
        if (events.isTextual()) return events.asText();
        if (!events.isArray()) {
            throw ApiException.badRequest("field `events` must be the events file as text or a list of event objects");
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : events) sb.append(Json.write(e)).append('\n');
        return sb.toString();
    }

    /** The actual fills as the CSV {@code adl replay --actual} reads: text as given, or the rows written out. */
    private static String actualCsv(JsonNode actual) {
        if (actual.isTextual()) return actual.asText();
        if (!actual.isArray()) {
            throw ApiException.badRequest("field `actual` must be the fills CSV as text or a list of {event, account, size, price}");
        }
        StringBuilder sb = new StringBuilder(RecordedEvents.ACTUAL_HEADER).append('\n');
        int i = 0;
        for (JsonNode row : actual) {
            i++;
            if (!row.isObject()) throw ApiException.badRequest("entry " + i + " of `actual` must be an object");
            List<String> cells = new ArrayList<>();
            for (String c : ACTUAL_COLUMNS) {
                JsonNode v = row.get(c);
                String s = v == null || v.isNull() ? "" : v.isNumber() ? v.decimalValue().toPlainString() : v.asText();
                if (s.contains(",") || s.contains("\n") || s.contains("\"")) {
                    throw ApiException.badRequest("entry " + i + " of `actual`: `" + c + "` must not hold a comma,"
                            + " a quote or a line break");
                }
                cells.add(s);
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }
}
