package dev.rwsh.shell.command;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.cutover.CutoverCommand;
import dev.rwsh.commands.health.SqlHealthCommand;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.shell.session.ShellSession;
import java.time.Duration;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** After the migration: cutover (may etcd be stopped?), sql health. */
@Command(group = "After the migration")
public class AfterMigrationCommands {
    private final ShellSession session;

    public AfterMigrationCommands(ShellSession session) {
        this.session = session;
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
}
