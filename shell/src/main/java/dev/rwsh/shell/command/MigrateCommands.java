package dev.rwsh.shell.command;

import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.migrate.StepStats;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.shell.session.Confirmation;
import dev.rwsh.shell.session.ShellSession;
import java.io.PrintStream;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** migrate: the etcd meta store into the SQL meta store, as RisingWave v2.0.7's meta migration does; migrate status. */
@Command(group = "Migration")
public class MigrateCommands {
    private final ShellSession session;
    private final Confirmation confirmation;

    public MigrateCommands(ShellSession session, Confirmation confirmation) {
        this.session = session;
        this.confirmation = confirmation;
    }

    static Path stateFile() {
        String home = System.getenv("HOME");
        return MigrateCommand.defaultStateFile(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    @Command(command = "migrate", description = "Copy the connected etcd meta store into the connected SQL database with RisingWave v2.0.7's "
            + "migration semantics: one pinned revision, validated before the first write, atomic on PostgreSQL/SQLite.")
    public CommandResult migrate(
            @Option(longNames = "force", shortNames = 'f', description = "drop RisingWave's tables in the target and migrate again (asks unless --yes)") boolean force,
            @Option(longNames = "dry-run", description = "read and validate everything, print the plan, write nothing") boolean dryRun,
            @Option(longNames = "yes", description = "do not ask before -f") boolean yes,
            @Option(longNames = "ignore-live-meta", description = "migrate although a meta node holds a live leader lease in etcd "
                    + "(its later writes are lost; recorded in the summary)") boolean ignoreLiveMeta) {
        SqlConnection sql = session.engine().requireSql();
        String source = session.engine().sourceName();
        if (force && !dryRun) {
            confirmation.require("migrate -f", "Drop RisingWave's tables (and every row in them) in " + sql.endpoint().display()
                    + " and migrate " + source + " into it?", yes);
        }
        try (ProgressRenderer progress = new ProgressRenderer(System.err, System.console() != null && !"dumb".equals(System.getenv("TERM")))) {
            return MigrateCommand.run(session.engine().openKeyspace(), source, sql,
                    new MigrateCommand.Options(force, dryRun, stateFile(), ignoreLiveMeta), progress);
        }
    }

    @Command(command = "migrate status", description = "The last migrate's outcome (kept in ~/.rwsh/migrate-state.json) and, when connected, "
            + "whether the SQL target is marked as partially migrated.")
    public CommandResult status() {
        return MigrateCommand.status(stateFile(), session.engine().sql().orElse(null));
    }

    /** A progress bar per step on a terminal; one plain line per finished step otherwise. On standard error, so results stay clean. */
    static final class ProgressRenderer implements MigrationListener, AutoCloseable {
        private final PrintStream out;
        private final boolean terminal;
        private ProgressBar bar;

        ProgressRenderer(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void stepStarted(String step, long expectedRows) {
            closeBar();
            if (terminal) {
                bar = new ProgressBarBuilder().setTaskName(String.format("%-24s", step)).setInitialMax(expectedRows)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate()
                        .setConsumer(new ConsoleProgressBarConsumer(out)).build();
            }
        }

        @Override
        public void progress(String step, long rowsDone) {
            if (bar != null) {
                bar.stepTo(rowsDone);
            }
        }

        @Override
        public void stepFinished(StepStats stats) {
            if (bar != null) {
                if (bar.getMax() >= 0) {
                    bar.stepTo(Math.max(bar.getCurrent(), bar.getMax()));
                }
                closeBar();
            } else if (!terminal) {
                out.printf("migrate: %-24s read %d, wrote %d, skipped %d, %.2f s%n", stats.step(), stats.rowsRead(), stats.rowsWritten(),
                        stats.skipped(), stats.seconds());
                out.flush();
            }
        }

        private void closeBar() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        @Override
        public void close() {
            closeBar();
        }
    }
}
