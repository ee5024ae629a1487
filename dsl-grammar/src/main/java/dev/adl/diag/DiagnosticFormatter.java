package dev.adl.diag;

import java.util.List;

/**
 * Renders diagnostics the way a compiler does:
 * <pre>
 * policy.adl:12:7: error: unknown name `equty`
 *   let x = equty * 2
 *           ^^^^^
 *   help: did you mean `equity`?
 * </pre>
 */
public final class DiagnosticFormatter {
    private DiagnosticFormatter() {
    }

    public static String format(String file, String source, Diagnostic d) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(':').append(d.line()).append(':').append(d.col()).append(": ")
          .append(d.severity().label()).append(": ").append(d.message()).append('\n');
        // columns count from after a byte-order mark, as the front end reads the text
        String line = sourceLine(ByteOrderMark.strip(source), d.line());
        if (line != null) {
            sb.append("  ").append(line).append('\n');
            sb.append("  ");
            int caretStart = Math.max(0, d.col() - 1);
            for (int i = 0; i < caretStart; i++) {
                sb.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
            }
            int len = Math.max(1, Math.min(d.length(), Math.max(1, line.length() - caretStart)));
            sb.append("^".repeat(len)).append('\n');
        }
        if (d.help() != null && !d.help().isEmpty()) {
            sb.append("  help: ").append(d.help()).append('\n');
        }
        return sb.toString();
    }

    public static String formatAll(String file, String source, List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            sb.append(format(file, source, d));
        }
        return sb.toString();
    }

    /** The 1-based line of {@code source}, without its line terminator; null when out of range. */
    public static String sourceLine(String source, int lineNo) {
        if (source == null || lineNo < 1) return null;
        int start = 0;
        for (int l = 1; l < lineNo; l++) {
            int nl = source.indexOf('\n', start);
            if (nl < 0) return null;
            start = nl + 1;
        }
        int end = source.indexOf('\n', start);
        if (end < 0) end = source.length();
        String line = source.substring(start, end);
        if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
        return line;
    }
}
