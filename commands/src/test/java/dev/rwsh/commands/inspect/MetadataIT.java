package dev.rwsh.commands.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.testsupport.EtcdKeyValueSink;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.proto.catalog.Table;
import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decoded-metadata commands against a generated RisingWave v2.0.7 cluster in a private etcd
 * (RisingWave's keys have fixed names, so these tests cannot share the test etcd).
 */
class MetadataIT {
    static final ClusterGenerator.Options OPTIONS = ClusterGenerator.Options.small(42).withElectionLease(3600);
    static EtcdServer server;
    static EtcdKeyValueSink writer;
    static EtcdConnection connection;
    static GeneratedCluster generated;

    @BeforeAll
    static void writeCluster() throws Exception {
        server = EtcdServer.start();
        writer = new EtcdKeyValueSink(server.endpoint());
        generated = ClusterGenerator.generate(OPTIONS, writer);
        connection = server.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Keyspace snapshot() {
        return EtcdSnapshot.open(connection);
    }

    private static void put(byte[] key, byte[] value) throws Exception {
        writer.client().getKVClient().put(ByteSequence.from(key), ByteSequence.from(value)).get(10, TimeUnit.SECONDS);
    }

    private static void delete(byte[] key) throws Exception {
        writer.client().getKVClient().delete(ByteSequence.from(key)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyFamilyDecodesAndHoldsWhatWasWritten() {
        MetaFamiliesCommand.FamiliesResult r = MetaFamiliesCommand.run(snapshot(), true);
        assertEquals(generated.totalKeys(), r.totalKeys());
        assertTrue(r.unknown().isEmpty(), () -> "unknown prefixes: " + r.unknown());
        for (MetaFamiliesCommand.FamilyRow f : r.families()) {
            assertEquals(generated.keysPerFamily().getOrDefault(f.family(), 0L), f.keys(), f.family());
            assertTrue(f.keys() > 0, f.family() + " is empty");
            assertEquals(0, f.errors(), f.family());
            // The one warning: v1.9's parallel unit id generator, left behind in the default family.
            assertEquals(f.family().equals("default") ? 1 : 0, f.warnings(), f.family());
        }
        long gzip = r.families().stream().mapToLong(MetaFamiliesCommand.FamilyRow::compressed).sum();
        assertEquals(generated.compressedValues(), gzip);
        assertTrue(gzip >= 1);
    }

    @Test
    void theCatalogHasEveryGeneratedObjectInItsPlace() {
        CatalogCommand.CatalogResult r = CatalogCommand.run(snapshot(), null);
        assertTrue(r.problems().isEmpty(), () -> "problems: " + r.problems());
        assertTrue(r.unplaced().isEmpty());
        Map<String, Integer> kinds = new HashMap<>();
        int internalsUnderJobs = 0;
        int schemas = 0;
        for (CatalogCommand.DatabaseNode d : r.databases()) {
            for (CatalogCommand.SchemaNode s : d.schemas()) {
                schemas++;
                for (CatalogCommand.ObjectNode o : s.objects()) {
                    kinds.merge(o.kind(), 1, Integer::sum);
                    internalsUnderJobs += o.internalTables().size();
                    assertFalse(o.owner().startsWith("#"), o.name() + " has an owner that is no user");
                }
            }
        }
        Map<String, Integer> g = generated.objects();
        assertEquals(g.get("database"), r.databases().size());
        assertEquals(g.get("schema"), schemas);
        assertEquals(g.get("user"), r.users().size());
        assertEquals(g.get("table"), kinds.get("table"));
        assertEquals(g.get("materialized_view"), kinds.get("materialized view"));
        assertEquals(g.get("index"), kinds.get("index"));
        assertEquals(g.get("source"), kinds.get("source"));
        assertEquals(g.get("sink"), kinds.get("sink"));
        assertEquals(g.get("view"), kinds.get("view"));
        assertEquals(g.get("subscription"), kinds.get("subscription"));
        assertEquals(g.get("function"), kinds.get("function"));
        assertEquals(g.get("connection"), kinds.get("connection"));
        assertEquals(g.get("secret"), kinds.get("secret"));
        assertNull(kinds.get("internal table"), "every internal table hangs under its job");
        assertEquals(g.get("internal"), internalsUnderJobs);

        CatalogCommand.DatabaseNode dev = r.databases().get(0);
        assertEquals("dev", dev.name());
        assertEquals(0, dev.id());
        assertEquals("root", dev.owner());
        assertEquals(List.of("public", "pg_catalog", "information_schema", "rw_catalog", "staging"),
                dev.schemas().stream().map(CatalogCommand.SchemaNode::name).toList());

        CatalogCommand.CatalogResult only = CatalogCommand.run(snapshot(), "analytics");
        assertEquals(1, only.databases().size());
        assertEquals("alice", only.databases().get(0).owner());
        assertThrows(RwshException.class, () -> CatalogCommand.run(snapshot(), "nope"));
    }

    @Test
    void jobsCountWhatWasWritten() {
        JobsCommand.JobsResult r = JobsCommand.run(snapshot());
        assertTrue(r.problems().isEmpty(), () -> "problems: " + r.problems());
        assertEquals(generated.jobs(), r.jobs());
        assertEquals(generated.fragments(), r.fragments());
        assertEquals(generated.actors(), r.actors());
        assertEquals(1, r.rows().stream().filter(j -> j.state().equals("creating")).count());
        assertTrue(r.rows().stream().allMatch(j -> j.name() != null));
    }

    @Test
    void showsOneObjectWithItsStreamingJob() {
        int parallelism = OPTIONS.computeNodes() * OPTIONS.parallelismPerNode();
        ShowCommand.ShowResult r = ShowCommand.run(snapshot(), "dev.public.order_stats");
        assertEquals("materialized view", r.kind());
        assertEquals(2, r.job().fragments().size());
        assertEquals(2 * parallelism, r.job().actors());
        assertEquals(OPTIONS.computeNodes(), r.job().actorsPerWorker().size());
        assertEquals(2, r.internalTables().size());
        assertEquals("order_stats", r.catalog().get("name").asText());
        assertEquals("hash", r.job().fragments().get(0).distribution());

        ShowCommand.ShowResult fixed = ShowCommand.run(snapshot(), "hourly_views");
        assertEquals("fixed(4)", fixed.job().parallelism());
        assertEquals(8, fixed.job().actors());

        // A table with a connector and its source share a name: the short name is ambiguous.
        RwshException ambiguous = assertThrows(RwshException.class, () -> ShowCommand.run(snapshot(), "events"));
        assertTrue(ambiguous.getMessage().contains("ambiguous"), ambiguous.getMessage());
        assertThrows(RwshException.class, () -> ShowCommand.run(snapshot(), "no_such_thing"));
        assertEquals("database", ShowCommand.run(snapshot(), "analytics").kind());
    }

    @Test
    void getsEveryKindOfKey() {
        Keyspace ks = snapshot();
        assertEquals("dev", MetaGetCommand.run(ks, "catalog_database", "0").entry().value().get("name").asText());
        assertEquals(generated.clusterId(), MetaGetCommand.run(ks, "cluster_id", null).entry().value().asText());
        MetaEntryView worker = MetaGetCommand.run(ks, "worker", "10.42.1.17:6660").entry();
        assertEquals("WORKER_TYPE_COMPACTOR", worker.value().get("type").asText());
        MetaEntryView generator = MetaGetCommand.run(ks, "default", "table_id_next_generator").entry();
        assertTrue(generator.value().asLong() >= 2000, "a restart moved the relation ids past 1000: " + generator.value());
        assertEquals("1000", MetaGetCommand.run(ks, "system_params", "barrier_interval_ms").entry().value().asText());
        assertNotNull(MetaGetCommand.run(ks, "hummock_7", "0").entry().value().get("table_stats"));
        assertThrows(RwshException.class, () -> MetaGetCommand.run(ks, "catalog_table", "not-a-number"));
        assertThrows(RwshException.class, () -> MetaGetCommand.run(ks, "catalog_table", "4000000"));
        assertThrows(RwshException.class, () -> MetaGetCommand.run(ks, "no_family", "1"));

        MetaListCommand.MetaListResult election = MetaListCommand.run(ks, "__meta_election_", 10);
        assertEquals(1, election.entries().size());
        assertEquals(Long.toHexString(generated.electionLease()), election.entries().get(0).key());
        assertEquals(Long.toHexString(generated.electionLease()), election.entries().get(0).lease());
        assertNull(election.entries().get(0).warning());
        assertEquals(ClusterGenerator.META_ADDRESS, election.entries().get(0).value().asText());
    }

    @Test
    void theLargeJobIsStoredGzippedAndDecodes() {
        Keyspace ks = snapshot();
        MetaListCommand.MetaListResult jobs = MetaListCommand.run(ks, "table_fragments", 100);
        assertEquals(generated.jobs(), jobs.entries().size());
        assertFalse(jobs.truncated());
        List<MetaEntryView> gz = jobs.entries().stream().filter(MetaEntryView::compressed).toList();
        assertEquals(1, gz.size());
        assertTrue(gz.get(0).value().get("fragments").size() == 2);
        assertTrue(gz.get(0).bytes() < 1024 * 1024, "stored compressed");
        MetaListCommand.MetaListResult limited = MetaListCommand.run(ks, "table_fragments", 3);
        assertEquals(3, limited.entries().size());
        assertTrue(limited.truncated());
    }

    @Test
    void anUndecodableValueIsReportedWithItsKeyAndSkipped() throws Exception {
        byte[] bad = ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(99_999));
        byte[] stray = "cf/catalog_tablez/1".getBytes(StandardCharsets.US_ASCII);
        put(bad, new byte[] {(byte) 0xff, (byte) 0xff, 0x01});
        put(stray, new byte[] {1});
        try {
            Keyspace ks = snapshot();
            MetaListCommand.MetaListResult list = MetaListCommand.run(ks, "catalog_table", 1000);
            assertEquals(1, list.errors());
            MetaEntryView e = list.entries().stream().filter(x -> x.error() != null).findFirst().orElseThrow();
            assertEquals("99999", e.key());
            assertTrue(e.error().contains("catalog.Table"), e.error());
            assertEquals(generated.keysPerFamily().get("cf/catalog_table") + 1, list.entries().size(), "the others still decode");

            MetaFamiliesCommand.FamiliesResult families = MetaFamiliesCommand.run(ks, true);
            assertEquals(1, families.families().stream().filter(f -> f.family().equals("cf/catalog_table")).findFirst().orElseThrow().errors());
            assertEquals(List.of("cf/catalog_tablez/"), families.unknown().stream().map(MetaFamiliesCommand.UnknownPrefix::prefix).toList());

            CatalogCommand.CatalogResult catalog = CatalogCommand.run(ks, null);
            assertEquals(1, catalog.problems().size());
            assertEquals("99999", catalog.problems().get(0).key());
            assertNotNull(catalog.problems().get(0).error());
        } finally {
            delete(bad);
            delete(stray);
        }
    }

    @Test
    void aSnapshotDoesNotSeeKeysWrittenAfterItStarted() throws Exception {
        Keyspace before = snapshot();
        byte[] key = ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(77_777));
        put(key, Table.newBuilder().setId(77_777).setName("late").setDatabaseId(0).setSchemaId(0).setOwner(1)
                .setTableType(Table.TableType.TABLE).build().toByteArray());
        try {
            long tables = generated.keysPerFamily().get("cf/catalog_table");
            assertEquals(tables, MetaListCommand.run(before, "catalog_table", 1000).entries().size());
            assertThrows(RwshException.class, () -> MetaGetCommand.run(before, "catalog_table", "77777"));
            assertTrue(ShowCommand.run(snapshot(), "late").name().equals("dev.public.late"));
            assertThrows(RwshException.class, () -> ShowCommand.run(before, "late"));
            assertEquals(tables + 1, MetaListCommand.run(snapshot(), "catalog_table", 1000).entries().size());
        } finally {
            delete(key);
        }
    }

    @Test
    void workersParametersAndHummockState() {
        Keyspace ks = snapshot();
        WorkersCommand.WorkersResult workers = WorkersCommand.run(ks);
        assertEquals(OPTIONS.computeNodes() + 2, workers.workers().size());
        assertEquals(OPTIONS.computeNodes(), workers.workers().stream().filter(w -> w.type().equals("compute_node")).count());
        assertTrue(workers.workers().stream().filter(w -> w.type().equals("compute_node"))
                .allMatch(w -> w.parallelism() == OPTIONS.parallelismPerNode() && w.streaming()));

        SysparamsCommand.SysparamsResult sys = SysparamsCommand.run(ks, false);
        assertTrue(sys.problems().isEmpty(), () -> "problems: " + sys.problems());
        assertEquals(16, sys.parameters().size());
        assertEquals(1000, sys.params().get("barrier_interval_ms").asInt());
        assertFalse(sys.params().get("use_new_object_prefix_strategy").asBoolean());
        assertEquals(48, SysparamsCommand.run(ks, true).parameters().size());

        HummockCommand.HummockResult h = HummockCommand.run(ks);
        assertTrue(h.problems().isEmpty(), () -> "problems: " + h.problems());
        assertEquals(OPTIONS.versionDeltas(), h.deltas().count());
        assertEquals(0, h.deltas().breaks());
        assertEquals(h.deltas().lastId() - h.deltas().firstId() + 1, h.deltas().count());
        assertEquals(OPTIONS.computeNodes() + 1, h.pinnedVersions().size());
        assertEquals(3, h.compactionGroups().size());
        assertEquals(1, h.compactionTasks().size());
        assertEquals(h.deltas().lastId(), h.versionStats().versionId());
    }
}
