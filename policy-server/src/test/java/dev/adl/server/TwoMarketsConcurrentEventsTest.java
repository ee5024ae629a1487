package dev.adl.server;

import dev.adl.io.EventJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two markets firing events at once, from two threads, with policies that read the accounts'
 * positions in both: a restart replays the same journals, whatever order the threads took.
 * Prints the events per second of the timed phase, one market alone and both at once (the
 * cost of the one venue-wide lock the events hold; docs/venue.md). Run with
 * {@code mvn -B verify -pl policy-server -am -Dadl.skipArchive=true -Dgroups=slow -Dadl.excludedGroups=browser
 * -Dtest=TwoMarketsConcurrentEventsTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class TwoMarketsConcurrentEventsTest {
    private static final Caller OTTO = new Caller("otto", "t-otto", Set.of(Role.OPERATOR));
    private static final String HEADER = "account,market,side,size,entry_price,collateral\n";
    private static final int WARM = 500;
    private static final int TIMED = 1500;
    private static final String[] MARKETS = {"A-PERP", "B-PERP"};

    @Test
    void concurrentEventsOfTwoMarketsReplayTheSame(@TempDir Path dir) throws Exception {
        measure(dir.resolve("forced"), "appends forced to disk");
        boolean force = AppendLog.forceWrites;
        AppendLog.forceWrites = false;
        try {
            measure(dir.resolve("unforced"), "appends not forced");
        } finally {
            AppendLog.forceWrites = force;
        }
    }

    private static void measure(Path dir, String label) throws Exception {
        List<String> a;
        List<String> b;
        try (ServerState s = ServerState.open(dir, Clock.systemUTC(), false)) {
            for (String m : MARKETS) setUp(s, m);
            // warm: both markets at once; then A alone, then both at once again (both timed)
            run(s, MARKETS, 0, WARM);
            double alone = run(s, new String[] {"A-PERP"}, WARM, WARM + TIMED / 2);
            double both = run(s, MARKETS, WARM + TIMED / 2, WARM + TIMED);
            System.out.printf("venue events/s, %s: one market alone %.0f, two markets at once %.0f%n", label, alone, both);
            a = journal(s, "A-PERP");
            b = journal(s, "B-PERP");
        }
        assertThat(a).hasSize(WARM + TIMED);
        assertThat(b).hasSize(WARM + TIMED / 2);
        try (ServerState s = ServerState.open(dir, Clock.systemUTC(), false)) {
            assertThat(journal(s, "A-PERP")).isEqualTo(a);
            assertThat(journal(s, "B-PERP")).isEqualTo(b);
        }
    }

    /** Bankrupt longs L0.. (bp 105, under water at 100) and 50 shorts S0..S49 shared by both markets. */
    private static void setUp(ServerState s, String m) throws Exception {
        s.markets.put(OTTO, m, BigDecimal.ONE, new BigDecimal("100"));
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < WARM + TIMED; i++) csv.append("L").append(i).append(',').append(m).append(",long,1,110,5\n");
        for (int j = 0; j < 50; j++) {
            csv.append('S').append(j).append(',').append(m).append(",short,").append(100 + j + (m.equals("A-PERP") ? 0 : 37 * j % 50))
                    .append(",100,100000\n");
        }
        s.inputs.putPositions(OTTO, m, csv.toString().getBytes(StandardCharsets.UTF_8), true);
        PolicyVersion pv = s.policies.create(OTTO, """
                policy "by-account-%s" version 2
                markets "%s"
                rank by account_notional
                reduce { tier "queue" : queue }
                """.formatted(m.toLowerCase(java.util.Locale.ROOT), m)).policy();
        s.activations.activate(OTTO, m, pv.name(), pv.version());
    }

    /** Events of bankrupt L{from}..L{to - 1} on each market, one thread a market; returns events per second. */
    private static double run(ServerState s, String[] markets, int from, int to) throws Exception {
        CyclicBarrier start = new CyclicBarrier(markets.length + 1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread[] threads = new Thread[markets.length];
        for (int t = 0; t < markets.length; t++) {
            String m = markets[t];
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                    for (int i = from; i < to; i++) {
                        s.events.apply(OTTO, m, new EventJson.Request("L" + i, new BigDecimal("100"), Instant.now()));
                    }
                } catch (Throwable e) {
                    failed.compareAndSet(null, e);
                }
            });
            threads[t].start();
        }
        start.await();
        long t0 = System.nanoTime();
        for (Thread t : threads) t.join();
        long nanos = System.nanoTime() - t0;
        if (failed.get() != null) throw new AssertionError(failed.get());
        return (double) markets.length * (to - from) * 1e9 / nanos;
    }

    private static List<String> journal(ServerState s, String market) {
        return s.events.page(market, 0, WARM + TIMED).stream().map(OpCodec::write).toList();
    }
}
