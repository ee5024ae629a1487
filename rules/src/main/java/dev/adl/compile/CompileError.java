package dev.adl.compile;

import dev.adl.diag.Diagnostic;

/** Stops compilation of a policy; carries the diagnostic to report. */
final class CompileError extends RuntimeException {
    private final transient Diagnostic diagnostic;

    CompileError(Diagnostic diagnostic) {
        super(diagnostic.message(), null, false, false);
        this.diagnostic = diagnostic;
    }

    Diagnostic diagnostic() {
        return diagnostic;
    }
}
