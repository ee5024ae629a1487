package dev.adl.grammar;

import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import org.antlr.v4.runtime.Token;

import java.util.List;
import java.util.Locale;

/**
 * Reports malformed tokens: the lexer turns them into error tokens rather than failing,
 * so each gets one precise message here and the parser stays quiet about them.
 */
final class LexicalCheck {
    private LexicalCheck() {
    }

    static void check(List<? extends Token> tokens, List<Diagnostic> out) {
        for (Token t : tokens) {
            SourcePos pos = Spans.of(t);
            switch (t.getType()) {
                case AdlLexer.ERROR_CHAR -> out.add(Diagnostic.error("invalid-character",
                        "unexpected character `" + t.getText() + "`", pos));
                case AdlLexer.UNTERMINATED_STRING -> {
                    out.add(Diagnostic.error("unterminated-string",
                            "string is not closed before the end of the line", pos, "add the closing `\"`"));
                    checkEscapes(t, out);
                }
                case AdlLexer.BAD_NUMBER -> out.add(Diagnostic.error("invalid-number",
                        "invalid number `" + t.getText() + "`", pos,
                        "numbers look like `250_000` or `0.5`, percentages like `30%`, durations like `30s`, `5m`, `8h` or `1d`"));
                case AdlLexer.BAD_NAME -> out.add(Diagnostic.error("invalid-name",
                        "invalid name `" + t.getText() + "`; names are lowercase", pos,
                        "did you mean `" + t.getText().toLowerCase(Locale.ROOT) + "`?"));
                case AdlLexer.BAD_OPERATOR -> out.add(Diagnostic.error("invalid-operator",
                        "unknown operator `" + t.getText() + "`", pos, "write `" + wordFor(t.getText()) + "`"));
                case AdlLexer.STRING -> checkEscapes(t, out);
                default -> {
                }
            }
        }
    }

    private static String wordFor(String operator) {
        if (operator.startsWith("&")) return "and";
        if (operator.startsWith("|")) return "or";
        return "not";
    }

    private static void checkEscapes(Token t, List<Diagnostic> out) {
        String text = t.getText();
        for (int i = 1; i < text.length() - 1; i++) {
            if (text.charAt(i) != '\\') continue;
            char next = text.charAt(i + 1);
            if (next != '"' && next != '\\') {
                SourcePos pos = new SourcePos(t.getLine(), t.getCharPositionInLine() + 1 + i, 2);
                out.add(Diagnostic.error("bad-escape", "unknown escape `\\" + next + "` in a string", pos,
                        "only `\\\"` and `\\\\` are allowed"));
            }
            i++;
        }
    }

    /** The value of a string token: quotes removed, {@code \"} and {@code \\} resolved. */
    static String unescape(String token) {
        StringBuilder sb = new StringBuilder(token.length());
        int end = token.endsWith("\"") && token.length() >= 2 ? token.length() - 1 : token.length();
        for (int i = 1; i < end; i++) {
            char c = token.charAt(i);
            if (c == '\\' && i + 1 < end) {
                c = token.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
