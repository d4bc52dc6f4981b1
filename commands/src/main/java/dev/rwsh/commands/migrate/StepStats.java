package dev.rwsh.commands.migrate;

/** One step of a migration as the summary shows it. */
public record StepStats(String step, long rowsRead, long rowsWritten, long skipped, int warnings, long nanos) {
    public double seconds() {
        return nanos / 1e9;
    }
}
