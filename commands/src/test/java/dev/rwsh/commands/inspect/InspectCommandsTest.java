package dev.rwsh.commands.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.meta.ProstEncoder;
import dev.rwsh.commands.testsupport.MemoryKeyspace;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.meta.TableFragments;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inspection commands on damaged metadata, in memory. */
class InspectCommandsTest {

    private static MemoryKeyspace cluster() {
        MemoryKeyspace ks = new MemoryKeyspace();
        ClusterGenerator.generate(ClusterGenerator.Options.small(5), ks);
        return ks;
    }

    @Test
    void aJobWithoutCatalogAndACatalogWithoutJobAreBothReported() throws Exception {
        MemoryKeyspace ks = cluster();
        // Move order_stats' job (id 2) to id 900: the view loses its job, and a job without catalog appears.
        byte[] key = ColumnFamily.TABLE_FRAGMENTS.etcdKey(MetaKeys.encodeId(2));
        TableFragments tf = TableFragments.parseFrom(ks.entries().remove(key));
        ks.put(ColumnFamily.TABLE_FRAGMENTS.etcdKey(MetaKeys.encodeId(900)), ProstEncoder.encode(tf.toBuilder().setTableId(900).build()));
        JobsCommand.JobsResult jobs = JobsCommand.run(ks);
        List<String> problems = jobs.problems().stream().map(Problem::text).toList();
        assertTrue(problems.stream().anyMatch(p -> p.contains("900") && p.contains("no catalog entry")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("dev.public.order_stats has no streaming job")), problems.toString());
        // Its internal tables now belong to job 900, which has no object: the catalog still lists them, and says why.
        CatalogCommand.CatalogResult catalog = CatalogCommand.run(ks, "dev");
        List<String> orphans = catalog.problems().stream().filter(p -> p.warning() != null && p.warning().contains("job 900")).map(Problem::key).toList();
        assertEquals(2, orphans.size(), catalog.problems().toString());
        List<String> listed = catalog.databases().get(0).schemas().get(0).objects().stream()
                .filter(o -> o.kind().equals("internal table")).map(o -> Long.toString(o.id())).toList();
        assertEquals(orphans.stream().sorted().toList(), listed.stream().sorted().toList());
    }

    @Test
    void aJobWhoseKeyAndValueDisagreeIsWarned() throws Exception {
        MemoryKeyspace ks = cluster();
        byte[] key = ColumnFamily.TABLE_FRAGMENTS.etcdKey(MetaKeys.encodeId(1));
        TableFragments tf = TableFragments.parseFrom(ks.entries().get(key));
        ks.put(key, ProstEncoder.encode(tf.toBuilder().setTableId(77).build()));
        List<String> problems = JobsCommand.run(ks).problems().stream().map(Problem::text).toList();
        assertTrue(problems.stream().anyMatch(p -> p.contains("the key says job 1, the value says 77")), problems.toString());
    }

