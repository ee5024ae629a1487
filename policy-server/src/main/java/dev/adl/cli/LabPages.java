package dev.adl.cli;

import dev.adl.lab.ReplayRun;
import dev.adl.lab.StressRun;

import java.util.List;

/**
 * The lab's HTML report for callers outside the commands (the server's lab jobs): the same
 * page `adl stress --report` and `adl replay --report` write, so both read alike.
 */
public final class LabPages {
    private LabPages() {
    }

    public static String stress(StressRun.Outcome o) {
        return LabReport.stress(o, StressCommand.table(o));
    }

    public static String replay(String events, List<ReplayRun.Result> runs) {
        return LabReport.replay(events, runs, ReplayCommand.table(runs));
    }
}
