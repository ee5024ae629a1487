package dev.adl.check;

import dev.adl.ast.Policy;
import dev.adl.diag.Diagnostic;

import java.util.List;

/**
 * What the front end (parse, build the AST, check) makes of one policy file.
 * {@code policy} is null when the text could not be parsed into an AST at all;
 * it is present, but must not be compiled, when {@link #hasErrors()} is true.
 */
public record Analysis(String file, String source, Policy policy, List<Diagnostic> diagnostics) {
    public Analysis {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
