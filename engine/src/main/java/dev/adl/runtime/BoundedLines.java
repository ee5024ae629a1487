package dev.adl.runtime;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text, each at most {@link #MAX_LINE} characters: a file without line breaks
 * ({@code /dev/zero}, a binary file, a one-line upload) is refused at its first line instead of
 * being read whole into memory. Ends lines as {@link java.io.BufferedReader#readLine} does:
 * at {@code \n}, {@code \r} or {@code \r\n}.
 */
final class BoundedLines {
    /** Far above any row of the positions or exposures files, far below what memory would notice. */
    static final int MAX_LINE = 64 * 1024;

    private final Reader in;
    private final String name;
    private final char[] buf = new char[8192];
    private final StringBuilder line = new StringBuilder(128);
    private int pos;
    private int end;
    private boolean afterCr;

    BoundedLines(Reader in, String name) {
        this.in = in;
        this.name = name;
    }

    /** The next line without its terminator, or null at the end; {@code number} locates a refusal. */
    String next(int number) throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = Math.max(0, in.read(buf, 0, buf.length));
                pos = 0;
                if (end == 0) return any ? line.toString() : null;
            }
            if (afterCr) {
                afterCr = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') pos++;
            int length = pos - start;
            if (line.length() + length > MAX_LINE) {
                throw InputException.at(name, number, 0, "line_too_long", "the line is longer than " + MAX_LINE
                        + " characters, more than any row of a positions or exposures file");
            }
            if (pos < end) {
                afterCr = buf[pos++] == '\r';
                // most lines lie within the buffer: no copy through the builder
                if (!any) return new String(buf, start, length);
                return line.append(buf, start, length).toString();
            }
            line.append(buf, start, length);
            any = true;
        }
    }
}
