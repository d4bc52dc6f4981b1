package dev.rwsh.commands.schema;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

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

    /** Test seam: runs before each statement (migration version, statement). */
    @FunctionalInterface
    interface StatementHook {
        void before(String migration, String sql) throws SQLException;
    }

    private static final Pattern CLUSTER_INSERT = Pattern.compile("(?i)^INSERT INTO [\"`]cluster[\"`] \\([\"`]cluster_id[\"`]\\) VALUES .*$");

    public static CreateResult run(SqlConnection sql) {
        return run(sql, (m, s) -> { });
    }

    static CreateResult run(SqlConnection sql, StatementHook hook) {
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

    private static void createInTransaction(Connection c, SqlDialect dialect, SqlEndpoint endpoint, UUID clusterId, StatementHook hook)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            dialect.prepareWriteSession(c);
            applyAll(c, dialect, clusterId, hook);
            c.commit();
        } catch (StepFailure f) {
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

    private static void createStepByStep(Connection c, SqlDialect dialect, SqlEndpoint endpoint, UUID clusterId, StatementHook hook)
            throws SQLException {
        dialect.prepareWriteSession(c);
        String settings = dialect.databaseSettings(c);
        try {
            applyAll(c, dialect, clusterId, hook);
        } catch (StepFailure f) {
            String cleanup;
            try {
                List<String> dropped = SchemaDropCommand.dropAll(c, dialect);
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

    /**
     * Creates the schema on {@code c} inside whatever transaction the caller holds (for migrate):
     * no emptiness check, no transaction handling, no cleanup. Returns the seeded cluster id.
     */
    public static UUID applyWithin(Connection c, SqlDialect dialect) throws SQLException {
        UUID clusterId = UUID.randomUUID();
        try {
            applyAll(c, dialect, clusterId, (m, s) -> { });
        } catch (StepFailure f) {
            throw new SQLException("schema create failed in " + f.migration + " (" + abbreviate(f.statement, 80) + "): " + f.error.getMessage(),
                    f.error.getSQLState(), f.error);
        }
        return clusterId;
    }

    /** seaql_migrations, then each migration and its row, as Migrator::up does. */
    private static void applyAll(Connection c, SqlDialect dialect, UUID clusterId, StatementHook hook) throws StepFailure {
        SchemaResources res = SchemaResources.get();
        String current = "install (seaql_migrations)";
        String statement = null;
        try (Statement s = c.createStatement()) {
            for (String sql : res.installStatements(dialect.backend())) {
                statement = sql;
                hook.before(current, sql);
                s.execute(sql);
            }
            for (SchemaResources.Migration m : res.migrationSteps(dialect.backend())) {
                current = m.version();
                for (String sql : m.statements()) {
                    statement = sql;
                    hook.before(current, sql);
                    if (CLUSTER_INSERT.matcher(sql).matches()) {
                        // The files hold the nil UUID; Migrator::up binds uuid::Uuid::new_v4().
                        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + dialect.quote("cluster") + " ("
                                + dialect.quote("cluster_id") + ") VALUES (?)")) {
                            p.setObject(1, dialect.uuidParameter(clusterId));
                            p.executeUpdate();
                        }
                    } else {
                        s.execute(sql);
                    }
                }
                statement = "INSERT INTO seaql_migrations";
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + dialect.quote(SchemaResources.MIGRATION_TABLE) + " ("
                        + dialect.quote("version") + ", " + dialect.quote("applied_at") + ") VALUES (?, ?)")) {
                    p.setString(1, m.version());
                    p.setLong(2, Instant.now().getEpochSecond());
                    p.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new StepFailure(current, statement, e);
        }
    }

    private static RwshException failure(SqlDialect dialect, SqlEndpoint endpoint, Connection c, StepFailure f, String outcome) {
        RwshException why = dialect.explainWrite(endpoint, c, "create RisingWave's tables", f.error);
        return RwshException.failed("schema create failed in " + f.migration + " (" + abbreviate(f.statement, 80) + "): " + why.getMessage()
                + "; " + outcome, f.error);
    }

    private static final class StepFailure extends Exception {
        final String migration;
        final String statement;
        final SQLException error;

        StepFailure(String migration, String statement, SQLException error) {
            super(error);
            this.migration = migration;
            this.statement = statement;
            this.error = error;
        }
    }

    static String abbreviate(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names) : String.join(", ", names.subList(0, 6)) + ", ...";
    }

    private static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
