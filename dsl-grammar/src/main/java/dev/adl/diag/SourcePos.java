package dev.adl.diag;

/** A place in policy text: 1-based line and column, and how many characters it spans. */
public record SourcePos(int line, int col, int length) {
    public static final SourcePos NONE = new SourcePos(1, 1, 1);

    public SourcePos {
        if (length < 1) length = 1;
    }
}
