package dev.adl.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.compile.CompileResult;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.PolicyCompiler;
import dev.adl.diag.Diagnostic;
import dev.adl.io.ResultJson;
import dev.adl.runtime.AdlEngine;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.Event;
import dev.adl.runtime.EventRefusedException;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;
import dev.adl.runtime.Fill;
import dev.adl.runtime.InputException;
import dev.adl.runtime.PositionStore;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the server knows, and every change to it. Each change is written to the
 * append-only operations log ({@code ops.log}) before it is acknowledged; big inputs
 * (policy texts, CSV uploads) go to content-addressed blobs first. On start the log is
 * replayed through the same code, so the server comes back with the same policies,
 * markets, stores, funds, activations and journals. Events replay deterministically: the
 * engine gives the same result for the same store, policy version and event.
 */
public final class ServerState implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern LOCATED = Pattern.compile("^[^:\\n]*:(\\d+)(?::(\\d+))?: (.*)$", Pattern.DOTALL);
    private static final String POLICY_FILE = "policy.adl";

    final Path dataDir;
    final Clock clock;
    final boolean twoPerson;
    final BlobStore blobs;
    final AppendLog ops;
    final AuditLog audit;
    final PolicyRegistry policies = new PolicyRegistry();
    final Map<String, Market> markets = new ConcurrentHashMap<>();
    final ExposureBook exposures = new ExposureBook();
    final Metrics metrics = new Metrics();
    final Notifier notifier = new Notifier();
    final QuintileAlerts alerts = new QuintileAlerts(notifier, this::queue);
    private final ExecutorService snapshots = Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "adl-snapshots");
                t.setDaemon(true);
                return t;
            });

    private final boolean fresh;
    private volatile boolean healthy = true;

    private ServerState(Path dataDir, Clock clock, boolean twoPerson) throws IOException {
        this.dataDir = dataDir;
        this.clock = clock;
        this.twoPerson = twoPerson;
        Files.createDirectories(dataDir);
        AtomicFiles.removeLeftovers(dataDir);
        this.blobs = new BlobStore(dataDir.resolve("blobs"));
        this.ops = AppendLog.open(dataDir.resolve("ops.log"));
        this.audit = new AuditLog(AppendLog.open(dataDir.resolve("audit.log")), clock);
        this.fresh = ops.existingLines().isEmpty();
    }

    /** Opens (or creates) a data directory and replays its operations log. */
    public static ServerState open(Path dataDir, Clock clock, boolean twoPerson) throws IOException {
        ServerState s = new ServerState(dataDir, clock, twoPerson);
        List<String> lines = s.ops.existingLines();
        List<AppendLog.Pos> where = s.ops.existingPositions();
        Replay plan = new Replay();
        for (int i = 0; i < lines.size(); i++) {
            // every operation line starts with its kind, so only snapshots need parsing here
            if (lines.get(i).startsWith("{\"op\":\"snapshot\"")) {
                JsonNode snap = Json.parse(lines.get(i));
                plan.lastSnapshot.put(snap.get("market").asText(), new int[] {i, snap.get("journal_seq").asInt()});
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            JsonNode op = Json.parse(lines.get(i));
            try {
                s.replay(op, i, where.get(i), plan);
            } catch (RuntimeException e) {
                throw new IllegalStateException(s.ops.path() + ":" + (i + 1) + ": cannot replay this operation: "
                        + e.getMessage(), e);
            }
        }
        s.ops.forgetExisting();
        // The next start need not replay these events again.
        for (Market m : s.markets.values()) {
            if (m.eventsSinceSnapshot > 0) {
                SnapshotInput in;
                m.lock.lock();
                try {
                    in = s.snapshotInput(m);
                } finally {
                    m.lock.unlock();
                }
                s.writeSnapshot(m, in);
            }
        }
        return s;
    }

    /** True when the data directory had no operations when it was opened. */
    public boolean fresh() {
        return fresh;
    }

    public boolean healthy() {
        return healthy;
    }

    @Override
    public void close() throws IOException {
        alerts.close();
        snapshots.shutdown();
        try {
            // a snapshot being written finishes (or is abandoned) before the log closes
            snapshots.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ops.close();
    }

    // ---------------------------------------------------------------- policies

    /** Checks policy text; nothing is stored. */
    public ObjectNode validate(String text) {
        CompileResult r = PolicyCompiler.compile(POLICY_FILE, text);
        ObjectNode out = Json.object();
        out.put("ok", r.ok());
        ArrayNode list = out.putArray("diagnostics");
        for (Diagnostic d : r.diagnostics()) {
            ObjectNode o = list.addObject();
            o.put("severity", d.severity().label());
            o.put("code", d.code());
            o.put("message", d.message());
            o.put("line", d.line());
            o.put("col", d.col());
        }
        if (r.ok()) {
            out.put("name", r.policy().name());
            out.put("version", r.policy().version());
        }
        if (!r.diagnostics().isEmpty()) out.put("formatted", r.formatDiagnostics());
        return out;
    }

    /** The outcome of storing a policy: the version and whether this request created it. */
    public record Stored(PolicyVersion policy, boolean created) {
    }

    public Stored createPolicy(Caller who, String text) {
        CompileResult r = PolicyCompiler.compile(POLICY_FILE, text);
        if (!r.ok()) {
            List<ApiException.Detail> details = new ArrayList<>();
            for (Diagnostic d : r.diagnostics()) {
                if (d.isError()) details.add(new ApiException.Detail(d.line(), d.col(), d.message()));
            }
            throw new ApiException(400, "invalid_policy", "the policy has " + details.size()
                    + (details.size() == 1 ? " error" : " errors"), details);
        }
        CompiledPolicy cp = r.policy();
        String sha = Hashes.sha256(text);
        synchronized (policies) {
            PolicyVersion existing = policies.get(cp.name(), cp.version());
            if (existing != null) {
                if (existing.sha256().equals(sha)) return new Stored(existing, false);
                throw new ApiException(409, "version_exists", "policy `" + cp.name() + "` version " + cp.version()
                        + " already exists with other text; versions are immutable, so give this text a new version");
            }
            Instant at = clock.instant();
            put(text, "adl");
            ObjectNode op = op("policy", who, at);
            op.put("name", cp.name());
            op.put("version", cp.version());
            op.put("sha256", sha);
            append(op);
            PolicyVersion pv = new PolicyVersion(cp.name(), cp.version(), sha, text, who.name(), who.tokenId(), at, cp);
            policies.add(pv);
            audit.record(who, "policy.create", cp.name() + " v" + cp.version(), sha, null);
            return new Stored(pv, true);
        }
    }

    // ---------------------------------------------------------------- markets

    public static String checkName(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest(kind + " `" + name + "` must be 1 to 64 letters, digits, `.`, `_`, `:` or `-`");
        }
        return name;
    }

    public Market market(String name) {
        Market m = markets.get(name);
        if (m == null) throw ApiException.notFound("no market named `" + name + "`");
        return m;
    }

    /** Creates or updates a market's lot size and mark price; returns true when it was created. */
    public boolean putMarket(Caller who, String name, ObjectNode body) {
        checkName("market name", name);
        BigDecimal lot = positive(body, "lot_size");
        BigDecimal mark = positive(body, "mark_price");
        synchronized (markets) {
            boolean created = !markets.containsKey(name);
            ObjectNode op = op("market", who, clock.instant());
            op.put("market", name);
            op.put("lot_size", lot.toPlainString());
            op.put("mark_price", mark.toPlainString());
            Market m = markets.get(name);
            if (m != null) m.lock.lock();
            try {
                append(op);
                applyMarket(name, lot, mark);
            } finally {
                if (m != null) m.lock.unlock();
            }
            audit.record(who, created ? "market.create" : "market.update", name, activeSha(markets.get(name)),
                    details(body));
            return created;
        }
    }

    private void applyMarket(String name, BigDecimal lot, BigDecimal mark) {
        Market m = markets.get(name);
        if (m == null) {
            markets.put(name, new Market(name, lot, mark));
        } else {
            m.lotSize = lot;
            m.markPrice = mark;
            m.otherChanges++;
            m.changed();
        }
    }

    private static BigDecimal positive(ObjectNode body, String field) {
        BigDecimal v = Json.decimal(body, field, true);
        if (v.signum() <= 0) throw ApiException.badRequest("field `" + field + "` must be greater than 0");
        checkFixed(field, v);
        return v;
    }

    private static void checkFixed(String field, BigDecimal v) {
        if (!Decimals.fitsFixed(v)) {
            throw ApiException.badRequest("field `" + field + "` `" + v.toPlainString()
                    + "` has more than 8 decimal places or is too large");
        }
    }

    public ObjectNode marketView(String name, boolean full) {
        Market m = market(name);
        m.lock.lock();
        try {
            return Views.market(m, full);
        } finally {
            m.lock.unlock();
        }
    }

    public ArrayNode marketsView() {
        ArrayNode out = Json.array();
        for (String name : new TreeMap<>(markets).keySet()) {
            out.add(marketView(name, false));
        }
        return out;
    }

    // ---------------------------------------------------------------- positions, fund, exposures

    /** Replaces the whole store ({@code replace}) or applies changed rows; returns the open position count. */
    public int putPositions(Caller who, String name, String csv, boolean replace) {
        Market m = market(name);
        PositionStore parsed = StoreCsv.parse(name, csv);
        m.lock.lock();
        try {
            // the new store is built before the operation is logged: a logged operation always replays
            PositionStore next = replace ? parsed : StoreCsv.merge(m.store, parsed);
            String sha = put(csv, "csv");
            ObjectNode op = op("positions", who, clock.instant());
            op.put("market", name);
            op.put("mode", replace ? "replace" : "changes");
            op.put("blob", sha);
            append(op);
            m.store = next;
            m.otherChanges++;
            m.changed();
            ObjectNode d = Json.object();
            d.put("mode", replace ? "replace" : "changes");
            d.put("rows", parsed.rows());
            d.put("blob", sha);
            audit.record(who, replace ? "positions.replace" : "positions.change", name, activeSha(m), d);
            alerts.schedule(m);
            return m.openPositions();
        } finally {
            m.lock.unlock();
        }
    }

    private static void applyPositions(Market m, PositionStore parsed, boolean replace) {
        m.store = replace ? parsed : StoreCsv.merge(m.store, parsed);
        m.changed();
    }

    public void putFund(Caller who, String name, ObjectNode body) {
        Market m = market(name);
        BigDecimal balance = Json.decimal(body, "balance", true);
        if (balance.signum() < 0) throw ApiException.badRequest("field `balance` must not be negative");
        checkFixed("balance", balance);
        List<Event.FundPoint> history = history(body.get("history"));
        m.lock.lock();
        try {
            ObjectNode op = op("fund", who, clock.instant());
            op.put("market", name);
            op.put("balance", balance.toPlainString());
            op.set("history", historyJson(history));
            append(op);
            applyFund(m, balance, history);
            audit.record(who, "fund.set", name, activeSha(m), details(body));
        } finally {
            m.lock.unlock();
        }
    }

    private static void applyFund(Market m, BigDecimal balance, List<Event.FundPoint> history) {
        m.fund = balance;
        m.fundHistory = new ArrayList<>(history);
        m.otherChanges++;
        m.changed();
    }

    private static List<Event.FundPoint> history(JsonNode node) {
        List<Event.FundPoint> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (!node.isArray()) throw ApiException.badRequest("field `history` must be a list of {at, balance}");
        int i = 0;
        for (JsonNode p : node) {
            i++;
            if (!p.isObject()) throw ApiException.badRequest("entry " + i + " of `history` must be an object with `at` and `balance`");
            out.add(new Event.FundPoint(Json.instant(p, "at", true), Json.decimal(p, "balance", true)));
        }
        if (out.size() > Market.HISTORY_LIMIT) {
            throw ApiException.badRequest("field `history` has " + out.size() + " entries; at most "
                    + Market.HISTORY_LIMIT + " are kept");
        }
        return out;
    }

    private static ArrayNode historyJson(List<Event.FundPoint> history) {
        ArrayNode a = Json.array();
        for (Event.FundPoint p : history) {
            a.addObject().put("at", p.at().toString()).put("balance", p.balance().toPlainString());
        }
        return a;
    }

    /** Replaces one exposure source's rows; returns how many sources the feed now has. */
    public int putExposures(Caller who, String source, String csv) {
        checkName("exposure source", source);
        ExposureFeed parsed;
        try {
            parsed = ExposuresCsv.read(new StringReader(csv), "exposures.csv");
        } catch (InputException e) {
            throw located(400, "bad_csv", "the exposures CSV has an error", e.getMessage());
        }
        for (String s : parsed.sources()) {
            if (!s.equals(source)) {
                throw ApiException.badRequest("the exposures CSV has rows for source `" + s
                        + "`; this request is for source `" + source + "`");
            }
        }
        exposures.lock.writeLock().lock();
        try {
            ExposureBook.Next next = exposures.with(source, csv);
            String sha = put(csv, "csv");
            ObjectNode op = op("exposures", who, clock.instant());
            op.put("source", source);
            op.put("blob", sha);
            append(op);
            exposures.set(next);
            markets.values().forEach(Market::changed);
            ObjectNode d = Json.object().put("blob", sha);
            audit.record(who, "exposures.replace", source, null, d);
            return exposures.sources();
        } finally {
            exposures.lock.writeLock().unlock();
        }
    }

    // ---------------------------------------------------------------- events

    /** The parts of an event request; the fund, its history and the lot size are the market's own. */
    record EventRequest(String account, BigDecimal mark, Instant now) {
        static EventRequest parse(JsonNode body, Clock clock) {
            if (body == null || !body.isObject()) throw ApiException.badRequest("field `event` must be an object");
            String account = Json.text(body, "bankrupt_account", true);
            BigDecimal mark = Json.decimal(body, "mark_price", true);
            if (mark.signum() <= 0) throw ApiException.badRequest("field `mark_price` must be greater than 0");
            checkFixed("mark_price", mark);
            Instant now = Json.instant(body, "now", false);
            return new EventRequest(account, mark, now == null ? clock.instant() : now);
        }
    }

    public ObjectNode event(Caller who, String name, ObjectNode body) {
        Market m = market(name);
        EventRequest req = EventRequest.parse(body, clock);
        PolicyVersion pv;
        EventResult r;
        ObjectNode result;
        int seq;
        exposures.lock.readLock().lock();
        m.lock.lock();
        try {
            pv = m.active.get();
            if (pv == null) throw ApiException.conflict("market `" + name + "` has no active policy; activate one first");
            if (m.store.rowOf(req.account()) < 0) {
                throw ApiException.notFound("account `" + req.account() + "` has no position in market `" + name + "`");
            }
            long t0 = System.nanoTime();
            r = applyEvent(m, pv, req);
            seq = m.journalSize() + 1;
            result = Views.result(r, seq);
            Instant at = clock.instant();
            ObjectNode op = op("event", who, at);
            op.put("market", name);
            op.put("seq", seq);
            op.put("bankrupt_account", req.account());
            op.put("mark_price", req.mark().toPlainString());
            op.put("now", req.now().toString());
            op.put("policy", pv.name());
            op.put("version", pv.version());
            op.put("sha256", pv.sha256());
            op.set("result", result);
            m.journal.add(append(op));
            metrics.eventApplied(System.nanoTime() - t0);
            if (m.eventsSinceSnapshot >= snapshotEvery) snapshotLater(m);
        } finally {
            m.lock.unlock();
            exposures.lock.readLock().unlock();
        }
        ObjectNode d = Json.object().put("seq", seq).put("bankrupt_account", req.account())
                .put("policy", pv.name()).put("version", pv.version());
        audit.record(who, "event.apply", name, pv.sha256(), d);
        alerts.afterEvent(m, pv, r, seq);
        return result;
    }

    /** Applies an event under the market's lock: store, fund, mark and fund history change together or not at all. */
    private EventResult applyEvent(Market m, PolicyVersion pv, EventRequest req) {
        Event ev = new Event(m.name, req.mark(), m.lotSize, m.fund, req.now(), m.fundHistory, req.account());
        EventResult r;
        try {
            r = AdlEngine.apply(pv.compiled(), m.store, exposures.feed(), ev);
        } catch (EventRefusedException e) {
            metrics.eventRefused();
            throw new ApiException(409, "event_refused", e.getMessage());
        } catch (InputException e) {
            metrics.eventRefused();
            throw ApiException.badRequest(e.getMessage());
        }
        // The balance before the event is a point of the history: later drawdown windows must see that peak.
        m.addFundPoint(new Event.FundPoint(req.now(), m.fund));
        m.fund = r.fundAfter();
        m.markPrice = req.mark();
        m.changed();
        m.eventsSinceSnapshot++;
        return r;
    }

    public ObjectNode events(String name, int offset, int limit) {
        Market m = market(name);
        ObjectNode o = Json.object();
        o.put("market", name);
        o.put("total", m.journalSize());
        o.put("offset", offset);
        o.put("limit", limit);
        ArrayNode list = o.putArray("events");
        try {
            for (AppendLog.Pos pos : m.journal.page(offset, limit)) {
                list.add(Views.journalEntry((ObjectNode) Json.parse(ops.read(pos))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operations log", e);
        }
        return o;
    }

    public ObjectNode dryRun(String name, ObjectNode body) {
        Market m = market(name);
        String policy = Json.text(body, "policy", true);
        long version = Json.integer(body, "version");
        EventRequest req = EventRequest.parse(body.get("event"), clock);
        PolicyVersion candidate = policies.require(policy, version);
        CompiledPolicy cp = candidate.compiled();
        ObjectNode out = Json.object();
        exposures.lock.readLock().lock();
        m.lock.lock();
        try {
            if (m.store.rowOf(req.account()) < 0) {
                throw ApiException.notFound("account `" + req.account() + "` has no position in market `" + name + "`");
            }
            Event ev = new Event(m.name, req.mark(), m.lotSize, m.fund, req.now(), m.fundHistory, req.account());
            EventResult cand;
            try {
                cand = AdlEngine.dryRun(cp, m.store, exposures.feed(), ev);
            } catch (InputException e) {
                throw new ApiException(409, "event_refused", "the candidate refuses the event: " + e.getMessage());
            }
            out.put("market", name);
            out.set("candidate", Views.result(cand, 0).without("event_seq"));
            PolicyVersion active = m.active.get();
            EventResult act = null;
            if (active == null) {
                out.putNull("active");
            } else {
                try {
                    act = AdlEngine.dryRun(active.compiled(), m.store, exposures.feed(), ev);
                    out.set("active", Views.result(act, 0).without("event_seq"));
                } catch (InputException e) {
                    out.putObject("active").put("policy", active.name()).put("version", active.version())
                            .put("refused", e.getMessage());
                }
            }
            Set<String> a = accounts(cand);
            Set<String> b = act == null ? Set.of() : accounts(act);
            ArrayNode onlyCand = out.putArray("only_candidate");
            a.stream().filter(x -> !b.contains(x)).sorted().forEach(onlyCand::add);
            ArrayNode onlyActive = out.putArray("only_active");
            b.stream().filter(x -> !a.contains(x)).sorted().forEach(onlyActive::add);
            return out;
        } finally {
            m.lock.unlock();
            exposures.lock.readLock().unlock();
        }
    }

    private static Set<String> accounts(EventResult r) {
        Set<String> out = new LinkedHashSet<>();
        for (Fill f : r.fills()) out.add(f.account());
        return out;
    }

    // ---------------------------------------------------------------- activation

    public ObjectNode activate(Caller who, String name, ObjectNode body) {
        Market m = market(name);
        PolicyVersion pv = requestedVersion(body);
        CompiledPolicy cp = pv.compiled(); // compiled before the swap, so the swap itself is instant
        if (!cp.appliesTo(name)) {
            throw ApiException.conflict("policy `" + pv.name() + "` does not apply to market `" + name
                    + "` (its markets are " + String.join(", ", cp.markets()) + ")");
        }
        synchronized (m.activations) {
            if (twoPerson && !approved(m, pv)) {
                throw new ApiException(403, "approval_required", "activating `" + pv.label() + "` in market `" + name
                        + "` needs an approval from a token other than its proposer's (`" + pv.author() + "`)");
            }
            ObjectNode op = op("activate", who, clock.instant());
            op.put("market", name);
            op.put("kind", "activate");
            op.put("policy", pv.name());
            op.put("version", pv.version());
            op.put("sha256", pv.sha256());
            append(op);
            JsonNode entry = applyActivation(m, pv, op);
            audit.record(who, "policy.activate", name, pv.sha256(), Json.object().put("policy", pv.name())
                    .put("version", pv.version()));
            metrics.swapped(false);
            alerts.schedule(m);
            return (ObjectNode) entry;
        }
    }

    public ObjectNode rollback(Caller who, String name) {
        Market m = market(name);
        synchronized (m.activations) {
            if (m.activationStack.size() < 2) {
                throw ApiException.conflict("market `" + name + "` has no earlier activation to roll back to");
            }
            PolicyVersion previous = previousActivation(m);
            ObjectNode op = op("activate", who, clock.instant());
            op.put("market", name);
            op.put("kind", "rollback");
            op.put("policy", previous.name());
            op.put("version", previous.version());
            op.put("sha256", previous.sha256());
            append(op);
            JsonNode entry = applyActivation(m, previous, op);
            audit.record(who, "policy.rollback", name, previous.sha256(), Json.object()
                    .put("policy", previous.name()).put("version", previous.version()));
            metrics.swapped(true);
            alerts.schedule(m);
            return (ObjectNode) entry;
        }
    }

    private static PolicyVersion previousActivation(Market m) {
        var it = m.activationStack.iterator();
        it.next();
        return it.next();
    }

    private boolean approved(Market m, PolicyVersion pv) {
        for (Market.Approval a : m.approvals) {
            if (a.policy().equals(pv.name()) && a.version() == pv.version() && !a.tokenId().equals(pv.authorToken())) {
                return true;
            }
        }
        return false;
    }

    /** Called holding {@code m.activations}: records the activation and swaps the active version atomically. */
    private JsonNode applyActivation(Market m, PolicyVersion pv, ObjectNode op) {
        boolean rollback = "rollback".equals(op.get("kind").asText());
        PolicyVersion before = m.active.get();
        if (rollback) {
            m.activationStack.pop();
        } else {
            m.activationStack.push(pv);
        }
        ObjectNode e = Json.object();
        e.put("seq", m.activations.size() + 1);
        e.put("at", op.get("at").asText());
        e.put("who", op.get("who").asText());
        e.put("kind", rollback ? "rollback" : "activate");
        e.put("policy", pv.name());
        e.put("version", pv.version());
        e.put("sha256", pv.sha256());
        if (before == null) {
            e.putNull("previous");
        } else {
            e.putObject("previous").put("policy", before.name()).put("version", before.version());
        }
        m.activations.add(e);
        m.active.set(pv);
        m.changed();
        return e;
    }

    /** The registered version a request body names with {@code policy} and {@code version}. */
    private PolicyVersion requestedVersion(ObjectNode body) {
        return policies.require(Json.text(body, "policy", true), Json.integer(body, "version"));
    }

    public ArrayNode activations(String name) {
        Market m = market(name);
        synchronized (m.activations) {
            ArrayNode out = Json.array();
            m.activations.forEach(out::add);
            return out;
        }
    }

    public ObjectNode approve(Caller who, String name, ObjectNode body) {
        Market m = market(name);
        PolicyVersion pv = requestedVersion(body);
        if (who.tokenId().equals(pv.authorToken())) {
            throw new ApiException(403, "same_person", "`" + pv.label() + "` was proposed with this token; "
                    + "an approval must come from another token");
        }
        synchronized (m.activations) {
            ObjectNode op = op("approval", who, clock.instant());
            op.put("market", name);
            op.put("policy", pv.name());
            op.put("version", pv.version());
            op.put("sha256", pv.sha256());
            append(op);
            m.approvals.add(new Market.Approval(pv.name(), pv.version(), who.tokenId(), who.name()));
        }
        audit.record(who, "policy.approve", name, pv.sha256(), Json.object().put("policy", pv.name())
                .put("version", pv.version()));
        return Json.object().put("market", name).put("policy", pv.name()).put("version", pv.version())
                .put("approved_by", who.name());
    }

    // ---------------------------------------------------------------- queue and notifications

    /**
     * The market's queue as of its latest change. It is computed on a copy of the store taken
     * under the lock, so ranking a large market never holds up its events; one computation at
     * a time per market, and lookups that arrive meanwhile wait for it rather than start another.
     */
    QueueSnapshot queue(Market m) {
        QueueSnapshot s = cachedQueue(m);
        if (s != null) return s;
        synchronized (m.queueLock) {
            s = cachedQueue(m);
            if (s != null) return s;
            QueueSnapshot.Input in;
            exposures.lock.readLock().lock();
            m.lock.lock();
            try {
                PolicyVersion pv = m.active.get();
                if (pv == null) {
                    throw ApiException.conflict("market `" + m.name + "` has no active policy, so it has no queue");
                }
                in = new QueueSnapshot.Input(m.generation.get(), pv, m.store.copy(), exposures.feed(), m.markPrice,
                        m.fund, List.copyOf(m.fundHistory));
            } finally {
                m.lock.unlock();
                exposures.lock.readLock().unlock();
            }
            s = QueueSnapshot.compute(in, clock.instant());
            m.queue = s;
            return s;
        }
    }

    /** The snapshot when it is still current, else null: lets the HTTP layer answer on the event loop. */
    QueueSnapshot cachedQueue(Market m) {
        QueueSnapshot s = m.queue;
        return s != null && s.generation == m.generation.get() ? s : null;
    }

    // ---------------------------------------------------------------- replay

    /** Per market: the line of its last snapshot and the journal length it holds; events logged meanwhile. */
    private static final class Replay {
        final Map<String, int[]> lastSnapshot = new HashMap<>();
        final Map<String, List<Map.Entry<JsonNode, AppendLog.Pos>>> deferred = new HashMap<>();
    }

    /**
     * Applies one logged operation. Before a market's last snapshot its store, fund and events
     * are superseded: the snapshot holds their outcome, so those events only rejoin the journal.
     * Events that were logged while the snapshot was being written (after the journal length it
     * holds) are applied on top of it, in order.
     */
    private void replay(JsonNode op, int line, AppendLog.Pos pos, Replay plan) {
        String kind = op.get("op").asText();
        int[] snap = op.has("market") ? plan.lastSnapshot.get(op.get("market").asText()) : null;
        if (snap != null && line < snap[0]) {
            if (kind.equals("event")) {
                if (op.get("seq").asInt() <= snap[1]) {
                    market(op.get("market").asText()).journal.add(pos);
                } else {
                    plan.deferred.computeIfAbsent(op.get("market").asText(), k -> new ArrayList<>())
                            .add(Map.entry(op, pos));
                }
                return;
            }
            if (kind.equals("positions") || kind.equals("fund") || kind.equals("snapshot")) return;
        }
        switch (kind) {
            case "policy" -> {
                String sha = op.get("sha256").asText();
                String text = read(sha, "adl");
                policies.add(new PolicyVersion(op.get("name").asText(), op.get("version").asLong(), sha, text,
                        op.get("who").asText(), op.get("token").asText(), Instant.parse(op.get("at").asText()), null));
            }
            case "market" -> applyMarket(op.get("market").asText(), new BigDecimal(op.get("lot_size").asText()),
                    new BigDecimal(op.get("mark_price").asText()));
            case "positions" -> {
                Market m = market(op.get("market").asText());
                applyPositions(m, StoreCsv.parse(m.name, read(op.get("blob").asText(), "csv")),
                        "replace".equals(op.get("mode").asText()));
            }
            case "fund" -> applyFund(market(op.get("market").asText()), new BigDecimal(op.get("balance").asText()),
                    history(op.get("history")));
            case "exposures" -> exposures.set(exposures.with(op.get("source").asText(),
                    read(op.get("blob").asText(), "csv")));
            case "event" -> {
                Market m = market(op.get("market").asText());
                PolicyVersion pv = policies.require(op.get("policy").asText(), op.get("version").asLong());
                EventResult r = applyEvent(m, pv, new EventRequest(op.get("bankrupt_account").asText(),
                        new BigDecimal(op.get("mark_price").asText()), Instant.parse(op.get("now").asText())));
                JsonNode again = Views.result(r, op.get("seq").asInt());
                if (!again.equals(op.get("result"))) {
                    throw new IllegalStateException("event " + op.get("seq").asInt() + " of market `" + m.name
                            + "` gives a different result on replay");
                }
                m.journal.add(pos);
            }
            case "activate" -> {
                Market m = market(op.get("market").asText());
                PolicyVersion pv = policies.require(op.get("policy").asText(), op.get("version").asLong());
                synchronized (m.activations) {
                    applyActivation(m, pv, (ObjectNode) op);
                }
            }
            case "snapshot" -> {
                Market m = market(op.get("market").asText());
                m.store = StoreCsv.parse(m.name, read(op.get("blob").asText(), "csv"));
                m.lotSize = new BigDecimal(op.get("lot_size").asText());
                m.markPrice = new BigDecimal(op.get("mark_price").asText());
                applyFund(m, new BigDecimal(op.get("fund").asText()), history(op.get("history")));
                m.eventsSinceSnapshot = 0;
                for (Map.Entry<JsonNode, AppendLog.Pos> e : plan.deferred.getOrDefault(m.name, List.of())) {
                    replay(e.getKey(), line, e.getValue(), new Replay());
                }
            }
            case "approval" -> market(op.get("market").asText()).approvals.add(new Market.Approval(
                    op.get("policy").asText(), op.get("version").asLong(), op.get("token").asText(),
                    op.get("who").asText()));
            default -> throw new IllegalStateException("unknown operation `" + kind + "`");
        }
    }

    // ---------------------------------------------------------------- snapshots

    /** Events a market applies between snapshots of its store; tests lower it. */
    volatile int snapshotEvery = 1000;
    /** Where snapshots are written; tests hold them back to log events while one is in progress. */
    volatile Executor snapshotExecutor = snapshots;

    private static final Caller SERVER = new Caller("server", "server", Set.of());

    /** What a snapshot is made of, taken under the market's lock; the store is a private copy. */
    private record SnapshotInput(PositionStore store, BigDecimal lotSize, BigDecimal markPrice, BigDecimal fund,
                                 List<Event.FundPoint> history, int journalSeq, long otherChanges,
                                 long exposureVersion) {
    }

    /** Called under the market's lock. */
    private SnapshotInput snapshotInput(Market m) {
        return new SnapshotInput(m.store.copy(), m.lotSize, m.markPrice, m.fund, List.copyOf(m.fundHistory),
                m.journalSize(), m.otherChanges, exposures.version());
    }

    /**
     * Writes a market's store, fund and mark as one snapshot, so a restart replays only the
     * events after it. The CSV is written without the market's lock; the snapshot line is
     * logged under it, and only if nothing but events changed the market or the exposures
     * meanwhile (those events are logged before it and replay on top of it).
     */
    private void writeSnapshot(Market m, SnapshotInput in) {
        String sha = put(StoreCsv.write(in.store()), "csv");
        exposures.lock.readLock().lock();
        m.lock.lock();
        try {
            if (m.otherChanges != in.otherChanges() || exposures.version() != in.exposureVersion()) return;
            ObjectNode op = op("snapshot", SERVER, clock.instant());
            op.put("market", m.name);
            op.put("blob", sha);
            op.put("lot_size", in.lotSize().toPlainString());
            op.put("mark_price", in.markPrice().toPlainString());
            op.put("fund", in.fund().toPlainString());
            op.set("history", historyJson(in.history()));
            op.put("journal_seq", in.journalSeq());
            append(op);
            m.eventsSinceSnapshot = m.journalSize() - in.journalSeq();
        } finally {
            m.lock.unlock();
            exposures.lock.readLock().unlock();
        }
    }

    /** Called under the market's lock after an event: starts a snapshot in the background unless one is running. */
    private void snapshotLater(Market m) {
        if (!m.snapshotRunning.compareAndSet(false, true)) return;
        SnapshotInput in = snapshotInput(m);
        try {
            snapshotExecutor.execute(() -> {
                try {
                    writeSnapshot(m, in);
                } catch (RuntimeException e) {
                    // the events are on record; without a snapshot a restart just replays more of the log
                    Logger.getLogger(ServerState.class.getName())
                            .warning("cannot snapshot market " + m.name + ": " + e.getMessage());
                } finally {
                    m.snapshotRunning.set(false);
                }
            });
        } catch (RejectedExecutionException closing) {
            m.snapshotRunning.set(false);
        }
    }

    // ---------------------------------------------------------------- helpers

    private ObjectNode op(String kind, Caller who, Instant at) {
        ObjectNode o = Json.object();
        o.put("op", kind);
        o.put("at", at.toString());
        o.put("who", who.name());
        o.put("token", who.tokenId());
        return o;
    }

    private AppendLog.Pos append(ObjectNode op) {
        try {
            return ops.append(Json.write(op));
        } catch (IOException e) {
            healthy = false;
            throw new UncheckedIOException("cannot append to the operations log", e);
        }
    }

    private String put(String text, String ext) {
        try {
            return blobs.put(text, ext);
        } catch (IOException e) {
            healthy = false;
            throw new UncheckedIOException("cannot write to the data directory", e);
        }
    }

    private String read(String sha, String ext) {
        try {
            return blobs.get(sha, ext);
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + sha + "." + ext + " is missing", e);
        }
    }

    /** The market's active policy's hash, recorded with writes to the market; null when none is active. */
    private static String activeSha(Market m) {
        PolicyVersion pv = m == null ? null : m.active.get();
        return pv == null ? null : pv.sha256();
    }

    private static ObjectNode details(ObjectNode body) {
        return body.deepCopy();
    }

    static String plain(BigDecimal d) {
        return ResultJson.plain(d);
    }

    /** An engine message {@code name:line[:col]: sentence} as an error with its location. */
    static ApiException located(int status, String code, String summary, String message) {
        Matcher mt = LOCATED.matcher(message);
        if (mt.matches()) {
            int line = Integer.parseInt(mt.group(1));
            int col = mt.group(2) == null ? 0 : Integer.parseInt(mt.group(2));
            return new ApiException(status, code, summary + " on line " + line,
                    List.of(new ApiException.Detail(line, col, mt.group(3))));
        }
        return new ApiException(status, code, message);
    }

    Map<String, PolicyVersion> activeVersions() {
        Map<String, PolicyVersion> out = new HashMap<>();
        markets.forEach((name, m) -> {
            PolicyVersion pv = m.active.get();
            if (pv != null) out.put(name, pv);
        });
        return out;
    }
}
