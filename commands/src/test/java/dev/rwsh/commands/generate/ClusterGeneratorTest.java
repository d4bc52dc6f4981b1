package dev.rwsh.commands.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaDecoder;
import dev.rwsh.commands.meta.MetaEntry;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.meta.MetaValues;
import dev.rwsh.commands.meta.ProstEncoder;
import dev.rwsh.commands.testsupport.MemoryKeyspace;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;
import dev.rwsh.proto.meta.TableFragments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterGeneratorTest {

    private static MemoryKeyspace generate(ClusterGenerator.Options options) {
        MemoryKeyspace ks = new MemoryKeyspace();
        ClusterGenerator.generate(options, ks);
        return ks;
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        MemoryKeyspace a = generate(ClusterGenerator.Options.small(7));
        MemoryKeyspace b = generate(ClusterGenerator.Options.small(7));
        MemoryKeyspace c = generate(ClusterGenerator.Options.small(8));
        assertEquals(a.entries().size(), b.entries().size());
        List<byte[]> ka = new ArrayList<>(a.entries().keySet());
        List<byte[]> kb = new ArrayList<>(b.entries().keySet());
        for (int i = 0; i < ka.size(); i++) {
            assertArrayEquals(ka.get(i), kb.get(i));
            assertArrayEquals(a.entries().get(ka.get(i)), b.entries().get(kb.get(i)));
        }
        byte[] idA = a.entries().get(ColumnFamily.clusterIdKey());
        byte[] idC = c.entries().get(ColumnFamily.clusterIdKey());
        assertFalse(java.util.Arrays.equals(idA, idC), "another seed gives another cluster");
    }

    @Test
    void everyKeyDecodesAndTheSummaryCountsWhatWasWritten() {
        MemoryKeyspace ks = new MemoryKeyspace();
        GeneratedCluster g = ClusterGenerator.generate(ClusterGenerator.Options.small(1), ks);
        Map<String, Long> perFamily = new HashMap<>();
        int compressed = 0;
        for (Map.Entry<byte[], byte[]> e : ks.entries().entrySet()) {
            MetaEntry m = MetaDecoder.decode(new KeyValueEntry(e.getKey(), e.getValue(), 1, 1, 1, 0));
            assertTrue(m.ok(), () -> m.key() + " in " + m.family() + ": " + m.error());
            String family = m.family() == ColumnFamily.CLUSTER_ID ? "cf/cluster_id" : m.family().familyName();
            perFamily.merge(family, 1L, Long::sum);
            if (m.compressed()) {
                compressed++;
            }
        }
        assertEquals(g.keysPerFamily(), perFamily);
        assertEquals(g.totalKeys(), ks.entries().size());
        assertEquals(g.compressedValues(), compressed);
        for (ColumnFamily f : ColumnFamily.values()) {
            String name = f == ColumnFamily.CLUSTER_ID ? "cf/cluster_id" : f.familyName();
            assertTrue(perFamily.getOrDefault(name, 0L) > 0, "generated nothing in " + name);
        }
    }

    @Test
    void writesIdZeroAsAnEmptyKeyAndIdsPast128() {
        MemoryKeyspace ks = generate(ClusterGenerator.Options.small(1));
        for (ColumnFamily f : List.of(ColumnFamily.CATALOG_DATABASE, ColumnFamily.CATALOG_SCHEMA, ColumnFamily.CATALOG_FUNCTION,
                ColumnFamily.CATALOG_CONNECTION, ColumnFamily.CATALOG_SECRET, ColumnFamily.HUMMOCK_VERSION_STATS)) {
            assertTrue(ks.entries().containsKey(f.etcdKey(new byte[0])), f + " has an entry with id 0 under the bare prefix");
        }
        long pastVarintBoundary = ks.entries().keySet().stream()
                .filter(k -> ColumnFamily.of(k) == ColumnFamily.CATALOG_TABLE)
                .mapToLong(k -> MetaKeys.decodeId(ColumnFamily.CATALOG_TABLE.keyBytes(k), 32)).filter(id -> id >= 128).count();
        assertTrue(pastVarintBoundary > 0);
    }

    @Test
    void oneStreamingJobIsLargerThanOneMebibyteAndStoredGzippedUnderEtcdsLimit() throws Exception {
        MemoryKeyspace ks = generate(ClusterGenerator.Options.small(3));
        int compressed = 0;
        for (Map.Entry<byte[], byte[]> e : ks.entries().entrySet()) {
            assertTrue(e.getKey().length + e.getValue().length < 1_400_000, "every put fits etcd's 1.5 MiB request limit");
            if (MetaValues.isGzip(e.getValue())) {
                compressed++;
                byte[] raw = MetaValues.gunzip(e.getValue());
                assertTrue(raw.length > MetaValues.COMPRESSION_THRESHOLD);
                TableFragments tf = TableFragments.parseFrom(raw);
                assertArrayEquals(raw, ProstEncoder.encode(tf), "re-encoding the decoded job gives the same bytes");
            }
        }
        assertEquals(1, compressed);
    }

    @Test
    void scaleAddsJobsAndActors() {
        GeneratedCluster small = ClusterGenerator.generate(ClusterGenerator.Options.small(1), new MemoryKeyspace());
        GeneratedCluster scaled = ClusterGenerator.generate(ClusterGenerator.Options.small(1).withScale(45), new MemoryKeyspace());
        // 45 views over 3 tables of their own: 48 more jobs, each view with two hash fragments of 12 actors.
        assertEquals(small.jobs() + 48, scaled.jobs());
        assertEquals(small.actors() + 45 * 24 + 3 * 24, scaled.actors());
        assertNotEquals(small.totalKeys(), scaled.totalKeys());
    }
}
