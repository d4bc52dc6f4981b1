package dev.rwsh.commands.backupfile;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;

/** A backup file that is damaged, truncated or not a backup; the message says where. */
public final class BackupCorruptException extends RwshException {
    private final long offset;

    BackupCorruptException(String file, long offset, String problem) {
        super(ExitStatus.FAILED, "backup " + file + " is damaged: " + problem, null);
        this.offset = offset;
    }

    /** The byte offset of the problem, or -1 when it concerns the whole file. */
    public long offset() {
        return offset;
    }
}
