package dev.adl.grammar;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.check.Suggestions;
import dev.adl.diag.Diagnostic;

import java.util.Arrays;
import java.util.List;

/**
 * Builds version 2's tier kinds, {@code haircut [by <w>] [cap <pct> of upnl]} and
 * {@code drain by <lev>}, and {@code fill at <price>}. Their words are names to the lexer (a
 * version 1 policy may use them for lets), so each is checked here, with a message that names
 * the word written; whether the policy may use them at all is the checker's (version 2).
 */
final class TierMethodBuilder {
    static final List<String> METHODS = List.of("queue", "pro_rata", "haircut", "drain");
    private static final String UPNL = "upnl";

    private final AstBuilder ast;

    /** Whether a word names one of version 2's tier kinds (the grammar reads only these as a tier kind). */
    static boolean isTierKind(String word) {
        return word.equals("haircut") || word.equals("drain");
    }

    TierMethodBuilder(AstBuilder ast) {
        this.ast = ast;
    }

    /** The tier kind written as a word; null (after an error) for an unknown word or a misused option. */
    Policy.TierMethod named(AdlParser.NamedMethodContext n) {
        String word = n.word.getText();
        Expr weight = n.weight == null ? null : ast.expr(n.weight);
        switch (word) {
            case "haircut" -> {
                Expr.Num cap = null;
                if (n.capShare != null) {
                    if (!n.ofName.getText().equals(UPNL)) {
                        ast.error(Diagnostic.error("expected-upnl", "expected `upnl` after `of`, found `"
                                + n.ofName.getText() + "`", Spans.of(n.ofName), "write `cap 50% of upnl`"));
                    }
                    cap = ast.percentage(AstBuilder.num(n.capShare), "haircut ... cap", "50%");
                }
                return new Policy.TierMethod.Haircut(weight, cap, ast.span(n));
            }
            case "drain" -> {
                if (weight == null) {
                    ast.error(Diagnostic.error("drain-without-by", "`drain` needs `by <leverage>`", ast.span(n),
                            "write `drain by leverage`"));
                    return null;
                }
                if (n.capShare != null) {
                    ast.error(Diagnostic.error("drain-cap", "`drain` takes no `cap`", Spans.of(n.CAP().getSymbol()),
                            "a drain tier reduces members down to one common leverage; `cap` belongs to `haircut`"));
                    return null;
                }
                return new Policy.TierMethod.Drain(weight, ast.span(n));
            }
            default -> {
                ast.error(Diagnostic.error("unknown-tier-method", "unknown tier kind `" + word + "`",
                        Spans.of(n.word), Suggestions.help(word, "tier kinds", METHODS).orElseThrow()));
                return null;
            }
        }
    }

    /** {@code fill at bankruptcy_price | mark_price}; the price is null after an error. */
    Policy.FillAt fillAt(AdlParser.ReduceItemContext item) {
        if (!item.atWord.getText().equals("at")) {
            ast.error(Diagnostic.error("expected-at", "expected `at` after `fill`, found `" + item.atWord.getText()
                    + "`", Spans.of(item.atWord), "write `fill at mark_price`"));
            return null;
        }
        String word = item.price.getText();
        Policy.FillPrice price = Arrays.stream(Policy.FillPrice.values()).filter(p -> p.keyword().equals(word))
                .findFirst().orElse(null);
        if (price == null) {
            List<String> prices = Arrays.stream(Policy.FillPrice.values()).map(Policy.FillPrice::keyword).toList();
            ast.error(Diagnostic.error("unknown-fill-price", "unknown fill price `" + word + "`", Spans.of(item.price),
                    Suggestions.help(word, "fill prices", prices).orElseThrow()));
        }
        return new Policy.FillAt(price, true, ast.span(item));
    }
}
