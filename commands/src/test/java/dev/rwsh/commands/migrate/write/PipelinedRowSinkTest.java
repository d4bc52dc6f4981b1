package dev.rwsh.commands.migrate.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelinedRowSinkTest {
    private static final TargetTable PARENT = TargetTable.scratch("parent", TargetTable.Column.plain("id"));
    private static final TargetTable CHILD = TargetTable.scratch("child", TargetTable.Column.plain("id"));
    private static final TargetTable T = TargetTable.scratch("t", TargetTable.Column.plain("id"));

    /** Records, in order, what reached the target and on which thread. */
    static final class Recording implements RowSink {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        String failOn;

        @Override
        public Rows open(TargetTable table, Runnable beforeFlush, List<TargetTable.Column> columns) {
            threads.add(Thread.currentThread().getName());
            return new Rows() {
                @Override
                public boolean add(Object... values) throws SQLException {
                    threads.add(Thread.currentThread().getName());
                    if (values[0].equals(failOn)) {
                        throw new SQLException("duplicate key " + failOn);
                    }
                    events.add(table.name() + ":" + values[0]);
                    return false;
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                    events.add(table.name() + ":closed");
                }
            };
        }
    }

    @Test
    void parentsReachTheTargetBeforeChildrenAndEverythingRunsOnTheWriterThread() throws SQLException {
        Recording target = new Recording();
        try (PipelinedRowSink sink = new PipelinedRowSink(target)) {
            RowSink.Rows parents = sink.open(PARENT, null, PARENT.columns());
            RowSink.Rows children = sink.open(CHILD, () -> {
                try {
                    parents.flush();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, CHILD.columns());
            for (int i = 0; i < Batch.SIZE * 3 + 7; i++) {
                parents.add("p" + i);
                children.add("c" + i);
            }
            children.close();
            parents.close();
        }
        List<String> events = target.events;
        assertEquals(2 * (Batch.SIZE * 3 + 7) + 2, events.size());
        for (int i = 0; i < Batch.SIZE * 3 + 7; i++) {
            assertTrue(events.indexOf("parent:p" + i) < events.indexOf("child:c" + i), "parent " + i + " before its child");
        }
        assertTrue(target.threads.stream().allMatch("rwsh-writer"::equals), "every call on the target ran on the writer thread");
    }

    @Test
    void aFailureOnTheWriterThreadIsThrownToTheCallerAndStopsTheWriting() throws SQLException {
        Recording target = new Recording();
        target.failOn = "r1500";
        PipelinedRowSink sink = new PipelinedRowSink(target);
        RowSink.Rows rows = sink.open(T, null, T.columns());
        SQLException e = assertThrows(SQLException.class, () -> {
            for (int i = 0; i < Batch.SIZE * 20; i++) {
                rows.add("r" + i);
            }
            rows.close();
        });
        assertEquals("duplicate key r1500", e.getMessage());
        assertThrows(SQLException.class, sink::close);
        assertEquals(1500, target.events.size(), "the rows before the failing one, and nothing after it, reached the target");
        assertTrue(!target.events.contains("t:closed"));
    }

    @Test
    void aFailureInsideTryWithResourcesStaysTheOneThrown() throws SQLException {
        Recording target = new Recording();
        target.failOn = "r10";
        SQLException e = assertThrows(SQLException.class, () -> {
            try (PipelinedRowSink sink = new PipelinedRowSink(target)) {
                RowSink.Rows rows = sink.open(T, null, T.columns());
                for (int i = 0; i < Batch.SIZE * 20; i++) {
                    rows.add("r" + i);
                }
                rows.close();
            }
        });
        assertEquals("duplicate key r10", e.getMessage());
        assertEquals(1, e.getSuppressed().length, "the close's report is attached, not thrown instead");
    }
}
