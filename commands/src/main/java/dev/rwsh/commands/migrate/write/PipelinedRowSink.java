package dev.rwsh.commands.migrate.write;

import dev.rwsh.commands.CommandInterruptedException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link RowSink} that hands full batches to one writer thread, so decoding the next etcd page
 * (this thread) overlaps with encoding and sending the previous batch and the server storing it.
 * Every call on the target (open, add, flush, close) runs on the writer thread, in submission order,
 * so the connection is never used by two threads and a parent's rows still reach the server before
 * its children's. At most {@link #IN_FLIGHT} batches wait, which bounds memory. A failure on the
 * writer thread is thrown by the next call here; {@link #close} waits for everything queued.
 */
final class PipelinedRowSink implements RowSink, AutoCloseable {
    static final int IN_FLIGHT = 4;

    private interface Task {
        void run() throws Exception;
    }

    private static final Task STOP = () -> {
    };

    private final RowSink target;
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(IN_FLIGHT);
    private final Thread writer;
    private volatile Exception failure;
    /** Whether the failure has been thrown to the caller once already. */
    private boolean reported;

    PipelinedRowSink(RowSink target) {
        this.target = target;
        this.writer = new Thread(this::drain, "rwsh-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private void drain() {
        while (true) {
            Task t;
            try {
                t = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (t == STOP) {
                return;
            }
            if (failure == null) {
                try {
                    t.run();
                } catch (Exception e) {
                    failure = e;
                }
            }
        }
    }

    private void submit(Task t) throws SQLException {
        rethrow();
        try {
            queue.put(t);
        } catch (InterruptedException e) {
            throw stopped(e);
        }
    }

    /** Interrupted (Ctrl-C): the writer skips what is queued, and close() still waits for the batch it is sending. */
    private CommandInterruptedException stopped(InterruptedException e) {
        CommandInterruptedException stop = new CommandInterruptedException("interrupted while writing", e);
        if (failure == null) {
            failure = stop;
        }
        reported = true;
        return stop;
    }

    private void rethrow() throws SQLException {
        Exception e = failure;
        if (e != null && reported) {
            // a new instance: the caller's try-with-resources adds it to the first one, which it may not do with itself
            throw new SQLException("writing had stopped: " + e.getMessage(), e);
        }
        reported = e != null;
        if (e instanceof SQLException s) {
            throw s;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e != null) {
            throw new SQLException(e.getMessage(), e);
        }
    }

    /** Waits until every submitted task has run; throws the writer's failure, if any. */
    void await() throws SQLException {
        Object done = new Object();
        boolean[] ran = {false};
        submit(() -> {
            synchronized (done) {
                ran[0] = true;
                done.notifyAll();
            }
        });
        synchronized (done) {
            while (!ran[0] && failure == null && writer.isAlive()) {
                try {
                    done.wait(100);
                } catch (InterruptedException e) {
                    throw stopped(e);
                }
            }
        }
        rethrow();
    }

    @Override
    public Rows open(TargetTable table, Runnable beforeFlush, List<TargetTable.Column> columns) throws SQLException {
        Rows[] opened = {null};
        submit(() -> opened[0] = target.open(table, null, columns));
        return new Rows() {
            private List<Object[]> rows = new ArrayList<>(Batch.SIZE);

            @Override
            public boolean add(Object... values) throws SQLException {
                rows.add(values);
                if (rows.size() >= Batch.SIZE) {
                    flush();
                    return true;
                }
                return false;
            }

            @Override
            public void flush() throws SQLException {
                if (rows.isEmpty()) {
                    return;
                }
                if (beforeFlush != null) {
                    beforeFlush.run(); // queues the parents' rows ahead of these
                }
                List<Object[]> batch = rows;
                rows = new ArrayList<>(Batch.SIZE);
                submit(() -> {
                    for (Object[] r : batch) {
                        opened[0].add(r);
                    }
                    opened[0].flush();
                });
            }

            @Override
            public void close() throws SQLException {
                flush();
                submit(() -> opened[0].close());
                await();
            }
        };
    }

    /** Stops the writer thread after what is queued has run; throws its failure, if any. */
    @Override
    public void close() throws SQLException {
        try {
            await();
        } finally {
            // Uninterruptibly (a second Ctrl-C must not let the caller roll back while the writer still
            // uses the connection); the writer keeps taking (and, after a failure, skipping) tasks, so room appears.
            boolean interrupted = false;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            boolean stopQueued = false;
            while (writer.isAlive() && System.nanoTime() < deadline) {
                try {
                    if (!stopQueued) {
                        stopQueued = queue.offer(STOP, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    } else {
                        writer.join(100);
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
