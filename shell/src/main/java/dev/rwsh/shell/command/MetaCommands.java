package dev.rwsh.shell.command;

import dev.rwsh.commands.inspect.CatalogCommand;
import dev.rwsh.commands.inspect.HummockCommand;
import dev.rwsh.commands.inspect.JobsCommand;
import dev.rwsh.commands.inspect.MetaFamiliesCommand;
import dev.rwsh.commands.inspect.MetaGetCommand;
import dev.rwsh.commands.inspect.MetaListCommand;
import dev.rwsh.commands.inspect.ShowCommand;
import dev.rwsh.commands.inspect.SysparamsCommand;
import dev.rwsh.commands.inspect.WorkersCommand;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.shell.session.ShellSession;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** RisingWave's metadata decoded: column families, catalog, streaming jobs, workers, parameters, hummock. */
@Command(group = "Metadata (decoded)")
public class MetaCommands {
    private final ShellSession session;

    public MetaCommands(ShellSession session) {
        this.session = session;
    }

    @Command(command = "meta families", description = "Every column family with its key count and bytes; flags keys of no known family.")
    public CommandResult families(
            @Option(longNames = "check", description = "also decode every value and count the ones that fail") boolean check) {
        return MetaFamiliesCommand.run(session.engine().openKeyspace(), check);
    }

    @Command(command = "meta get", description = "One decoded value as JSON. KEY is an id, HOST:PORT (workers) or a name, as the family is keyed.")
    public CommandResult get(
            @Option(longNames = "family", required = true, label = "FAMILY", description = "column family, e.g. catalog_table, worker, hummock_1, default") String family,
            @Option(longNames = "key", label = "KEY", description = "the key: an id, HOST:PORT or a name") String key) {
        return MetaGetCommand.run(session.engine().openKeyspace(), family, key);
    }

    @Command(command = "meta list", description = "A column family's entries in key order, decoded as JSON; undecodable values are listed with the reason.")
    public CommandResult list(
            @Option(longNames = "family", required = true, label = "FAMILY", description = "column family, e.g. catalog_table, worker, hummock_1, default") String family,
            @Option(longNames = "limit", defaultValue = "" + MetaListCommand.DEFAULT_LIMIT, label = "N", description = "show at most N entries") int limit) {
        return MetaListCommand.run(session.engine().openKeyspace(), family, limit);
    }

    @Command(command = "catalog", description = "Databases, schemas and their objects with ids, owners, kinds and streaming jobs; and the users.")
    public CommandResult catalog(
            @Option(longNames = "database", label = "NAME", description = "only this database") String database) {
        return CatalogCommand.run(session.engine().openKeyspace(), database);
    }

    @Command(command = "show", description = "One object's catalog entry and streaming job (fragments, actors, parallelism, state).")
    public CommandResult show(
            @Option(longNames = "name", required = true, label = "NAME", description = "name, schema.name or database.schema.name") String name) {
        return ShowCommand.run(session.engine().openKeyspace(), name);
    }

    @Command(command = "workers", description = "The registered workers: compute nodes, frontends, compactors.")
    public CommandResult workers() {
        return WorkersCommand.run(session.engine().openKeyspace());
    }

    @Command(command = "sysparams", description = "System parameters as stored, checked as RisingWave v2.0.7 reads them.")
    public CommandResult sysparams(
            @Option(longNames = "session", description = "show the session parameters instead") boolean session) {
        return SysparamsCommand.run(this.session.engine().openKeyspace(), session);
    }

    @Command(command = "jobs", description = "Streaming jobs with their object, state, parallelism, fragment, actor and worker counts.")
    public CommandResult jobs() {
        return JobsCommand.run(session.engine().openKeyspace());
    }

    @Command(command = "hummock", description = "Storage metadata: version deltas, pinned versions and snapshots, compaction groups and tasks, stats.")
    public CommandResult hummock() {
        return HummockCommand.run(session.engine().openKeyspace());
    }
}
