package dev.adl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one benchmark run (JMH's JSON and {@link Footprint}'s) into the tables of
 * BENCHMARKS.md ({@code tables.md}) and the scaling plot ({@code scaling.svg}). Every ratio
 * divides two results of the same run; its error bar combines the two relative errors.
 */
public final class Report {
    private Report() {
    }

    record Result(String benchmark, String params, double score, double error, String unit, JsonNode percentiles) {
        double p(String q) {
            return percentiles == null ? Double.NaN : percentiles.path(q).asDouble(Double.NaN);
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/results");
        ObjectMapper json = new ObjectMapper();
        List<Result> results = new ArrayList<>();
        // jmh.json is the run of every benchmark; jmh-*.json are the runs bench/run.sh adds with other parameters
        List<Path> runs = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().matches("jmh(-.*)?\\.json")).sorted().forEach(runs::add);
        }
        for (Path run : runs) for (JsonNode r : json.readTree(run.toFile())) {
            String name = r.get("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            StringBuilder params = new StringBuilder();
            r.path("params").fields().forEachRemaining(e -> params.append(e.getKey()).append('=')
                    .append(e.getValue().asText()).append(' '));
            JsonNode pm = r.get("primaryMetric");
            double err = pm.path("scoreError").asDouble(Double.NaN);
            results.add(new Result(name, params.toString().trim(), pm.get("score").asDouble(), err,
                    pm.get("scoreUnit").asText(), pm.get("scorePercentiles")));
        }
        JsonNode foot = Files.exists(dir.resolve("footprint.json")) ? json.readTree(dir.resolve("footprint.json").toFile())
                : null;
        StringBuilder md = new StringBuilder();
        ranking(md, results);
        footprint(md, foot);
        events(md, results);
        loading(md, results);
        policies(md, results);
        coldStart(md, dir);
        venueAccounts(md, results);
        scaling(md, results, dir);
        scoring(md, results);
        bigMarket(md, results);
        Files.writeString(dir.resolve("tables.md"), md.toString());
        System.out.print(md);
    }

    /** The first result of {@code bench} whose parameters include every one of {@code paramParts} ("name=value"). */
    private static Result find(List<Result> rs, String bench, String... paramParts) {
        for (Result r : rs) {
            if (r.benchmark().equals(bench) && hasAll(r.params(), paramParts)) {
                return r;
            }
        }
        return null;
    }

    private static boolean hasAll(String params, String[] parts) {
        if (parts == null) return true;
        for (String part : parts) {
            if (part != null && !(" " + params + " ").contains(" " + part + " ")) return false;
        }
        return true;
    }

    private static String ms(Result r) {
        if (r == null) return "not run";
        return fmt(r.score()) + " ± " + fmt(r.error()) + " " + r.unit().replace("/op", "");
    }

    /** A sampled result as its median, with the mean and its 99.9% interval after it. */
    private static String median(Result r) {
        if (r == null) return "not run";
        return "**" + fmt(r.p("50.0")) + "** (" + ms(r) + ")";
    }

    /** Ratio of medians: robust to the bursts of other work on a shared machine, which inflate means. */
    private static String medianRatio(Result a, Result b) {
        if (a == null || b == null) return "n/a";
        return "**" + fmt(a.p("50.0") / b.p("50.0")) + "x**";
    }

    /** a / b with the error from both relative errors. */
    private static String ratio(Result a, Result b) {
        if (a == null || b == null) return "n/a";
        double q = a.score() / b.score();
        double rel = Math.hypot(relErr(a), relErr(b));
        return fmt(q) + "x ± " + fmt(q * rel);
    }

    private static double relErr(Result r) {
        return Double.isFinite(r.error()) ? r.error() / r.score() : 0;
    }

    private static String fmt(double v) {
        if (!Double.isFinite(v)) return "n/a";
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }

