package dev.adl.testing;

/** One field where a case's result is not what it expected; reports print these as a diff. */
public record Difference(String field, String expected, String actual) {
    @Override
    public String toString() {
        return field + ": expected " + expected + ", got " + actual;
    }
}
