package dev.adl.cli;

/** An error the user can act on; its message is printed to stderr as it is. */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(String message) {
        this(message, 1);
    }

    CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
