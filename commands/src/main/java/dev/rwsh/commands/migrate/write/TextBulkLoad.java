package dev.rwsh.commands.migrate.write;

import java.sql.SQLException;
import java.time.format.DateTimeFormatter;

/**
 * A bulk load of one table as tab-separated text ({@link PostgresCopy}, {@link MysqlLoadData}): rows
 * are encoded as they come into one buffer, which is sent as one statement when it holds
 * {@link Batch#SIZE} rows or {@link #MAX_BUFFER_BYTES}, so memory stays bounded by one buffer. The
 * subclass says how a value is written and how the buffer reaches the server.
 */
abstract class TextBulkLoad extends PendingRows {
    static final int MAX_BUFFER_BYTES = 8 << 20;
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    protected final String table;
    private final int columns;
    protected final RowBytes buffer = new RowBytes();

    TextBulkLoad(TargetTable table, int columns, Runnable beforeFlush) {
        super(beforeFlush);
        this.table = table.name();
        this.columns = columns;
    }

    @Override
    public final boolean add(Object... values) throws SQLException {
        if (values.length != columns) {
            throw new IllegalArgumentException(table + ": " + values.length + " values for " + columns + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                buffer.write('\t');
            }
            encode(i, values[i]);
        }
        buffer.write('\n');
        if (pendingAfterAdd() >= Batch.SIZE || buffer.size() >= MAX_BUFFER_BYTES) {
            flush();
            return true;
        }
        return false;
    }

    /** Writes one value of column {@code column} into the buffer. */
    abstract void encode(int column, Object v);

    /** Sends the buffer's {@link #pending()} rows as one statement. */
    abstract void load() throws SQLException;

    @Override
    final void send() throws SQLException {
        load();
        buffer.size = 0;
    }

    @Override
    public final void close() throws SQLException {
        flush();
    }
}
