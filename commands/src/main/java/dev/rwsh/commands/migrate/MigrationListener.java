package dev.rwsh.commands.migrate;

/**
 * How the migration engine reports progress; the shell renders it (a bar per step on a terminal,
 * plain lines otherwise). Called from the migrating thread.
 */
public interface MigrationListener {
    MigrationListener NONE = new MigrationListener() {
    };

    /** A step begins; {@code expectedRows} is its row count when known, else -1. */
    default void stepStarted(String step, long expectedRows) {
    }

    /** Rows done so far in the current step. */
    default void progress(String step, long rowsDone) {
    }

    default void stepFinished(StepStats stats) {
    }
}
