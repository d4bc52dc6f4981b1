package dev.rwsh.commands.migrate.write;

import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where the writing pass sends its rows, table by table: JDBC batches into the target when
 * migrating ({@link #jdbc}: COPY on PostgreSQL, JDBC batches elsewhere), a comparison with what the target holds when diffing. Values are as
 * {@link Batch} binds them ({@link Batch.Null}, {@link Batch.Json}, boxed numbers, strings,
 * booleans, byte arrays, {@link java.time.LocalDateTime}), one per column, in the columns' order;
 * a column's {@link TargetTable.Type} says how its value is written.
 */
public interface RowSink {
    /** Rows of one table with a fixed column list; {@code beforeFlush} runs before rows are sent (parents first). */
    Rows open(TargetTable table, Runnable beforeFlush, List<TargetTable.Column> columns) throws SQLException;

    interface Rows extends AutoCloseable {
        /** Adds one row; returns true when that sent a batch. */
        boolean add(Object... values) throws SQLException;

        void flush() throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /** The target's fastest bulk path: COPY on PostgreSQL, JDBC batches (rewritten by the driver) elsewhere. */
    static RowSink jdbc(Connection c, SqlDialect d) {
        if (d.backend() == SqlBackend.POSTGRES) {
            return (table, beforeFlush, columns) -> new PostgresCopy(c, d, table, beforeFlush, columns);
        }
        return (table, beforeFlush, columns) -> new Batch(c, d, table, beforeFlush, columns);
    }
}
