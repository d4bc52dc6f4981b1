package dev.rwsh.commands.migrate;

import dev.rwsh.commands.migrate.MigrateCommand.StateFile;
import dev.rwsh.commands.migrate.write.MigrationWriter;
import java.util.ArrayList;
import java.util.List;

/** Step timing for the summary; tells the listener and the state file. */
final class RunSteps implements MigrationWriter.StepRecorder {
    final List<StepStats> stats = new ArrayList<>();
    private final MigrationListener listener;
    private final StateFile state;
    String current;
    private long started;

    RunSteps(MigrationListener listener, StateFile state) {
        this.listener = listener;
        this.state = state;
    }

    @Override
    public void begin(String step, long expected) {
        current = step;
        started = System.nanoTime();
        listener.stepStarted(step, expected);
        if (!step.equals("read and validate")) {
            state.update(r -> MigrateCommand.with(r, r.state(), step, null, null));
        }
    }

    @Override
    public void progress(String step, long rowsDone) {
        listener.progress(step, rowsDone);
    }

    @Override
    public void end(long read, long written, long skipped, int warnings) {
        StepStats s = new StepStats(current, read, written, skipped, warnings, System.nanoTime() - started);
        stats.add(s);
        listener.stepFinished(s);
    }
}
