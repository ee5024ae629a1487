package dev.adl.compile;

import dev.adl.diag.Diagnostic;
import dev.adl.diag.DiagnosticFormatter;

import java.util.List;

/**
 * The outcome of compiling one policy file: the compiled policy, or null when any
 * diagnostic is an error, together with every diagnostic of the front end and the compiler.
 */
public record CompileResult(CompiledPolicy policy, List<Diagnostic> diagnostics, String file, String source) {
    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
        return policy != null;
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** Every diagnostic rendered as {@code file:line:col: error: message} with its source line and caret. */
    public String formatDiagnostics() {
        return DiagnosticFormatter.formatAll(file, source, diagnostics);
    }
}
