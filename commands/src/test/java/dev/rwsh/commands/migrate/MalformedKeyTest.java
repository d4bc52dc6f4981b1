package dev.rwsh.commands.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.RwshException;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.testsupport.MemoryKeyspace;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A key of a family the plan only counts (cf/hummock_1 and its siblings) whose id part is not a
 * number: the writing pass stops with an RwshException naming the key (shown as a one-line error),
 * not an IllegalStateException (shown as an internal error).
 */
class MalformedKeyTest {
    @Test
    void aHummockKeyWithANonNumberIdStopsTheWritingPassNamingTheKey() throws Exception {
        MemoryKeyspace keyspace = new MemoryKeyspace();
        ClusterGenerator.generate(ClusterGenerator.Options.small(1), keyspace);
        keyspace.put("cf/hummock_1/not-a-number".getBytes(StandardCharsets.UTF_8), new byte[] {8, 1});
        MigrationPlan plan = MigrationPlan.build(new MetaReader(keyspace), MigrationListener.NONE);
        assertEquals(List.of(), plan.errors());

        RowSink discard = (table, beforeFlush, columns) -> new RowSink.Rows() {
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
        MigrationWriter.StepRecorder steps = new MigrationWriter.StepRecorder() {
            @Override
            public void begin(String step, long expected) {
            }

            @Override
            public void end(long read, long written, long skipped, int warnings) {
            }
        };
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            MigrationWriter writer = new MigrationWriter(plan, new MetaReader(keyspace), null, SqlDialect.of(SqlBackend.SQLITE, c), MigrationListener.NONE,
                    steps, discard);
            RwshException e = assertThrows(RwshException.class, () -> {
                for (MigrationWriter.Step step : writer.steps()) {
                    if (step.writesRows()) {
                        step.run();
                    }
                }
            });
            assertTrue(e.getMessage().startsWith("cf/hummock_1/not-a-number: "), e.getMessage());
        }
    }
}
