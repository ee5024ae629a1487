package dev.adl.bench;

import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import java.nio.charset.StandardCharsets;

/**
 * Memory per position: the store's primitive arrays ({@code arrayBytes() / rows()}), the
 * live heap of a whole 1M and 10M market (store, account names, exposures), and the heap a
 * Drools session holds with one fact per position. Prints one JSON object.
 */
public final class Footprint {
    private Footprint() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder json = new StringBuilder("{");
        for (int n : new int[]{1_000_000, 10_000_000}) {
            long before = usedAfterGc();
            BenchMarket m = BenchMarket.generate(n, 1);
            long after = usedAfterGc();
            json.append(String.format("\"store_%d\": {\"rows\": %d, \"array_bytes\": %d, \"heap_bytes\": %d},", n,
                    m.store.rows(), m.store.arrayBytes(), after - before));
            if (n == 1_000_000) {
                json.append(String.format("\"drools_facts_%d\": {\"heap_bytes\": %d},", n, droolsHeap(m)));
            }
            m = null;
        }
        json.setLength(json.length() - 1);
        System.out.println(json.append("}"));
    }

    /** Heap held by a session with one fact per position (the ranking benchmark's Drools design). */
    private static long droolsHeap(BenchMarket m) throws InterruptedException {
        KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
        kb.add(ResourceFactory.newByteArrayResource(DroolsRankingBenchmark.DRL.getBytes(StandardCharsets.UTF_8))
                .setSourcePath("rank.drl"), ResourceType.DRL);
        KieBase base = kb.newKieBase();
        long before = usedAfterGc();
        PositionFact[] facts = DroolsRankingBenchmark.facts(m);
        KieSession session = base.newKieSession();
        for (PositionFact f : facts) {
            session.insert(f);
        }
        session.fireAllRules();
        long after = usedAfterGc();
        long perSide = after - before;
        session.dispose();
        return perSide;
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
