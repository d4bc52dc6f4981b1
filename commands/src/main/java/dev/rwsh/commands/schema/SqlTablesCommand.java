package dev.rwsh.commands.schema;

import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.sql.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code sql tables}: RisingWave's tables in the store, with their row counts; other tables are named apart. */
public final class SqlTablesCommand {
    private SqlTablesCommand() {
    }

    public record TableRows(String table, long rows) {
    }

    public record TablesResult(String backend, String database, List<TableRows> counts, List<String> otherTables) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder t = TableView.builder(null, "table", "rows");
            for (TableRows r : counts) {
                t.row(r.table(), r.rows());
            }
            List<TableView> out = new ArrayList<>();
            out.add(t.build());
            if (!otherTables.isEmpty()) {
                TableView.Builder o = TableView.builder("not RisingWave's", "table");
                otherTables.forEach(o::row);
                out.add(o.build());
            }
            return out;
        }
    }

    public static TablesResult run(SqlConnection sql) {
        return sql.withDialect("list the tables of", (c, dialect) -> {
            StoreInspector.Store store = StoreInspector.read(c, dialect);
            Map<String, Long> counts = StoreInspector.rowCounts(c, dialect, store.present());
            List<TableRows> rows = new ArrayList<>();
            counts.forEach((t, n) -> rows.add(new TableRows(t, n)));
            String database = sql.endpoint().path() != null ? sql.endpoint().path().toString() : sql.endpoint().database();
            return new TablesResult(sql.backend().rwName(), database, rows, store.others());
        });
    }
}
