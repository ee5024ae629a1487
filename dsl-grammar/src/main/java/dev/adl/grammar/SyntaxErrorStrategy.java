package dev.adl.grammar;

import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.List;
import java.util.Set;

/**
 * ANTLR's recovery with our own messages: every syntax error becomes one diagnostic
 * "unexpected `}`; expected an expression" at the offending token. Errors on tokens the
 * lexical check already reported (a stray character, a malformed number) are counted
 * but not reported twice.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {
    static final Set<Integer> LEXICAL_ERROR_TOKENS = Set.of(
            AdlLexer.UNTERMINATED_STRING, AdlLexer.BAD_NUMBER, AdlLexer.BAD_NAME, AdlLexer.BAD_OPERATOR, AdlLexer.ERROR_CHAR);

    private final Spans spans;
    private final List<Diagnostic> sink;
    private int errors;

    SyntaxErrorStrategy(Spans spans, List<Diagnostic> sink) {
        this.spans = spans;
        this.sink = sink;
    }

    int errors() {
        return errors;
    }

    @Override
    protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
        report(e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
        report(e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    protected void reportFailedPredicate(Parser recognizer, FailedPredicateException e) {
        report(e.getOffendingToken(), null);
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) return;
        beginErrorCondition(recognizer);
        report(recognizer.getCurrentToken(), getExpectedTokens(recognizer));
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) return;
        beginErrorCondition(recognizer);
        report(recognizer.getCurrentToken(), getExpectedTokens(recognizer));
    }

    private void report(Token offending, IntervalSet expected) {
        errors++;
        if (LEXICAL_ERROR_TOKENS.contains(offending.getType())) return;
        String want = ExpectedTokens.describe(expected);
        String message = "unexpected " + ExpectedTokens.found(offending) + (want.isEmpty() ? "" : "; expected " + want);
        SourcePos pos = offending.getType() == Token.EOF ? spans.endOfFile() : Spans.of(offending);
        sink.add(Diagnostic.error("syntax-error", message, pos, help(offending, expected)));
    }

    private static String help(Token offending, IntervalSet expected) {
        if (offending.getType() == AdlLexer.ASSIGN) return "to compare two values, write `==`";
        if (isKeyword(offending.getType()) && expected != null && expected.contains(AdlLexer.ID)) {
            return "`" + offending.getText() + "` is a reserved word and cannot be used as a name";
        }
        return null;
    }

    /**
     * A keyword where a name belongs ({@code let cap = ...}) is reported once and then
     * taken as that name, so the rest of the clause parses instead of the keyword
     * starting a bogus clause of its own.
     */
    @Override
    public Token recoverInline(Parser recognizer) throws RecognitionException {
        Token t = recognizer.getCurrentToken();
        if (isKeyword(t.getType()) && !inErrorRecoveryMode(recognizer)
                && recognizer.getExpectedTokens().contains(AdlLexer.ID)) {
            errors++;
            sink.add(Diagnostic.error("reserved-word", "`" + t.getText() + "` is a reserved word and cannot be used as a name",
                    Spans.of(t), "choose another name, like `" + t.getText() + "_value`"));
            recognizer.consume();
            return t;
        }
        return super.recoverInline(recognizer);
    }

    private static boolean isKeyword(int type) {
        return type >= AdlLexer.POLICY && type <= AdlLexer.NOT;
    }
}
