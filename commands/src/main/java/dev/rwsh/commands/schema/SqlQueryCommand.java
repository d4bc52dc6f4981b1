package dev.rwsh.commands.schema;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.sql.ReadOnlyQuery;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code sql query "SELECT ..."}: one reading statement, run in a transaction the server keeps
 * read-only (PostgreSQL SET TRANSACTION READ ONLY, MySQL START TRANSACTION READ ONLY, SQLite
 * PRAGMA query_only) and rolled back; at most {@code limit} rows are returned.
 */
public final class SqlQueryCommand {
    public static final int DEFAULT_LIMIT = 100;
    static final int MAX_BYTES_SHOWN = 64;

    private SqlQueryCommand() {
    }

    /** truncated: the statement returned more than {@code limit} rows; only the first {@code limit} are here. */
    public record QueryResult(List<String> columns, List<List<Object>> rows, int limit, boolean truncated) implements CommandResult {
        @Override
        public List<TableView> tables() {
            if (columns.isEmpty()) {
                return List.of(TableView.builder(null, "result").row("statement returned no rows").build());
            }
            if (truncated) {
                return List.of(new TableView(null, columns, rows),
                        TableView.message("(first " + limit + (limit == 1 ? " row" : " rows") + "; more not shown: raise --limit)"));
            }
            return List.of(new TableView(null, columns, rows));
        }
    }

    public static QueryResult run(SqlConnection sql, String statement, int limit) {
        if (limit < 1) {
            throw RwshException.usage("--limit must be at least 1");
        }
        return sql.withDialect("query", (c, dialect) -> {
            String checked = ReadOnlyQuery.validate(statement, dialect);
            dialect.beginReadOnly(c);
            boolean reset = false;
            try {
                QueryResult result = execute(c, dialect, checked, limit, sql);
                dialect.endReadOnly(c);
                reset = true;
                return result;
            } finally {
                if (!reset) {
                    try {
                        dialect.endReadOnly(c);
                    } catch (SQLException | RuntimeException e) {
                        sql.evict(c); // its session may still be read-only or mid-transaction: never reuse it
                    }
                }
            }
        });
    }

    private static QueryResult execute(Connection c, SqlDialect dialect, String sql, int limit, SqlConnection conn) {
        try (Statement s = c.createStatement()) {
            s.setMaxRows(limit + 1);
            if (!s.execute(sql)) {
                return new QueryResult(List.of(), List.of(), limit, false);
            }
            try (ResultSet rs = s.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnLabel(i));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == limit) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(cell(rs.getObject(i)));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, limit, truncated);
            }
        } catch (SQLException e) {
            if (isReadOnlyViolation(e)) {
                throw RwshException.failed("the server refused to write: sql query is read-only (" + firstLine(e.getMessage()) + ")", e);
            }
            throw SqlErrors.explain(conn.endpoint(), "run the query on", e);
        }
    }

    /** PG 25006 read_only_sql_transaction, MySQL/MariaDB 1792, SQLite SQLITE_READONLY. */
    private static boolean isReadOnlyViolation(SQLException e) {
        return "25006".equals(e.getSQLState()) || e.getErrorCode() == 1792 || (e.getErrorCode() & 0xff) == 8;
    }

    static Object cell(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof byte[] bytes) {
            String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, MAX_BYTES_SHOWN));
            return "\\x" + hex + (bytes.length > MAX_BYTES_SHOWN ? "... (" + bytes.length + " bytes)" : "");
        }
        return String.valueOf(v);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
