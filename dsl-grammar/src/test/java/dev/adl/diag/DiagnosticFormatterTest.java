package dev.adl.diag;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnosticFormatterTest {

    @Test
    void rendersLocationSourceLineAndCaretUnderTheToken() {
        String source = "policy \"p\" version 1\nlet x = equty * 2\n";
        Diagnostic d = Diagnostic.error("unknown-name", "unknown name `equty`", new SourcePos(2, 9, 5),
                "did you mean `equity`?");

        String out = DiagnosticFormatter.format("p.adl", source, d);

        assertThat(out).isEqualTo("""
                p.adl:2:9: error: unknown name `equty`
                  let x = equty * 2
                          ^^^^^
                  help: did you mean `equity`?
                """);
    }

    @Test
    void caretNeverRunsPastTheEndOfTheLine() {
        Diagnostic d = Diagnostic.warning("w", "something", new SourcePos(1, 3, 40));
        assertThat(DiagnosticFormatter.format("f", "abcd", d)).endsWith("  abcd\n    ^^\n");
    }

    @Test
    void lineOutOfRangePrintsOnlyTheHeader() {
        Diagnostic d = Diagnostic.error("missing-reduce", "no `reduce` block", new SourcePos(9, 1, 1));
        assertThat(DiagnosticFormatter.format("f", "one line", d)).isEqualTo("f:9:1: error: no `reduce` block\n");
    }
}
