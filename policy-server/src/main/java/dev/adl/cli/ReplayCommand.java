package dev.adl.cli;

import dev.adl.lab.LabJson;
import dev.adl.lab.PolicySet;
import dev.adl.lab.RecordedEvents;
import dev.adl.lab.ReplayRun;
import dev.adl.lab.VenueSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `adl replay`: recorded bankruptcy events applied in order under each policy (STRESS.md
 * section 4), with the stress metrics, and with {@code --actual} a comparison with what the
 * venue really closed.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Apply recorded bankruptcy events to a venue under each policy and compare the outcomes.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LabOptions lab;

    @Option(names = "--events", required = true, paramLabel = "EVENTS.jsonl", description = "one event JSON per line")
    Path eventsFile;

    @Option(names = "--actual", paramLabel = "FILLS.csv", description = "what the venue closed: event,account,size,price")
    Path actualFile;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return LabOptions.reporting(err, () -> {
            VenueSnapshot venue = LabInputs.venue(lab.venueDir);
            String source = eventsFile.toString();
            List<RecordedEvents.Recorded> events = RecordedEvents.read(source, PolicyFiles.read(eventsFile));
            List<RecordedEvents.ActualFill> actual = actualFile == null ? null
                    : RecordedEvents.actual(actualFile.toString(), PolicyFiles.read(actualFile), events);
            List<ReplayRun.Result> runs = new ArrayList<>();
            for (PolicySet set : LabInputs.policies(lab.venueDir, venue, lab.policyFiles)) {
                runs.add(ReplayRun.run(venue, set, source, events, actual));
            }
            LabTable table = table(runs);
            table.print(spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            if (lab.jsonFile != null) LabInputs.write(lab.jsonFile, LabJson.replay(source, runs));
            if (lab.reportFile != null) LabInputs.write(lab.reportFile, LabReport.replay(source, runs, table));
            return 0;
        });
    }

    /** The metrics, then the events skipped and, with --actual, the accounts hit by both, policy only, venue only. */
    static LabTable table(List<ReplayRun.Result> runs) {
        LabTable t = LabReport.table(runs.stream().map(r -> r.policy().name()).toList(),
                runs.stream().map(r -> r.metrics().fields()).toList());
        for (int i = 0; i < runs.size(); i++) {
            ReplayRun.Result r = runs.get(i);
            t.cell("skipped_events", i, Integer.toString(r.skipped().size()));
            if (r.comparison() == null) continue;
            t.cell("hit_by_both", i, Integer.toString(r.comparison().both().size()));
            t.cell("hit_by_policy_only", i, Integer.toString(r.comparison().policyOnly().size()));
            t.cell("hit_by_venue_only", i, Integer.toString(r.comparison().venueOnly().size()));
            for (Map.Entry<String, BigDecimal[]> e : r.comparison().closed().entrySet()) {
                t.cell("closed." + e.getKey(), i, LabTable.text(e.getValue()[0]) + " (venue "
                        + LabTable.text(e.getValue()[1]) + ")");
            }
        }
        return t;
    }
}