    private static void ranking(StringBuilder md, List<Result> rs) {
        md.append("### Ranking and selection (reference formulas, one side, first 100)\n\n"
                + "Each cell: **median** (mean ± 99.9% interval), ms per operation; ratios are of medians.\n\n");
        md.append("| positions | compiled (ours) | hand-written loop | ours / hand | hand-written, fused with "
                + "selection | ours / fused | full sort instead of top-k | full sort / top-k | "
                + "Drools, fact per position | Drools / ours |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (String n : new String[]{"1000000", "10000000"}) {
            Result c = find(rs, "RankingBenchmark.compiled", "positions=" + n);
            Result h = find(rs, "RankingBenchmark.handWritten", "positions=" + n);
            Result f = find(rs, "RankingBenchmark.compiledFullSort", "positions=" + n);
            Result hf = find(rs, "RankingBenchmark.handWrittenFused", "positions=" + n);
            Result d = find(rs, "DroolsRankingBenchmark.droolsFacts", "positions=" + n);
            md.append("| ").append(n).append(" | ").append(median(c)).append(" | ").append(median(h)).append(" | ")
                    .append(medianRatio(c, h)).append(" | ").append(median(hf)).append(" | ").append(medianRatio(c, hf))
                    .append(" | ").append(median(f)).append(" | ").append(medianRatio(f, c)).append(" | ")
                    .append(d == null ? "not measured (see below)" : median(d)).append(" | ")
                    .append(d == null ? "n/a" : medianRatio(d, c)).append(" |\n");
        }
        md.append('\n');
    }

    private static void footprint(StringBuilder md, JsonNode foot) {
        if (foot == null) return;
        md.append("### Memory\n\n| positions | store arrays, bytes per position | live heap of the market "
                + "(store, account names, exposures) | heap per position |\n|---|---|---|---|\n");
        for (String n : new String[]{"1000000", "10000000"}) {
            JsonNode s = foot.get("store_" + n);
            if (s == null) continue;
            double rows = s.get("rows").asDouble();
            md.append("| ").append(n).append(" | ").append(fmt(s.get("array_bytes").asDouble() / rows)).append(" | ")
                    .append(fmt(s.get("heap_bytes").asDouble() / (1 << 20))).append(" MiB | ")
                    .append(fmt(s.get("heap_bytes").asDouble() / rows)).append(" B |\n");
        }
        JsonNode d = foot.get("drools_facts_1000000");
        if (d != null) {
            md.append("\nA Drools session holding one fact per position of the 1M market holds ")
                    .append(fmt(d.get("heap_bytes").asDouble() / (1 << 20))).append(" MiB, ")
                    .append(fmt(d.get("heap_bytes").asDouble() / 1_000_000)).append(" B per fact, on top of the store.\n");
        }
        md.append('\n');
    }

