package dev.rwsh.commands.migrate;

import dev.rwsh.commands.migrate.MigrateCommand.Outcome;
import dev.rwsh.commands.migrate.MigrateCommand.RunState;
import dev.rwsh.commands.migrate.MigrateCommand.StatusResult;
import dev.rwsh.commands.schema.MigrationMarker;
import dev.rwsh.commands.sql.SqlConnection;
import java.nio.file.Path;

/**
 * {@code migrate status}: the state file and, when connected to the run's target (or to any
 * target when no run is recorded), what the target itself holds: its lock, its partial mark,
 * or the run's complete result. When the two disagree (a run killed just after its commit, an
 * interrupted run whose transaction was rolled back) the target wins and the output says so.
 */
final class MigrateStatus {
    private MigrateStatus() {
    }

    static StatusResult read(Path stateFile, SqlConnection sqlOrNull) {
        RunState last = MigrateCommand.StateFile.load(stateFile).orElse(null);
        Outcome outcome = outcome(last);
        String fromFile = switch (outcome) {
            case NONE -> "no migrate has run here (" + stateFile + " does not exist)";
            case RUNNING -> "running (process " + last.pid() + ")";
            case INTERRUPTED -> "interrupted".equals(last.state()) ? "interrupted (Ctrl-C) in step '" + last.step() + "': " + last.error()
                    : "interrupted in step '" + last.step() + "' (process " + last.pid() + " is gone)";
            case FAILED -> "failed in step '" + last.step() + "'";
            default -> last.state();
        };
        String mark = null;
        TargetRecord.View target = null;
        if (sqlOrNull != null) {
            mark = sqlOrNull.withDialect("read the migration mark of", (c, d) -> MigrationMarker.read(c, d)
                    .map(m -> "PARTIAL: " + m.describe() + "; run 'migrate -f'").orElse("no partial-migration mark"));
            if (last == null || last.target().equals(MigrateCommand.targetName(sqlOrNull))) {
                target = TargetRecord.read(sqlOrNull, last);
            }
        }
        Interpretation i = interpret(outcome, fromFile, target);
        return new StatusResult(stateFile.toString(), last, i.text(), mark, outcome, i.targetWins() ? fromFile : null,
                target == null ? null : target.detail());
    }

    private static Outcome outcome(RunState last) {
        if (last == null) {
            return Outcome.NONE;
        }
        return switch (last.state()) {
            case "running" -> MigrateCommand.alive(last.pid()) ? Outcome.RUNNING : Outcome.INTERRUPTED;
            case "interrupted" -> Outcome.INTERRUPTED;
            case "failed" -> Outcome.FAILED;
            case "refused" -> Outcome.REFUSED;
            case "finished" -> Outcome.FINISHED;
            case "dry run" -> Outcome.DRY_RUN;
            default -> Outcome.FAILED;
        };
    }

    /** @param targetWins the target contradicts the state file */
    private record Interpretation(String text, boolean targetWins) {
    }

    /** The state file's outcome, corrected by what the target holds. */
    private static Interpretation interpret(Outcome outcome, String fromFile, TargetRecord.View target) {
        if (target == null) {
            return new Interpretation(outcome == Outcome.INTERRUPTED || outcome == Outcome.FAILED ? fromFile + "; 'doctor' says what the "
                    + "target holds and what to run next" : fromFile, false);
        }
        boolean unfinished = outcome == Outcome.INTERRUPTED || outcome == Outcome.FAILED || outcome == Outcome.RUNNING;
        boolean finished = outcome == Outcome.FINISHED;
        return switch (target.state()) {
            case RUNNING -> new Interpretation("running: " + target.detail(), outcome != Outcome.RUNNING);
            case PARTIAL -> new Interpretation((unfinished ? fromFile + "; " : "") + "the target is marked partial: run 'migrate -f'", finished);
            case COMPLETE -> unfinished ? new Interpretation("finished: the target holds the run's complete result (the run got past its "
                    + "commit before it stopped, or an identical earlier run's result is in place)", true) : new Interpretation(fromFile, false);
            case EMPTY -> finished ? new Interpretation("the target holds no RisingWave metadata now: run 'preflight', then 'migrate'", true)
                    : unfinished ? new Interpretation(fromFile + "; the target holds nothing of it (its transaction was rolled back): run "
                            + "'preflight', then 'migrate'", false)
                    : new Interpretation(fromFile, false);
            case OTHER_METADATA -> new Interpretation((finished ? "" : fromFile + "; ") + "the target holds metadata that is not the run's "
                    + "result: 'doctor' compares it with the source", finished);
            case FOREIGN_SCHEMA -> new Interpretation(fromFile + "; " + target.detail(), finished);
        };
    }
}