    @Test
    void anInternalTableOfNoJobIsAProblemAndAnObjectInNoSchemaIsListedApart() {
        MemoryKeyspace ks = cluster();
        ks.put(ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(5000)), ProstEncoder.encode(Table.newBuilder().setId(5000)
                .setName("__internal_gone_1_hashaggstate_5000").setTableType(Table.TableType.INTERNAL).setOwner(1).build()));
        ks.put(ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(5001)), ProstEncoder.encode(Table.newBuilder().setId(5001)
                .setName("lost").setTableType(Table.TableType.TABLE).setSchemaId(4242).setOwner(99).build()));
        CatalogCommand.CatalogResult r = CatalogCommand.run(ks, null);
        assertTrue(r.problems().stream().anyMatch(p -> p.key().equals("5000") && p.warning().contains("no streaming job")), r.problems().toString());
        assertEquals(List.of("lost"), r.unplaced().stream().map(CatalogCommand.ObjectNode::name).toList());
        assertEquals("#99", r.unplaced().get(0).owner());
    }

    @Test
    void familiesCountsAndTotalsAddUp() {
        MemoryKeyspace ks = new MemoryKeyspace();
        GeneratedCluster g = ClusterGenerator.generate(ClusterGenerator.Options.small(5), ks);
        MetaFamiliesCommand.FamiliesResult r = MetaFamiliesCommand.run(ks, false);
        assertEquals(g.totalKeys(), r.totalKeys());
        assertEquals(g.totalBytes(), r.totalBytes());
        assertEquals(r.totalKeys(), r.families().stream().mapToLong(MetaFamiliesCommand.FamilyRow::keys).sum());
    }

    @Test
    void idsOnBothSidesOfTwoToTheThirtyOneAreShownUnsignedAndResolve() {
        MemoryKeyspace ks = cluster();
        int db = (int) 2_147_483_648L;           // 2^31
        int schema = Integer.MAX_VALUE;          // 2^31 - 1
        int table = (int) 4_294_967_295L;        // 2^32 - 1
        int owner = (int) 2_147_483_649L;        // 2^31 + 1
        ks.put(ColumnFamily.USER_INFO.etcdKey(MetaKeys.encodeId(2_147_483_649L)),
                ProstEncoder.encode(dev.rwsh.proto.user.UserInfo.newBuilder().setId(owner).setName("big_owner").setCanLogin(true).build()));
        ks.put(ColumnFamily.CATALOG_DATABASE.etcdKey(MetaKeys.encodeId(2_147_483_648L)),
                ProstEncoder.encode(dev.rwsh.proto.catalog.Database.newBuilder().setId(db).setName("big_db").setOwner(owner).build()));
        ks.put(ColumnFamily.CATALOG_SCHEMA.etcdKey(MetaKeys.encodeId(Integer.MAX_VALUE)),
                ProstEncoder.encode(dev.rwsh.proto.catalog.Schema.newBuilder().setId(schema).setDatabaseId(db).setName("big_schema").setOwner(owner).build()));
        ks.put(ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(4_294_967_295L)), ProstEncoder.encode(Table.newBuilder().setId(table)
                .setName("big_view").setDatabaseId(db).setSchemaId(schema).setTableType(Table.TableType.MATERIALIZED_VIEW).setOwner(owner).build()));
        CatalogCommand.CatalogResult catalog = CatalogCommand.run(ks, "big_db");
        assertEquals(1, catalog.databases().size(), catalog.toString());
        CatalogCommand.DatabaseNode d = catalog.databases().get(0);
        assertEquals(2_147_483_648L, d.id());
        assertEquals("big_owner", d.owner());
        assertEquals(Integer.MAX_VALUE, d.schemas().get(0).id());
        CatalogCommand.ObjectNode view = d.schemas().get(0).objects().get(0);
        assertEquals(4_294_967_295L, view.id(), "placed in its schema, not listed apart: " + catalog.unplaced());
        assertEquals("big_owner", view.owner());
        List<CatalogCommand.UserRow> users = CatalogCommand.run(ks, null).users();
        assertTrue(users.stream().anyMatch(u -> u.id() == 2_147_483_649L && u.name().equals("big_owner")), users.toString());
        ShowCommand.ShowResult shown = ShowCommand.run(ks, "big_db");
        assertEquals(2_147_483_648L, shown.id());
        assertEquals("big_owner", shown.owner());
    }

    @Test
    void showPrintsWorkerFragmentAndDispatcherIdsUnsignedInJsonAsInTables() throws Exception {
        MemoryKeyspace ks = cluster();
        byte[] key = ColumnFamily.TABLE_FRAGMENTS.etcdKey(MetaKeys.encodeId(2));
        TableFragments tf = TableFragments.parseFrom(ks.entries().get(key));
        TableFragments.Builder b = tf.toBuilder();
        int bigWorker = (int) 2_147_483_649L;     // 2^31 + 1
        int bigUpstream = (int) 4_294_967_295L;   // 2^32 - 1
        long bigDispatcher = Long.parseUnsignedLong("18446744073709551615"); // 2^64 - 1
        tf.getActorStatusMap().forEach((actor, status) -> b.putActorStatus(actor,
                status.toBuilder().setLocation(status.getLocation().toBuilder().setWorkerNodeId(bigWorker)).build()));
        tf.getFragmentsMap().forEach((id, fragment) -> {
            TableFragments.Fragment.Builder f = fragment.toBuilder().addUpstreamFragmentIds(bigUpstream);
            for (int i = 0; i < f.getActorsCount(); i++) {
                f.setActors(i, f.getActors(i).toBuilder().addDispatcher(dev.rwsh.proto.stream_plan.Dispatcher.newBuilder()
                        .setType(dev.rwsh.proto.stream_plan.DispatcherType.DISPATCHER_TYPE_HASH).setDispatcherId(bigDispatcher)));
            }
            b.putFragments(id, f.build());
        });
        ks.put(key, ProstEncoder.encode(b.build()));
        ShowCommand.ShowResult shown = ShowCommand.run(ks, "order_stats");
        assertEquals(java.util.Set.of(2_147_483_649L), shown.job().actorsPerWorker().keySet());
        ShowCommand.FragmentRow fragment = shown.job().fragments().get(0);
        assertEquals(List.of(2_147_483_649L), fragment.workers());
        assertTrue(fragment.upstreamFragments().contains(4_294_967_295L), fragment.toString());
        assertTrue(fragment.dispatchers().contains("hash -> 18446744073709551615"), fragment.dispatchers().toString());
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(shown.job());
        assertTrue(json.contains("2147483649") && json.contains("4294967295"), json);
        assertFalse(json.contains("-2147483647") || json.contains("-1,") || json.contains("-1]") || json.contains("-> -1"), json);
        String table = shown.tables().toString();
        assertTrue(table.contains("2147483649") && table.contains("4294967295"), table);
    }
}
