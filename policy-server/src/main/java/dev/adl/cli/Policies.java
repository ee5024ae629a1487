package dev.adl.cli;

import dev.adl.compile.CompileResult;
import dev.adl.compile.PolicyCompiler;
import dev.adl.diag.DiagnosticFormatter;

import java.nio.file.Path;

/** Compiles a policy file for a command, turning diagnostics into a CliException on error. */
final class Policies {
    private Policies() {
    }

    static CompileResult compile(Path file) {
        String name = PolicyFiles.displayName(file);
        String text = PolicyFiles.read(file);
        CompileResult result = PolicyCompiler.compile(name, text);
        if (result.policy() == null) {
            throw new CliException(DiagnosticFormatter.formatAll(name, text, result.diagnostics()));
        }
        return result;
    }
}
