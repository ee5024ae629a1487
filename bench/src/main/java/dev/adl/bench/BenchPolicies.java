package dev.adl.bench;

import dev.adl.compile.CompileResult;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.PolicyCompiler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The policies benchmarked: {@code reference} (examples/reference/policy.adl: a pro-rata
 * tier for eff_leverage >= 25, then a queue), {@code queue} and {@code prorata} (the same
 * formulas with a single queue or pro-rata tier).
 */
public final class BenchPolicies {
    private BenchPolicies() {
    }

    public static String text(String name) {
        try (InputStream in = BenchPolicies.class.getResourceAsStream(name + ".adl")) {
            if (in == null) {
                throw new IllegalArgumentException("no benchmark policy `" + name + "`");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CompiledPolicy compile(String name) {
        return compileText(name + ".adl", text(name));
    }

    public static CompiledPolicy compileText(String file, String text) {
        CompileResult r = PolicyCompiler.compile(file, text);
        if (r.policy() == null) {
            throw new IllegalStateException(r.formatDiagnostics());
        }
        return r.policy();
    }
}
