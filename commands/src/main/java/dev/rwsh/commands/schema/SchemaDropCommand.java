package dev.rwsh.commands.schema;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.util.List;

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
        return sql.withDialect("read the schema of", (c, dialect) -> SchemaInstaller.dropOrder(c, dialect, StoreInspector.read(c, dialect)));
    }

    public static DropResult run(SqlConnection sql, boolean confirmed) {
        SqlEndpoint endpoint = sql.endpoint();
        return sql.withDialect("drop the schema in", (c, dialect) -> {
            StoreInspector.Store store = StoreInspector.read(c, dialect);
            String database = endpoint.path() != null ? endpoint.path().toString() : endpoint.database();
            List<String> order = SchemaInstaller.dropOrder(c, dialect, store);
            if (order.isEmpty()) {
                return new DropResult(sql.backend().rwName(), database, List.of(), store.others());
            }
            if (!confirmed) {
                throw RwshException.usage("sql schema drop needs confirmation: add --yes (it drops " + order.size()
                        + " of RisingWave's tables from " + dialect.where(endpoint) + ")");
            }
            try {
                SchemaInstaller.dropInOrder(c, dialect, order);
            } catch (SchemaInstaller.PartialDrop p) {
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

}
