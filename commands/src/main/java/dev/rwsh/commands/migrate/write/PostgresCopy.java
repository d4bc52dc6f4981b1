package dev.rwsh.commands.migrate.write;

import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows of one PostgreSQL table sent with {@code COPY ... FROM STDIN} (text format) instead of
 * INSERT statements: no statement to parse and plan per batch, no parameters to bind. A COPY is
 * complete when {@link #flush} returns, so other statements (another table's COPY, a parent's
 * flush) can run between buffers on the same connection and transaction.
 */
final class PostgresCopy extends TextBulkLoad {
    private final String sql;
    private final CopyManager copy;

    PostgresCopy(Connection c, SqlDialect dialect, TargetTable table, Runnable beforeFlush, List<TargetTable.Column> columns) throws SQLException {
        super(table, columns.size(), beforeFlush);
        StringBuilder s = new StringBuilder("COPY ").append(dialect.quote(table.name())).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            s.append(i > 0 ? ", " : "").append(dialect.quote(columns.get(i).name()));
        }
        this.sql = s.append(") FROM STDIN").toString();
        this.copy = c.unwrap(PGConnection.class).getCopyAPI();
    }

    /** One value in COPY's text format: \N for NULL, backslash escapes in text, bytea as escaped hex. */
    @Override
    void encode(int column, Object v) {
        if (v == null || v instanceof Batch.Null) {
            buffer.write('\\');
            buffer.write('N');
        } else if (v instanceof Integer || v instanceof Long) {
            ascii(v.toString());
        } else if (v instanceof Boolean b) {
            buffer.write(b ? 't' : 'f');
        } else if (v instanceof String s) {
            text(s);
        } else if (v instanceof Batch.Json j) {
            text(j.text());
        } else if (v instanceof byte[] bytes) {
            // bytea hex input "\x0a1b"; its backslash is escaped for COPY
            buffer.write('\\');
            buffer.write('\\');
            buffer.write('x');
            buffer.hex(bytes);
        } else if (v instanceof LocalDateTime t) {
            ascii(TIMESTAMP.format(t));
        } else {
            throw new IllegalArgumentException(table + ": no COPY encoding for " + v.getClass().getName());
        }
    }

    private void ascii(String s) {
        buffer.ascii(s);
    }

    private void text(String s) {
        buffer.escapedText(s, false);
    }

    @Override
    void load() throws SQLException {
        var in = copy.copyIn(sql);
        try {
            in.writeToCopy(buffer.bytes, 0, buffer.size);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}
