package dev.rwsh.commands.migrate.plan;



/** How the plan reports its progress through the streaming jobs (the bulk of what it reads); {@code MigrationListener} is one. */
public interface PlanProgress {
    PlanProgress NONE = new PlanProgress() {
    };

    /** Rows done so far in the current step. */
    default void progress(String step, long rowsDone) {
    }
}
