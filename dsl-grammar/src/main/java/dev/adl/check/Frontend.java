package dev.adl.check;

import dev.adl.diag.ByteOrderMark;
import dev.adl.diag.Diagnostic;
import dev.adl.grammar.Parsing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The front end of the policy language: text in, AST and diagnostics out. This is
 * what the compiler, the command line and the server call.
 */
public final class Frontend {
    private static final Comparator<Diagnostic> BY_POSITION =
            Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::col);

    private Frontend() {
    }

    /**
     * Parses and checks one policy file; a leading byte-order mark is dropped, and the
     * analysis keeps the text without it. The diagnostics are every problem found, sorted
     * by line then column; the policy is null when the text did not parse cleanly.
     */
    public static Analysis analyze(String file, String text) {
        text = ByteOrderMark.strip(text);
        Parsing.Result parsed = Parsing.parse(text);
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
        if (parsed.policy() != null) {
            diagnostics.addAll(Checker.check(parsed.policy(), parsed.endOfFile()));
        }
        return new Analysis(file, text, parsed.policy(), sorted(diagnostics));
    }

    /** Only the syntax and the AST: no name, type or range checks. */
    public static Analysis parse(String file, String text) {
        text = ByteOrderMark.strip(text);
        Parsing.Result parsed = Parsing.parse(text);
        return new Analysis(file, text, parsed.policy(), sorted(parsed.diagnostics()));
    }

    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        List<Diagnostic> copy = new ArrayList<>(diagnostics);
        copy.sort(BY_POSITION);
        return copy;
    }
}
