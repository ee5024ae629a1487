package dev.adl.server;

import dev.adl.compile.CompileResult;
import dev.adl.compile.CompiledPolicy;
import dev.adl.compile.PolicyCompiler;

import java.time.Instant;

/**
 * One immutable policy version in the registry. The compiled form is built once, on first
 * use, and then shared by every market and thread (CompiledPolicy is thread-safe).
 */
public final class PolicyVersion {
    private final String name;
    private final long version;
    private final String sha256;
    private final String source;
    private final String author;
    private final String authorToken;
    private final Instant createdAt;
    private volatile CompiledPolicy compiled;

    public PolicyVersion(String name, long version, String sha256, String source, String author, String authorToken,
                         Instant createdAt, CompiledPolicy compiled) {
        this.name = name;
        this.version = version;
        this.sha256 = sha256;
        this.source = source;
        this.author = author;
        this.authorToken = authorToken;
        this.createdAt = createdAt;
        this.compiled = compiled;
    }

    public String name() {
        return name;
    }

    public long version() {
        return version;
    }

    public String sha256() {
        return sha256;
    }

    public String source() {
        return source;
    }

    public String author() {
        return author;
    }

    /** The token that proposed this version: the two-person rule needs an approver other than it. */
    public String authorToken() {
        return authorToken;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String label() {
        return name + " v" + version;
    }

    /** The compiled policy; compiles on first call (it compiled when it was stored, so it compiles again). */
    public CompiledPolicy compiled() {
        CompiledPolicy c = compiled;
        if (c == null) {
            synchronized (this) {
                c = compiled;
                if (c == null) {
                    CompileResult r = PolicyCompiler.compile(name + ".adl", source);
                    if (r.policy() == null) {
                        throw new IllegalStateException("stored policy `" + label() + "` no longer compiles:\n"
                                + r.formatDiagnostics());
                    }
                    compiled = c = r.policy();
                }
            }
        }
        return c;
    }
}
