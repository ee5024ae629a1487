package dev.adl.runtime;

/** An event the engine will not apply; the store is left exactly as it was. */
public class EventRefusedException extends InputException {
    public EventRefusedException(String message) {
        super(message);
    }
}
