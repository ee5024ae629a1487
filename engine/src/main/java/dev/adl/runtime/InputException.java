package dev.adl.runtime;

import dev.adl.diag.Diagnostic;

import java.util.List;

/**
 * Bad input to the engine: malformed rows of a positions or exposures file, event fields
 * that are missing or out of range, or an event that cannot be applied. The location is
 * data, not text: {@link #source()} names the file (or request part) at fault and each
 * {@link Diagnostic} carries its line, column and code, so a caller shapes its own report
 * (the command line prints {@code file:line:col: message}; the server returns
 * {@code errors:[{line, col, message}]}). {@link #getMessage()} is the printed form.
 */
public class InputException extends RuntimeException {
    private final String source;
    private final List<Diagnostic> diagnostics;

    /** An input problem with no location in a file (line and column 0). */
    public InputException(String message) {
        this(null, List.of(new Diagnostic(Diagnostic.Severity.ERROR, "bad_input", message, 0, 0, 1, null)));
    }

    public InputException(String source, List<Diagnostic> diagnostics) {
        super(format(source, diagnostics));
        if (diagnostics.isEmpty()) throw new IllegalArgumentException("an input error needs at least one diagnostic");
        this.source = source;
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** One problem at a line of a named input (column 0 when the whole line is at fault). */
    public static InputException at(String name, int line, String sentence) {
        return at(name, line, 0, "bad_input", sentence);
    }

    public static InputException at(String name, int line, int col, String code, String sentence) {
        return new InputException(name, List.of(new Diagnostic(Diagnostic.Severity.ERROR, code, sentence, line, col,
                1, null)));
    }

    /** The file or request part at fault; null when the problem has no source of its own. */
    public String source() {
        return source;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The first problem's sentence, without its location. */
    public String sentence() {
        return diagnostics.get(0).message();
    }

    /** {@code name:line[:col]: sentence}, one line per problem; a bare sentence when there is no location. */
    private static String format(String source, List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            if (sb.length() > 0) sb.append('\n');
            if (source != null && d.line() > 0) {
                sb.append(source).append(':').append(d.line());
                if (d.col() > 0) sb.append(':').append(d.col());
                sb.append(": ");
            } else if (source != null) {
                sb.append(source).append(": ");
            }
            sb.append(d.message());
        }
        return sb.toString();
    }
}
