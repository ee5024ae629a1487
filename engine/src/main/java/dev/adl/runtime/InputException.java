package dev.adl.runtime;

/**
 * Bad input to the engine: a malformed row of a positions or exposures file, or an event
 * that cannot be applied. The message is ready to print, {@code <name>:<line>: <sentence>}
 * when a line of an input file is at fault.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public static InputException at(String name, int line, String sentence) {
        return new InputException(name + ":" + line + ": " + sentence);
    }
}
