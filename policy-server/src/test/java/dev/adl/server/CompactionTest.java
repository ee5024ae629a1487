package dev.adl.server;

import dev.adl.io.EventJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations log cut at each market's last snapshot: a start reads one snapshot and the
 * tail, the journal still pages every event, and the state is the one the full log gave.
 */
class CompactionTest {
    private static final Caller OTTO = new Caller("otto", "0123456789abcdef", Set.of(Role.OPERATOR));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T08:00:00Z"), ZoneOffset.UTC);
    private static final String MARKET = "TEST-C";
    private static final int ROUND = 1000;

    /** {@code events} events on one market, its longs added a round at a time so the store stays small. */
    private static void fill(Path data, int events) throws Exception {
        // a fixture, not the subject: its lines need not each wait for the disk
        AppendLog.forceWrites = false;
        try (ServerState s = ServerState.open(data, CLOCK, false)) {
            PolicyService.Stored p = s.policies.create(OTTO, TestServer.policy("compact", 1, "upnl"));
            s.markets.put(OTTO, MARKET, BigDecimal.ONE, new BigDecimal("1000"));
            for (int done = 0; done < events; ) {
                int round = done / ROUND;
                int n = Math.min(ROUND, events - done);
                StringBuilder csv = new StringBuilder("account,market,side,size,entry_price,collateral\n");
                for (int i = 0; i < n; i++) {
                    csv.append('L').append(round).append('x').append(i).append(',').append(MARKET).append(",long,1,1200,10\n");
                }
                for (int j = 0; j < 10; j++) {
                    csv.append('S').append(round).append('x').append(j).append(',').append(MARKET).append(",short,")
                            .append(n / 10 + 1).append(',').append(1100 + 10 * j).append(",5000\n");
                }
                s.inputs.putPositions(OTTO, MARKET, csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
                if (done == 0) s.activations.activate(OTTO, MARKET, p.policy().name(), p.policy().version());
                for (int i = 0; i < n; i++) {
                    s.events.apply(OTTO, MARKET, new EventJson.Request("L" + round + "x" + i, new BigDecimal("990"),
                            CLOCK.instant()));
                }
                done += n;
            }
        } finally {
            AppendLog.forceWrites = true;
        }
    }

    /** What a client can read of the market: its view, the first and last journal pages, and the total. */
    private static String observed(ServerState s, int events) {
        StringBuilder sb = new StringBuilder(Views.market(s.markets.require(MARKET).state(), true).toString());
        for (int from : new int[] {0, events / 2, Math.max(0, events - 40)}) {
            for (Op.EventApplied e : s.events.page(MARKET, from, 40)) {
                sb.append('\n').append(OpCodec.write(e));
            }
        }
        return sb.append('\n').append(s.events.total(MARKET)).toString();
    }

    private static long lines(Path file) throws Exception {
        try (Stream<String> l = Files.lines(file)) {
            return l.count();
        }
    }

    private static long csvBlobs(Path data) throws Exception {
        try (Stream<Path> l = Files.list(data.resolve("blobs"))) {
            return l.filter(p -> p.toString().endsWith(".csv")).count();
        }
    }

    private static void startsFromOneSnapshotAndTheTail(Path data, int events) throws Exception {
        fill(data, events);
        Path ops = data.resolve("ops.log");
        long bytesBefore = Files.size(ops);
        long linesBefore = lines(ops);
        long blobsBefore = csvBlobs(data);

        long t0 = System.nanoTime();
        String first;
        int cut;
        try (ServerState s = ServerState.open(data, CLOCK, false)) {
            assertThat(s.ops.compacted).isNotNull();
            cut = s.ops.compacted.eventsArchived();
            first = observed(s, events);
            assertThat(s.replayedEvents).isLessThan(ROUND);
        }
        long uncut = System.nanoTime() - t0;

        long t1 = System.nanoTime();
        try (ServerState s = ServerState.open(data, CLOCK, false)) {
            long cutStart = System.nanoTime() - t1;
            // the start after the cut replays nothing: the last start snapshotted the tail it replayed
            assertThat(s.replayedEvents).isZero();
            assertThat(s.ops.existing().size()).isLessThan(20);
            assertThat(observed(s, events)).isEqualTo(first);
            assertThat(s.events.total(MARKET)).isEqualTo(events);
            System.out.printf("compaction of %,d events: start over the full log %,d ms (%,d lines, %,d bytes);"
                            + " after the cut %,d ms (%,d lines, %,d bytes); %,d events archived; %d store CSVs -> %d%n",
                    events, uncut / 1_000_000, linesBefore, bytesBefore, cutStart / 1_000_000, lines(ops),
                    Files.size(ops), cut, blobsBefore, csvBlobs(data));
        }
        assertThat(cut).isGreaterThan(events - ROUND);
        // one snapshot line per market (its fund history included) and nothing else of size
        assertThat(lines(ops)).isLessThan(10);
        assertThat(Files.size(ops) * 10).isLessThan(bytesBefore);
        assertThat(csvBlobs(data)).isLessThan(blobsBefore);
        assertThat(lines(data.resolve("archive").resolve("events-" + MARKET + ".log"))).isEqualTo(events);
    }

    @Test
    void aCutLogStartsFromOneSnapshotAndTheTail(@TempDir Path dir) throws Exception {
        startsFromOneSnapshotAndTheTail(dir.resolve("data"), 2_500);
    }

    @Test
    @Tag("slow")
    void aHundredThousandEventServerStartsFromOneSnapshotAndTheTail(@TempDir Path dir) throws Exception {
        startsFromOneSnapshotAndTheTail(dir.resolve("data"), 100_000);
    }

    @Test
    void aCutInterruptedAfterTheArchiveIsWrittenAgainOnTheOldLog(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        fill(data, 1_200);
        Path saved = dir.resolve("saved-ops.log");
        Files.copy(data.resolve("ops.log"), saved);
        String first;
        int archivedFirst;
        try (ServerState s = ServerState.open(data, CLOCK, false)) {
            first = observed(s, 1_200);
            archivedFirst = s.ops.compacted.eventsArchived();
        }
        // as if the process died after the archive was forced but before the new log replaced the old one
        Files.copy(saved, data.resolve("ops.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (ServerState s = ServerState.open(data, CLOCK, false)) {
            assertThat(observed(s, 1_200)).isEqualTo(first);
        }
        List<String> archived = Files.readAllLines(data.resolve("archive").resolve("events-" + MARKET + ".log"));
        // the cut on the old log again finds the events it had archived and adds none twice
        assertThat(archived).hasSize(archivedFirst);
        for (int i = 0; i < archived.size(); i++) {
            assertThat(((Op.EventApplied) OpCodec.read(archived.get(i))).seq()).isEqualTo(i + 1);
        }
    }
}
