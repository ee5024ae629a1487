package dev.adl.examples;

import dev.adl.compile.CompileResult;
import dev.adl.compile.PolicyCompiler;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code adl} code block in README.md and docs/*.md is a complete policy that the
 * real front end and compiler accept without a diagnostic, so the documentation cannot
 * show a policy the language does not take. Fragments belong in {@code text} blocks.
 */
class DocumentedPoliciesTest {
    /** Fewer blocks than this means the documents moved, not that they hold no policies. */
    private static final int MIN_BLOCKS = 8;

    /** A block found in a document, named by its path from the repository root. */
    private record Found(String file, MarkdownPolicyBlocks.Block block) {
        String where() {
            return file + ":" + block.line();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyAdlBlockCompiles() throws IOException {
        return blocks().stream().map(f -> DynamicTest.dynamicTest(f.where(), () -> {
            // blank lines in front of the block make each diagnostic name its line in the document
            String placed = "\n".repeat(f.block().line()) + f.block().text();
            CompileResult result = PolicyCompiler.compile(f.file(), placed);
            if (!result.ok() || !result.diagnostics().isEmpty()) {
                fail("the `adl` block at " + f.where() + " is not a policy the checker accepts as it is:\n"
                        + result.formatDiagnostics());
            }
        }));
    }

    @Test
    void theDocumentsHoldEnoughPolicies() throws IOException {
        List<Found> found = blocks();
        assertTrue(found.size() >= MIN_BLOCKS, "expected at least " + MIN_BLOCKS
                + " `adl` blocks in README.md and docs/*.md, found " + found.size() + ": "
                + found.stream().map(Found::where).toList());
    }

    @Test
    void theReadmePolicyIsTheReferenceExample() throws IOException {
        Path root = repositoryRoot();
        String reference = Files.readString(root.resolve("examples/reference/policy.adl"), StandardCharsets.UTF_8);
        List<String> readme = MarkdownPolicyBlocks.of(Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8))
                .stream().map(MarkdownPolicyBlocks.Block::text).toList();
        assertTrue(readme.contains(reference), "README.md should show examples/reference/policy.adl exactly");
    }

    @Test
    void blocksAreFoundByTagAndLine() {
        String md = String.join("\n",
                "# title",
                "```text",
                "```adl",
                "```",
                "```adl",
                "policy \"a\" version 1",
                "```",
                "```",
                "plain",
                "```");
        List<MarkdownPolicyBlocks.Block> blocks = MarkdownPolicyBlocks.of(md);
        assertEquals(List.of(new MarkdownPolicyBlocks.Block(5, "policy \"a\" version 1\n")), blocks);
        assertThrows(IllegalArgumentException.class, () -> MarkdownPolicyBlocks.of("```adl\npolicy"));
    }

    private static List<Found> blocks() throws IOException {
        Path root = repositoryRoot();
        List<Path> documents = new ArrayList<>();
        documents.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<Found> found = new ArrayList<>();
        for (Path doc : documents) {
            String name = root.relativize(doc).toString().replace('\\', '/');
            for (MarkdownPolicyBlocks.Block b : MarkdownPolicyBlocks.of(Files.readString(doc, StandardCharsets.UTF_8))) {
                found.add(new Found(name, b));
            }
        }
        return found;
    }

    /** The nearest directory at or above the working directory that holds README.md, docs/ and the reactor pom. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (README.md, docs/, pom.xml) above "
                + Path.of("").toAbsolutePath());
    }
}
