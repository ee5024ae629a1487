package dev.adl.server;

import dev.adl.compile.CompileResult;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.PolicyCompiler;
import dev.adl.diag.Diagnostic;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Checks policy texts and stores new versions in the registry; versions are immutable once stored. */
final class PolicyService {
    /** The name diagnostics give a policy text that came in a request body. */
    static final String POLICY_FILE = "policy.adl";

    private final PolicyRegistry registry = new PolicyRegistry();
    private final OperationsLog ops;
    private final AuditLog audit;
    private final Clock clock;

    /** The outcome of storing a policy: the version and whether this request created it. */
    record Stored(PolicyVersion policy, boolean created) {
    }

    PolicyService(OperationsLog ops, AuditLog audit, Clock clock) {
        this.ops = ops;
        this.audit = audit;
        this.clock = clock;
    }

    PolicyRegistry registry() {
        return registry;
    }

    /** Checks policy text; nothing is stored. */
    CompileResult validate(String text) {
        return PolicyCompiler.compile(POLICY_FILE, text);
    }

    Stored create(Caller who, String text) {
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
        synchronized (registry) {
            PolicyVersion existing = registry.get(cp.name(), cp.version());
            if (existing != null) {
                if (existing.sha256().equals(sha)) return new Stored(existing, false);
                throw new ApiException(409, "version_exists", "policy `" + cp.name() + "` version " + cp.version()
                        + " already exists with other text; versions are immutable, so give this text a new version");
            }
            Instant at = clock.instant();
            ops.putBlob(text, "adl");
            ops.append(new Op.PolicyStored(at, who.name(), who.tokenId(), cp.name(), cp.version(), sha));
            PolicyVersion pv = new PolicyVersion(cp.name(), cp.version(), sha, text, who.name(), who.tokenId(), at, cp);
            registry.add(pv);
            audit.record(who, "policy.create", pv.label(), sha, null);
            return new Stored(pv, true);
        }
    }

    /** Replay: a stored version comes back; it compiles again on first use. */
    void restore(Op.PolicyStored op) {
        registry.add(new PolicyVersion(op.name(), op.version(), op.sha256(), ops.blob(op.sha256(), "adl"), op.who(),
                op.token(), op.at(), null));
    }
}
