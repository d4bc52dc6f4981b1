package dev.rwsh.shell.command;

import dev.rwsh.commands.cutover.CutoverCommand;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.shell.session.ShellSession;
import org.springframework.shell.command.annotation.Command;

/** After the migration: cutover (may etcd be stopped?). */
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
}
