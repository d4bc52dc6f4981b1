package dev.rwsh.commands.backupfile;

/**
 * How the backup commands report progress; the engine never prints. The shell draws a progress
 * bar on a terminal and stays silent otherwise. Calls come from the command's thread.
 */
public interface BackupProgress {

    /** A quiet listener. */
    BackupProgress NONE = new BackupProgress() {
        @Override
        public void begin(String task, long total, String unit) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public void end() {
        }
    };

    /** A task starts; {@code total} is in {@code unit}s ("keys", "bytes"), or -1 when unknown. */
    void begin(String task, long total, String unit);

    /** {@code units} more are done. */
    void advance(long units);

    /** The task ended, successfully or not. */
    void end();
}
