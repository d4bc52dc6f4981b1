package dev.rwsh.commands.migrate.write;

import dev.rwsh.commands.CommandInterruptedException;
import java.sql.SQLException;

/**
 * The bookkeeping shared by the ways rows reach a target ({@link Batch}, {@link TextBulkLoad}):
 * rows pending since the last send, the parents flushed first, the time spent sending.
 */
abstract class PendingRows implements RowSink.Rows {
    private final Runnable beforeFlush;
    private int pending;

    PendingRows(Runnable beforeFlush) {
        this.beforeFlush = beforeFlush;
    }

    /** Counts one more pending row; returns how many are pending. */
    final int pendingAfterAdd() {
        return ++pending;
    }

    /** How many rows were added since the last send. */
    final int pending() {
        return pending;
    }

    /** Sends the pending rows to the server and forgets them. */
    abstract void send() throws SQLException;

    @Override
    public final void flush() throws SQLException {
        if (pending == 0) {
            return;
        }
        CommandInterruptedException.throwIfInterrupted(); // Ctrl-C stops a write between batches
        if (beforeFlush != null) {
            beforeFlush.run();
        }
        long t = System.nanoTime();
        send();
        Batch.EXECUTE_NANOS.addAndGet(System.nanoTime() - t);
        pending = 0;
    }
}
