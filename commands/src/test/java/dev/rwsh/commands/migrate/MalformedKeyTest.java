package dev.rwsh.commands.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.RwshException;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.testsupport.MemoryKeyspace;
import java.nio.charset.StandardCharsets;
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

        RwshException e = assertThrows(RwshException.class, () -> WriterRuns.rowSteps(plan, keyspace, WriterRuns.SILENT, WriterRuns.DISCARD));
        assertTrue(e.getMessage().startsWith("cf/hummock_1/not-a-number: "), e.getMessage());
    }
}
