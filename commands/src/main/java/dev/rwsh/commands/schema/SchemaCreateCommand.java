package dev.rwsh.commands.schema;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code sql schema create}: creates RisingWave v2.0.7's schema in a database that holds none of
 * it, exactly as the meta node's {@code Migrator::up} would: seaql_migrations first, then each
 * migration's statements followed by its seaql_migrations row (applied_at = epoch seconds), with
 * the rows migration 001 seeds and a random v4 cluster id bound as sqlx binds it.
 *
 * <p>PostgreSQL and SQLite: one transaction; a failure rolls everything back. MySQL commits every
 * DDL statement at once: on a failure rwsh drops the tables it created (none of RisingWave's
 * existed before, so all are its own) and restores the database default collation that migration
 * 001 changed; if that cleanup fails too, the message says what is left and how to remove it.
 */
public final class SchemaCreateCommand {
    private SchemaCreateCommand() {
    }

    public record CreateResult(String backend, String server, String database, String risingwaveVersion, String clusterId,
            int tableCount, List<String> migrations, long appliedAt, boolean atomic) implements CommandResult {
        @Override
        public List<TableView> tables() {
            return List.of(TableView.builder(null, "result").row("created RisingWave " + risingwaveVersion + "'s schema in " + backend + " "
                    + database + ": " + tableCount + " tables, " + migrations.size() + " migrations recorded, cluster id " + clusterId).build());
        }
    }

    public static CreateResult run(SqlConnection sql) {
        return run(sql, (m, s) -> { });
    }

    static CreateResult run(SqlConnection sql, SchemaInstaller.StatementHook hook) {
        SqlEndpoint endpoint = sql.endpoint();
        return sql.withDialect("create the schema in", (c, dialect) -> {
            SchemaResources res = SchemaResources.get();
            StoreInspector.Store store = StoreInspector.read(c, dialect);
            List<String> clashing = new ArrayList<>();
            for (String t : res.tables()) {
                if (store.relations().containsKey(t)) {
                    clashing.add(t);
                }
            }
            if (!clashing.isEmpty()) {
                throw RwshException.failed(dialect.where(endpoint) + " is not empty: it already has " + clashing.size() + " of RisingWave's "
                        + res.tables().size() + " tables (" + abbreviate(clashing) + "); 'sql schema status' shows what they hold, "
                        + "'sql schema drop' removes them");
            }
            dialect.checkCanCreate(c, endpoint);
            UUID clusterId = UUID.randomUUID();
            long appliedAt = Instant.now().getEpochSecond();
            if (dialect.transactionalDdl()) {
                createInTransaction(c, dialect, endpoint, clusterId, hook);
            } else {
                createStepByStep(c, dialect, endpoint, clusterId, hook);
            }
            String database = endpoint.path() != null ? endpoint.path().toString() : endpoint.database();
            return new CreateResult(sql.backend().rwName(), dialect.serverName(), database, SchemaResources.RISINGWAVE_VERSION,
                    clusterId.toString(), res.tables().size(), res.migrations(), appliedAt, dialect.transactionalDdl());
        });
    }

    private static void createInTransaction(Connection c, SqlDialect dialect, SqlEndpoint endpoint, UUID clusterId, SchemaInstaller.StatementHook hook)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            dialect.prepareWriteSession(c);
            SchemaInstaller.installAll(c, dialect, clusterId, hook);
            c.commit();
        } catch (SchemaInstaller.StepFailure f) {
            c.rollback();
            throw failure(dialect, endpoint, c, f, "rolled back: nothing was created");
        } finally {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // nothing left to roll back
            }
            c.setAutoCommit(true);
        }
    }

    private static void createStepByStep(Connection c, SqlDialect dialect, SqlEndpoint endpoint, UUID clusterId, SchemaInstaller.StatementHook hook)
            throws SQLException {
        dialect.prepareWriteSession(c);
        String settings = dialect.databaseSettings(c);
        try {
            SchemaInstaller.installAll(c, dialect, clusterId, hook);
        } catch (SchemaInstaller.StepFailure f) {
            String cleanup;
            try {
                List<String> dropped = SchemaInstaller.dropAll(c, dialect);
                if (settings != null) {
                    dialect.restoreDatabaseSettings(c, settings);
                }
                cleanup = "DDL commits at once on " + dialect.serverName() + ", so rwsh dropped the " + dropped.size() + " tables it had created"
                        + (settings == null ? "" : " and restored the database default (" + settings + ")") + ": nothing is left";
            } catch (SQLException | RuntimeException cleanupError) {
                cleanup = "DDL commits at once on " + dialect.serverName() + " and rwsh's cleanup failed too (" + cleanupError.getMessage()
                        + "): the database holds part of the schema; run 'sql schema drop --yes' once the server answers, then create again";
            }
            throw failure(dialect, endpoint, c, f, cleanup);
        }
    }

    private static RwshException failure(SqlDialect dialect, SqlEndpoint endpoint, Connection c, SchemaInstaller.StepFailure f, String outcome) {
        RwshException why = dialect.explainWrite(endpoint, c, "create RisingWave's tables", f.error);
        return RwshException.failed("schema create failed in " + f.migration + " (" + SchemaInstaller.abbreviate(f.statement, 80) + "): " + why.getMessage()
                + "; " + outcome, f.error);
    }

    static String abbreviate(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names) : String.join(", ", names.subList(0, 6)) + ", ...";
    }
}
