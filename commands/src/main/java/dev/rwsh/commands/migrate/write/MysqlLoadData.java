package dev.rwsh.commands.migrate.write;

import com.mysql.cj.jdbc.JdbcStatement;
import dev.rwsh.commands.sql.SqlDialect;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Rows of one MySQL/MariaDB table sent with {@code LOAD DATA LOCAL INFILE}, the file being a buffer in
 * memory handed to the driver as a stream: the server parses tab-separated text instead of the
 * driver building and escaping multi-row INSERT statements (most of its CPU time). Each buffer is
 * one statement in the migration's transaction.
 *
 * <p>With LOCAL the server turns what would be errors (a duplicate key, a value that does not fit)
 * into warnings and goes on, so every load is checked: as many rows loaded as sent, and no warning.
 */
final class MysqlLoadData extends TextBulkLoad {
    /** Error codes of a refused LOCAL load: MySQL's ER_NOT_ALLOWED_COMMAND and ER_CLIENT_LOCAL_FILES_DISABLED, MariaDB's ER_LOAD_INFILE_CAPABILITY_DISABLED. */
    private static final java.util.Set<Integer> REFUSED_LOCAL_INFILE = java.util.Set.of(1148, 3948, 4166);

    /** What a column's values have been: bytes go as hex through a user variable and UNHEX, as raw bytes would be read as utf8mb4 text. */
    private enum Values {
        UNSEEN, BYTES, OTHER
    }

    private final Connection connection;
    private final SqlDialect dialect;
    private final List<TargetTable.Column> columns;
    private final Values[] values;

    MysqlLoadData(Connection c, SqlDialect dialect, TargetTable table, Runnable beforeFlush, List<TargetTable.Column> columns) {
        super(table, columns.size(), beforeFlush);
        this.connection = c;
        this.dialect = dialect;
        this.columns = List.copyOf(columns);
        this.values = new Values[columns.size()];
        java.util.Arrays.fill(values, Values.UNSEEN);
    }

    /** One value in the format the LOAD statement declares: \N for NULL, backslash escapes in text, hex for bytes, 1/0 for booleans. */
    @Override
    void encode(int column, Object v) {
        if (v == null || v instanceof Batch.Null) {
            buffer.write('\\');
            buffer.write('N');
            return;
        }
        see(column, v instanceof byte[] ? Values.BYTES : Values.OTHER);
        if (v instanceof Integer || v instanceof Long) {
            buffer.ascii(v.toString());
        } else if (v instanceof Boolean b) {
            buffer.write(b ? '1' : '0');
        } else if (v instanceof String s) {
            text(s);
        } else if (v instanceof Batch.Json j) {
            text(j.text());
        } else if (v instanceof byte[] bytes) {
            buffer.hex(bytes);
        } else if (v instanceof LocalDateTime t) {
            buffer.ascii(TIMESTAMP.format(t));
        } else {
            throw new IllegalArgumentException(table + ": no LOAD DATA encoding for " + v.getClass().getName());
        }
    }

    private void see(int column, Values kind) {
        if (values[column] == Values.UNSEEN) {
            values[column] = kind;
        } else if (values[column] != kind) {
            throw new IllegalArgumentException(table + "." + columns.get(column).name() + ": bytes and other values in one column");
        }
    }

    private void text(String s) {
        buffer.escapedText(s, true);
    }

    /** The statement for the pending rows; columns that held bytes are read into a variable and unhexed. */
    private String statement() {
        StringBuilder cols = new StringBuilder();
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String name = dialect.quote(columns.get(i).name());
            cols.append(i > 0 ? ", " : "");
            if (values[i] == Values.BYTES) {
                cols.append("@hex").append(i);
                set.append(set.isEmpty() ? " SET " : ", ").append(name).append(" = UNHEX(@hex").append(i).append(')');
            } else {
                cols.append(name);
            }
        }
        return "LOAD DATA LOCAL INFILE 'rwsh-rows' INTO TABLE " + dialect.quote(table) + " CHARACTER SET utf8mb4"
                + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (" + cols + ")" + set;
    }

    @Override
    void load() throws SQLException {
        try (Statement s = connection.createStatement()) {
            JdbcStatement load = s.unwrap(JdbcStatement.class);
            load.setLocalInfileInputStream(new ByteArrayInputStream(buffer.bytes, 0, buffer.size));
            try {
                s.execute(statement());
            } catch (SQLException e) {
                if (REFUSED_LOCAL_INFILE.contains(e.getErrorCode())) {
                    // local_infile turned off since rwsh connected, or a proxy in between that does not pass LOAD DATA LOCAL
                    throw new SQLException("the server refused LOAD DATA LOCAL INFILE into table " + table + " (" + e.getMessage()
                            + "); to write with batched INSERT instead, add allowLoadLocalInfile=false to the endpoint", e.getSQLState(), e.getErrorCode(), e);
                }
                throw e;
            } finally {
                load.setLocalInfileInputStream(null);
            }
            long loaded = s.getLargeUpdateCount();
            SQLWarning warning = s.getWarnings();
            if (loaded != pending() || warning != null) {
                throw new SQLException("LOAD DATA LOCAL INFILE into table " + table + " loaded " + loaded + " of " + pending() + " rows"
                        + (warning == null ? "" : ", the server warned: " + warning.getMessage())
                        + "; to write with batched INSERT instead, add allowLoadLocalInfile=false to the endpoint");
            }
        }
    }
}
