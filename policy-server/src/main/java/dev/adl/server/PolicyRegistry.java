package dev.adl.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Policy versions by name and version number; versions are immutable once added. */
public final class PolicyRegistry {
    private final Map<String, Map<Long, PolicyVersion>> byName = new ConcurrentHashMap<>();

    /** The stored version with this name and number, or null. */
    public PolicyVersion get(String name, long version) {
        Map<Long, PolicyVersion> versions = byName.get(name);
        return versions == null ? null : versions.get(version);
    }

    public PolicyVersion require(String name, long version) {
        PolicyVersion pv = get(name, version);
        if (pv == null) {
            if (!byName.containsKey(name)) throw ApiException.notFound("no policy named `" + name + "`");
            throw ApiException.notFound("policy `" + name + "` has no version " + version);
        }
        return pv;
    }

    synchronized void add(PolicyVersion pv) {
        byName.computeIfAbsent(pv.name(), n -> new TreeMap<>()).put(pv.version(), pv);
    }

    public synchronized List<String> names() {
        return new ArrayList<>(new TreeMap<>(byName).keySet());
    }

    /** Versions of a policy in ascending order; empty when there is no such policy. */
    public synchronized List<PolicyVersion> versions(String name) {
        Map<Long, PolicyVersion> versions = byName.get(name);
        return versions == null ? List.of() : new ArrayList<>(versions.values());
    }
}
