package dev.adl.cli;

import dev.adl.lab.HaircutBins;
import dev.adl.lab.PathResult;
import dev.adl.lab.ReplayRun;
import dev.adl.lab.StressRun;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The `--report` page of `adl stress` and `adl replay`: the side-by-side table, then as
 * inline SVG the marks of path 1 per market (without feedback dashed, with feedback per
 * policy), each layer's cumulative payments over path 1 per policy, and per policy the
 * distribution of haircut over equity of every hit account over all paths.
 */
final class LabReport {
    private LabReport() {
    }

    static String stress(StressRun.Outcome o, LabTable table) {
        Html h = new Html("Stress: " + o.scenario());
        h.paragraph("seed " + o.seed() + ", " + o.paths() + " path" + (o.paths() == 1 ? "" : "s")
                + (o.paths() == 1 ? "" : "; cells are p50 / p95 / p99 over the paths (nearest rank)"));
        h.heading("Policies side by side").table(table);
        List<PathResult> first = o.runs().stream().map(r -> r.results().get(0)).toList();
        h.heading("Marks over time (path 1)");
        for (String market : first.get(0).marks().keySet()) {
            List<Svg.Series> s = new ArrayList<>();
            s.add(new Svg.Series("without feedback", doubles(first.get(0).marksWithoutFeedback().get(market)), true));
            for (int i = 0; i < first.size(); i++) {
                s.add(new Svg.Series(name(o, i), doubles(first.get(i).marks().get(market)), false));
            }
            h.raw(Svg.lines(market, s));
        }
        h.heading("Cumulative payments per layer (path 1)");
        for (String layer : first.get(0).paidOverTime().keySet()) {
            List<Svg.Series> s = new ArrayList<>();
            for (int i = 0; i < first.size(); i++) {
                s.add(new Svg.Series(name(o, i), doubles(first.get(i).paidOverTime().get(layer)), false));
            }
            h.raw(Svg.lines(layer, s));
        }
        h.heading("Haircut over equity, every hit account of every path");
        for (int i = 0; i < o.runs().size(); i++) {
            HaircutBins bins = HaircutBins.empty();
            for (PathResult r : o.runs().get(i).results()) bins = bins.plus(r.bins());
            h.raw(histogram(name(o, i), bins));
        }
        return h.page();
    }

    static String replay(String events, List<ReplayRun.Result> runs, LabTable table) {
        Html h = new Html("Replay: " + events);
        h.heading("Policies side by side").table(table);
        h.heading("Haircut over equity, every hit account");
        for (ReplayRun.Result r : runs) {
            h.raw(histogram(r.policy().name(), HaircutBins.of(r.haircutPcts().values())));
        }
        return h.page();
    }

    private static String name(StressRun.Outcome o, int run) {
        return (run + 1) + ". " + o.runs().get(run).policy().name();
    }

    /** The bins of 10% from 0 to 100%, the last also holding anything above. */
    private static String histogram(String title, HaircutBins bins) {
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < HaircutBins.BINS; b++) {
            labels.add(b * 10 + "-" + (b + 1) * 10 + (b == HaircutBins.BINS - 1 ? "+%" : "%"));
        }
        String t = title + ": " + bins.total() + " accounts"
                + (bins.unknown() > 0 ? " (" + bins.unknown() + " without equity)" : "");
        return Svg.histogram(t, labels, bins.counts());
    }

    private static List<Double> doubles(Collection<BigDecimal> values) {
        return values.stream().map(BigDecimal::doubleValue).toList();
    }

    /** The table's columns: one per run, numbered so two runs of the same policy stay apart. */
    static List<String> columns(List<String> names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) out.add((i + 1) + ". " + names.get(i));
        return out;
    }

    static LabTable table(List<String> names, List<Map<String, Object>> single) {
        LabTable t = new LabTable(columns(names));
        for (int i = 0; i < single.size(); i++) t.column(i, single.get(i));
        return t;
    }
}
