package dev.rwsh.shell.runbook;

import dev.rwsh.commands.ExitStatus;

/** How one line went: its status, and whether it asked the shell to exit. */
public record LineOutcome(ExitStatus status, boolean exitRequested) {
    public static final LineOutcome OK = new LineOutcome(ExitStatus.OK, false);

    public boolean failed() {
        return status != ExitStatus.OK;
    }
}
