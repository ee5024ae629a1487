package dev.adl.cover;

import dev.adl.ast.Policy;
import dev.adl.compile.Decision;
import dev.adl.compile.Evaluation;
import dev.adl.compile.TierInfo;
import dev.adl.runtime.EventObserver;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.Fill;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a suite's events exercised of one policy file, clause by clause and branch by branch.
 * Counts are events: a branch's count is how many events saw it.
 */
public final class PolicyCoverage {
    private final String file;
    private final List<Probe> probes = new ArrayList<>();
    private final List<long[]> hits = new ArrayList<>();
    private final List<Integer> triggerLines = new ArrayList<>();
    private final List<TierInfo> tiers;
    private int floor = -1, maxUse = -1, eligible = -1, cap = -1, notify = -1, fillAt = -1;
    private final List<Integer> triggers = new ArrayList<>(), lets = new ArrayList<>(), ranks = new ArrayList<>(),
            tierProbes = new ArrayList<>();
    private final List<Integer> untils = new ArrayList<>();   // per trigger, its until probe or -1
    private final List<int[]> layerOptions = new ArrayList<>(); // per layer: [floor, max_use, caps...], -1 absent
    private final List<Integer> layerPaid = new ArrayList<>();
    private int fee = -1;

    public PolicyCoverage(String file, Policy policy, List<TierInfo> tiers) {
        this.file = file;
        this.tiers = List.copyOf(tiers);
        Policy.Buffer b = policy.buffer();
        if (b != null) {
            if (b.floor() != null) floor = add(b.floor().pos().line(), "floor", "applied");
            if (b.maxUse() != null) maxUse = add(b.maxUse().pos().line(), "max_use", "applied");
            b.triggers().forEach(this::addTrigger);
        }
        if (policy.waterfall() != null) {
            for (Policy.Layer l : policy.waterfall().layers()) addLayer(l);
            policy.waterfall().triggers().forEach(this::addTrigger);
        }
        for (Policy.Let l : policy.lets()) lets.add(add(l.pos().line(), "let", "evaluated"));
        if (policy.eligible() != null) eligible = add(policy.eligible().pos().line(), "eligible", "true", "false");
        for (Policy.RankBy r : policy.ranks()) {
            ranks.add(r.condition() == null ? add(r.pos().line(), "rank by", "scored")
                    : add(r.pos().line(), "rank by", "true", "false"));
        }
        if (policy.reduce() != null) {
            for (Policy.Tier t : policy.reduce().tiers()) {
                tierProbes.add(t.condition() == null ? add(t.pos().line(), "tier", "filled")
                        : add(t.pos().line(), "tier", "true", "false", "filled"));
            }
            // `fill at` changes only fills that close something: a haircut's take has no price
            Policy.FillAt f = policy.reduce().fillAt();
            if (f != null) fillAt = add(f.pos().line(), "fill at", "applied");
        }
        if (policy.cap() != null) cap = add(policy.cap().pos().line(), "cap", "binding", "not binding");
        if (policy.notification() != null) notify = add(policy.notification().pos().line(), "notify", "applied");
        if (policy.reduce() != null && policy.reduce().fee() != null) {
            fee = add(policy.reduce().fee().pos().line(), "fee", "charged");
        }
    }

    private void addTrigger(Policy.Trigger t) {
        triggers.add(add(t.pos().line(), "trigger", "true", "false"));
        triggerLines.add(t.pos().line());
        untils.add(t.until() == null ? -1 : add(t.until().pos().line(), "until", "true", "false"));
    }

    /**
     * A waterfall layer: each of its options must once decide what the layer could pay (else a
     * change to it would go unnoticed), and the layer must once pay.
     */
    private void addLayer(Policy.Layer l) {
        int[] options = new int[2 + l.caps().size()];
        options[0] = l.floor() == null ? -1 : add(l.floor().pos().line(), "floor", "decided available");
        options[1] = l.maxUse() == null ? -1 : add(l.maxUse().pos().line(), "max_use", "decided available");
        for (int i = 0; i < l.caps().size(); i++) {
            options[2 + i] = add(l.caps().get(i).pos().line(), "cap", "decided available");
        }
        layerOptions.add(options);
        layerPaid.add(add(l.pos().line(), "layer `" + l.name().value() + "`", "paid"));
    }

    private int add(int line, String clause, String... branches) {
        probes.add(new Probe(line, clause, List.of(branches)));
        hits.add(new long[branches.length]);
        return probes.size() - 1;
    }

    public String file() {
        return file;
    }

    public List<Probe> probes() {
        return List.copyOf(probes);
    }

    /** How many events saw branch {@code branch} of probe {@code probe}. */
    public synchronized long hits(int probe, int branch) {
        return hits.get(probe)[branch];
    }

