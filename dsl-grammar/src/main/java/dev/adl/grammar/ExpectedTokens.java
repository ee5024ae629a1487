package dev.adl.grammar;

import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Describes what the parser expected in words a policy author understands: "an
 * expression" rather than twelve token kinds, and no list of the operators that could
 * have continued an expression that was already complete.
 */
final class ExpectedTokens {
    private static final Set<Integer> EXPRESSION_START = Set.of(
            AdlLexer.MINUS, AdlLexer.NOT, AdlLexer.NUMBER, AdlLexer.PERCENT, AdlLexer.DURATION,
            AdlLexer.ID, AdlLexer.LPAREN, AdlLexer.EXPOSURE);
    private static final Set<Integer> LITERALS = Set.of(AdlLexer.NUMBER, AdlLexer.PERCENT, AdlLexer.DURATION);
    private static final Set<Integer> CONTINUATIONS = Set.of(
            AdlLexer.PLUS, AdlLexer.MINUS, AdlLexer.STAR, AdlLexer.SLASH, AdlLexer.LT, AdlLexer.LE,
            AdlLexer.GT, AdlLexer.GE, AdlLexer.EQ, AdlLexer.NE, AdlLexer.AND, AdlLexer.OR, AdlLexer.LPAREN);
    private static final Set<Integer> CLAUSES = Set.of(
            AdlLexer.MARKETS, AdlLexer.INPUTS, AdlLexer.BUFFER, AdlLexer.WATERFALL, AdlLexer.LET, AdlLexer.ELIGIBLE,
            AdlLexer.RANK, AdlLexer.REDUCE, AdlLexer.CAP, AdlLexer.NOTIFY);

    private ExpectedTokens() {
    }

    static String describe(IntervalSet expected) {
        if (expected == null) return "";
        List<Integer> types = new ArrayList<>(expected.toList());
        List<String> words = new ArrayList<>();
        if (types.contains(AdlLexer.ID) && types.contains(AdlLexer.NUMBER) && types.contains(AdlLexer.LPAREN)) {
            types.removeAll(EXPRESSION_START);
            words.add("an expression");
        } else if (types.containsAll(LITERALS)) {
            types.removeAll(LITERALS);
            words.add("a number");
        } else if (types.size() > 1) {
            // a name among other tokens is one of version 2's words that are names to the lexer
            // (`until`, `fee`, a layer kind): naming them would only confuse
            types.remove(Integer.valueOf(AdlLexer.ID));
        }
        // `fee` may close any `reduce` block, but the usual miss there is a tier or the brace
        if (types.size() > 1) types.remove(Integer.valueOf(AdlLexer.FEE));
        if (types.stream().filter(CLAUSES::contains).count() >= 3) {
            types.removeAll(CLAUSES);
            types.remove(Integer.valueOf(Token.EOF));
            words.add("a clause");
        }
        List<Integer> rest = types.stream().filter(t -> !CONTINUATIONS.contains(t)).toList();
        if (!rest.isEmpty() || !words.isEmpty()) types = rest;
        for (int t : types) words.add(name(t));
        return join(words);
    }

    /** How one token kind reads in a message. */
    static String name(int type) {
        switch (type) {
            case Token.EOF: return "end of file";
            case AdlLexer.ID: return "a name";
            case AdlLexer.STRING: return "a string";
            case AdlLexer.NUMBER: return "a number";
            case AdlLexer.PERCENT: return "a percentage";
            case AdlLexer.DURATION: return "a duration";
            default:
                String literal = AdlLexer.VOCABULARY.getLiteralName(type);
                if (literal != null) return "`" + literal.substring(1, literal.length() - 1) + "`";
                return AdlLexer.VOCABULARY.getDisplayName(type).toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How the token actually found reads in a message. */
    static String found(Token t) {
        if (t.getType() == Token.EOF) return "end of file";
        return "`" + t.getText() + "`";
    }

    private static String join(List<String> words) {
        if (words.isEmpty()) return "";
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
