package dev.adl.fuzz;

import dev.adl.ast.Builtins;
import dev.adl.fuzz.PolicyText.Kind;
import dev.adl.fuzz.PolicyText.Slot;
import dev.adl.prop.Choices;
import dev.adl.prop.Gen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Random policies from the grammar (Adl.g4) and the rules of docs/language.md: every
 * clause in its place, lets over built-ins, earlier lets and exposures, conditions and
 * numbers where each belongs, triggers over market values only, tiers, caps, notify,
 * comments and odd line breaks. Most generated policies are valid; the property tests
 * count how many. Expressions nest at most {@value #MAX_DEPTH} deep. The names an author
 * chooses are drawn too, from names that mean something to DRL or Java and from strings
 * full of quotes, escapes, comment markers and unusual characters.
 */
public final class PolicyGen {
    static final int MAX_DEPTH = 6;

    private static final String[] NUMBERS = {"0", "1", "2", "0.5", "25", "1_000", "250_000", "100.25", "1000000000",
            "0.000001", "0%", "3%", "12.5%", "100%"};
    private static final String[] PERCENTS = {"0%", "1%", "12.5%", "50%", "60%", "100%"};
    private static final String[] AMOUNTS = {"0", "1", "500", "30_000", "250_000", "0.01"};
    private static final String[] DURATIONS = {"1s", "30s", "60s", "5m", "1h", "8h", "1d", "365d"};
    private static final String[] COMPARISONS = {" < ", " <= ", " > ", " >= ", " == ", " != "};
    private static final String[] FUNCTIONS = {"abs", "sqrt", "log", "min", "max", "clamp"};
    private static final String[] MARKET_VALUES = Arrays.stream(Builtins.MarketVar.values())
            .map(Builtins.MarketVar::keyword).toArray(String[]::new);
    private static final String[] POSITION_VALUES = Arrays.stream(Builtins.PositionVar.values())
            .map(Builtins.PositionVar::keyword).toArray(String[]::new);
    /** Names with a meaning in DRL, Java or the rule templates, valid as let names. */
    private static final String[] LET_NAMES = {"end", "then", "rule", "eval", "import", "global", "function",
            "query", "salience", "class", "new", "null", "this", "return", "decision", "drools", "kcontext", "java",
            "package", "true", "false", "insert", "modify", "exists", "from", "accumulate", "m", "_", "__", "x"};
    /** Pieces of hostile strings: quotes, escapes, DRL and Java syntax, comment markers, odd characters. */
    private static final String[] STRING_PIECES = {"\"", "\\", "end", "rule \"x\" when", "then", "System.exit(1);",
            "*/", "/*", "//", "${x}", "#", "\u0000", "\u2028", "\u00e9", "\uD83D\uDE42", "*", "-PERP", "BTC", "'",
            ";", "{", "}", " ", "\t", "@", "$m"};
    private static final Set<String> RESERVED = reserved();

    /** A generated policy and the names chosen for it. */
    public record PolicyCase(PolicyText text, Map<Slot, String> names) {
        /** The policy with its chosen names. */
        public String chosen() {
            return text.render(names::get);
        }

        /** The same policy with harmless names. */
        public String harmless() {
            return text.render(PolicyText::harmless);
        }

        @Override
        public String toString() {
            return "\n" + chosen() + "\n--- with harmless names:\n" + harmless();
        }
    }

    private record Let(int n, boolean condition, boolean marketOnly) {
    }

    private record E(PolicyText text, int level) {
    }

    private final Choices c;
    private final List<Let> lets = new ArrayList<>();
    private final Map<Kind, Integer> counts = new LinkedHashMap<>();
    private int sources;

    private PolicyGen(Choices c) {
        this.c = c;
    }

    public static Gen<PolicyCase> policies() {
        return c -> new PolicyGen(c).policy();
    }

    private PolicyCase policy() {
        PolicyText t = new PolicyText();
        if (c.chance(0.2)) t.add("# ").add(slot(Kind.COMMENT)).add("\n");
        t.add("policy ").add(slot(Kind.POLICY)).add(" version " + (1 + c.below(1000))).add(nl());
        if (c.chance(0.5)) {
            t.add("markets ").add(slot(Kind.MARKET));
            while (c.chance(0.3)) t.add(", ").add(slot(Kind.MARKET));
            t.add(nl());
        }
        if (c.chance(0.4)) {
            t.add("inputs {").add(nl());
            do {
                t.add("  exposure ").add(slot(Kind.SOURCE)).add(" stale_after " + pick(DURATIONS)).add(nl());
                sources++;
            } while (sources < 3 && c.chance(0.3));
            t.add("}").add(nl());
        }
        if (c.chance(0.6)) t.add(buffer());
        while (lets.size() < 5 && c.chance(0.5)) {
            boolean condition = c.chance(0.3);
            Let let = new Let(next(Kind.LET), condition, false);
            // a let is market-only when it reads market values alone; scope decides what it may read
            boolean marketOnly = c.chance(0.2);
            E value = condition ? cond(0, marketOnly) : num(0, marketOnly);
            t.add("let ").add(new Slot(Kind.LET, let.n())).add(" = ").add(value.text()).add(nl());
            lets.add(new Let(let.n(), condition, marketOnly));
        }
        if (c.chance(0.5)) t.add("eligible when ").add(cond(0, false).text()).add(nl());
        int ranks = c.below(4);
        for (int i = 0; i < ranks; i++) {
            t.add("rank by ").add(num(0, false).text());
            if (i < ranks - 1) t.add(" when ").add(cond(0, false).text());
            t.add(nl());
        }
        t.add("reduce {").add(nl());
        int tiers = 1 + c.below(3);
        for (int i = 0; i < tiers; i++) {
            t.add("  tier ").add(slot(Kind.TIER));
            if (c.chance(i < tiers - 1 ? 0.8 : 0.2)) t.add(" when ").add(cond(0, false).text());
            t.add(" : ");
            if (c.chance(0.5)) {
                t.add("pro_rata " + pick(PERCENTS));
                if (c.chance(0.5)) t.add(" by ").add(num(0, false).text());
            } else {
                t.add("queue");
            }
            t.add(nl());
        }
        t.add("}").add(nl());
        if (c.chance(0.4)) {
            t.add(c.chance(0.5) ? "cap " + pick(PERCENTS) + " of open_interest per event" : "cap " + pick(AMOUNTS)
                    + " per event").add(nl());
        }
        if (c.chance(0.3)) t.add("notify when quintile >= " + (1 + c.below(5))).add(nl());
        return new PolicyCase(t, names(t));
    }

    private PolicyText buffer() {
        List<PolicyText> items = new ArrayList<>();
        if (c.chance(0.6)) {
            items.add(new PolicyText().add(c.chance(0.5) ? "floor " + pick(AMOUNTS)
                    : "floor " + pick(PERCENTS) + " of open_interest"));
        }
        if (c.chance(0.6)) items.add(new PolicyText().add("max_use " + pick(PERCENTS) + " per event"));
        while (items.size() < 4 && c.chance(0.4)) {
            items.add(new PolicyText().add("trigger when ").add(cond(0, true).text()));
        }
        PolicyText t = new PolicyText().add("buffer {").add(nl());
        while (!items.isEmpty()) {
            t.add("  ").add(items.remove(c.below(items.size()))).add(nl());
        }
        return t.add("}").add(nl());
    }

    /** A number; with marketOnly, one that reads market values alone (a trigger's). */
    private E num(int depth, boolean marketOnly) {
        if (depth >= MAX_DEPTH || c.below(2) == 0) return numLeaf(marketOnly);
        return switch (c.below(5)) {
            case 0 -> paren(num(depth + 1, marketOnly));
            case 1 -> new E(new PolicyText().add("-").add(wrap(num(depth + 1, marketOnly), 1)), 1);
            case 2 -> binary(num(depth + 1, marketOnly), c.chance(0.5) ? " * " : " / ", num(depth + 1, marketOnly), 2);
            case 3 -> binary(num(depth + 1, marketOnly), c.chance(0.5) ? " + " : " - ", num(depth + 1, marketOnly), 3);
            default -> call(depth, marketOnly);
        };
    }

    private E call(int depth, boolean marketOnly) {
        String f = pick(FUNCTIONS);
        int args = switch (f) {
            case "min", "max" -> 2 + c.below(2);
            case "clamp" -> 3;
            default -> 1;
        };
        PolicyText t = new PolicyText().add(f + "(");
        for (int i = 0; i < args; i++) {
            if (i > 0) t.add(", ");
            t.add(num(depth + 1, marketOnly).text());
        }
        return new E(t.add(")"), 0);
    }

    private E numLeaf(boolean marketOnly) {
        List<Integer> kinds = new ArrayList<>(List.of(0, 1, 2));
        if (!marketOnly) kinds.add(3);
        if (lets.stream().anyMatch(l -> !l.condition() && (l.marketOnly() || !marketOnly))) kinds.add(4);
        if (!marketOnly && sources > 0) kinds.add(5);
        return new E(switch (kinds.get(c.below(kinds.size()))) {
            case 0 -> new PolicyText().add(pick(NUMBERS));
            case 1 -> new PolicyText().add(pick(MARKET_VALUES));
            case 2 -> new PolicyText().add("drawdown(" + pick(DURATIONS) + ")");
            case 3 -> new PolicyText().add(pick(POSITION_VALUES));
            case 4 -> letRef(false, marketOnly);
            default -> new PolicyText().add("exposure(").add(new Slot(Kind.SOURCE, 1 + c.below(sources)))
                    .add(c.chance(0.5) ? ").notional" : ").collateral");
        }, 0);
    }

    /** A condition; with marketOnly, one that reads market values alone. */
    private E cond(int depth, boolean marketOnly) {
        boolean letAvailable = lets.stream().anyMatch(l -> l.condition() && (l.marketOnly() || !marketOnly));
        if (depth >= MAX_DEPTH || c.below(2) == 0) {
            if (letAvailable && c.chance(0.3)) return new E(letRef(true, marketOnly), 0);
            return binary(num(depth + 1, marketOnly), pick(COMPARISONS), num(depth + 1, marketOnly), 4);
        }
        return switch (c.below(4)) {
            case 0 -> paren(cond(depth + 1, marketOnly));
            case 1 -> new E(new PolicyText().add("not ").add(wrap(cond(depth + 1, marketOnly), 5)), 5);
            case 2 -> binary(cond(depth + 1, marketOnly), " and ", cond(depth + 1, marketOnly), 6);
            default -> binary(cond(depth + 1, marketOnly), " or ", cond(depth + 1, marketOnly), 7);
        };
    }

    private PolicyText letRef(boolean condition, boolean marketOnly) {
        List<Let> usable = lets.stream()
                .filter(l -> l.condition() == condition && (l.marketOnly() || !marketOnly)).toList();
        return new PolicyText().add(new Slot(Kind.LET, usable.get(c.below(usable.size())).n()));
    }

    /** Left-associative binary operator of the given level: parentheses only where precedence needs them. */
    private static E binary(E left, String op, E right, int level) {
        return new E(new PolicyText().add(wrap(left, level)).add(op).add(wrap(right, level - 1)), level);
    }

    private static PolicyText wrap(E e, int maxLevel) {
        return e.level() <= maxLevel ? e.text() : paren(e).text();
    }

    private static E paren(E e) {
        return new E(new PolicyText().add("(").add(e.text()).add(")"), 0);
    }

    /** A line end: mostly a newline, sometimes CRLF, blank lines or a trailing comment. */
    private PolicyText nl() {
        return switch (c.below(8)) {
            case 1 -> new PolicyText().add("\r\n");
            case 2 -> new PolicyText().add("\n\n");
            case 3 -> new PolicyText().add("  # ").add(slot(Kind.COMMENT)).add("\n");
            case 4 -> new PolicyText().add(" // ").add(slot(Kind.COMMENT)).add("\n");
            default -> new PolicyText().add("\n");
        };
    }

    private Slot slot(Kind kind) {
        return new Slot(kind, next(kind));
    }

    private int next(Kind kind) {
        return counts.merge(kind, 1, Integer::sum);
    }

    private String pick(String[] values) {
        return values[c.below(values.length)];
    }

    /** Chosen names for every slot: let names distinct and not reserved, tier and source names distinct. */
    private Map<Slot, String> names(PolicyText t) {
        Map<Slot, String> names = new LinkedHashMap<>();
        Set<String> letNames = new HashSet<>();
        for (Slot s : t.slots()) {
            String name = switch (s.kind()) {
                case LET -> letName(letNames, s.n());
                case TIER, SOURCE -> hostileString() + s.n();
                case MARKET, POLICY, COMMENT -> hostileString();
            };
            names.put(s, name);
        }
        return names;
    }

    private String letName(Set<String> used, int n) {
        String name;
        if (c.chance(0.5)) {
            name = pick(LET_NAMES);
        } else {
            StringBuilder b = new StringBuilder().append((char) ('a' + c.below(26)));
            int len = c.below(9);
            for (int i = 0; i < len; i++) b.append("abcdefghijklmnopqrstuvwxyz0123456789_".charAt(c.below(37)));
            name = b.toString();
        }
        if (RESERVED.contains(name) || !used.add(name)) {
            name = name + "_" + n;
            used.add(name);
        }
        return name;
    }

    private String hostileString() {
        StringBuilder b = new StringBuilder();
        int pieces = 1 + c.below(4);
        for (int i = 0; i < pieces; i++) b.append(pick(STRING_PIECES));
        return b.toString();
    }

    private static Set<String> reserved() {
        Set<String> r = new HashSet<>(List.of("policy", "version", "markets", "inputs", "exposure", "stale_after",
                "buffer", "floor", "of", "max_use", "per", "event", "trigger", "when", "let", "eligible", "rank", "by",
                "reduce", "tier", "queue", "pro_rata", "cap", "notify", "quintile", "and", "or", "not"));
        Stream.of(MARKET_VALUES, POSITION_VALUES, FUNCTIONS).flatMap(Arrays::stream).forEach(r::add);
        r.add(Builtins.Function.DRAWDOWN.keyword().toLowerCase(Locale.ROOT));
        return r;
    }
}
