package dev.adl.fuzz;

import dev.adl.grammar.AdlLexer;
import dev.adl.prop.Choices;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a valid policy the way a careless edit or a corrupt file would: tokens deleted,
 * duplicated, swapped or replaced, random characters inserted, the text cut short. Tokens
 * are those of the policy lexer, so edits fall on the boundaries the parser sees.
 */
final class TokenMutations {
    /** Replacements: keywords, operators and literals the grammar knows, and some it does not. */
    private static final String[] REPLACEMENTS = {"policy", "version", "markets", "inputs", "exposure", "buffer",
            "floor", "max_use", "trigger", "when", "let", "eligible", "rank", "by", "reduce", "tier", "queue",
            "pro_rata", "cap", "notify", "quintile", "and", "or", "not", "per", "event", "of", "(", ")", "{", "}", ",",
            ":", ".", "=", "==", "<", ">=", "+", "-", "*", "/", "&&", "||", "!", "1e5", ".5", "1_", "1__0", "101%",
            "99999999999999999999999999", "0.0000000000000000001", "-0", "8h", "0s", "9999999999d", "\"", "\"x",
            "\"a\\qb\"", "ABC", "\u00e9", "size", "drawdown", "exposure(\"s1\")", "sqrt()", "min(1)", "#", "//"};

    private TokenMutations() {
    }

    static String mutate(String text, Choices c) {
        String out = text;
        int edits = 1 + c.below(3);
        for (int i = 0; i < edits; i++) out = mutateOnce(out, c);
        return out;
    }

    private static String mutateOnce(String text, Choices c) {
        List<int[]> tokens = tokens(text);
        int kind = c.below(6);
        if (tokens.isEmpty() || kind == 4) return insertCharacters(text, c);
        if (kind == 5) return text.substring(0, c.below(text.length() + 1));
        int[] a = tokens.get(c.below(tokens.size()));
        String tokenA = text.substring(a[0], a[1]);
        return switch (kind) {
            case 0 -> splice(text, a, "");
            case 1 -> splice(text, a, tokenA + " " + tokenA);
            case 2 -> {
                int[] b = tokens.get(c.below(tokens.size()));
                if (b[0] == a[0]) yield text;
                int[] first = a[0] < b[0] ? a : b;
                int[] second = a[0] < b[0] ? b : a;
                yield text.substring(0, first[0]) + text.substring(second[0], second[1])
                        + text.substring(first[1], second[0]) + text.substring(first[0], first[1])
                        + text.substring(second[1]);
            }
            default -> splice(text, a, REPLACEMENTS[c.below(REPLACEMENTS.length)]);
        };
    }

    private static String splice(String text, int[] span, String with) {
        return text.substring(0, span[0]) + with + text.substring(span[1]);
    }

    /** One to eight characters anywhere in the text, from control characters to lone surrogates. */
    private static String insertCharacters(String text, Choices c) {
        StringBuilder inserted = new StringBuilder();
        int n = 1 + c.below(8);
        for (int i = 0; i < n; i++) {
            inserted.append(switch (c.below(4)) {
                case 0 -> (char) c.below(0x80);
                case 1 -> (char) c.below(0x20);
                case 2 -> (char) (0xD800 + c.below(0x800));
                default -> (char) c.below(0x10000);
            });
        }
        int at = c.below(text.length() + 1);
        return text.substring(0, at) + inserted + text.substring(at);
    }

    /** Start and end offsets (in chars) of the default-channel tokens; the lexer counts code points. */
    private static List<int[]> tokens(String text) {
        int[] charOffset = new int[text.codePointCount(0, text.length()) + 1];
        for (int cp = 0, i = 0; cp < charOffset.length; cp++) {
            charOffset[cp] = i;
            if (i < text.length()) i += Character.charCount(text.codePointAt(i));
        }
        AdlLexer lexer = new AdlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<int[]> spans = new ArrayList<>();
        for (Token t : lexer.getAllTokens()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getStopIndex() >= t.getStartIndex()) {
                spans.add(new int[]{charOffset[t.getStartIndex()], charOffset[t.getStopIndex() + 1]});
            }
        }
        return spans;
    }
}
