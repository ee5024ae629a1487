package dev.adl.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts the operations log at each market's last snapshot, at start and before the replay,
 * so the log (and the next start) holds one snapshot per market plus the tail. What is cut
 * is exactly what the replay would skip: a market's positions, funds and snapshots before
 * its last snapshot, and the events that snapshot holds; the events move to the
 * {@link JournalArchive}, which the journal keeps paging. Everything else (policies,
 * markets, exposures, activations, approvals, and the events after the snapshot) is kept
 * line for line, so the replay of the shorter log checks every remaining event against its
 * recorded result as before. An archived event that paid from the venue's layers leaves a
 * {@code layers_paid} line with its payments where it was.
 *
 * <p>Order of writes, so a crash at any point leaves a log that replays: the archive lines
 * first (forced; a replay skips logged events the archive already holds), then the new log
 * as a whole file renamed over the old one, then blobs that no kept line names.
 */
final class Compaction {
    /** What the cut keeps and moves, and how much. */
    record Plan(List<String> kept, Map<String, List<String>> archived, int linesBefore, Set<String> blobs) {
        boolean worthwhile() {
            return kept.size() < linesBefore;
        }

        int eventsArchived() {
            return archived.values().stream().mapToInt(List::size).sum();
        }
    }

    private Compaction() {
    }

    /** Decides the cut; {@code lines} are the log's lines, {@code entries} the same decoded. */
    static Plan plan(List<String> lines, List<OperationsLog.Entry> entries, JournalArchive archive) {
        Map<String, Integer> lastSnapshot = new HashMap<>();
        Map<String, Integer> snapshotSeq = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).op() instanceof Op.SnapshotTaken s) {
                lastSnapshot.put(s.market(), i);
                snapshotSeq.put(s.market(), s.journalSeq());
            }
        }
        List<String> kept = new ArrayList<>();
        Map<String, List<String>> archived = new LinkedHashMap<>();
        Set<String> blobs = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Op op = entries.get(i).op();
            if (op instanceof Op.OnMarket on) {
                String m = on.market();
                Integer last = lastSnapshot.get(m);
                boolean beforeSnapshot = last != null && i < last;
                if (op instanceof Op.EventApplied ev) {
                    if (ev.seq() <= archive.size(m)) { // archived by a cut that a crash interrupted
                        keepPayments(kept, ev);
                        continue;
                    }
                    if (beforeSnapshot && ev.seq() <= snapshotSeq.get(m)) {
                        List<String> moved = archived.computeIfAbsent(m, k -> new ArrayList<>());
                        if (ev.seq() != archive.size(m) + moved.size() + 1) {
                            throw new IllegalStateException("event " + ev.seq() + " of market `" + m
                                    + "` does not follow the events before it");
                        }
                        moved.add(lines.get(i));
                        keepPayments(kept, ev);
                        continue;
                    }
                } else if (beforeSnapshot && (op instanceof Op.PositionsPut || op instanceof Op.FundSet
                        || op instanceof Op.SnapshotTaken)) {
                    continue;
                }
            }
            kept.add(lines.get(i));
            blobs.addAll(blobsOf(op));
        }
        return new Plan(kept, archived, lines.size(), blobs);
    }

    /**
     * An event that moves to the archive leaves its layer payments in its place: the layers are
     * venue state that the market's snapshot does not hold, and their order among the pools'
     * other operations matters (a loss before a stake is not a loss after it).
     */
    private static void keepPayments(List<String> kept, Op.EventApplied ev) {
        Op.LayersPaid paid = EventVenue.payments(ev);
        if (!paid.payments().isEmpty()) kept.add(OpCodec.write(paid));
    }

    private static List<String> blobsOf(Op op) {
        if (op instanceof Op.PositionsPut p) return List.of(p.blob() + ".csv");
        if (op instanceof Op.ExposuresPut x) return List.of(x.blob() + ".csv");
        if (op instanceof Op.AccountsPut a) return List.of(a.blob() + ".csv");
        if (op instanceof Op.SnapshotTaken s) return List.of(s.blob() + ".csv");
        return List.of();
    }

    /** Carries the plan out: archive, new log, then the store CSVs no kept line names. */
    static void apply(Plan plan, Path log, JournalArchive archive, Path blobDir) throws IOException {
        for (Map.Entry<String, List<String>> e : plan.archived().entrySet()) {
            archive.append(e.getKey(), e.getValue());
        }
        StringBuilder text = new StringBuilder();
        for (String line : plan.kept()) {
            text.append(line).append('\n');
        }
        AtomicFiles.write(log, text.toString().getBytes(StandardCharsets.UTF_8));
        try (var files = Files.list(blobDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(".csv") && !plan.blobs().contains(n)) Files.deleteIfExists(p);
            }
        }
    }
}
