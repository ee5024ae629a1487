package dev.adl.grammar;

import dev.adl.diag.Diagnostic;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token scan measures the height of the parse tree the parser builds: for generated
 * expressions mixing every operator, it accepts each at exactly its tree's height and
 * refuses it one below.
 */
class NestingScanTest {
    private static final String[] BINARY = {"*", "/", "+", "-", "<", "<=", ">", ">=", "==", "!=", "and", "or"};

    private static List<Token> tokens(String text) {
        AdlLexer lexer = new AdlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        return stream.getTokens();
    }

    /** The height of the expression's parse tree, measured on the tree ANTLR builds. */
    private static int height(AdlParser.ExprContext e) {
        int deepest = -1;
        for (int i = 0; i < e.getChildCount(); i++) {
            if (e.getChild(i) instanceof AdlParser.ExprContext child) deepest = Math.max(deepest, height(child));
        }
        boolean leaf = e instanceof AdlParser.LiteralExprContext || e instanceof AdlParser.VarExprContext
                || e instanceof AdlParser.ExposureExprContext;
        return leaf ? 0 : 1 + Math.max(deepest, 0);
    }

    private static int parsedHeight(String text) {
        AdlParser parser = new AdlParser(new CommonTokenStream(new AdlLexer(CharStreams.fromString(text))));
        parser.removeErrorListeners();
        AdlParser.LetClauseContext let = parser.letClause();
        assertThat(parser.getNumberOfSyntaxErrors()).as(text).isZero();
        return height(let.value);
    }

    private static String expression(Random random, int budget) {
        if (budget <= 0) {
            return switch (random.nextInt(4)) {
                case 0 -> "size";
                case 1 -> "30%";
                case 2 -> "exposure(\"v\").notional";
                default -> "abs()";
            };
        }
        return switch (random.nextInt(6)) {
            case 0 -> "-" + expression(random, budget - 1);
            case 1 -> "not " + expression(random, budget - 1);
            case 2 -> "(" + expression(random, budget - 1) + ")";
            case 3 -> "max(" + expression(random, budget - 1) + ", " + expression(random, budget / 2) + ")";
            default -> expression(random, budget - 1) + " " + BINARY[random.nextInt(BINARY.length)] + " "
                    + expression(random, random.nextInt(budget));
        };
    }

    @Test
    void theScanAgreesWithTheParseTreeAtEveryHeight() {
        Random random = new Random(20_261_201);
        for (int i = 0; i < 2_000; i++) {
            String text = "let x = " + expression(random, 1 + random.nextInt(12));
            int height = parsedHeight(text);
            List<Token> tokens = tokens(text);
            assertThat(NestingScan.check(tokens, height)).as(text).isEmpty();
            if (height > 0) assertThat(NestingScan.check(tokens, height - 1)).as(text).isPresent();
        }
    }

    @Test
    void precedenceDecidesTheHeightNotTheNumberOfOperators() {
        // 1*2 + 1*2 + 1*2: three levels, though five operators
        assertThat(NestingScan.check(tokens("let x = 1*2 + 1*2 + 1*2"), 3)).isEmpty();
        assertThat(NestingScan.check(tokens("let x = 1*2 + 1*2 + 1*2"), 2)).isPresent();
        // the unary minus binds tighter than *, `not` looser than a comparison
        assertThat(NestingScan.check(tokens("let x = -a * b"), 2)).isEmpty();
        assertThat(NestingScan.check(tokens("let x = not a < b and c"), 3)).isEmpty();
        assertThat(NestingScan.check(tokens("let x = not a < b and c"), 2)).isPresent();
    }

    @Test
    void theDiagnosticPointsWhereTheLimitIsPassed() {
        Optional<Diagnostic> parens = NestingScan.check(tokens("let x =\n  ((((size))))"), 3);
        assertThat(parens).get().extracting(Diagnostic::line, Diagnostic::col).containsExactly(2, 6);
        Optional<Diagnostic> chain = NestingScan.check(tokens("let x = a + b - c + d"), 2);
        assertThat(chain).get().extracting(Diagnostic::col).isEqualTo(19);
        assertThat(chain.get().message()).isEqualTo("expression nested deeper than 2");
        assertThat(chain.get().code()).isEqualTo("nesting-too-deep");
    }

    @Test
    void malformedInputIsLeftToTheParser() {
        for (String text : List.of("let x = ((", "let x = a + * ) (", "let x = max(1,,", "let x = - not",
                "let x = exposure(\"v\"", ")))) + -")) {
            assertThat(NestingScan.check(tokens(text), 8)).as(text).isEmpty();
        }
    }
}
