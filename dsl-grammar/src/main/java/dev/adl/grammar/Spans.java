package dev.adl.grammar;

import dev.adl.diag.SourcePos;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

/**
 * Turns tokens and parse-tree nodes into {@link SourcePos}. A node's span runs from its
 * first token to its last token on that same line, so a caret under a multi-line block
 * underlines only its first line and never trailing comments.
 */
public final class Spans {
    private final TokenStream tokens;

    public Spans(TokenStream tokens) {
        this.tokens = tokens;
    }

    public static SourcePos of(Token t) {
        int length = t.getType() == Token.EOF ? 1 : t.getStopIndex() - t.getStartIndex() + 1;
        return new SourcePos(t.getLine(), t.getCharPositionInLine() + 1, length);
    }

    public SourcePos of(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        if (stop == null || stop.getTokenIndex() < start.getTokenIndex() || stop.getType() == Token.EOF) {
            stop = lastOnLine(start, stop);
        }
        int end = start.getStopIndex();
        for (int i = start.getTokenIndex(); i <= stop.getTokenIndex(); i++) {
            Token t = tokens.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL || t.getType() == Token.EOF) continue;
            if (t.getLine() != start.getLine()) break;
            end = t.getStopIndex();
        }
        return new SourcePos(start.getLine(), start.getCharPositionInLine() + 1, end - start.getStartIndex() + 1);
    }

    /** The place just after the last real token: where "end of file" is reported. */
    public SourcePos endOfFile() {
        Token last = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getType() != Token.EOF && t.getChannel() == Token.DEFAULT_CHANNEL) last = t;
        }
        if (last == null) return new SourcePos(1, 1, 1);
        return new SourcePos(last.getLine(), last.getCharPositionInLine() + 1 + (last.getStopIndex() - last.getStartIndex() + 1), 1);
    }

    private Token lastOnLine(Token start, Token stop) {
        if (stop == null || stop.getTokenIndex() < start.getTokenIndex()) return start;
        int i = stop.getTokenIndex();
        while (i > start.getTokenIndex() && tokens.get(i).getType() == Token.EOF) i--;
        return tokens.get(i);
    }
}
