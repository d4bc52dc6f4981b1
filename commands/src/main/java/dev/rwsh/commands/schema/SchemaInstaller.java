package dev.rwsh.commands.schema;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.sql.Catalog;
import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates and drops RisingWave v2.0.7's tables on a connection, as {@code sql schema create},
 * {@code sql schema drop} and {@code migrate} all do: the statements, their order and the seeds,
 * without the commands' checks, confirmation or reporting.
 */
public final class SchemaInstaller {
    private SchemaInstaller() {
    }

    /** Test seam: runs before each statement (migration version, statement). */
    @FunctionalInterface
    interface StatementHook {
        void before(String migration, String sql) throws SQLException;
    }

    private static final Pattern CLUSTER_INSERT = Pattern.compile("(?i)^INSERT INTO [\"`]cluster[\"`] \\([\"`]cluster_id[\"`]\\) VALUES .*$");

    /**
     * Creates the schema on {@code c} inside whatever transaction the caller holds (for migrate):
     * no emptiness check, no transaction handling, no cleanup. Returns the seeded cluster id.
     */
    public static UUID install(Connection c, SqlDialect dialect) throws SQLException {
        UUID clusterId = UUID.randomUUID();
        try {
            installAll(c, dialect, clusterId, (m, s) -> { });
        } catch (StepFailure f) {
            throw new SQLException("schema create failed in " + f.migration + " (" + abbreviate(f.statement, 80) + "): " + f.error.getMessage(),
                    f.error.getSQLState(), f.error);
        }
        return clusterId;
    }

    /** seaql_migrations, then each migration and its row, as Migrator::up does. */
    static void installAll(Connection c, SqlDialect dialect, UUID clusterId, StatementHook hook) throws StepFailure {
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

    /**
     * Drops every RisingWave table present inside whatever transaction the caller holds (for
     * migrate -f): no confirmation, no transaction handling. Returns what it dropped.
     */
    public static List<String> drop(Connection c, SqlDialect dialect) throws SQLException {
        List<String> order = dropOrder(c, dialect, StoreInspector.read(c, dialect));
        try (Statement s = c.createStatement()) {
            for (String t : order) {
                s.execute("DROP TABLE " + dialect.quote(t));
            }
        }
        return order;
    }

    /** Drops every RisingWave table present, without asking; for create's cleanup on MySQL. Returns what it dropped. */
    static List<String> dropAll(Connection c, SqlDialect dialect) throws SQLException {
        List<String> order = dropOrder(c, dialect, StoreInspector.read(c, dialect));
        try {
            dropInOrder(c, dialect, order);
        } catch (PartialDrop p) {
            throw p.error;
        }
        return order;
    }

    /**
     * RisingWave's tables present, each after every table whose foreign keys reference it. Refuses
     * when a table that is not RisingWave's references one (dropping would break or cascade into it).
     */
    static List<String> dropOrder(Connection c, SqlDialect dialect, StoreInspector.Store store) throws SQLException {
        List<String> all = new ArrayList<>(store.present());
        List<String> otherTables = store.others().stream().filter(t -> "table".equals(store.relations().get(t))).toList();
        List<String> everything = new ArrayList<>(all);
        everything.addAll(otherTables);
        Catalog.Schema catalog = dialect.readCatalog(c, everything);
        for (String other : otherTables) {
            Catalog.Table t = catalog.tables().get(other);
            if (t == null) {
                continue;
            }
            for (Catalog.ForeignKey fk : t.foreignKeys()) {
                if (all.contains(fk.refTable())) {
                    throw RwshException.failed("table " + other + " is not RisingWave's but has a foreign key " + (fk.name() == null ? "" : fk.name() + " ")
                            + "to " + fk.refTable() + ": rwsh drops only RisingWave's tables; remove that foreign key (or the table) first");
                }
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> remaining = new LinkedHashSet<>(all);
        while (!remaining.isEmpty()) {
            List<String> free = new ArrayList<>();
            for (String t : new TreeSet<>(remaining)) {
                boolean referenced = false;
                for (String u : remaining) {
                    Catalog.Table ut = catalog.tables().get(u);
                    if (u.equals(t) || ut == null) {
                        continue;
                    }
                    for (Catalog.ForeignKey fk : ut.foreignKeys()) {
                        if (fk.refTable().equals(t)) {
                            referenced = true;
                            break;
                        }
                    }
                    if (referenced) {
                        break;
                    }
                }
                if (!referenced) {
                    free.add(t);
                }
            }
            if (free.isEmpty()) {
                throw RwshException.failed("cannot order the drop: foreign keys form a cycle among " + String.join(", ", remaining)
                        + "; this is not RisingWave v2.0.7's schema, drop those tables by hand");
            }
            order.addAll(free);
            free.forEach(remaining::remove);
        }
        // rwsh's record of where the store came from goes with the data it describes
        if (!order.isEmpty() && "table".equals(store.relations().get(MigrationRecord.TABLE))) {
            order.add(MigrationRecord.TABLE);
        }
        return order;
    }

    static void dropInOrder(Connection c, SqlDialect dialect, List<String> order) throws PartialDrop, SQLException {
        List<String> dropped = new ArrayList<>();
        boolean tx = dialect.transactionalDdl();
        if (tx) {
            c.setAutoCommit(false);
        }
        try (Statement s = c.createStatement()) {
            for (String t : order) {
                s.execute("DROP TABLE " + dialect.quote(t));
                dropped.add(t);
            }
            if (tx) {
                c.commit();
            }
        } catch (SQLException e) {
            if (tx) {
                c.rollback();
            }
            throw new PartialDrop(tx ? List.of() : dropped, e);
        } finally {
            if (tx) {
                c.setAutoCommit(true);
            }
        }
    }

    static final class StepFailure extends Exception {
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

    static final class PartialDrop extends Exception {
        final List<String> dropped;
        final SQLException error;

        PartialDrop(List<String> dropped, SQLException error) {
            super(error);
            this.dropped = dropped;
            this.error = error;
        }
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
