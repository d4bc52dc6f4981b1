package dev.rwsh.commands.migrate.write;

import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A batched INSERT into one table with a fixed column list. Rows are bound as they come and sent
 * in JDBC batches (the drivers rewrite them into multi-row statements), so memory stays bounded by
 * one batch whatever the table's size. A JSON column is bound as JSON text.
 */
public final class Batch extends PendingRows {
    public static final int SIZE = 1_000;
    /** Time spent sending rows (executeBatch, or COPY in PostgresCopy), over the whole process (for the benchmark's breakdown). */
    public static final java.util.concurrent.atomic.AtomicLong EXECUTE_NANOS = new java.util.concurrent.atomic.AtomicLong();

    /** A typed SQL NULL. */
    public enum Null {
        INT(Types.INTEGER), BIGINT(Types.BIGINT), TEXT(Types.VARCHAR), BYTES(Types.BINARY), BOOL(Types.BOOLEAN), TIMESTAMP(Types.TIMESTAMP);

        final int sqlType;

        Null(int sqlType) {
            this.sqlType = sqlType;
        }
    }

    /** A JSON document as text. */
    public record Json(String text) {
    }

    private final String table;
    private final SqlDialect dialect;
    private final PreparedStatement statement;
    private final int columns;

    Batch(Connection c, SqlDialect dialect, TargetTable table, Runnable beforeFlush, List<TargetTable.Column> columns) throws SQLException {
        super(beforeFlush);
        this.table = table.name();
        this.dialect = dialect;
        this.columns = columns.size();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.quote(table.name())).append(" (");
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            TargetTable.Column col = columns.get(i);
            if (i > 0) {
                sql.append(", ");
                values.append(", ");
            }
            sql.append(dialect.quote(col.name()));
            values.append(col.type() == TargetTable.Type.JSON ? dialect.jsonPlaceholder() : "?");
        }
        sql.append(") VALUES (").append(values).append(')');
        this.statement = c.prepareStatement(sql.toString());
    }

    String table() {
        return table;
    }

    /** Adds one row; sends the batch when it is full. Returns true when it sent one. */
    @Override
    public boolean add(Object... values) throws SQLException {
        if (values.length != columns) {
            throw new IllegalArgumentException(table + ": " + values.length + " values for " + columns + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            bind(i + 1, values[i]);
        }
        statement.addBatch();
        if (pendingAfterAdd() >= SIZE) {
            flush();
            return true;
        }
        return false;
    }

    private void bind(int at, Object v) throws SQLException {
        if (v == null) {
            statement.setNull(at, Types.NULL);
        } else if (v instanceof Null n) {
            statement.setNull(at, n.sqlType);
        } else if (v instanceof Integer i) {
            statement.setInt(at, i);
        } else if (v instanceof Long l) {
            statement.setLong(at, l);
        } else if (v instanceof String s) {
            statement.setString(at, s);
        } else if (v instanceof Boolean b) {
            statement.setBoolean(at, b);
        } else if (v instanceof byte[] bytes) {
            statement.setBytes(at, bytes);
        } else if (v instanceof Json j) {
            statement.setString(at, j.text());
        } else if (v instanceof LocalDateTime t) {
            statement.setObject(at, dialect.timestampParameter(t));
        } else {
            statement.setObject(at, v);
        }
    }

    @Override
    void send() throws SQLException {
        statement.executeBatch();
        statement.clearBatch();
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            statement.close();
        }
    }
}
