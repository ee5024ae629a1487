package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.cli.LabPages;
import dev.adl.lab.LabJson;
import dev.adl.lab.PolicySet;
import dev.adl.lab.RecordedEvents;
import dev.adl.lab.ReplayRun;
import dev.adl.lab.ScenarioJson;
import dev.adl.lab.StressRun;
import dev.adl.lab.StressScenario;
import dev.adl.lab.VenueSnapshot;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The lab's routes (docs/lab.md, "Lab jobs on the server"): a stress scenario or a recorded
 * sequence of events run as a job on a copy of the server's venue ({@link LabVenue}), under
 * each market's active policy or under policies registered on the server, each named by name
 * and version. An analyst (or an operator) starts jobs and cancels its own (an operator any);
 * reading them needs a token that may read policies or an analyst's, as the results name
 * accounts and what they lost. Every start and cancel is in the audit log.
 */
final class LabApi {
    static final Set<Role> START = EnumSet.of(Role.ANALYST);
    static final Set<Role> READ = EnumSet.of(Role.VIEWER, Role.PROPOSER, Role.APPROVER, Role.OPERATOR, Role.ANALYST);
    /** The request's own fields beside the scenario's. */
    private static final Set<String> REQUEST = Set.of("policies", "paths", "seed", "maintenance_margin");
    static final int MAX_PATHS = 10_000;
    /** Up to this many paths the result keeps each path's per-account haircuts; beyond, the metrics alone. */
    static final int ACCOUNTS_UP_TO = 16;

    private final ServerState state;
    private final Http http;
    private final LabJobs jobs;

    LabApi(ServerState state, Http http, LabJobs jobs) {
        this.state = state;
        this.http = http;
        this.jobs = jobs;
    }

    void register(Router r) {
        http.json(r, HttpMethod.POST, "/v1/lab/stress", START, this::stress);
        http.ndjson(r, HttpMethod.POST, "/v1/lab/replay", START, this::replay);
        r.get("/v1/lab/jobs").handler(http.work(READ, (ctx, who) -> Http.Reply.ok(list(jobs.list()))));
        r.get("/v1/lab/jobs/:id").handler(http.work(READ, (ctx, who) ->
                Http.Reply.ok(view(jobs.require(ctx.pathParam("id"))))));
        r.delete("/v1/lab/jobs/:id").handler(http.work(START, (ctx, who) -> {
            LabJobs.Job job = jobs.cancel(ctx.pathParam("id"), who);
            state.audit.record(who, "lab.cancel", job.id, null, details(job.kind, job.request.deepCopy()
                    .put("started_by", job.by.name())));
            return Http.Reply.ok(view(job));
        }));
        r.get("/v1/lab/jobs/:id/report").handler(http.work(READ, (ctx, who) -> {
            LabJobs.Job job = jobs.require(ctx.pathParam("id"));
            if (job.status != LabJobs.Status.DONE) {
                throw ApiException.conflict("lab job `" + job.id + "` is " + job.status.label() + "; its report is"
                        + " ready once it is done");
            }
            return new Http.Reply(200, "text/html; charset=utf-8", job.output.report());
        }));
    }

    private Http.Reply stress(RoutingContext ctx, Caller who) {
        String text = Http.body(ctx);
        ObjectNode body = Json.requestObject(text);
        int paths = body.has("paths") ? (int) bounded(body, "paths", 1, MAX_PATHS) : 1;
        long seed = body.has("seed") ? Json.integer(body, "seed") : 1;
        BigDecimal mm = maintenance(body);
        List<String> names = state.markets.sorted().stream().map(Market::name).toList();
        StressScenario scenario = ScenarioJson.read("scenario", text, names, REQUEST);
        LabPlan plan = LabPlan.of(state, refs(body.get("policies")));
        ObjectNode request = request(plan, mm).put("scenario", scenario.name()).put("steps", scenario.steps())
                .put("paths", paths).put("seed", seed);
        return started(who, "stress", paths, request, job -> {
            VenueSnapshot venue = copy(job, mm, plan);
            StressRun.Outcome o = StressRun.run(venue, plan.sets(), scenario, paths, seed, 1, paths <= ACCOUNTS_UP_TO,
                    (done, total) -> job.done.set(done), job::stopping);
            return new LabJobs.Output(LabJson.stress(o), LabPages.stress(o));
        });
    }

    private Http.Reply replay(RoutingContext ctx, Caller who) {
        LabReplayRequest in = LabReplayRequest.of(ctx);
        LabPlan plan = LabPlan.of(state, in.policies());
        ObjectNode request = request(plan, in.maintenance()).put("events", in.events().size())
                .put("events_sha256", in.eventsSha256());
        if (in.actual() != null) request.put("actual_fills", in.actual().size());
        return started(who, "replay", plan.sets().size(), request, job -> {
            VenueSnapshot venue = copy(job, in.maintenance(), plan);
            List<ReplayRun.Result> runs = new ArrayList<>();
            for (PolicySet set : plan.sets()) {
                runs.add(ReplayRun.run(venue, set, "events", in.events(), in.actual(), job::stopping));
                job.done.incrementAndGet();
            }
            return new LabJobs.Output(LabJson.replay("events", runs), LabPages.replay("events", runs));
        });
    }

