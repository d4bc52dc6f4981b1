package dev.rwsh.commands;

/**
 * An error meant for the user: its message is one line that says what failed and what to do.
 * Anything else that escapes a command is a bug and is shown with its class name.
 */
public class RwshException extends RuntimeException {
    private final ExitStatus status;

    public RwshException(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public static RwshException usage(String message) {
        return new RwshException(ExitStatus.USAGE, message, null);
    }

    public static RwshException failed(String message) {
        return new RwshException(ExitStatus.FAILED, message, null);
    }

    public static RwshException failed(String message, Throwable cause) {
        return new RwshException(ExitStatus.FAILED, message, cause);
    }

    public ExitStatus status() {
        return status;
    }
}
