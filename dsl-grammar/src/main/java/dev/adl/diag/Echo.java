package dev.adl.diag;

/**
 * User input quoted in a message. Input can be as long as a request body or a file line, and a
 * message quotes it to say which value is at fault: the first {@value #LIMIT} characters do that,
 * and a message stays one readable line however long the input.
 */
public final class Echo {
    /** The most characters of input a message quotes. */
    public static final int LIMIT = 100;

    private Echo() {
    }

    /** The text itself when short, else its start and how long it is ({@code abc... (12345 characters)}). */
    public static String of(String text) {
        if (text == null || text.length() <= LIMIT) return text;
        int cut = Character.isHighSurrogate(text.charAt(LIMIT - 1)) ? LIMIT - 1 : LIMIT;
        return text.substring(0, cut) + "... (" + text.length() + " characters)";
    }
}
