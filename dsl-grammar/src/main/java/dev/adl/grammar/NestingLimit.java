package dev.adl.grammar;

import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;

/**
 * How deeply an expression may nest, and the one diagnostic for going past it.
 *
 * <p>Depth counts what the parse tree nests: each pair of parentheses, each function call,
 * each {@code -} or {@code not}, and each binary operator over its operands, so a chain
 * {@code a + b + c} is two deep because {@code +} associates to the left. A name bound by
 * {@code let} counts as its definition one level down, because the compiler expands it
 * where it is used ({@link LetNesting}). The parser, the checker, the compiler and the generated
 * rules all walk expressions recursively; bounding the depth once, before anything
 * recursive runs, is what keeps every one of those walks inside the stack.
 */
public final class NestingLimit {
    /**
     * The deepest expression accepted. Real policies nest a handful of levels; 256 leaves
     * room for generated ones while each stage stays far inside a default thread stack
     * (the generated Java for a trigger nests about twice as deep as the policy text).
     */
    public static final int MAX_DEPTH = 256;

    private NestingLimit() {
    }

    static Diagnostic tooDeep(int limit, SourcePos at, String help) {
        return Diagnostic.error("nesting-too-deep", "expression nested deeper than " + limit, at, help);
    }
}
