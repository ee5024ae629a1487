package dev.adl.testing;

import dev.adl.compile.CompileResult;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.PolicyCompiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Compiles each policy file once per run. */
public final class PolicyCache {
    /** A compiled policy, or the message (diagnostics or a read error) saying why there is none. */
    public record Entry(Path file, CompiledPolicy policy, String error) {
    }

    private final Map<Path, Entry> compiled = new LinkedHashMap<>();

    public synchronized Entry get(Path file) {
        return compiled.computeIfAbsent(file.normalize(), PolicyCache::compile);
    }

    private static Entry compile(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Entry(file, null, name + ": error: no such file");
        } catch (IOException e) {
            return new Entry(file, null, name + ": error: cannot read the file (" + e.getMessage() + ")");
        }
        CompileResult r = PolicyCompiler.compile(name, text);
        return new Entry(file, r.policy(), r.ok() ? null : r.formatDiagnostics());
    }
}
