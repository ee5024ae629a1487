package dev.adl.server;

import dev.adl.compile.CompiledPolicy;

import java.time.Instant;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which policy version runs in each market: activation (an atomic hot swap of a version
 * compiled beforehand), rollback to the activation before, and approvals for the
 * two-person rule.
 */
final class ActivationService {
    private final MarketDirectory markets;
    private final PolicyRegistry policies;
    private final OperationsLog ops;
    private final AuditLog audit;
    private final Metrics metrics;
    private final QuintileAlerts alerts;
    private final Clock clock;
    private final boolean twoPerson;

    ActivationService(MarketDirectory markets, PolicyRegistry policies, OperationsLog ops, AuditLog audit,
                      Metrics metrics, QuintileAlerts alerts, Clock clock, boolean twoPerson) {
        this.markets = markets;
        this.policies = policies;
        this.ops = ops;
        this.audit = audit;
        this.metrics = metrics;
        this.alerts = alerts;
        this.clock = clock;
        this.twoPerson = twoPerson;
    }

    boolean twoPerson() {
        return twoPerson;
    }

    MarketActivations.Entry activate(Caller who, String name, String policy, long version) {
        Market m = markets.require(name);
        PolicyVersion pv = policies.require(policy, version);
        requireCovers(pv, name);
        if (twoPerson && !m.activations().approved(pv)) {
            throw new ApiException(403, "approval_required", "activating `" + pv.label() + "` in market `" + name
                    + "` needs an approval from a token other than its proposer's (`" + pv.author() + "`)");
        }
        Instant at = clock.instant();
        MarketActivations.Entry e = m.activations().activate(pv, at, who.name(), () -> ops.append(
                op(who, at, name, Op.Activated.ACTIVATE, pv)));
        m.changed();
        audit.record(who, "policy.activate", name, pv.sha256(), ref(pv));
        metrics.swapped(false);
        alerts.schedule(m);
        return e;
    }

    MarketActivations.Entry rollback(Caller who, String name) {
        Market m = markets.require(name);
        Instant at = clock.instant();
        MarketActivations.Entry e = m.activations().rollback(at, who.name(), previous -> ops.append(
                op(who, at, name, Op.Activated.ROLLBACK, previous)));
        if (e == null) throw ApiException.conflict("market `" + name + "` has no earlier activation to roll back to");
        m.changed();
        audit.record(who, "policy.rollback", name, e.policy().sha256(), ref(e.policy()));
        metrics.swapped(true);
        alerts.schedule(m);
        return e;
    }

    MarketActivations.Approval approve(Caller who, String name, String policy, long version) {
        Market m = markets.require(name);
        PolicyVersion pv = policies.require(policy, version);
        requireCovers(pv, name);
        if (who.tokenId().equals(pv.authorToken())) {
            throw new ApiException(403, "same_person", "`" + pv.label() + "` was proposed with this token; "
                    + "an approval must come from another token");
        }
        MarketActivations.Approval a = new MarketActivations.Approval(pv.name(), pv.version(), who.tokenId(),
                who.name());
        m.activations().approve(a, () -> ops.append(new Op.Approved(clock.instant(), who.name(), who.tokenId(), name,
                pv.name(), pv.version(), pv.sha256())));
        audit.record(who, "policy.approve", name, pv.sha256(), ref(pv));
        return a;
    }

    /** Replay of a logged activation or rollback. */
    void restore(Op.Activated op) {
        Market m = markets.require(op.market());
        PolicyVersion pv = policies.require(op.policy(), op.version());
        if (op.rollback()) {
            MarketActivations.Entry e = m.activations().rollback(op.at(), op.who(), previous -> {
                if (!previous.label().equals(pv.label())) throw new IllegalStateException("the rollback returns to `" + previous.label()
                        + "`, the log says `" + pv.label() + "`");
            });
            if (e == null) throw new IllegalStateException("a rollback with no earlier activation");
        } else {
            m.activations().activate(pv, op.at(), op.who(), () -> { });
        }
        m.changed();
    }

    void restore(Op.Approved op) {
        markets.require(op.market()).activations().approve(new MarketActivations.Approval(op.policy(), op.version(),
                op.token(), op.who()), () -> { });
    }

    /** Compiles the version (so the swap itself is instant) and checks its {@code markets} cover this market. */
    private static void requireCovers(PolicyVersion pv, String market) {
        CompiledPolicy cp = pv.compiled();
        if (!cp.appliesTo(market)) {
            throw ApiException.conflict("policy `" + pv.name() + "` does not apply to market `" + market
                    + "` (its markets are " + String.join(", ", cp.markets()) + ")");
        }
    }

    private static Op.Activated op(Caller who, Instant at, String market, String kind, PolicyVersion pv) {
        return new Op.Activated(at, who.name(), who.tokenId(), market, kind, pv.name(), pv.version(), pv.sha256());
    }

    private static Map<String, Object> ref(PolicyVersion pv) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("policy", pv.name());
        d.put("version", pv.version());
        return d;
    }
}
