package dev.adl.grammar;

import dev.adl.ast.Policy;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Text to AST: lexing, parsing with our error messages, and building the records. */
public final class Parsing {
    private Parsing() {
    }

    /**
     * The outcome of parsing. {@code policy} is null when there was any syntax error,
     * because a tree ANTLR repaired would make the semantic checks report ghosts.
     */
    public record Result(Policy policy, List<Diagnostic> diagnostics, SourcePos endOfFile) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public static Result parse(String text) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        AdlLexer lexer = new AdlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        LexicalCheck.check(tokens.getTokens(), diagnostics);

        Spans spans = new Spans(tokens);
        // the parser recurses once per level of nesting: too deep a text is never parsed
        Optional<Diagnostic> tooDeep = NestingScan.check(tokens.getTokens());
        if (tooDeep.isPresent()) {
            diagnostics.add(tooDeep.get());
            return new Result(null, diagnostics, spans.endOfFile());
        }
        AdlParser parser = new AdlParser(tokens);
        parser.removeErrorListeners();
        SyntaxErrorStrategy errors = new SyntaxErrorStrategy(spans, diagnostics);
        parser.setErrorHandler(errors);
        AdlParser.PolicyContext tree = parser.policy();

        Policy policy = null;
        if (errors.errors() == 0) {
            policy = new AstBuilder(spans, diagnostics).build(tree);
            LetNesting.check(policy, diagnostics);
        }
        return new Result(policy, diagnostics, spans.endOfFile());
    }
}
