package dev.adl.runtime;

/**
 * Checks a name's bytes as the strict UTF-8 decoder and the line reader would see them, without
 * decoding: the byte parsers take a name only when its String would be the same bytes after
 * the line reader's strip.
 */
final class Utf8Names {
    private Utf8Names() {
    }

    /**
     * Whether {@code b[from, to)} is well-formed UTF-8 (no overlong form, surrogate or code
     * point past U+10FFFF, as the JDK's decoder refuses them) whose first and last characters
     * are neither blank nor control characters up to U+0020.
     */
    static boolean clean(byte[] b, int from, int to) {
        int first = -1;
        int last = -1;
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            int cp;
            int n;
            if (c < 0x80) {
                cp = c;
                n = 1;
            } else if (c >= 0xC2 && c <= 0xDF) {
                cp = c & 0x1F;
                n = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                cp = c & 0x0F;
                n = 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                cp = c & 0x07;
                n = 4;
            } else {
                return false;
            }
            if (i + n > to) return false;
            for (int k = 1; k < n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) return false;
                cp = cp << 6 | (cc & 0x3F);
            }
            if (n == 3 && (cp < 0x800 || cp >= 0xD800 && cp <= 0xDFFF)) return false;
            if (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return false;
            if (first < 0) first = cp;
            last = cp;
            i += n;
        }
        return first > 0x20 && last > 0x20 && !Character.isWhitespace(first) && !Character.isWhitespace(last);
    }
}