    /** Records one event: the engine's observation of it and its result. */
    public synchronized void record(EventObserver.Observation o, EventResult result) {
        Decision d = o.decision();
        Set<String> fired = new HashSet<>(d.rulesFired());
        if (floor >= 0 && firedClause(fired, "floor")) hit(floor, 0);
        if (maxUse >= 0 && firedClause(fired, "max_use")) hit(maxUse, 0);
        for (int i = 0; i < triggers.size(); i++) {
            if (untils.get(i) < 0) {
                hit(triggers.get(i), d.triggerLines().contains(triggerLines.get(i)) ? 0 : 1);
            } else {
                // a latching trigger: its two conditions are decided apart (the engine keeps the latch)
                hit(triggers.get(i), d.latchWhenHeld() ? 0 : 1);
                hit(untils.get(i), d.latchUntilHeld() ? 0 : 1);
            }
        }
        recordLayers(o, result);
        if (o.candidates() > 0) lets.forEach(p -> hit(p, 0));
        if (eligible >= 0 && o.candidates() > 0) {
            if (o.eligible() > 0) hit(eligible, 0);
            if (o.eligible() < o.candidates()) hit(eligible, 1);
        }
        Evaluation ev = o.evaluation();
        boolean[] rankTrue = new boolean[ranks.size()], rankFalse = new boolean[ranks.size()];
        boolean[] tierTrue = new boolean[tierProbes.size()], tierFalse = new boolean[tierProbes.size()];
        for (int row = 0; row < ev.eligible().length; row++) {
            if (!ev.eligible()[row]) continue; // only eligible candidates are ranked and placed in tiers
            int branch = ev.rankBranch()[row];
            for (int i = 0; i < ranks.size(); i++) {
                if (i == branch) rankTrue[i] = true;
                else if (i < branch) rankFalse[i] = true;
            }
            int tier = ev.tier()[row];
            for (int t = 0; t < tierProbes.size(); t++) {
                if (t == tier) tierTrue[t] = true;
                else if (tier < 0 || t < tier) tierFalse[t] = true;
            }
        }
        for (int i = 0; i < ranks.size(); i++) {
            int p = ranks.get(i);
            if (rankTrue[i]) hit(p, 0);
            if (rankFalse[i] && probes.get(p).branches().size() == 2) hit(p, 1);
        }
        Set<String> filledTiers = new HashSet<>();
        for (Fill f : result.fills()) {
            filledTiers.add(f.tier());
            if (fillAt >= 0 && f.size().signum() > 0) hit(fillAt, 0);
        }
        for (int t = 0; t < tierProbes.size(); t++) {
            int p = tierProbes.get(t);
            int filledBranch = probes.get(p).branches().size() - 1;
            if (probes.get(p).branches().size() == 3) {
                if (tierTrue[t]) hit(p, 0);
                if (tierFalse[t]) hit(p, 1);
            }
            if (t < tiers.size() && filledTiers.contains(tiers.get(t).name())) hit(p, filledBranch);
        }
        if (cap >= 0 && o.capReached()) hit(cap, o.capBinding() ? 0 : 1);
        if (notify >= 0 && firedClause(fired, "notify")) hit(notify, 0);
    }

    private void recordLayers(EventObserver.Observation o, EventResult result) {
        for (int i = 0; i < layerOptions.size() && i < o.layerLimits().size(); i++) {
            boolean[] limits = o.layerLimits().get(i);
            if (limits == null) continue;
            int[] options = layerOptions.get(i);
            for (int k = 0; k < options.length && k < limits.length; k++) {
                if (options[k] >= 0 && limits[k]) hit(options[k], 0);
            }
            if (result.layers() != null && result.layers().get(i).paid().signum() > 0) hit(layerPaid.get(i), 0);
        }
        if (fee >= 0 && result.fills().stream().anyMatch(f -> f.fee() != null && f.fee().signum() > 0)) hit(fee, 0);
    }

    private static boolean firedClause(Set<String> fired, String clause) {
        return fired.stream().anyMatch(r -> r.startsWith(clause + "@"));
    }

    private void hit(int probe, int branch) {
        hits.get(probe)[branch]++;
    }

    // ---- summaries ----

    public synchronized int branchesTotal() {
        return hits.stream().mapToInt(h -> h.length).sum();
    }

    public synchronized int branchesCovered() {
        int n = 0;
        for (long[] h : hits) for (long c : h) if (c > 0) n++;
        return n;
    }

    /** Lines with a probe, each true when every branch of every probe on it was seen. */
    public synchronized TreeMap<Integer, Boolean> lines() {
        TreeMap<Integer, Boolean> out = new TreeMap<>();
        for (int i = 0; i < probes.size(); i++) {
            boolean all = true;
            for (long c : hits.get(i)) all &= c > 0;
            out.merge(probes.get(i).line(), all, Boolean::logicalAnd);
        }
        return out;
    }

    public Set<Integer> uncoveredLines() {
        Set<Integer> out = new TreeSet<>();
        lines().forEach((line, covered) -> {
            if (!covered) out.add(line);
        });
        return out;
    }

    /** Branch coverage in percent; a policy with no clauses to exercise is fully covered. */
    public double percent() {
        int total = branchesTotal();
        return total == 0 ? 100.0 : 100.0 * branchesCovered() / total;
    }

    /** What is missing, one entry per unseen branch: {@code 12: trigger: false}. */
    public synchronized List<String> missing() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            for (int b = 0; b < p.branches().size(); b++) {
                if (hits.get(i)[b] == 0) out.add(p.line() + ": " + p.clause() + " never " + seen(p.branches().get(b)));
            }
        }
        return out;
    }

    private static String seen(String branch) {
        return branch.equals("true") || branch.equals("false") ? "seen " + branch : branch;
    }
}