    /** The venue as it is when the job begins, copied on the job's own thread. */
    private VenueSnapshot copy(LabJobs.Job job, BigDecimal mm, LabPlan plan) {
        LabVenue.Copy copy = LabVenue.copy(state, mm, plan);
        job.venueHeld = copy.held();
        return copy.venue();
    }

    /** An audit entry's details: the job's kind and what it was asked to run. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(String kind, ObjectNode request) {
        return Json.MAPPER.convertValue(request.put("kind", kind), Map.class);
    }

    private static ObjectNode request(LabPlan plan, BigDecimal mm) {
        ObjectNode o = Json.object();
        o.set("policies", plan.policies());
        o.put("maintenance_margin", mm.toPlainString());
        return o;
    }

    /**
     * Takes a place, puts the start on record, then starts the job: 202 with its id at once.
     * The venue is not copied here but when the job begins: a copy of a large venue would hold
     * the HTTP worker, and the copy is as consistent there (every market's lock held at once).
     */
    private Http.Reply started(Caller who, String kind, int total, ObjectNode request, LabJobs.Work work) {
        jobs.reserve();
        LabJobs.Job job;
        try {
            String id = UUID.randomUUID().toString();
            state.audit.record(who, "lab.start", id, null, details(kind, request.deepCopy()));
            job = jobs.start(id, kind, who, total, request, work);
        } catch (RuntimeException e) {
            jobs.release();
            throw e;
        }
        return Http.Reply.json(202, view(job));
    }

    static List<Requests.VersionRef> refs(JsonNode list) {
        List<Requests.VersionRef> out = new ArrayList<>();
        if (list == null || list.isNull()) return out;
        if (!list.isArray()) throw ApiException.badRequest("field `policies` must be a list of {policy, version}");
        for (JsonNode n : list) {
            if (!n.isObject()) throw ApiException.badRequest("each entry of `policies` must be an object with `policy` and `version`");
            out.add(Requests.VersionRef.of((ObjectNode) n));
        }
        return out;
    }

    static BigDecimal maintenance(JsonNode body) {
        BigDecimal mm = Json.decimal(body, "maintenance_margin", false);
        if (mm == null) return LabVenue.DEFAULT_MAINTENANCE;
        if (mm.signum() < 0 || mm.compareTo(BigDecimal.ONE) >= 0) {
            throw ApiException.badRequest("field `maintenance_margin` must be at least 0 and below 1 (a fraction of notional)");
        }
        return mm;
    }

    private static long bounded(JsonNode body, String field, long min, long max) {
        long v = Json.integer(body, field);
        if (v < min || v > max) throw ApiException.badRequest("field `" + field + "` must be from " + min + " to " + max);
        return v;
    }

    /**
     * The jobs as a list shows them: what a job's view has but its request and result (a result
     * can name thousands of accounts), with the policies it runs, each with its sha256.
     */
    static ObjectNode list(List<LabJobs.Job> all) {
        ObjectNode o = Json.object();
        ArrayNode out = o.putArray("jobs");
        for (LabJobs.Job job : all) {
            ObjectNode j = head(job);
            j.set("policies", job.request.get("policies"));
            times(job, j);
            if (job.error != null) j.put("error", job.error);
            out.add(j);
        }
        return o;
    }

    static ObjectNode view(LabJobs.Job job) {
        ObjectNode o = head(job);
        o.set("request", job.request);
        if (job.started != null) o.put("started", job.started.toString());
        if (job.stopAsked && !job.status.finished()) o.put("cancel_requested", true);
        if (job.venueHeld != null) o.put("venue_locked_ms", job.venueHeld.toNanos() / 1e6);
        if (job.finished != null) o.put("finished", job.finished.toString());
        if (job.error != null) o.put("error", job.error);
        LabJobs.Output out = job.output;
        if (job.status == LabJobs.Status.DONE && out != null) o.set("result", Json.parse(out.json()));
        return o;
    }

    /** What a job's view and the list begin with: the job, who asked for it, when, and how far it is. */
    private static ObjectNode head(LabJobs.Job job) {
        ObjectNode o = Json.object().put("id", job.id).put("kind", job.kind).put("status", job.status.label())
                .put("by", job.by.name()).put("created", job.created.toString());
        o.putObject("progress").put("done", job.done.get()).put("total", job.total);
        return o;
    }

    /** When it began and ended, and whether a cancel waits for its next boundary: the list's, in the view's order. */
    private static void times(LabJobs.Job job, ObjectNode o) {
        if (job.started != null) o.put("started", job.started.toString());
        if (job.stopAsked && !job.status.finished()) o.put("cancel_requested", true);
        if (job.finished != null) o.put("finished", job.finished.toString());
    }
}
