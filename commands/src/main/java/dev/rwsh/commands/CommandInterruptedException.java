package dev.rwsh.commands;

/**
 * A command stopped because its thread was interrupted (Ctrl-C in the shell). Long loops call
 * {@link #throwIfInterrupted()}; the message says what state the command left behind. The thread's
 * interrupt flag is cleared when this is thrown, so the command's own clean-up (a rollback, a
 * state file) still runs normally.
 */
public class CommandInterruptedException extends RwshException {

    public CommandInterruptedException(String message) {
        super(ExitStatus.FAILED, message, null);
    }

    public CommandInterruptedException(String message, Throwable cause) {
        super(ExitStatus.FAILED, message, cause);
    }

    /** Throws (clearing the flag) when the current thread has been interrupted. */
    public static void throwIfInterrupted() {
        if (Thread.interrupted()) {
            throw new CommandInterruptedException("interrupted");
        }
    }

    /** Whether {@code e}, or an exception it was caused by or suppressed, is an interruption. */
    public static boolean isInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CommandInterruptedException || t instanceof InterruptedException) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof CommandInterruptedException) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
