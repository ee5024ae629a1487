package dev.adl.check;

import dev.adl.diag.Diagnostic;
import dev.adl.diag.DiagnosticFormatter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** A policy starting with a UTF-8 byte-order mark reads as if the mark were not there. */
class ByteOrderMarkTest {
    private static final String HEADER = "policy \"p\" version 1\n";
    private static final String REDUCE = "\nreduce { tier \"all\" : queue }\n";

    @Test
    void aByteOrderMarkIsNotPartOfThePolicy() {
        String policy = HEADER + "eligible when size > 0" + REDUCE;
        Analysis a = Frontend.analyze("p.adl", "\uFEFF" + policy);
        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.source()).isEqualTo(policy);
        assertThat(Frontend.parse("p.adl", "\uFEFF" + policy).diagnostics()).isEmpty();
    }

    @Test
    void columnsOnTheFirstLineCountFromAfterTheMark() {
        String text = "\uFEFFpolicy \"p\" version 0" + REDUCE;
        Analysis a = Frontend.analyze("p.adl", text);
        assertThat(a.diagnostics()).extracting(Diagnostic::line, Diagnostic::col).containsExactly(
                tuple(1, 20));
        assertThat(DiagnosticFormatter.format("p.adl", text, a.diagnostics().get(0))).contains("""
                  policy "p" version 0
                                     ^
                """);
    }
}
