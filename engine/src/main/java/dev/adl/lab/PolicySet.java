package dev.adl.lab;

import dev.adl.compile.CompiledPolicy;
import dev.adl.runtime.InputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy of every market for one run: either each market's own (markets.csv) or one
 * policy given for all of them ({@code --policy}).
 *
 * @param name    the policy's name, or {@code venue} when the markets' own policies differ
 * @param version its version; null when the markets' policies differ
 */
public record PolicySet(String name, Long version, Map<String, CompiledPolicy> byMarket) {
    public PolicySet {
        byMarket = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byMarket));
    }

    /** One policy for every market of the venue; refused when the policy does not cover one of them. */
    public static PolicySet everywhere(CompiledPolicy policy, List<MarketSpec> markets, String file) {
        Map<String, CompiledPolicy> by = new LinkedHashMap<>();
        for (MarketSpec m : markets) {
            if (!policy.appliesTo(m.market())) {
                throw new InputException(file + ": policy `" + policy.name() + "` does not apply to market `"
                        + m.market() + "` of the venue");
            }
            by.put(m.market(), policy);
        }
        return new PolicySet(policy.name(), policy.version(), by);
    }

    /** Each market's own policy (already compiled and checked to cover its market). */
    public static PolicySet ofMarkets(Map<String, CompiledPolicy> byMarket) {
        List<CompiledPolicy> distinct = byMarket.values().stream().distinct().toList();
        boolean one = distinct.stream().map(CompiledPolicy::sha256).distinct().count() == 1;
        return one ? new PolicySet(distinct.get(0).name(), distinct.get(0).version(), byMarket)
                : new PolicySet("venue", null, byMarket);
    }
}
