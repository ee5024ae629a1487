package dev.adl.diag;

/**
 * The UTF-8 byte-order mark some editors put at the start of a file. It is not part of the
 * text: a policy starting with one reads as if it were not there, and columns on the first
 * line count from after it.
 */
public final class ByteOrderMark {
    private static final char MARK = '\uFEFF';

    private ByteOrderMark() {
    }

    /** {@code text} without a leading byte-order mark. */
    public static String strip(String text) {
        return text != null && !text.isEmpty() && text.charAt(0) == MARK ? text.substring(1) : text;
    }
}
