package dev.adl.diag;

/**
 * The one diagnostic type of the platform: the checker, the compiler, the engine's
 * input readers and the server all report problems as these.
 *
 * <p>Messages follow one style: a single lowercase sentence, user input in backticks,
 * no trailing period. {@code line} and {@code col} are 1-based; {@code length} is the
 * number of characters the caret underlines (at least 1). {@code help} is optional
 * ("did you mean `equity`?").
 */
public record Diagnostic(Severity severity, String code, String message,
                         int line, int col, int length, String help) {

    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Diagnostic {
        if (length < 1) length = 1;
    }

    public static Diagnostic error(String code, String message, SourcePos pos) {
        return new Diagnostic(Severity.ERROR, code, message, pos.line(), pos.col(), pos.length(), null);
    }

    public static Diagnostic error(String code, String message, SourcePos pos, String help) {
        return new Diagnostic(Severity.ERROR, code, message, pos.line(), pos.col(), pos.length(), help);
    }

    public static Diagnostic warning(String code, String message, SourcePos pos) {
        return new Diagnostic(Severity.WARNING, code, message, pos.line(), pos.col(), pos.length(), null);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
