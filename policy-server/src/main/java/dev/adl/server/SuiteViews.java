package dev.adl.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adl.cover.Mutant;
import dev.adl.cover.MutationResult;
import dev.adl.cover.PolicyCoverage;
import dev.adl.cover.Probe;
import dev.adl.testing.CaseResult;
import dev.adl.testing.Difference;
import dev.adl.testing.JsonReport;
import dev.adl.testing.RunReport;

import java.util.Map;
import java.util.TreeMap;

/**
 * A suite run as JSON for the console: the cases, each policy line with a probe marked
 * covered (every branch seen), partly covered (some) or not covered (none) with its branches'
 * counts, and the mutants that survived, by line.
 */
final class SuiteViews {
    private SuiteViews() {
    }

    static ObjectNode report(SuiteService.Outcome out) {
        RunReport r = out.report();
        PolicyVersion pv = out.policy();
        ObjectNode o = Json.object();
        o.put("policy", pv.name()).put("version", pv.version()).put("sha256", pv.sha256()).put("ok", r.ok());
        ObjectNode cases = o.putObject("cases");
        cases.put("total", r.cases().size()).put("passed", r.cases().size() - r.failed()).put("failed", r.failed());
        ArrayNode failures = cases.putArray("failures");
        for (CaseResult c : r.cases()) {
            if (c.passed()) continue;
            ObjectNode f = failures.addObject().put("case", c.testCase().name());
            ArrayNode diffs = f.putArray("differences");
            for (Difference d : c.differences()) {
                diffs.addObject().put("field", d.field()).put("expected", out.local(String.valueOf(d.expected())))
                        .put("actual", out.local(String.valueOf(d.actual())));
            }
        }
        ArrayNode suiteErrors = o.putArray("suite_errors");
        r.suiteErrors().forEach(e -> suiteErrors.add(out.local(e)));
        o.set("coverage", coverage(r));
        if (r.mutations().isEmpty()) {
            o.putNull("mutants");
        } else {
            o.set("mutants", mutants(r.mutations().get(0)));
        }
        return o;
    }

    private static ObjectNode coverage(RunReport r) {
        ObjectNode o = Json.object();
        o.put("branches", r.branchesTotal()).put("covered_branches", r.branchesCovered())
                .put("branch_coverage", JsonReport.percent(r.branchesCovered(), r.branchesTotal()));
        ArrayNode lines = o.putArray("lines");
        if (r.coverage().isEmpty()) return o;
        PolicyCoverage c = r.coverage().get(0);
        Map<Integer, ArrayNode> branchesByLine = new TreeMap<>();
        Map<Integer, int[]> seenByLine = new TreeMap<>(); // {seen, total}
        for (int i = 0; i < c.probes().size(); i++) {
            Probe p = c.probes().get(i);
            ArrayNode list = branchesByLine.computeIfAbsent(p.line(), k -> Json.array());
            int[] seen = seenByLine.computeIfAbsent(p.line(), k -> new int[2]);
            for (int b = 0; b < p.branches().size(); b++) {
                long hits = c.hits(i, b);
                list.addObject().put("clause", p.clause()).put("branch", p.branches().get(b)).put("events", hits);
                seen[1]++;
                if (hits > 0) seen[0]++;
            }
        }
        branchesByLine.forEach((line, branches) -> {
            int[] seen = seenByLine.get(line);
            String status = seen[0] == seen[1] ? "covered" : seen[0] == 0 ? "not_covered" : "partly_covered";
            lines.addObject().put("line", line).put("status", status).set("branches", branches);
        });
        return o;
    }

    private static ObjectNode mutants(MutationResult m) {
        ObjectNode o = Json.object();
        if (m.skipped() == null) {
            o.putNull("skipped");
        } else {
            o.put("skipped", m.skipped());
        }
        o.put("total", m.mutants()).put("killed", m.killed()).put("rejected", m.invalid());
        ArrayNode survived = o.putArray("survived");
        for (Mutant s : m.survivors()) {
            survived.addObject().put("line", s.line()).put("operator", s.operator()).put("change", s.change());
        }
        ArrayNode crashed = o.putArray("crashed");
        for (MutationResult.Crash c : m.crashes()) {
            crashed.addObject().put("line", c.mutant().line()).put("operator", c.mutant().operator())
                    .put("change", c.mutant().change()).put("error", c.error());
        }
        return o;
    }
}
