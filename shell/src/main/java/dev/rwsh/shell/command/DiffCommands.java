package dev.rwsh.shell.command;

import dev.rwsh.commands.diff.DiffCommand;
import dev.rwsh.commands.result.CommandResult;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import dev.rwsh.shell.session.ProgressRenderer;
import dev.rwsh.shell.session.ShellSession;
import dev.rwsh.shell.session.TerminalProgress;

/** diff: the connected etcd against the connected SQL meta store, through migrate's own rows and id rewrite. */
@Command(group = "Migration")
public class DiffCommands {
    private final ShellSession session;
    private final TerminalProgress progress;

    public DiffCommands(ShellSession session, TerminalProgress progress) {
        this.session = session;
        this.progress = progress;
    }

    @Command(command = "diff", description = "Compare etcd with the SQL meta store category by category (what migrate would write against what "
            + "the store holds); exit status 3 when anything differs.")
    public CommandResult diff(
            @Option(longNames = "details", description = "list each differing object and the fields that differ") boolean details,
            @Option(longNames = "category", label = "C", description = "only this category (a table name such as actor, or cluster, sequences)") String category,
            @Option(longNames = "limit", defaultValue = "50", label = "N", description = "with --details: at most N objects") int limit) {
        var sql = session.engine().requireSql();
        dev.rwsh.commands.etcd.Keyspace source;
        try {
            source = session.engine().openKeyspace(); // waits for etcd's revision: Ctrl-C may land here
        } catch (dev.rwsh.commands.CommandInterruptedException e) {
            throw new dev.rwsh.commands.CommandInterruptedException("diff interrupted: nothing compared; neither side was changed", e);
        }
        try (ProgressRenderer renderer = progress.open()) {
            return DiffCommand.run(source, session.engine().sourceName(), sql, new DiffCommand.Options(details, category, limit), renderer);
        }
    }

    @Command(command = "diff show", description = "One object side by side, etcd and SQL, column by column: a relation or catalog name, or "
            + "'CATEGORY KEY' as diff --details prints it.")
    public CommandResult show(@Option(longNames = "name", required = true, label = "NAME", arityMin = 1, arityMax = 2,
            description = "a name, or a category and key such as 'actor 12'") String[] name) {
        var sql = session.engine().requireSql();
        return DiffCommand.show(session.engine().openKeyspace(), sql, String.join(" ", name));
    }
}
