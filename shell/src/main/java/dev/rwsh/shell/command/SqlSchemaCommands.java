package dev.rwsh.shell.command;

import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.schema.SchemaCheckCommand;
import dev.rwsh.commands.schema.SchemaCreateCommand;
import dev.rwsh.commands.schema.SchemaDropCommand;
import dev.rwsh.commands.schema.SchemaStatusCommand;
import dev.rwsh.commands.schema.SqlQueryCommand;
import dev.rwsh.commands.schema.SqlTablesCommand;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.shell.session.Confirmation;
import dev.rwsh.shell.session.ShellSession;
import java.util.List;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** The SQL meta store: sql schema status|create|check|drop, sql tables, sql query. */
@Command(group = "SQL meta store")
public class SqlSchemaCommands {
    /** Spring Shell's open-ended arities overflow its positional parser; a finite bound avoids that. */
    private static final int MAX_WORDS = 10_000;
    private final ShellSession session;
    private final Confirmation confirmation;

    public SqlSchemaCommands(ShellSession session, Confirmation confirmation) {
        this.session = session;
        this.confirmation = confirmation;
    }

    @Command(command = "sql schema status", description = "Which RisingWave v2.0.7 migrations are recorded, missing or unknown; which tables exist, their rows; whether the store is empty.")
    public CommandResult status() {
        return SchemaStatusCommand.run(session.engine().requireSql());
    }

    @Command(command = "sql schema create", description = "Create RisingWave v2.0.7's schema in a database that has none of it, as its meta node would.")
    public CommandResult create() {
        return SchemaCreateCommand.run(session.engine().requireSql());
    }

    @Command(command = "sql schema check", description = "Compare the schema with RisingWave v2.0.7's; list every difference (exit status 3 if any).")
    public CommandResult check() {
        return SchemaCheckCommand.run(session.engine().requireSql());
    }

    @Command(command = "sql schema drop", description = "Drop RisingWave's tables and seaql_migrations, nothing else (asks first unless --yes).")
    public CommandResult drop(@Option(longNames = "yes", description = "do not ask") boolean yes) {
        SqlConnection sql = session.engine().requireSql();
        List<String> tables = SchemaDropCommand.plan(sql);
        if (tables.isEmpty()) {
            return SchemaDropCommand.run(sql, false);
        }
        confirmation.require("sql schema drop", "Drop " + tables.size() + " of RisingWave's tables, with every row in them, from "
                + sql.endpoint().display() + "?", yes);
        return SchemaDropCommand.run(sql, true);
    }

    @Command(command = "sql tables", description = "RisingWave's tables in the SQL meta store, with row counts.")
    public CommandResult tables() {
        return SqlTablesCommand.run(session.engine().requireSql());
    }

    @Command(command = "sql query", description = "Run one reading statement (SELECT, WITH, EXPLAIN, SHOW, PRAGMA...) in a read-only transaction.")
    public CommandResult query(
            @Option(longNames = "sql", label = "STATEMENT", arityMax = MAX_WORDS, description = "the statement (quote it)") String[] sql,
            @Option(longNames = "limit", defaultValue = "" + SqlQueryCommand.DEFAULT_LIMIT, label = "N", description = "show at most N rows") int limit) {
        return SqlQueryCommand.run(session.engine().requireSql(), sql == null ? "" : String.join(" ", sql), limit);
    }
}
