package dev.rwsh.commands.migrate.write;

import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.sql.SqlDialect;
import java.sql.SQLException;

/**
 * A group of write steps of one responsibility. The groups share the writer's plan, source, target
 * and step recorder, and the ways of opening a table's rows; {@link MigrationWriter} builds them
 * over one {@link Shared} and names their steps.
 */
abstract class StepGroup {
    /** What every group of one writer shares; {@code pipelined} is whether bulk steps hand their batches to a writer thread. */
    record Shared(WritePlan plan, MetaReader reader, java.sql.Connection c, SqlDialect d, MigrationWriter.StepRecorder steps, RowSink sink,
            boolean pipelined) {
    }

    protected final WritePlan plan;
    protected final MetaReader reader;
    /** Used only by the steps that run statements (seeds, sequences, cluster id); null when diff replays the row steps. */
    protected final java.sql.Connection c;
    protected final SqlDialect d;
    protected final MigrationWriter.StepRecorder steps;
    protected final RowSink sink;
    /** Whether the bulk steps hand their batches to a writer thread ({@link PipelinedRowSink}): only for a real target. */
    private final boolean pipelined;

    StepGroup(Shared shared) {
        this.plan = shared.plan();
        this.reader = shared.reader();
        this.c = shared.c();
        this.d = shared.d();
        this.steps = shared.steps();
        this.sink = shared.sink();
        this.pipelined = shared.pipelined();
    }

    interface SinkWork {
        void run(RowSink out) throws SQLException;
    }

    /** Runs a bulk step on a pipelined sink when writing to a target, so reading overlaps with writing. */
    protected void bulk(SinkWork work) throws SQLException {
        if (!pipelined) {
            work.run(sink);
            return;
        }
        // try-with-resources: a failure while closing is added to the step's own failure, never hides it
        try (PipelinedRowSink out = new PipelinedRowSink(sink)) {
            work.run(out);
        }
    }

    protected RowSink.Rows batch(TargetTable table) throws SQLException {
        return open(sink, table, null);
    }

    protected static RowSink.Rows open(RowSink sink, TargetTable table, Runnable beforeFlush) throws SQLException {
        return sink.open(table, beforeFlush, table.columns());
    }

    protected static Object opt(boolean has, Object v, Batch.Null type) {
        return has ? v : type;
    }
}