    /** Each policy at the two price levels side by side: the ratio shows what real prices cost. */
    private static void events(StringBuilder md, List<Result> rs) {
        md.append("### One whole event, 1M positions, at mark 1,000 and mark 50,000 (dry run: everything but "
                + "writing the fills back)\n\n");
        md.append("| policy | mark 1,000: p50 / p99 | mark 50,000: p50 / p99 | mean at 50,000 | p50 ratio 50,000 / 1,000 "
                + "| p99 ratio |\n|---|---|---|---|---|---|\n");
        for (String p : new String[]{"queue", "prorata", "reference"}) {
            Result low = find(rs, "EventBenchmark.event", "policyName=" + p, "mark=1000");
            Result high = find(rs, "EventBenchmark.event", "policyName=" + p, "mark=50000");
            if (low == null && high == null) continue;
            md.append("| ").append(p).append(" | ").append(p50p99(low)).append(" | ").append(p50p99(high)).append(" | ")
                    .append(ms(high)).append(" | ").append(medianRatio(high, low)).append(" | ")
                    .append(low == null || high == null ? "n/a" : fmt(high.p("99.0") / low.p("99.0")) + "x")
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static String p50p99(Result r) {
        return r == null ? "not run" : fmt(r.p("50.0")) + " / " + fmt(r.p("99.0")) + " ms";
    }

    /** Version 2's account sums over 10 markets of 1M positions: the full build and one event's update, at both marks. */
    private static void venueAccounts(StringBuilder md, List<Result> rs) {
        md.append("### Account sums over a venue (10 markets x 1M positions, the same 1M accounts)\n\n"
                + "| mark | build (every market) | update (1,000 changed rows captured and applied) |\n|---|---|---|\n");
        for (String mark : new String[]{"1000", "50000"}) {
            Result build = find(rs, "VenueAccountsBenchmark.build", "mark=" + mark);
            Result update = find(rs, "VenueAccountsBenchmark.update", "mark=" + mark);
            if (build == null && update == null) continue;
            md.append("| ").append(mark).append(" | ").append(ms(build)).append(" | ").append(ms(update)).append(" |\n");
        }
        md.append('\n');
    }

    /** LoadBenchmark: each reader's p50 and MB/s over the same file, the current reader against the others. */
    private static void loading(StringBuilder md, List<Result> rs) throws IOException {
        md.append("### Loading 1M positions and their exposures from bytes in memory (p50)\n\n");
        md.append("| mark | file | line reader | previous byte parser | byte parser | vs line / previous |\n")
                .append("|---|---|---|---|---|---|\n");
        for (String mark : new String[]{"1000", "50000"}) {
            String p = "mark=" + mark;
            Result line = find(rs, "LoadBenchmark.lineReader", p);
            Result now = find(rs, "LoadBenchmark.byteParser", p);
            if (line == null && now == null) continue;
            long[] bytes = LoadBenchmark.sizes(1_000_000, Long.parseLong(mark));
            md.append("| ").append(mark).append(" | positions, ").append(fmt(bytes[0] / 1e6)).append(" MB | ")
                    .append(rate(line, bytes[0])).append(" | ").append(rate(find(rs, "LoadBenchmark.previousByteParser", p),
                            bytes[0])).append(" | ").append(rate(now, bytes[0])).append(" | ").append(medianRatio(line, now))
                    .append(" / ").append(medianRatio(find(rs, "LoadBenchmark.previousByteParser", p), now)).append(" |\n");
            Result expLine = find(rs, "LoadBenchmark.exposuresLineReader", p);
            Result expNow = find(rs, "LoadBenchmark.exposuresByteParser", p);
            md.append("| ").append(mark).append(" | exposures, ").append(fmt(bytes[1] / 1e6)).append(" MB | ")
                    .append(rate(expLine, bytes[1])).append(" | - | ").append(rate(expNow, bytes[1])).append(" | ")
                    .append(medianRatio(expLine, expNow)).append(" / - |\n");
        }
        md.append('\n');
    }

    /** The table {@code bench/cold-start.sh} wrote in the same run, when it ran. */
    private static void coldStart(StringBuilder md, Path dir) throws IOException {
        Path table = dir.resolve("cold-start.md");
        if (!Files.exists(table)) return;
        md.append("### Cold start: fresh JVMs, the plain jar against `./adl` (medians, `bench/cold-start.sh`)\n\n")
                .append(Files.readString(table)).append('\n');
    }

    private static String rate(Result r, long bytes) {
        if (r == null) return "not run";
        return fmt(r.p("50.0")) + " ms (" + fmt(bytes / 1e3 / r.p("50.0")) + " MB/s)";
    }

    private static void policies(StringBuilder md, List<Result> rs) {
        md.append("### Policies: compile, swap, events during activations\n\n| measure | value |\n|---|---|\n");
        Result cold = find(rs, "ColdCompileBenchmark.compileCold");
        Result warm = find(rs, "PolicyBenchmark.compileWarm");
        Result swap = find(rs, "PolicyBenchmark.swap");
        md.append("| compile, cold JVM (mean of 5 fresh JVMs) | ").append(ms(cold)).append(" |\n");
        md.append("| compile, warm JVM | ").append(ms(warm)).append(" |\n");
        md.append("| cold / warm | ").append(ratio(cold, warm)).append(" |\n");
        md.append("| swap (AtomicReference getAndSet of a CompiledPolicy) | ").append(ms(swap)).append(" |\n");
        Result none = find(rs, "SwapUnderLoadBenchmark.event", "activations=none");
        Result busy = find(rs, "SwapUnderLoadBenchmark.event", "activations=every100ms");
        if (none != null && busy != null) {
            md.append("| event p50 / p99 / p99.9, no activations | ").append(fmt(none.p("50.0"))).append(" / ")
                    .append(fmt(none.p("99.0"))).append(" / ").append(fmt(none.p("99.9"))).append(" ms |\n");
            md.append("| event p50 / p99 / p99.9, a new version compiled and activated every 100 ms | ")
                    .append(fmt(busy.p("50.0"))).append(" / ").append(fmt(busy.p("99.0"))).append(" / ")
                    .append(fmt(busy.p("99.9"))).append(" ms |\n");
            md.append("| p50 ratio, activating / not | ").append(fmt(busy.p("50.0") / none.p("50.0"))).append("x |\n");
            md.append("| p99 ratio, activating / not | ").append(fmt(busy.p("99.0") / none.p("99.0"))).append("x |\n");
        }
        md.append('\n');
    }

    private static void scaling(StringBuilder md, List<Result> rs, Path dir) throws IOException {
        List<double[]> points = new ArrayList<>();
        md.append("### Scaling: one event (reference policy)\n\n| positions | event: **median** (mean ± 99.9%) | p99 | "
                + "ns per position (median) | vs. 10x fewer positions |\n|---|---|---|---|---|\n");
        Result prev = null;
        for (String n : new String[]{"10000", "100000", "1000000", "10000000"}) {
            Result r = find(rs, "ScalingBenchmark.event", "positions=" + n, "mark=1000", "threads=0");
            if (r == null) continue;
            double nsPer = r.p("50.0") * 1e6 / Double.parseDouble(n);
            md.append("| ").append(n).append(" | ").append(median(r)).append(" | ").append(fmt(r.p("99.0")))
                    .append(" ms | ").append(fmt(nsPer)).append(" | ")
                    .append(prev == null ? "" : medianRatio(r, prev)).append(" |\n");
            // the plot: the median, with a bar from the fastest operation to p90
            points.add(new double[]{Double.parseDouble(n), r.p("50.0"), r.p("0.0"), r.p("90.0")});
            prev = r;
        }
        md.append("\n![event cost against positions](bench/results/scaling.svg)\n");
        if (!points.isEmpty()) {
            Files.writeString(dir.resolve("scaling.svg"), Plot.logLog(points,
                    "one event, reference policy", "positions", "ms per event"));
        }
    }

    /**
     * Scoring and selection against the two limits, on one and two threads, and what the
     * measured speed-up predicts for 16 cores (Amdahl's law with the serial fraction it implies).
     */
    private static void scoring(StringBuilder md, List<Result> rs) {
        if (find(rs, "ScoringBenchmark.oursOneThread", null) == null) return;
        md.append("\n### Scoring one side and taking the first 100: limits and threads\n\n"
                + "Each cell: **median** (mean ± 99.9% interval); ratios are of medians.\n\n"
                + "| positions | ours, 1 thread | ours, 2 threads | hand-written fused | simplest loop over three "
                + "columns | ours / fused (1 thread) | ours / simplest (1 thread) | 1 / 2 threads | serial fraction "
                + "(Amdahl) | predicted speed-up on 16 cores |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (String n : new String[]{"1000000", "10000000"}) {
            Result one = find(rs, "ScoringBenchmark.oursOneThread", "positions=" + n);
            Result two = find(rs, "ScoringBenchmark.oursTwoThreads", "positions=" + n);
            Result fused = find(rs, "ScoringBenchmark.handFused", "positions=" + n);
            Result limit = find(rs, "ScoringBenchmark.limit", "positions=" + n);
            if (one == null) continue;
            md.append("| ").append(n).append(" | ").append(median(one)).append(" | ").append(median(two)).append(" | ")
                    .append(median(fused)).append(" | ").append(median(limit)).append(" | ")
                    .append(medianRatio(one, fused)).append(" | ").append(medianRatio(one, limit)).append(" | ")
                    .append(medianRatio(one, two)).append(" | ").append(amdahl(one, two)).append(" |\n");
        }
        md.append("\nThe last column is a prediction from two measured points, not a measurement.\n");
    }

    /** From the speed-up s on 2 threads, the serial fraction f = 2/s - 1 and the speed-up 1 / (f + (1 - f) / 16). */
    static String amdahl(Result one, Result two) {
        if (one == null || two == null) return "n/a | n/a";
        double f = serialFraction(one.p("50.0") / two.p("50.0"));
        return fmt(f) + " | " + fmt(predicted(f, 16)) + "x (prediction)";
    }

    static double serialFraction(double speedUpOnTwo) {
        return Math.max(0, Math.min(1, 2 / speedUpOnTwo - 1));
    }

    static double predicted(double serialFraction, int cores) {
        return 1 / (serialFraction + (1 - serialFraction) / cores);
    }

    /** The 10M-position event at a BTC price level, on one thread and on every core the engine may use. */
    private static void bigMarket(StringBuilder md, List<Result> rs) {
        Result one = find(rs, "ScalingBenchmark.event", "positions=10000000", "mark=50000", "threads=1");
        Result two = find(rs, "ScalingBenchmark.event", "positions=10000000", "mark=50000", "threads=2");
        if (one == null && two == null) return;
        md.append("\n### One event on 10M positions at mark 50,000 (reference policy)\n\n"
                + "| threads | event: **median** (mean ± 99.9%) | p99 |\n|---|---|---|\n");
        md.append("| 1 | ").append(median(one)).append(" | ").append(one == null ? "n/a" : fmt(one.p("99.0")) + " ms").append(" |\n");
        md.append("| 2 | ").append(median(two)).append(" | ").append(two == null ? "n/a" : fmt(two.p("99.0")) + " ms").append(" |\n");
        md.append("\n1 / 2 threads (medians): ").append(medianRatio(one, two)).append("\n");
    }
}
