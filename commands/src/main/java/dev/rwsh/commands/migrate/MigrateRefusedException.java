package dev.rwsh.commands.migrate;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;

/** migrate refused to start writing (a live meta node, a target that is not empty, another migration running): nothing was written. */
public final class MigrateRefusedException extends RwshException {
    public MigrateRefusedException(String message) {
        super(ExitStatus.FAILED, message, null);
    }
}
