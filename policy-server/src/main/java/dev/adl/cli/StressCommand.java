package dev.adl.cli;

import dev.adl.lab.LabJson;
import dev.adl.lab.MarketSpec;
import dev.adl.lab.PolicySet;
import dev.adl.lab.ScenarioJson;
import dev.adl.lab.StressRun;
import dev.adl.lab.StressScenario;
import dev.adl.lab.VenueSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `adl stress`: a scenario's paths through a venue under each policy (STRESS.md section 2),
 * the metrics side by side on stdout, everything as JSON with {@code --json}, a page with
 * {@code --report}.
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = "Run a stress scenario's paths through a venue under each policy and compare the outcomes.")
final class StressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LabOptions lab;

    @Option(names = "--scenario", required = true, paramLabel = "S.json", description = "the scenario")
    Path scenarioFile;

    @Option(names = "--paths", defaultValue = "1", paramLabel = "N", description = "paths (default ${DEFAULT-VALUE})")
    int paths;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "K", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "threads (default: the processors)")
    Integer threads;

    @Option(names = "--timing", description = "print load, copy and per-path times on stderr")
    boolean timing;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return LabOptions.reporting(err, () -> {
            if (paths < 1) throw new CliException("adl stress: --paths must be at least 1", 2);
            int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            if (t < 1) throw new CliException("adl stress: --threads must be at least 1", 2);
            long t0 = System.nanoTime();
            VenueSnapshot venue = LabInputs.venue(lab.venueDir);
            StressScenario scenario = ScenarioJson.read(scenarioFile.toString(), PolicyFiles.read(scenarioFile),
                    venue.markets().stream().map(MarketSpec::market).toList());
            List<PolicySet> sets = LabInputs.policies(lab.venueDir, venue, lab.policyFiles);
            long t1 = System.nanoTime();
            Progress progress = Progress.onTerminal(err);
            StressRun.Outcome o = StressRun.run(venue, sets, scenario, paths, seed, t, lab.jsonFile != null,
                    progress);
            progress.finish();
            long t2 = System.nanoTime();
            LabTable table = table(o);
            table.print(spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            if (lab.jsonFile != null) LabInputs.write(lab.jsonFile, LabJson.stress(o));
            if (lab.reportFile != null) LabInputs.write(lab.reportFile, LabReport.stress(o, table));
            if (timing) timing(err, venue, t1 - t0, t2 - t1, t, o);
            return 0;
        });
    }

    static LabTable table(StressRun.Outcome o) {
        List<String> names = o.runs().stream().map(r -> r.policy().name()).toList();
        if (o.paths() == 1) {
            return LabReport.table(names, o.runs().stream().map(r -> r.results().get(0).metrics().fields()).toList());
        }
        LabTable t = new LabTable(LabReport.columns(names));
        for (int i = 0; i < o.runs().size(); i++) {
            Map<String, Map<String, Object>> p = o.runs().get(i).percentiles();
            t.percentiles(i, new ArrayList<>(p.values()));
        }
        return t;
    }

    /** Copying the venue's stores (what each path starts with) against the time a path takes. */
    private void timing(PrintWriter err, VenueSnapshot venue, long loadNanos, long runNanos, int threads, StressRun.Outcome o) {
        long[] copies = new long[5];
        for (int i = 0; i < copies.length; i++) {
            long s = System.nanoTime();
            venue.copyStores();
            copies[i] = System.nanoTime() - s;
        }
        java.util.Arrays.sort(copies);
        int used = Math.min(threads, paths);
        double perPath = runNanos / 1e6 * used / paths / o.runs().size();
        err.printf(java.util.Locale.ROOT, "timing: positions=%d load_ms=%d copy_ms=%.2f run_ms=%d paths=%d "
                        + "policies=%d threads=%d path_ms=%.1f (one path under one policy, per thread)%n",
                venue.positions(), loadNanos / 1_000_000, copies[2] / 1e6, runNanos / 1_000_000, paths,
                o.runs().size(), used, perPath);
    }
}
