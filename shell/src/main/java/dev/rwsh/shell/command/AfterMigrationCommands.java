package dev.rwsh.shell.command;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backup.BackupListCommand;
import dev.rwsh.commands.backup.BackupPruneCommand;
import dev.rwsh.commands.cutover.CutoverCommand;
import dev.rwsh.commands.health.SqlHealthCommand;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.shell.session.Confirmation;
import dev.rwsh.shell.session.ShellSession;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** After the migration: cutover (may etcd be stopped?), sql health, backup list and prune. */
@Command(group = "After the migration")
public class AfterMigrationCommands {
    private final ShellSession session;
    private final Confirmation confirmation;

    public AfterMigrationCommands(ShellSession session, Confirmation confirmation) {
        this.session = session;
        this.confirmation = confirmation;
    }

    @Command(command = "cutover", description = "Is it safe to stop etcd? Checks that the SQL store was migrated by rwsh from this etcd and is "
            + "complete, that etcd has not changed since, that no meta leader lease is live in etcd, and that a meta node has started on the "
            + "SQL store; evidence and the next step. Exit 3 for 'not yet'.")
    public CommandResult cutover() {
        return CutoverCommand.run(session.engine());
    }

    @Command(command = "sql health", description = "The SQL meta store's health from the server's own catalog views: version, connections, sizes, "
            + "rows per RisingWave table, sessions idle in a transaction or running long, and each backend's own figures; warnings with the fix. "
            + "Exit 3 when the store is damaged.")
    public CommandResult sqlHealth(
            @Option(longNames = "watch", label = "SECONDS", defaultValue = "0", description = "read again after SECONDS and show the change in rows (0: one reading)") int watch) {
        if (watch < 0) {
            throw RwshException.usage("--watch takes seconds, 0 or more");
        }
        return SqlHealthCommand.run(session.engine().requireSql(), Duration.ofSeconds(watch));
    }

    @Command(command = "backup list", group = "Backup", description = "Every rwsh backup in DIR (by its magic bytes, not its name): cluster id, "
            + "revision, time taken, size, keys, whether its checksum verifies, and whether the connected SQL store was migrated from it.")
    public CommandResult backupList(
            @Option(longNames = "dir", defaultValue = ".", label = "DIR", description = "the directory the backups are in (default: the current one)") String dir) {
        return BackupListCommand.run(Path.of(dir), session.engine());
    }

    @Command(command = "backup prune", group = "Backup", description = "Delete rwsh backups in DIR beyond the newest N per cluster, or older than "
            + "AGE (asks first unless --yes). Never the last backup of a cluster whose cut-over check has not passed, never a damaged backup, "
            + "never a file that is not an rwsh backup.")
    public CommandResult backupPrune(
            @Option(longNames = "dir", defaultValue = ".", label = "DIR", description = "the directory the backups are in (default: the current one)") String dir,
            @Option(longNames = "keep", label = "N", description = "keep the newest N backups of each cluster") Integer keep,
            @Option(longNames = "older-than", label = "AGE", description = "delete backups taken more than AGE ago: 30d, 12h, 90m, 2w") String olderThan,
            @Option(longNames = "yes", description = "do not ask for confirmation") boolean yes) {
        Duration age = olderThan == null || olderThan.isBlank() ? null : BackupPruneCommand.parseAge(olderThan);
        BackupPruneCommand.PrunePlan plan = BackupPruneCommand.plan(Path.of(dir), session.engine(), keep, age, Instant.now());
        if (!plan.delete().isEmpty()) {
            confirmation.require("backup prune", plan.describe(), yes);
        }
        return BackupPruneCommand.run(plan);
    }
}
