package dev.rwsh.commands.migrate.write;

import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where the writing pass sends its rows, table by table: the target's bulk path when
 * migrating ({@link #jdbc}), a comparison with what the target holds when diffing. Values are as
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

    /**
     * The target's fastest bulk path ({@link SqlDialect#bulkPath}): COPY on PostgreSQL, LOAD DATA LOCAL
     * INFILE on MySQL/MariaDB where the server and the connection allow it, JDBC batches (rewritten by
     * the driver) elsewhere.
     */
    static RowSink jdbc(Connection c, SqlDialect d) {
        return switch (d.bulkPath().kind()) {
            case COPY -> (table, beforeFlush, columns) -> new PostgresCopy(c, d, table, beforeFlush, columns);
            case LOAD_DATA -> (table, beforeFlush, columns) -> new MysqlLoadData(c, d, table, beforeFlush, columns);
            case BATCHED_INSERT -> (table, beforeFlush, columns) -> new Batch(c, d, table, beforeFlush, columns);
        };
    }
}
