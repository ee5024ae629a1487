package dev.adl.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.adl.compile.CompiledPolicy;
import dev.adl.lab.PolicySet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a lab job runs, decided when it is started, before it is answered: the markets it
 * sees (in name order), each market's active policy version, and one policy set per run,
 * either each named version for every market or the markets' active versions. The venue is
 * copied later, on the job's thread ({@link LabVenue#copy}).
 */
record LabPlan(List<String> markets, Map<String, PolicyVersion> active, List<PolicySet> sets, ArrayNode policies) {

    /** Refuses, with nothing started, a named version that does not cover every market, or a market with no policy to run. */
    static LabPlan of(ServerState state, List<Requests.VersionRef> refs) {
        List<PolicyVersion> named = new ArrayList<>();
        for (Requests.VersionRef ref : refs) named.add(state.policies.registry().require(ref.policy(), ref.version()));
        List<Market> markets = state.markets.sorted();
        if (markets.isEmpty()) throw ApiException.conflict("the server has no markets to run the lab on");
        List<String> names = markets.stream().map(Market::name).toList();
        Map<String, PolicyVersion> active = new LinkedHashMap<>();
        for (Market m : markets) {
            PolicyVersion pv = m.active();
            if (pv != null) active.put(m.name(), pv);
        }
        ArrayNode policies = Json.MAPPER.createArrayNode();
        List<PolicySet> sets = new ArrayList<>();
        for (PolicyVersion pv : named) {
            CompiledPolicy p = pv.compiled();
            Map<String, CompiledPolicy> by = new LinkedHashMap<>();
            for (String m : names) {
                if (!p.appliesTo(m)) {
                    throw ApiException.badRequest("policy `" + p.name() + "` version " + p.version()
                            + " does not apply to market `" + m + "` of the server");
                }
                by.put(m, p);
            }
            sets.add(new PolicySet(p.name(), p.version(), by));
            policies.addObject().put("policy", pv.name()).put("version", pv.version()).put("sha256", pv.sha256());
        }
        if (sets.isEmpty()) {
            Map<String, CompiledPolicy> byMarket = new LinkedHashMap<>();
            for (String m : names) {
                PolicyVersion pv = active.get(m);
                if (pv == null) {
                    throw ApiException.conflict("market `" + m + "` has no active policy; name the policies to run in"
                            + " `policies`");
                }
                byMarket.put(m, pv.compiled());
                policies.addObject().put("market", m).put("policy", pv.name()).put("version", pv.version())
                        .put("sha256", pv.sha256());
            }
            sets.add(PolicySet.ofMarkets(byMarket));
        }
        return new LabPlan(names, active, sets, policies);
    }
}
