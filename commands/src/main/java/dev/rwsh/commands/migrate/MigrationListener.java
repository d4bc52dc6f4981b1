package dev.rwsh.commands.migrate;

import dev.rwsh.commands.migrate.plan.PlanProgress;

/**
 * How the migration engine reports progress; the shell renders it (a bar per step on a terminal,
 * plain lines otherwise). Called from the migrating thread.
 */
public interface MigrationListener extends PlanProgress {
    MigrationListener NONE = new MigrationListener() {
    };

    /** A step begins; {@code expectedRows} is its row count when known, else -1. */
    default void stepStarted(String step, long expectedRows) {
    }

    default void stepFinished(StepStats stats) {
    }
}
