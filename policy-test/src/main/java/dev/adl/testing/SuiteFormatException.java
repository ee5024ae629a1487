package dev.adl.testing;

/** A suite file that cannot be read as a suite; the message names the file (and the case when known). */
public class SuiteFormatException extends RuntimeException {
    public SuiteFormatException(String message) {
        super(message);
    }
}
