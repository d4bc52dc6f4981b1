package dev.rwsh.commands;

/**
 * An error meant for the user: its message is one line that says what failed and what to do.
 * Anything else that escapes a command is a bug and is shown with its class name. Callers decide
 * by the type (and its status or kind), never by the message.
 */
public class RwshException extends RuntimeException {
    private final ExitStatus status;
    private final String fix;

    public RwshException(ExitStatus status, String message, Throwable cause) {
        this(status, message, "", cause);
    }

    /** @param fix the next step on its own, which the message ends with too; "" when there is none to give */
    public RwshException(ExitStatus status, String message, String fix, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.fix = fix == null ? "" : fix;
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

    /** "{@code what}; {@code fix}", with the fix kept apart for reports that show it in its own column. */
    public static RwshException failed(String what, String fix, Throwable cause) {
        return new RwshException(ExitStatus.FAILED, withFix(what, fix), fix, cause);
    }

    /** The one-line form every error with a next step takes: what failed, "; ", what to do. */
    public static String withFix(String what, String fix) {
        return fix == null || fix.isEmpty() ? what : what + "; " + fix;
    }

    public ExitStatus status() {
        return status;
    }

    /** The next step on its own (the message ends with it too), or "" when there is none to give. */
    public String fix() {
        return fix;
    }

    /** What to do next, for a report's fix column: the fix, or the whole message when it has none of its own. */
    public String nextStep() {
        return fix.isEmpty() ? getMessage() : fix;
    }
}
