package dev.rwsh.commands.schema;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.sql.Catalog;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code sql schema drop}: drops RisingWave's tables and seaql_migrations, and nothing else in the
 * database, children before the tables their foreign keys reference. Refuses when a table that is
 * not RisingWave's has a foreign key into one of them. PostgreSQL and SQLite: one transaction.
 * MySQL: one table at a time, in an order that keeps every remaining foreign key valid.
 * Never asks: the caller passes {@code confirmed}.
 */
public final class SchemaDropCommand {
    private SchemaDropCommand() {
    }

    public record DropResult(String backend, String database, List<String> dropped, List<String> leftAlone) implements CommandResult {
        @Override
        public List<TableView> tables() {
            String text = dropped.isEmpty() ? "nothing to drop: " + database + " has none of RisingWave's tables"
                    : "dropped " + dropped.size() + " of RisingWave's tables from " + backend + " " + database
                    + (leftAlone.isEmpty() ? "" : "; left alone: " + String.join(", ", leftAlone));
            return List.of(TableView.builder(null, "result").row(text).build());
        }
    }

    /** What a drop would remove: RisingWave's tables present, in drop order. */
    public static List<String> plan(SqlConnection sql) {
        return sql.withDialect("read the schema of", (c, dialect) -> order(c, dialect, StoreInspector.read(c, dialect)));
    }

    public static DropResult run(SqlConnection sql, boolean confirmed) {
        SqlEndpoint endpoint = sql.endpoint();
        return sql.withDialect("drop the schema in", (c, dialect) -> {
            StoreInspector.Store store = StoreInspector.read(c, dialect);
            String database = endpoint.path() != null ? endpoint.path().toString() : endpoint.database();
            List<String> order = order(c, dialect, store);
            if (order.isEmpty()) {
                return new DropResult(sql.backend().rwName(), database, List.of(), store.others());
            }
            if (!confirmed) {
                throw RwshException.usage("sql schema drop needs confirmation: add --yes (it drops " + order.size()
                        + " of RisingWave's tables from " + dialect.where(endpoint) + ")");
            }
            try {
                dropInOrder(c, dialect, order);
            } catch (PartialDrop p) {
                RwshException why = dialect.explainDrop(endpoint, c, p.error);
                String outcome = dialect.transactionalDdl() ? "rolled back: nothing was dropped"
                        : p.dropped.isEmpty() ? "nothing was dropped"
                        : "MySQL commits each DROP at once: dropped before the failure: " + String.join(", ", p.dropped)
                                + "; run the drop again once the cause is fixed";
                throw RwshException.failed(why.getMessage() + "; " + outcome, p.error);
            }
            return new DropResult(sql.backend().rwName(), database, order, store.others());
        });
    }

    /**
     * Drops every RisingWave table present inside whatever transaction the caller holds (for
     * migrate -f): no confirmation, no transaction handling. Returns what it dropped.
     */
    public static List<String> dropWithin(Connection c, SqlDialect dialect) throws SQLException {
        List<String> order = order(c, dialect, StoreInspector.read(c, dialect));
        try (Statement s = c.createStatement()) {
            for (String t : order) {
                s.execute("DROP TABLE " + dialect.quote(t));
            }
        }
        return order;
    }

    /** Drops every RisingWave table present, without asking; for create's cleanup on MySQL. Returns what it dropped. */
    static List<String> dropAll(Connection c, SqlDialect dialect) throws SQLException {
        List<String> order = order(c, dialect, StoreInspector.read(c, dialect));
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
    static List<String> order(Connection c, SqlDialect dialect, StoreInspector.Store store) throws SQLException {
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

    private static void dropInOrder(Connection c, SqlDialect dialect, List<String> order) throws PartialDrop, SQLException {
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

    private static final class PartialDrop extends Exception {
        final List<String> dropped;
        final SQLException error;

        PartialDrop(List<String> dropped, SQLException error) {
            super(error);
            this.dropped = dropped;
            this.error = error;
        }
    }
}
