package dev.rwsh.commands;

/** The process exit codes rwsh documents; each command outcome maps to one of them. */
public enum ExitStatus {
    /** Every command succeeded. */
    OK(0),
    /** A command was stopped by an error (unreachable server, missing key, failed write...). */
    FAILED(1),
    /** The command line itself was wrong: unknown command, bad option, malformed endpoint. */
    USAGE(2),
    /** A check ran to the end and found a problem (a schema difference, a failed preflight). */
    CHECK_FAILED(3);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
