package dev.adl.grammar;

import dev.adl.diag.Diagnostic;
import org.antlr.v4.runtime.Token;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Measures the nesting of every expression from the tokens alone, before the parser runs,
 * because ANTLR's parser recurses once per level and deep enough input overflows it.
 *
 * <p>The scan replays the precedence climbing of the parser generated from {@code expr} in
 * Adl.g4, with an explicit stack instead of recursion, so the depth it measures is the
 * height of the parse tree the parser would build ({@link NestingLimit} says what counts).
 * It stops at the first place where the limit is certain to be passed: the opening
 * parenthesis, call or prefix operator one level too deep, or the binary operator whose
 * subtree is one level too high. Tokens that cannot belong to an expression just end the
 * expression being scanned; syntax errors are left to the parser.
 */
final class NestingScan {
    // Precedences of the binary operators as in the generated parser: an operator continues
    // an expression parsed at precedence p when its own precedence is at least p, and its
    // right operand is parsed one level tighter, which makes every operator left-associative.
    private static final int OR = 6;
    private static final int AND = 7;
    private static final int NOT_OPERAND = 8;
    private static final int COMPARE = 9;
    private static final int ADD = 10;
    private static final int MULTIPLY = 11;
    private static final int NEGATE_OPERAND = 12;

    private enum Kind { PREFIX, GROUP, CALL, BINARY }

    /** A node whose subexpression is being scanned: the parser's pending call frame. */
    private static final class Open {
        final Kind kind;
        final Token token;
        final int precedence;
        int depth;

        Open(Kind kind, Token token, int precedence, int depth) {
            this.kind = kind;
            this.token = token;
            this.precedence = precedence;
            this.depth = depth;
        }
    }

    private final List<Token> tokens;
    private final int limit;
    private final Deque<Open> open = new ArrayDeque<>();
    private int pos;

    private NestingScan(List<Token> tokens, int limit) {
        this.tokens = tokens.stream().filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL).toList();
        this.limit = limit;
    }

    /** The diagnostic for the first expression nested deeper than {@link NestingLimit#MAX_DEPTH}, if any. */
    static Optional<Diagnostic> check(List<? extends Token> tokens) {
        return check(tokens, NestingLimit.MAX_DEPTH);
    }

    /** As {@link #check(List)}, for any limit: the tests measure the scan against parse trees with it. */
    static Optional<Diagnostic> check(List<? extends Token> tokens, int limit) {
        return new NestingScan(List.copyOf(tokens), limit).scan();
    }

    private Optional<Diagnostic> scan() {
        while (type(pos) != Token.EOF) {
            int start = pos;
            Optional<Diagnostic> found = expression();
            if (found.isPresent()) return found;
            if (pos == start) pos++;
        }
        return Optional.empty();
    }

    /** Scans one expression from {@code pos}, as {@code expr(0)} would parse it. */
    private Optional<Diagnostic> expression() {
        open.clear();
        int precedence = 0;
        while (true) {
            // an operand: a prefix opens a level and scans its operand first
            Token t = token(pos);
            Kind opening = opening(t);
            if (opening != null) {
                if (open.size() == limit) return Optional.of(tooDeep(t));
                open.push(new Open(opening, t, precedence, 0));
                pos += opening == Kind.CALL ? 2 : 1;
                precedence = operandPrecedence(t);
                if (opening != Kind.CALL || type(pos) != AdlLexer.RPAREN) continue;
            } else {
                pos += leafLength(pos);
            }
            int depth = 0;
            // the operand is complete: close the levels it completes, continue with operators
            while (true) {
                int binary = binaryPrecedence(type(pos));
                if (binary >= precedence) {
                    if (open.size() == limit) return Optional.of(tooDeep(token(pos)));
                    open.push(new Open(Kind.BINARY, token(pos), precedence, depth));
                    pos++;
                    precedence = binary + 1;
                    break;
                }
                if (open.isEmpty()) return Optional.empty();
                Open node = open.pop();
                if (node.kind == Kind.CALL && type(pos) == AdlLexer.COMMA) {
                    node.depth = Math.max(node.depth, depth);
                    open.push(node);
                    pos++;
                    precedence = 0;
                    break;
                }
                if ((node.kind == Kind.GROUP || node.kind == Kind.CALL) && type(pos) == AdlLexer.RPAREN) pos++;
                depth = 1 + Math.max(node.depth, depth);
                if (depth > limit) return Optional.of(tooDeep(node.token));
                precedence = node.precedence;
            }
        }
    }

    private Kind opening(Token t) {
        return switch (t.getType()) {
            case AdlLexer.MINUS, AdlLexer.NOT -> Kind.PREFIX;
            case AdlLexer.LPAREN -> Kind.GROUP;
            case AdlLexer.ID -> type(pos + 1) == AdlLexer.LPAREN ? Kind.CALL : null;
            default -> null;
        };
    }

    private static int operandPrecedence(Token t) {
        return switch (t.getType()) {
            case AdlLexer.MINUS -> NEGATE_OPERAND;
            case AdlLexer.NOT -> NOT_OPERAND;
            default -> 0;
        };
    }

    private static int binaryPrecedence(int type) {
        return switch (type) {
            case AdlLexer.STAR, AdlLexer.SLASH -> MULTIPLY;
            case AdlLexer.PLUS, AdlLexer.MINUS -> ADD;
            case AdlLexer.LT, AdlLexer.LE, AdlLexer.GT, AdlLexer.GE, AdlLexer.EQ, AdlLexer.NE -> COMPARE;
            case AdlLexer.AND -> AND;
            case AdlLexer.OR -> OR;
            default -> -1;
        };
    }

    /** Tokens taken by a leaf operand at {@code at}; 0 when none starts there (a syntax error). */
    private int leafLength(int at) {
        return switch (type(at)) {
            case AdlLexer.NUMBER, AdlLexer.PERCENT, AdlLexer.DURATION, AdlLexer.ID -> 1;
            case AdlLexer.EXPOSURE -> exposureLength(at);
            default -> 0;
        };
    }

    /** {@code exposure ( "source" ) . field}, or as much of it as is there. */
    private int exposureLength(int at) {
        int[] shape = {AdlLexer.EXPOSURE, AdlLexer.LPAREN, AdlLexer.STRING, AdlLexer.RPAREN, AdlLexer.DOT, AdlLexer.ID};
        int n = 0;
        while (n < shape.length && type(at + n) == shape[n]) n++;
        return n;
    }

    private Diagnostic tooDeep(Token at) {
        return NestingLimit.tooDeep(limit, Spans.of(at), null);
    }

    private Token token(int i) {
        return tokens.get(Math.min(i, tokens.size() - 1));
    }

    private int type(int i) {
        return token(i).getType();
    }
}
