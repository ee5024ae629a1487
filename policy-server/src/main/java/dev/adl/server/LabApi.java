package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.cli.LabPages;
import dev.adl.compile.CompiledPolicy;
import dev.adl.diag.Echo;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lab's routes (docs/lab.md, "Lab jobs on the server"): a stress scenario or a recorded
 * sequence of events run as a job on a copy of the server's venue ({@link LabVenue}), under
 * each market's active policy or under policies registered on the server, each named by name
 * and version. An analyst (or an operator) starts jobs; reading them needs a token that may
 * read policies or an analyst's, as the results name accounts and what they lost.
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
        r.get("/v1/lab/jobs/:id").handler(http.work(READ, (ctx, who) ->
                Http.Reply.ok(view(jobs.require(ctx.pathParam("id"))))));
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
        List<Requests.VersionRef> refs = refs(body.get("policies"));
        return started(who, "stress", paths, mm, refs, (venue, sets, job) -> {
            StressRun.Outcome o = StressRun.run(venue, sets, scenario, paths, seed, 1, paths <= ACCOUNTS_UP_TO,
                    (done, total) -> job.done.set(done));
            return new LabJobs.Output(LabJson.stress(o), LabPages.stress(o));
        });
    }

    private Http.Reply replay(RoutingContext ctx, Caller who) {
        String text = Http.body(ctx);
        List<RecordedEvents.Recorded> events = RecordedEvents.read("events", text);
        List<Requests.VersionRef> refs = new ArrayList<>();
        for (String p : ctx.queryParam("policy")) {
            int at = p.lastIndexOf(':');
            if (at <= 0) {
                throw ApiException.badRequest("query parameter `policy` must be `name:version`, got `" + Echo.of(p) + "`");
            }
            refs.add(new Requests.VersionRef(p.substring(0, at), Http.versionParam(p.substring(at + 1))));
        }
        BigDecimal mm = ctx.queryParams().contains("maintenance_margin")
                ? maintenance(Json.object().put("maintenance_margin", ctx.queryParams().get("maintenance_margin")))
                : LabVenue.DEFAULT_MAINTENANCE;
        int total = refs.isEmpty() ? 1 : refs.size();
        return started(who, "replay", total, mm, refs, (venue, sets, job) -> {
            List<ReplayRun.Result> runs = new ArrayList<>();
            for (PolicySet set : sets) {
                runs.add(ReplayRun.run(venue, set, "events", events, null));
                job.done.incrementAndGet();
            }
            return new LabJobs.Output(LabJson.replay("events", runs), LabPages.replay("events", runs));
        });
    }

    @FunctionalInterface
    private interface Run {
        LabJobs.Output run(VenueSnapshot venue, List<PolicySet> sets, LabJobs.Job job);
    }

    /**
     * Takes a running place, copies the venue and resolves the policies (the place is given
     * back if either fails), then starts the job: 202 with its id.
     */
    private Http.Reply started(Caller who, String kind, int total, BigDecimal mm, List<Requests.VersionRef> refs, Run run) {
        List<CompiledPolicy> named = new ArrayList<>();
        for (Requests.VersionRef ref : refs) named.add(state.policies.registry().require(ref.policy(), ref.version()).compiled());
        jobs.reserve();
        LabJobs.Job job;
        try {
            LabVenue.Copy copy = LabVenue.copy(state, mm);
            List<PolicySet> sets = sets(copy, named);
            job = jobs.start(kind, who, total, j -> run.run(copy.venue(), sets, j));
        } catch (RuntimeException e) {
            jobs.release();
            throw e;
        }
        return Http.Reply.json(202, view(job));
    }

    /** One set per named policy, for every market; none named: the markets' active policies. */
    private static List<PolicySet> sets(LabVenue.Copy copy, List<CompiledPolicy> named) {
        VenueSnapshot venue = copy.venue();
        List<PolicySet> sets = new ArrayList<>();
        for (CompiledPolicy p : named) {
            try {
                sets.add(PolicySet.everywhere(p, venue.markets(), "policies"));
            } catch (dev.adl.runtime.InputException e) {
                throw ApiException.badRequest("policy `" + p.name() + "` version " + p.version()
                        + " does not apply to every market of the server");
            }
        }
        if (!sets.isEmpty()) return sets;
        Map<String, CompiledPolicy> byMarket = new LinkedHashMap<>();
        for (var m : venue.markets()) {
            PolicyVersion pv = copy.active().get(m.market());
            if (pv == null) {
                throw ApiException.conflict("market `" + m.market() + "` has no active policy; name the policies to"
                        + " run in `policies`");
            }
            byMarket.put(m.market(), pv.compiled());
        }
        sets.add(PolicySet.ofMarkets(byMarket));
        return sets;
    }

    private static List<Requests.VersionRef> refs(JsonNode list) {
        List<Requests.VersionRef> out = new ArrayList<>();
        if (list == null || list.isNull()) return out;
        if (!list.isArray()) throw ApiException.badRequest("field `policies` must be a list of {policy, version}");
        for (JsonNode n : list) {
            if (!n.isObject()) throw ApiException.badRequest("each entry of `policies` must be an object with `policy` and `version`");
            out.add(Requests.VersionRef.of((ObjectNode) n));
        }
        return out;
    }

    private static BigDecimal maintenance(JsonNode body) {
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

    static ObjectNode view(LabJobs.Job job) {
        ObjectNode o = Json.object().put("id", job.id).put("kind", job.kind).put("status", job.status.label())
                .put("by", job.by).put("created", job.created.toString());
        o.putObject("progress").put("done", job.done.get()).put("total", job.total);
        if (job.finished != null) o.put("finished", job.finished.toString());
        if (job.error != null) o.put("error", job.error);
        LabJobs.Output out = job.output;
        if (job.status == LabJobs.Status.DONE && out != null) o.set("result", Json.parse(out.json()));
        return o;
    }
}
