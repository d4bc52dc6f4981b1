package dev.rwsh.commands.migrate;

import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.write.MigrationWriter;
import dev.rwsh.commands.migrate.write.RowSink;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The writer's row steps run without a target: rows go to a test's sink, steps to a test's recorder. */
final class WriterRuns {
    private WriterRuns() {
    }

    /** A sink that takes every row and keeps none. */
    static final RowSink DISCARD = (table, beforeFlush, columns) -> new RowSink.Rows() {
        @Override
        public boolean add(Object... values) {
            return false;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** A recorder that records nothing. */
    static final MigrationWriter.StepRecorder SILENT = new MigrationWriter.StepRecorder() {
        @Override
        public void begin(String step, long expected) {
        }

        @Override
        public void end(long read, long written, long skipped, int warnings) {
        }
    };

    /** Runs every step that writes rows, in the writer's order; returns their names as listed. */
    static List<String> rowSteps(MigrationPlan plan, Keyspace keyspace, MigrationWriter.StepRecorder steps, RowSink sink) throws SQLException {
        List<String> ran = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            MigrationWriter writer = new MigrationWriter(plan, new MetaReader(keyspace), null, SqlDialect.of(SqlBackend.SQLITE, c), steps,
                    sink);
            for (MigrationWriter.Step step : writer.steps()) {
                if (step.writesRows()) {
                    ran.add(step.name());
                    step.run();
                }
            }
        }
        return ran;
    }
}
