package dev.rwsh.shell.command;

import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.shell.session.Confirmation;
import dev.rwsh.shell.session.ProgressRenderer;
import dev.rwsh.shell.session.ShellSession;
import dev.rwsh.shell.session.TerminalProgress;
import java.nio.file.Path;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** migrate: the etcd meta store into the SQL meta store, as RisingWave v2.0.7's meta migration does; migrate status. */
@Command(group = "Migration")
public class MigrateCommands {
    private final ShellSession session;
    private final Confirmation confirmation;
    private final TerminalProgress progress;

    public MigrateCommands(ShellSession session, Confirmation confirmation, TerminalProgress progress) {
        this.session = session;
        this.confirmation = confirmation;
        this.progress = progress;
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
        try (ProgressRenderer progress = this.progress.open()) {
            return MigrateCommand.run(session.engine().openKeyspace(), source, sql,
                    new MigrateCommand.Options(force, dryRun, stateFile(), ignoreLiveMeta), progress);
        }
    }

    @Command(command = "migrate status", description = "The last migrate's outcome (kept in ~/.rwsh/migrate-state.json) and, when connected, "
            + "whether the SQL target is marked as partially migrated.")
    public CommandResult status() {
        return MigrateCommand.status(stateFile(), session.engine().sql().orElse(null));
    }
}
