package dev.adl.compile;

import dev.adl.ast.Policy;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** The compiled form of one policy version: a built KieBase, a formula program and the policy's data. */
final class StandardCompiledPolicy implements CompiledPolicy {
    private final Policy ast;
    private final String source;
    private final String sha256;
    private final String drl;
    private final KieBase kieBase;
    private final FormulaProgram program;
    private final List<String> markets;
    private final Set<Long> drawdownWindows;
    private final Map<String, Long> exposureSources;
    private final List<TierInfo> tiers;
    private final OptionalInt notifyQuintile;
    private final List<Integer> rankLines;
    private final List<String> letNames;
    private final List<Integer> letLines;
    private final List<String> ruleNames;
    private final List<LayerInfo> layers;
    private final Set<LayerKey> layerKeys;

    StandardCompiledPolicy(Policy ast, String source, String drl, KieBase kieBase, FormulaProgram program,
                           List<String> markets, Set<Long> drawdownWindows, Map<String, Long> exposureSources,
                           List<TierInfo> tiers, List<String> ruleNames, Set<LayerKey> layerKeys) {
        this.ast = ast;
        this.source = source;
        this.sha256 = sha256Hex(source);
        this.drl = drl;
        this.kieBase = kieBase;
        this.program = program;
        this.markets = List.copyOf(markets);
        this.drawdownWindows = Set.copyOf(drawdownWindows);
        this.exposureSources = Map.copyOf(exposureSources);
        this.tiers = List.copyOf(tiers);
        this.notifyQuintile = ast.notification() == null ? OptionalInt.empty()
                : OptionalInt.of(ast.notification().quintile());
        this.rankLines = ast.ranks().stream().map(r -> r.pos().line()).toList();
        this.letNames = ast.lets().stream().map(Policy.Let::name).toList();
        this.letLines = ast.lets().stream().map(l -> l.pos().line()).toList();
        this.ruleNames = List.copyOf(ruleNames);
        List<LayerInfo> ls = new java.util.ArrayList<>();
        if (ast.version() >= 2) {
            List<Policy.Layer> written = ast.layers();
            for (int i = 0; i < written.size(); i++) {
                ls.add(new LayerInfo(i, written.get(i).name().value(), written.get(i).kind()));
            }
        }
        this.layers = List.copyOf(ls);
        this.layerKeys = Set.copyOf(layerKeys);
    }

    @Override public List<LayerInfo> layers() { return layers; }
    @Override public boolean exchangeModel() { return ast.version() >= 2 && ast.usesVersion2(); }
    @Override public Set<LayerKey> layerKeys() { return layerKeys; }

    @Override
    public java.math.BigDecimal feeRate() {
        Policy.Fee fee = ast.reduce() == null ? null : ast.reduce().fee();
        return ast.version() < 2 || fee == null ? java.math.BigDecimal.ZERO : fee.rate().value();
    }

    @Override
    public boolean fillsAtMark() {
        Policy.FillAt f = ast.reduce() == null ? null : ast.reduce().fillAt();
        return ast.version() >= 2 && f != null && f.price() == Policy.FillPrice.MARK_PRICE;
    }

    @Override
    public boolean latches() {
        return ast.version() >= 2 && ast.triggers().stream().anyMatch(t -> t.until() != null);
    }

    @Override public Policy ast() { return ast; }
    @Override public String name() { return ast.name(); }
    @Override public long version() { return ast.version(); }
    @Override public String source() { return source; }
    @Override public String sha256() { return sha256; }
    @Override public String drl() { return drl; }
    @Override public String programListing() { return program.listing(); }
    @Override public Set<Long> drawdownWindows() { return drawdownWindows; }
    @Override public Map<String, Long> exposureSources() { return exposureSources; }
    @Override public List<TierInfo> tiers() { return tiers; }
    @Override public OptionalInt notifyQuintile() { return notifyQuintile; }
    @Override public List<String> markets() { return markets; }
    @Override public List<Integer> rankLines() { return rankLines; }
    @Override public int eligibleLine() { return ast.eligible() == null ? 0 : ast.eligible().pos().line(); }
    @Override public List<String> letNames() { return letNames; }
    @Override public List<Integer> letLines() { return letLines; }
    @Override public List<String> ruleNames() { return ruleNames; }

    @Override
    public boolean appliesTo(String market) {
        for (String glob : markets) {
            if (MarketGlob.matches(glob, market)) return true;
        }
        return false;
    }

    @Override
    public Decision decide(MarketFacts facts) {
        Decision decision = new Decision();
        KieSession session = kieBase.newKieSession();
        try {
            session.setGlobal("decision", decision);
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    decision.fired(event.getMatch().getRule().getName());
                }
            });
            session.insert(facts);
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        return decision;
    }

    @Override
    public Evaluation evaluate(ColumnInput input) {
        return program.evaluate(input);
    }

    FormulaProgram program() {
        return program;
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
