package dev.rwsh.commands.migrate;

import dev.rwsh.commands.migrate.plan.MigrationPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.write.MigrationWriter;
import dev.rwsh.commands.migrate.write.RowSink;
import dev.rwsh.commands.migrate.write.TargetTable;
import dev.rwsh.commands.testsupport.MemoryKeyspace;
import dev.rwsh.generator.ClusterGenerator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The writer's step list and the {@link TargetTable} registry are the one source of step names and of each table's columns. */
class MigrationWriterTest {
    private static MemoryKeyspace keyspace;
    private static MigrationPlan plan;

    @BeforeAll
    static void smallCluster() {
        keyspace = new MemoryKeyspace();
        ClusterGenerator.generate(ClusterGenerator.Options.small(1), keyspace);
        plan = MigrationPlan.build(new MetaReader(keyspace), MigrationListener.NONE);
        assertEquals(List.of(), plan.errors());
    }

    @Test
    void eachRowStepBeginsOnceUnderItsListedName() throws Exception {
        List<String> begun = new ArrayList<>();
        MigrationWriter.StepRecorder steps = new MigrationWriter.StepRecorder() {
            @Override
            public void begin(String step, long expected) {
                begun.add(step);
            }

            @Override
            public void end(long read, long written, long skipped, int warnings) {
            }
        };
        List<String> listed = WriterRuns.rowSteps(plan, keyspace, steps, WriterRuns.DISCARD);
        assertEquals(listed, begun);
    }

    @Test
    void everyRowTheWriterSendsUsesTheRegistrysColumns() throws Exception {
        Set<String> filled = new LinkedHashSet<>();
        List<String> mismatches = new ArrayList<>();
        RowSink recording = (table, beforeFlush, columns) -> {
            filled.add(table.name());
            List<TargetTable.Column> registered = TargetTable.named(table.name())
                    .orElseThrow(() -> new AssertionError("not in the registry: " + table.name())).columns();
            // the object table leaves unsent timestamps to their defaults: its columns are the registry's, some left out
            boolean ok = table.name().equals("object") ? registered.stream().filter(columns::contains).toList().equals(columns)
                    : registered.equals(columns);
            if (!ok) {
                mismatches.add(table.name() + ": " + columns + " vs registry " + registered);
            }
            RowSink.Rows discard = WriterRuns.DISCARD.open(table, beforeFlush, columns);
            return new RowSink.Rows() {
                @Override
                public boolean add(Object... values) throws java.sql.SQLException {
                    assertEquals(columns.size(), values.length, table.name());
                    return discard.add(values);
                }

                @Override
                public void flush() throws java.sql.SQLException {
                    discard.flush();
                }

                @Override
                public void close() throws java.sql.SQLException {
                    discard.close();
                }
            };
        };
        WriterRuns.rowSteps(plan, keyspace, WriterRuns.SILENT, recording);
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
        assertEquals(TargetTable.all().stream().map(TargetTable::name).sorted().toList(), filled.stream().sorted().toList());
    }
}
