package dev.rwsh.commands.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rwsh.commands.migrate.write.Batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.Epochs;
import dev.rwsh.commands.meta.MetaEntry;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.meta.ProstEncoder;
import dev.rwsh.commands.schema.SchemaResources;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdKeyValueSink;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import dev.rwsh.proto.catalog.Connection;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.Index;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.catalog.Secret;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.Subscription;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.catalog.View;
import dev.rwsh.proto.common.WorkerNode;
import dev.rwsh.proto.hummock.HummockVersionDelta;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.secret.SecretRef;
import dev.rwsh.proto.stream_plan.Dispatcher;
import dev.rwsh.proto.stream_plan.DispatcherType;
import dev.rwsh.proto.stream_plan.MergeNode;
import dev.rwsh.proto.stream_plan.StreamActor;
import dev.rwsh.proto.stream_plan.StreamNode;
import dev.rwsh.proto.stream_plan.StreamScanNode;
import dev.rwsh.proto.user.GrantPrivilege;
import dev.rwsh.proto.user.UserInfo;
import io.etcd.jetcd.ByteSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * migrate against real services: the generated v2.0.7 cluster in a private etcd, migrated into a
 * scratch database of each backend. Every table's rows are checked against expectations computed
 * here from the source metadata and docs/migration-semantics.md (not from the migrator's output).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MigrateContract {
    static final ObjectMapper JSON = new ObjectMapper();
    EtcdServer server;
    EtcdKeyValueSink writer;
    EtcdConnection etcd;
    ScratchDatabase db;
    SqlConnection sql;
    Path stateFile;

    protected abstract ScratchDatabase createTarget();

    @BeforeAll
    void start() throws Exception {
        server = EtcdServer.start();
        server.generateStopped(ClusterGenerator.Options.small(7));
        writer = new EtcdKeyValueSink(server.endpoint());
        etcd = server.connect();
        db = createTarget();
        sql = SqlConnector.connect(SqlEndpoint.parse(db.url()));
        stateFile = Files.createTempDirectory("rwsh-migrate-state").resolve("migrate-state.json");
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {sql, etcd, writer, server, db}) {
            if (c != null) {
                c.close();
            }
        }
    }

    MigrateCommand.MigrateResult migrate(boolean force, boolean dryRun) {
        return MigrateCommand.run(EtcdSnapshot.open(etcd), "etcd " + server.endpoint(), sql, new MigrateCommand.Options(force, dryRun, stateFile),
                MigrationListener.NONE);
    }

    MetaReader source() {
        return new MetaReader(EtcdSnapshot.open(etcd));
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void dryRunValidatesPrintsThePlanAndWritesNothing() throws Exception {
        Map<String, List<String>> before = dump();
        MigrateCommand.MigrateResult r = migrate(false, true);
        assertEquals(List.of(), r.errors());
        assertEquals(before, dump(), "a dry run wrote to the target");
        assertTrue(r.run().rows().get("actor") > 0);
        assertTrue(r.ddl().stream().anyMatch(s -> s.contains("UPDATE cluster SET cluster_id")), r.ddl().toString());
        assertFalse(r.rewrites().isEmpty());
        assertTrue(r.run().warnings().stream().anyMatch(w -> w.contains("daily_revenue") && w.contains("CREATING")), r.run().warnings().toString());
    }

    @Test
    @Order(2)
    void migratesTheClusterTableByTable() throws Exception {
        MigrateCommand.MigrateResult r = migrate(false, false);
        assertEquals("finished", r.run().state());
        verify();
        MigrateCommand.StatusResult st = MigrateCommand.status(stateFile, sql);
        assertEquals("finished", st.interpretation());
        assertEquals("no partial-migration mark", st.targetMark());
    }

    @Test
    @Order(3)
    void aTargetWithMetadataIsRefusedAndForceRedoesItIdentically() throws Exception {
        Map<String, List<String>> before = dump();
        RwshException e = assertThrows(RwshException.class, () -> migrate(false, false));
        assertTrue(e.getMessage().contains("already holds RisingWave metadata") && e.getMessage().contains("migrate -f"), e.getMessage());
        assertEquals(before, dump());
        assertEquals("refused", MigrateCommand.status(stateFile, null).last().state());
        migrate(true, false);
        assertEquals(before, dump(), "migrate -f did not give the identical result");
    }

    /**
     * Ctrl-C (the thread interrupted) while streaming jobs are written: migrate stops, says what it
     * left, records "interrupted", does not leak the interrupt, and migrate -f redoes it identically.
     */
    @Test
    @Order(4)
    void anInterruptedMigrateSaysWhatItLeftAndForceRedoesIt() throws Exception {
        Map<String, List<String>> before = dump();
        MigrationListener interruptAtStreamingJobs = new MigrationListener() {
            @Override
            public void stepStarted(String step, long expectedRows) {
                if (step.equals("streaming jobs")) {
                    Thread.currentThread().interrupt(); // what the shell's Ctrl-C handler does to the command thread
                }
            }
        };
        CommandInterruptedException e = assertThrows(CommandInterruptedException.class, () -> MigrateCommand.run(EtcdSnapshot.open(etcd),
                "etcd " + server.endpoint(), sql, new MigrateCommand.Options(true, false, stateFile), interruptAtStreamingJobs));
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt leaked out of migrate");
        MigrateCommand.StatusResult st = MigrateCommand.status(stateFile, sql);
        assertEquals("interrupted", st.last().state());
        assertEquals("streaming jobs", st.last().step());
        if (sql.backend() == SqlBackend.MYSQL) {
            assertEquals("migrate interrupted: target marked partial; run migrate -f", e.getMessage());
            assertTrue(st.targetMark().startsWith("PARTIAL"), st.targetMark());
        } else {
            assertEquals("migrate interrupted: target rolled back, nothing written", e.getMessage());
            assertEquals(before, dump(), "the interrupted migrate changed the target");
        }
        migrate(true, false);
        assertEquals(before, dump(), "migrate -f after the interruption did not give the identical result");
    }

    @Test
    @Order(4)
    void aDanglingReferenceStopsBeforeAnyWrite() throws Exception {
        Map<String, List<String>> before = dump();
        Table any = (Table) source().getById(ColumnFamily.CATALOG_TABLE, firstTableId()).orElseThrow().message();
        Table bad = any.toBuilder().setId(90_001).setName("dangling").setSchemaId(77_777).build();
        byte[] key = ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(90_001));
        put(key, ProstEncoder.encode(bad));
        try {
            MigrateCommand.MigrateResult r = migrate(true, false);
            assertTrue(r.errors().stream().anyMatch(x -> x.contains("dangling") && x.contains("schema 77777 does not exist")), r.errors().toString());
            assertEquals(before, dump(), "a refused migration wrote to the target");
            assertEquals("failed", MigrateCommand.status(stateFile, null).last().state());
        } finally {
            delete(key);
        }
    }

    @Test
    @Order(5)
    void anOrphanSinkIsDroppedWholeWithAWarning() throws Exception {
        MetaReader src = source();
        List<Sink> sinks = new ArrayList<>();
        src.scan(ColumnFamily.CATALOG_SINK, e -> sinks.add((Sink) e.message()));
        Sink orphan = sinks.get(0).toBuilder().setId(90_002).setName("orphan_sink").build();
        byte[] key = ColumnFamily.CATALOG_SINK.etcdKey(MetaKeys.encodeId(90_002));
        put(key, ProstEncoder.encode(orphan));
        try {
            MigrateCommand.MigrateResult r = migrate(true, false);
            assertTrue(r.run().warnings().stream().anyMatch(w -> w.contains("dropped sink orphan_sink")), r.run().warnings().toString());
            assertEquals(0, count("SELECT COUNT(*) FROM " + q("object") + " WHERE " + q("oid") + " = 90002"));
            assertEquals(0, count("SELECT COUNT(*) FROM " + q("sink") + " WHERE " + q("sink_id") + " = 90002"));
            assertEquals(0, count("SELECT COUNT(*) FROM " + q("object_dependency") + " WHERE " + q("used_by") + " = 90002 OR " + q("oid") + " = 90002"));
            // The next object the meta node creates gets an id above the dropped sink's (v2.0.7 keeps its object row, so its
            // sequence ends past it): its state may still be in hummock under that id.
            long maxMigrated = count("SELECT MAX(" + q("oid") + ") FROM " + q("object"));
            assertTrue(maxMigrated < 90_002, "the orphan is the highest id: " + maxMigrated);
            assertEquals(90_003, insertObjectAndReadItsId());
        } finally {
            delete(key);
        }
        migrate(true, false);
        verify();
    }

    @Test
    @Order(6)
    void aDispatcherToAMissingFragmentStopsBeforeAnyWrite() throws Exception {
        Map<String, List<String>> before = dump();
        MetaEntry job = firstPlainJob();
        TableFragments tf = (TableFragments) job.message();
        int fragmentId = new TreeMap<>(tf.getFragmentsMap()).firstKey();
        TableFragments.Fragment f = tf.getFragmentsMap().get(fragmentId);
        StreamActor actor = f.getActors(0).toBuilder().addDispatcher(Dispatcher.newBuilder().setType(DispatcherType.DISPATCHER_TYPE_SIMPLE)
                .setDispatcherId(99_999).addDownstreamActorId(99_999)).build();
        TableFragments bad = tf.toBuilder().putFragments(fragmentId, f.toBuilder().setActors(0, actor).build()).build();
        byte[] original = writer.client().getKVClient().get(ByteSequence.from(job.etcdKey())).get(10, TimeUnit.SECONDS).getKvs().get(0)
                .getValue().getBytes();
        put(job.etcdKey(), ProstEncoder.encode(bad));
        try {
            MigrateCommand.MigrateResult r = migrate(true, false);
            assertTrue(r.errors().stream().anyMatch(x -> x.contains("actor " + actor.getActorId()) && x.contains("dispatches to fragment 99999")),
                    r.errors().toString());
            assertEquals(before, dump(), "a refused migration wrote to the target");
        } finally {
            put(job.etcdKey(), original);
        }
    }

    /**
     * Regression: with one pass over the jobs, a batch of actor_dispatcher rows was sent while the
     * fragment it dispatches to (a job later in etcd order) was not written yet, and the foreign key
     * actor_dispatcher.dispatcher_id -> fragment failed on SQLite and MariaDB (reported at about
     * 1,500 jobs; from 40 extra jobs on, where the dispatchers pass one batch). Runs last: it
     * replaces the target's content.
     */
    @Test
    @Order(7)
    void dispatchersToJobsLaterInEtcdOrderSurviveABatchBoundary() throws Exception {
        try (EtcdServer big = EtcdServer.start(); EtcdConnection bigEtcd = big.connect()) {
            big.generateStopped(ClusterGenerator.Options.small(1).withScale(40));
            // The condition itself: some dispatcher of an earlier job targets a fragment of a later job (etcd order) and a
            // full batch of dispatcher rows lies between them.
            Map<Integer, Integer> jobOfFragment = new HashMap<>();
            List<long[]> dispatchers = new ArrayList<>(); // {index (1-based), job position, downstream fragment}
            List<Long> dispatchersBeforeJob = new ArrayList<>();
            new MetaReader(EtcdSnapshot.open(bigEtcd)).scan(ColumnFamily.TABLE_FRAGMENTS, e -> {
                TableFragments tf = (TableFragments) e.message();
                int pos = dispatchersBeforeJob.size();
                dispatchersBeforeJob.add((long) dispatchers.size());
                for (TableFragments.Fragment f : new TreeMap<>(tf.getFragmentsMap()).values()) {
                    jobOfFragment.put(f.getFragmentId(), pos);
                    for (StreamActor a : f.getActorsList()) {
                        for (Dispatcher d : a.getDispatcherList()) {
                            dispatchers.add(new long[] {dispatchers.size() + 1, pos, d.getDispatcherId()});
                        }
                    }
                }
                return true;
            });
            assertTrue(dispatchers.stream().anyMatch(d -> {
                int later = jobOfFragment.get((int) d[2]);
                return later > d[1] && dispatchersBeforeJob.get(later) / Batch.SIZE * Batch.SIZE >= d[0];
            }), "the generated cluster no longer has a dispatcher to a later job across a batch boundary");

            MigrateCommand.MigrateResult r = MigrateCommand.run(EtcdSnapshot.open(bigEtcd), "etcd " + big.endpoint(), sql,
                    new MigrateCommand.Options(true, false, stateFile), MigrationListener.NONE);
            assertEquals(List.of(), r.errors());
            assertEquals("finished", r.run().state());
            assertEquals(dispatchers.size(), count("SELECT COUNT(*) FROM " + q("actor_dispatcher")));
            assertEquals(0, count("SELECT COUNT(*) FROM " + q("actor_dispatcher") + " d LEFT JOIN " + q("fragment") + " f ON d."
                    + q("dispatcher_id") + " = f." + q("fragment_id") + " WHERE f." + q("fragment_id") + " IS NULL"));
        }
    }

    @Test
    @Order(8)
    void aGrantOnAMissingObjectIsSkippedWithAWarningNamingTheObjectAndItsId() throws Exception {
        MetaEntry userEntry = firstUser();
        UserInfo user = (UserInfo) userEntry.message();
        GrantPrivilege.ActionWithGrantOption select = GrantPrivilege.ActionWithGrantOption.newBuilder()
                .setAction(GrantPrivilege.Action.SELECT).setGrantedBy(user.getId()).build();
        UserInfo withGhosts = user.toBuilder()
                .addGrantPrivileges(GrantPrivilege.newBuilder().setDatabaseId(77_701).addActionWithOpts(select))
                .addGrantPrivileges(GrantPrivilege.newBuilder().setTableId(77_702).addActionWithOpts(select))
                .addGrantPrivileges(GrantPrivilege.newBuilder().setSubscriptionId(77_703).addActionWithOpts(select)).build();
        byte[] original = writer.client().getKVClient().get(ByteSequence.from(userEntry.etcdKey())).get(10, TimeUnit.SECONDS).getKvs().get(0)
                .getValue().getBytes();
        put(userEntry.etcdKey(), ProstEncoder.encode(withGhosts));
        try {
            MigrateCommand.MigrateResult r = migrate(true, false);
            assertEquals(List.of(), r.errors());
            String grantee = "grant to user " + user.getName() + " (id " + user.getId() + "): privilege on ";
            for (String[] ghost : new String[][] {{"database", "77701"}, {"table", "77702"}, {"subscription", "77703"}}) {
                assertTrue(r.run().warnings().stream().anyMatch(w -> w.startsWith(grantee + ghost[0] + " id " + ghost[1] + " skipped")
                        && w.contains("grant object id " + ghost[1] + " not found")), ghost[0] + " in " + r.run().warnings());
                assertEquals(0, count("SELECT COUNT(*) FROM " + q("user_privilege") + " WHERE " + q("oid") + " = " + ghost[1]));
            }
        } finally {
            put(userEntry.etcdKey(), original);
        }
    }

    @Test
    @Order(9)
    void unsignedSystemParametersAboveTheSignedMaximumAreWrittenAsTheirFullUnsignedDecimal() throws Exception {
        String[] names = {"barrier_interval_ms", "sstable_size_mb", "block_size_kb", "checkpoint_frequency", "time_travel_retention_ms"};
        Map<String, byte[]> original = new LinkedHashMap<>();
        for (String name : names) {
            original.put(name, writer.client().getKVClient().get(ByteSequence.from(ColumnFamily.SYSTEM_PARAMS.etcdKey(name)))
                    .get(10, TimeUnit.SECONDS).getKvs().get(0).getValue().getBytes());
        }
        // u32 on both sides of 2^31 and its maximum; u64 on both sides of 2^63 and its maximum
        String[][] cases = {
            {"2147483647", "2147483648", "4294967295", "9223372036854775807", "9223372036854775808"},
            {"2147483648", "2147483647", "1", "9223372036854775808", "18446744073709551615"}};
        try {
            for (String[] values : cases) {
                for (int i = 0; i < names.length; i++) {
                    put(ColumnFamily.SYSTEM_PARAMS.etcdKey(names[i]), values[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                MigrateCommand.MigrateResult r = migrate(true, false);
                assertEquals(List.of(), r.errors());
                Map<String, Object> written = new TreeMap<>();
                for (Map<String, Object> row : rows("system_parameter", "name")) {
                    written.put(row.get("name").toString(), row.get("value"));
                }
                for (int i = 0; i < names.length; i++) {
                    assertEquals(values[i], written.get(names[i]), names[i]);
                }
            }
            // one above u32's range: v2.0.7 cannot parse it (and panics); nothing is written
            put(ColumnFamily.SYSTEM_PARAMS.etcdKey("barrier_interval_ms"), "4294967296".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            MigrateCommand.MigrateResult tooBig = migrate(true, true);
            assertTrue(tooBig.errors().stream().anyMatch(e -> e.startsWith("cf/system_params/barrier_interval_ms: '4294967296' is not a uint32")),
                    tooBig.errors().toString());
        } finally {
            for (Map.Entry<String, byte[]> e : original.entrySet()) {
                put(ColumnFamily.SYSTEM_PARAMS.etcdKey(e.getKey()), e.getValue());
            }
        }
        migrate(true, false);
    }

    /** Names in many scripts, all in the Basic Multilingual Plane (3 bytes or fewer in UTF-8). */
    static final String[] BMP_NAMES = {"café_naïve_ß", "αβγ_δέλτα", "таблица_ёж", "جدول_عربي", "טבלה_עברית", "तालिका_हिंदी", "ตาราง_ไทย",
        "表格_中文_漢字", "テーブル_カタカナ", "테이블_한국어", "e\u0301_combining", "ℝ_∑_≠"};
    /** Characters outside the BMP (4 bytes in UTF-8): emoji, a CJK extension B ideograph, a mathematical letter. */
    static final String[] SUPPLEMENTARY_NAMES = {"orders_😀", "𠀋_rare_kanji", "𝐀_math_bold"};

    @Test
    @Order(10)
    void textInEveryScriptIsKeptExactlyAndMysqlRefusesCharactersOutsideTheBmpBeforeWriting() throws Exception {
        List<Long> tableIds = new ArrayList<>();
        source().scan(ColumnFamily.CATALOG_TABLE, e -> {
            tableIds.add(e.id()); // tables, materialized views, index and internal tables: each has its name in table.name
            return tableIds.size() < BMP_NAMES.length + SUPPLEMENTARY_NAMES.length;
        });
        assertTrue(tableIds.size() >= SUPPLEMENTARY_NAMES.length + 2, "tables to rename: " + tableIds);
        Map<byte[], byte[]> originals = new LinkedHashMap<>();
        byte[] directoryKey = ColumnFamily.SYSTEM_PARAMS.etcdKey("backup_storage_directory");
        originals.put(directoryKey, writer.client().getKVClient().get(ByteSequence.from(directoryKey)).get(10, TimeUnit.SECONDS).getKvs().get(0)
                .getValue().getBytes());
        for (long id : tableIds) {
            byte[] key = ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(id));
            originals.put(key, writer.client().getKVClient().get(ByteSequence.from(key)).get(10, TimeUnit.SECONDS).getKvs().get(0).getValue().getBytes());
        }
        try {
            // 1. BMP names migrate on every backend, MySQL included, and read back exactly
            Map<Long, String> names = new LinkedHashMap<>();
            for (int i = 0; i < tableIds.size() - SUPPLEMENTARY_NAMES.length && i < BMP_NAMES.length; i++) {
                names.put(tableIds.get(i), BMP_NAMES[i]);
            }
            rename(names);
            MigrateCommand.MigrateResult bmp = migrate(true, false);
            assertEquals(List.of(), bmp.errors());
            assertNamesReadBack(names);

            // 2. characters outside the BMP: kept exactly on PostgreSQL and SQLite, refused on MySQL before anything is written
            Map<Long, String> supplementary = new LinkedHashMap<>(names);
            int first = tableIds.size() - SUPPLEMENTARY_NAMES.length;
            for (int i = 0; i < SUPPLEMENTARY_NAMES.length; i++) {
                supplementary.put(tableIds.get(first + i), SUPPLEMENTARY_NAMES[i]);
            }
            rename(supplementary);
            put(directoryKey, "backups_📦".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Map<String, List<String>> before = dump();
            MigrateCommand.MigrateResult r = migrate(true, false);
            if (sql.backend() == SqlBackend.MYSQL) {
                assertEquals(before, dump(), "a refused migration wrote to the target");
                assertEquals(SUPPLEMENTARY_NAMES.length + 1, r.errors().size(), r.errors().toString());
                for (int i = 0; i < SUPPLEMENTARY_NAMES.length; i++) {
                    String object = "table " + SUPPLEMENTARY_NAMES[i] + " (id " + tableIds.get(first + i) + "): name holds U+";
                    assertTrue(r.errors().stream().anyMatch(e -> e.startsWith(object) && e.contains("utf8_bin")
                            && e.contains("rename it in RisingWave before migrating, or migrate to PostgreSQL or SQLite")), object + " in " + r.errors());
                }
                assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("system parameter backup_storage_directory: value holds U+1F4E6")),
                        r.errors().toString());
                assertEquals("failed", MigrateCommand.status(stateFile, null).last().state());
                MigrateCommand.MigrateResult dry = migrate(true, true);
                assertEquals(r.errors(), dry.errors(), "a dry run refuses the same");
            } else {
                assertEquals(List.of(), r.errors());
                assertNamesReadBack(supplementary);
                String stored = rows("system_parameter", "name").stream().filter(row -> row.get("name").equals("backup_storage_directory"))
                        .findFirst().orElseThrow().get("value").toString();
                assertArrayEquals("backups_📦".getBytes(java.nio.charset.StandardCharsets.UTF_8), stored.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } finally {
            for (Map.Entry<byte[], byte[]> e : originals.entrySet()) {
                put(e.getKey(), e.getValue());
            }
        }
        migrate(true, false);
    }

    private void rename(Map<Long, String> names) throws Exception {
        for (Map.Entry<Long, String> n : names.entrySet()) {
            Table t = (Table) source().getById(ColumnFamily.CATALOG_TABLE, n.getKey()).orElseThrow().message();
            put(ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(n.getKey())), ProstEncoder.encode(t.toBuilder().setName(n.getValue()).build()));
        }
    }

    private void assertNamesReadBack(Map<Long, String> names) throws Exception {
        Map<Integer, Map<String, Object>> written = byId(rows("table", "table_id"), "table_id");
        for (Map.Entry<Long, String> n : names.entrySet()) {
            Object name = written.get(n.getKey().intValue()).get("name");
            assertArrayEquals(n.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "table " + n.getKey());
        }
    }

    private MetaEntry firstUser() {
        MetaEntry[] out = {null};
        source().scan(ColumnFamily.USER_INFO, e -> {
            out[0] = e;
            return false;
        });
        return out[0];
    }

    /** The first job in etcd order that is stored uncompressed. */
    private MetaEntry firstPlainJob() {
        MetaEntry[] out = {null};
        source().scan(ColumnFamily.TABLE_FRAGMENTS, e -> {
            if (e.ok() && !e.compressed()) {
                out[0] = e;
                return false;
            }
            return true;
        });
        return out[0];
    }

    private long firstTableId() {
        long[] id = {-1};
        source().scan(ColumnFamily.CATALOG_TABLE, e -> {
            id[0] = e.id();
            return false;
        });
        return id[0];
    }

    /** Inserts an object row as the meta node does (id from the sequence) and returns the id it got. */
    long insertObjectAndReadItsId() throws Exception {
        try (java.sql.Connection c = sql.open(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + q("object") + " (" + q("obj_type") + ", " + q("owner_id") + ") SELECT 'TABLE', MIN("
                    + q("user_id") + ") FROM " + q("user"));
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        return count("SELECT MAX(" + q("oid") + ") FROM " + q("object"));
    }

    void put(byte[] key, byte[] value) throws Exception {
        writer.client().getKVClient().put(ByteSequence.from(key), ByteSequence.from(value)).get(10, TimeUnit.SECONDS);
    }

    void delete(byte[] key) throws Exception {
        writer.client().getKVClient().delete(ByteSequence.from(key)).get(10, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------------------------------------
    // Reading the target

    String q(String id) {
        return sql.backend() == SqlBackend.MYSQL ? "`" + id + "`" : "\"" + id + "\"";
    }

    long count(String query) throws Exception {
        try (java.sql.Connection c = sql.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<Map<String, Object>> rows(String table, String orderBy) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (java.sql.Connection c = sql.open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + q(table) + (orderBy == null ? "" : " ORDER BY " + q(orderBy)))) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof byte[] b && sql.backend() != SqlBackend.SQLITE && md.getColumnTypeName(i).toLowerCase().contains("json")) {
                        v = new String(b);
                    }
                    if (v != null && v.getClass().getName().endsWith("PGobject")) {
                        v = v.toString();
                    }
                    row.put(md.getColumnLabel(i).toLowerCase(), v);
                }
                out.add(row);
            }
        }
        return out;
    }

    Map<String, List<String>> dump() throws Exception {
        return dev.rwsh.commands.testsupport.TargetDump.dump(sql);
    }

    static Map<Integer, Map<String, Object>> byId(List<Map<String, Object>> rows, String column) {
        Map<Integer, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> r : rows) {
            out.put(((Number) r.get(column)).intValue(), r);
        }
        return out;
    }

    static int i(Object o) {
        return o == null ? Integer.MIN_VALUE : ((Number) o).intValue();
    }

    static long l(Object o) {
        return ((Number) o).longValue();
    }

    static boolean bool(Object o) {
        return o instanceof Boolean b ? b : ((Number) o).intValue() != 0;
    }

    static JsonNode json(Object o) throws Exception {
        return JSON.readTree(o.toString());
    }

    static byte[] bytes(Object o) {
        return o == null ? null : (byte[]) o;
    }

    static Integer intOrNull(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    // ---------------------------------------------------------------------------------------------
    // The expectations, from the source

    <T extends Message> List<T> list(MetaReader r, ColumnFamily f) {
        List<MetaEntry> entries = new ArrayList<>();
        r.scan(f, entries::add);
        // etcd order = unsigned order of the varint key bytes (§1.3), sorted here explicitly
        entries.sort((a, b) -> a.id() == null ? Arrays.compareUnsigned(a.etcdKey(), b.etcdKey())
                : Arrays.compareUnsigned(MetaKeys.encodeId(a.id()), MetaKeys.encodeId(b.id())));
        List<T> out = new ArrayList<>();
        for (MetaEntry e : entries) {
            @SuppressWarnings("unchecked")
            T m = (T) e.message();
            out.add(m);
        }
        return out;
    }

    void verify() throws Exception {
        MetaReader r = source();
        List<Database> dbs = list(r, ColumnFamily.CATALOG_DATABASE);
        List<Schema> schemas = list(r, ColumnFamily.CATALOG_SCHEMA);
        List<Function> functions = list(r, ColumnFamily.CATALOG_FUNCTION);
        List<Connection> conns = list(r, ColumnFamily.CATALOG_CONNECTION);
        List<Secret> secrets = list(r, ColumnFamily.CATALOG_SECRET);
        List<Table> tables = list(r, ColumnFamily.CATALOG_TABLE);
        List<Source> sources = list(r, ColumnFamily.CATALOG_SOURCE);
        List<Sink> sinks = list(r, ColumnFamily.CATALOG_SINK);
        List<Index> indexes = list(r, ColumnFamily.CATALOG_INDEX);
        List<View> views = list(r, ColumnFamily.CATALOG_VIEW);
        List<Subscription> subs = list(r, ColumnFamily.CATALOG_SUBSCRIPTION);
        List<UserInfo> users = list(r, ColumnFamily.USER_INFO);
        List<TableFragments> jobs = list(r, ColumnFamily.TABLE_FRAGMENTS);

        // §3.2: smallest positive id free in U (all relation ids), databases, schemas, functions, connections, secrets
        Set<Integer> used = new HashSet<>();
        tables.forEach(t -> used.add(t.getId()));
        sources.forEach(t -> used.add(t.getId()));
        sinks.forEach(t -> used.add(t.getId()));
        indexes.forEach(t -> used.add(t.getId()));
        views.forEach(t -> used.add(t.getId()));
        subs.forEach(t -> used.add(t.getId()));
        Set<Integer> relationIds = new HashSet<>(used);
        Map<Integer, Integer> dbMap = new HashMap<>();
        Map<Integer, Integer> schemaMap = new HashMap<>();
        Map<Integer, Integer> fnMap = new HashMap<>();
        Map<Integer, Integer> connMap = new HashMap<>();
        Map<Integer, Integer> secretMap = new HashMap<>();
        dbs.forEach(x -> dbMap.put(x.getId(), next(used)));
        schemas.forEach(x -> schemaMap.put(x.getId(), next(used)));
        functions.forEach(x -> fnMap.put(x.getId(), next(used)));
        conns.forEach(x -> connMap.put(x.getId(), next(used)));
        secrets.forEach(x -> secretMap.put(x.getId(), next(used)));
        // the generator's story: dev has id 0 and is the first database; relation ids start at 1
        assertEquals(0, dbs.get(0).getId());
        assertFalse(dbMap.containsValue(0));

        Map<Integer, Map<String, Object>> objects = byId(rows("object", null), "oid");
        // databases, schemas, functions, connections, secrets: object row with the new id and the rewritten parents
        Map<Integer, Map<String, Object>> dbRows = byId(rows("database", null), "database_id");
        assertEquals(dbs.size(), dbRows.size());
        for (Database x : dbs) {
            int id = dbMap.get(x.getId());
            assertEquals(x.getName(), dbRows.get(id).get("name"));
            assertObject(objects.get(id), "DATABASE", x.getOwner(), null, null);
        }
        Map<Integer, Map<String, Object>> schemaRows = byId(rows("schema", null), "schema_id");
        assertEquals(schemas.size(), schemaRows.size());
        for (Schema x : schemas) {
            int id = schemaMap.get(x.getId());
            assertEquals(x.getName(), schemaRows.get(id).get("name"));
            assertObject(objects.get(id), "SCHEMA", x.getOwner(), null, dbMap.get(x.getDatabaseId()));
        }
        Map<Integer, Map<String, Object>> fnRows = byId(rows("function", null), "function_id");
        assertEquals(functions.size(), fnRows.size());
        for (Function x : functions) {
            int id = fnMap.get(x.getId());
            Map<String, Object> row = fnRows.get(id);
            assertEquals(x.getName(), row.get("name"));
            assertEquals(x.getLanguage(), row.get("language"));
            assertEquals(String.join(",", x.getArgNamesList()), row.get("arg_names"));
            assertEquals(x.getReturnType(), dev.rwsh.proto.data.DataType.parseFrom(bytes(row.get("return_type"))));
            assertEquals(x.getKindCase().name().charAt(0) + x.getKindCase().name().substring(1).toLowerCase(), row.get("kind"));
            assertObject(objects.get(id), "FUNCTION", x.getOwner(), schemaMap.get(x.getSchemaId()), dbMap.get(x.getDatabaseId()));
        }
        Map<Integer, Map<String, Object>> connRows = byId(rows("connection", null), "connection_id");
        for (Connection x : conns) {
            int id = connMap.get(x.getId());
            assertEquals(x.getName(), connRows.get(id).get("name"));
            assertEquals(x.getPrivateLinkService(), Connection.PrivateLinkService.parseFrom(bytes(connRows.get(id).get("info"))));
            assertObject(objects.get(id), "CONNECTION", x.getOwner(), schemaMap.get(x.getSchemaId()), dbMap.get(x.getDatabaseId()));
        }
        Map<Integer, Map<String, Object>> secretRows = byId(rows("secret", null), "secret_id");
        for (Secret x : secrets) {
            int id = secretMap.get(x.getId());
            assertEquals(x.getName(), secretRows.get(id).get("name"));
            assertArrayEquals(x.getValue().toByteArray(), bytes(secretRows.get(id).get("value")));
            assertObject(objects.get(id), "SECRET", x.getOwner(), schemaMap.get(x.getSchemaId()), dbMap.get(x.getDatabaseId()));
        }

        // relations keep their ids; index tables have no object row of their own
        Set<Integer> jobIds = new HashSet<>();
        jobs.forEach(j -> jobIds.add(j.getTableId()));
        int relationObjects = 0;
        for (Table t : tables) {
            if (t.getTableType() == Table.TableType.INDEX) {
                continue;
            }
            relationObjects++;
            Map<String, Object> o = objects.get(t.getId());
            assertObject(o, "TABLE", t.getOwner(), schemaMap.get(t.getSchemaId()), dbMap.get(t.getDatabaseId()));
            assertTime(t.hasInitializedAtEpoch(), t.getInitializedAtEpoch(), o.get("initialized_at"));
            assertTime(t.hasCreatedAtEpoch(), t.getCreatedAtEpoch(), o.get("created_at"));
            assertEquals(t.hasCreatedAtClusterVersion() ? t.getCreatedAtClusterVersion() : null, o.get("created_at_cluster_version"));
        }
        for (Source x : sources) {
            relationObjects++;
            assertObject(objects.get(x.getId()), "SOURCE", x.getOwner(), schemaMap.get(x.getSchemaId()), dbMap.get(x.getDatabaseId()));
        }
        for (Sink x : sinks) {
            relationObjects++;
            assertObject(objects.get(x.getId()), "SINK", x.getOwner(), schemaMap.get(x.getSchemaId()), dbMap.get(x.getDatabaseId()));
        }
        for (Index x : indexes) {
            relationObjects++;
            Map<String, Object> o = objects.get(x.getId());
            assertObject(o, "INDEX", x.getOwner(), schemaMap.get(x.getSchemaId()), dbMap.get(x.getDatabaseId()));
            assertTime(x.hasCreatedAtEpoch(), x.getCreatedAtEpoch(), o.get("created_at"));
        }
        for (View x : views) {
            relationObjects++;
            Map<String, Object> o = objects.get(x.getId());
            assertObject(o, "VIEW", x.getOwner(), schemaMap.get(x.getSchemaId()), dbMap.get(x.getDatabaseId()));
            assertNull(o.get("created_at_cluster_version"));
        }
        for (Subscription x : subs) {
            relationObjects++;
            assertObject(objects.get(x.getId()), "SUBSCRIPTION", x.getOwner(), schemaMap.get(x.getSchemaId()), dbMap.get(x.getDatabaseId()));
        }
        assertEquals(dbs.size() + schemas.size() + functions.size() + conns.size() + secrets.size() + relationObjects, objects.size());

        // users
        Map<Integer, Map<String, Object>> userRows = byId(rows("user", null), "user_id");
        assertEquals(users.size(), userRows.size());
        for (UserInfo u : users) {
            Map<String, Object> row = userRows.get(u.getId());
            assertEquals(u.getName(), row.get("name"));
            assertEquals(u.getIsSuper(), bool(row.get("is_super")));
            assertEquals(u.getCanLogin(), bool(row.get("can_login")));
            if (u.hasAuthInfo()) {
                assertEquals(u.getAuthInfo(), dev.rwsh.proto.user.AuthInfo.parseFrom(bytes(row.get("auth_info"))));
            } else {
                assertNull(row.get("auth_info"));
            }
        }

        // streaming jobs, fragments, actors, dispatchers
        Map<Integer, Map<String, Object>> jobRows = byId(rows("streaming_job", null), "job_id");
        Map<Integer, Map<String, Object>> fragRows = byId(rows("fragment", null), "fragment_id");
        Map<Integer, Map<String, Object>> actorRows = byId(rows("actor", null), "actor_id");
        List<Map<String, Object>> dispRows = rows("actor_dispatcher", "id");
        Map<Integer, List<Map<String, Object>>> dispByActor = new HashMap<>();
        dispRows.forEach(d -> dispByActor.computeIfAbsent(i(d.get("actor_id")), k -> new ArrayList<>()).add(d));
        assertEquals(jobs.size(), jobRows.size());
        Map<Integer, Integer> fragmentOfStateTable = new HashMap<>();
        Map<Integer, Integer> jobOfFragment = new HashMap<>();
        long fragments = 0;
        long actors = 0;
        long dispatchers = 0;
        for (TableFragments tf : jobs) {
            Map<String, Object> jr = jobRows.get(tf.getTableId());
            assertEquals(tf.getState().name(), jr.get("job_status"));
            assertEquals("FOREGROUND", jr.get("create_type"));
            JsonNode par = json(jr.get("parallelism"));
            switch (tf.getParallelism().getParallelismCase()) {
                case FIXED -> assertEquals(tf.getParallelism().getFixed().getParallelism(), par.get("Fixed").asInt());
                case ADAPTIVE, AUTO -> assertEquals("Adaptive", par.asText());
                default -> assertEquals("Custom", par.asText());
            }
            assertEquals(tf.getCtx().getTimezone().isEmpty() ? null : tf.getCtx().getTimezone(), jr.get("timezone"));
            for (TableFragments.Fragment f : new TreeMap<>(tf.getFragmentsMap()).values()) {
                fragments++;
                f.getStateTableIdsList().forEach(st -> fragmentOfStateTable.put(st, f.getFragmentId()));
                jobOfFragment.put(f.getFragmentId(), tf.getTableId());
                Map<String, Object> fr = fragRows.get(f.getFragmentId());
                assertEquals(tf.getTableId(), i(fr.get("job_id")));
                assertEquals(f.getFragmentTypeMask(), i(fr.get("fragment_type_mask")));
                assertEquals(f.getDistributionType().name(), fr.get("distribution_type"));
                assertEquals(JSON.valueToTree(f.getStateTableIdsList()), json(fr.get("state_table_ids")));
                assertEquals(JSON.valueToTree(f.getUpstreamFragmentIdsList()), json(fr.get("upstream_fragment_id")));
                StreamNode expected = (StreamNode) expectedPlan(f.getActors(0).getNodes(), dbMap, schemaMap, secretMap);
                assertEquals(expected, StreamNode.parseFrom(bytes(fr.get("stream_node"))), "stream node of fragment " + f.getFragmentId());
                for (StreamActor a : f.getActorsList()) {
                    actors++;
                    Map<String, Object> ar = actorRows.get(a.getActorId());
                    TableFragments.ActorStatus st = tf.getActorStatusMap().get(a.getActorId());
                    assertEquals(a.getFragmentId(), i(ar.get("fragment_id")));
                    assertEquals(st.getLocation().getWorkerNodeId(), i(ar.get("worker_id")));
                    assertEquals(st.getState().name(), ar.get("status"));
                    Map<String, List<Integer>> up = new TreeMap<>();
                    merges(a.getNodes(), up);
                    assertEquals(JSON.valueToTree(up), json(ar.get("upstream_actor_ids")));
                    if (a.hasVnodeBitmap()) {
                        assertEquals(a.getVnodeBitmap(), dev.rwsh.proto.common.Buffer.parseFrom(bytes(ar.get("vnode_bitmap"))));
                    } else {
                        assertNull(ar.get("vnode_bitmap"));
                    }
                    if (tf.getActorSplitsMap().containsKey(a.getActorId())) {
                        assertEquals(tf.getActorSplitsMap().get(a.getActorId()), dev.rwsh.proto.source.ConnectorSplits.parseFrom(bytes(ar.get("splits"))));
                    } else {
                        assertNull(ar.get("splits"));
                    }
                    List<Map<String, Object>> ds = dispByActor.getOrDefault(a.getActorId(), List.of());
                    assertEquals(a.getDispatcherCount(), ds.size());
                    for (int k = 0; k < ds.size(); k++) {
                        Dispatcher d = a.getDispatcher(k);
                        dispatchers++;
                        assertEquals((int) d.getDispatcherId(), i(ds.get(k).get("dispatcher_id")));
                        assertEquals(d.getType().name().replace("DISPATCHER_TYPE_", ""), ds.get(k).get("dispatcher_type"));
                        assertEquals(JSON.valueToTree(d.getDownstreamActorIdList()), json(ds.get(k).get("downstream_actor_ids")));
                        assertEquals(JSON.valueToTree(d.getOutputIndicesList()), json(ds.get(k).get("output_indices")));
                    }
                }
            }
        }
        assertEquals(fragments, fragRows.size());
        assertEquals(actors, actorRows.size());
        assertEquals(dispatchers, dispRows.size());
        // dispatcher ids follow jobs (etcd order), fragments ascending, actors in fragment order (§5.15, rwsh's order for v2.0.7's HashMap)
        List<Integer> actorOrder = new ArrayList<>();
        dispRows.forEach(d -> actorOrder.add(i(d.get("actor_id"))));
        List<Integer> expectedOrder = new ArrayList<>();
        for (TableFragments tf : jobs) {
            for (TableFragments.Fragment f : new TreeMap<>(tf.getFragmentsMap()).values()) {
                for (StreamActor a : f.getActorsList()) {
                    a.getDispatcherList().forEach(d -> expectedOrder.add(a.getActorId()));
                }
            }
        }
        assertEquals(expectedOrder, actorOrder);

        // tables: fragment ids from the state-table map, internal tables bound to their job
        Map<Integer, Map<String, Object>> tableRows = byId(rows("table", null), "table_id");
        assertEquals(tables.size(), tableRows.size());
        for (Table t : tables) {
            Map<String, Object> row = tableRows.get(t.getId());
            assertEquals(t.getName(), row.get("name"));
            assertEquals(t.getTableType().name(), row.get("table_type"));
            assertEquals(fragmentOfStateTable.get(t.getId()), intOrNull(row.get("fragment_id")));
            assertEquals(t.getTableType() == Table.TableType.INTERNAL ? jobOfFragment.get(fragmentOfStateTable.get(t.getId())) : null,
                    intOrNull(row.get("belongs_to_job_id")));
            assertEquals(t.getDefinition(), row.get("definition"));
            assertEquals(JSON.valueToTree(t.getStreamKeyList()), json(row.get("stream_key")));
            assertEquals(t.getHandlePkConflictBehavior().name().replace("HANDLE_CONFLICT_BEHAVIOR_", ""), row.get("handle_pk_conflict_behavior"));
            assertEquals(t.hasDmlFragmentId() ? t.getDmlFragmentId() : null, intOrNull(row.get("dml_fragment_id")));
            assertEquals(t.getOptionalAssociatedSourceIdCase() == Table.OptionalAssociatedSourceIdCase.ASSOCIATED_SOURCE_ID ? t.getAssociatedSourceId() : null,
                    intOrNull(row.get("optional_associated_source_id")));
            assertEquals(t.getColumnsList(), columns(bytes(row.get("columns"))));
        }
        Map<Integer, Map<String, Object>> sourceRows = byId(rows("source", null), "source_id");
        assertEquals(sources.size(), sourceRows.size());
        for (Source s : sources) {
            Map<String, Object> row = sourceRows.get(s.getId());
            assertEquals(s.getName(), row.get("name"));
            assertEquals(s.hasConnectionId() ? connMap.get(s.getConnectionId()) : null, intOrNull(row.get("connection_id")));
            assertEquals(rewriteSecrets(s.getSecretRefsMap(), secretMap), secretRefs(bytes(row.get("secret_ref"))));
            assertEquals(JSON.valueToTree(new TreeMap<>(s.getWithPropertiesMap())), json(row.get("with_properties")));
            if (s.hasInfo()) {
                dev.rwsh.proto.catalog.StreamSourceInfo info = dev.rwsh.proto.catalog.StreamSourceInfo.parseFrom(bytes(row.get("source_info")));
                assertEquals(rewriteSecrets(s.getInfo().getFormatEncodeSecretRefsMap(), secretMap), info.getFormatEncodeSecretRefsMap());
                assertEquals(rewriteSecrets(s.getInfo().getExternalTable().getSecretRefsMap(), secretMap), info.getExternalTable().getSecretRefsMap());
            }
        }
        Map<Integer, Map<String, Object>> sinkRows = byId(rows("sink", null), "sink_id");
        assertEquals(sinks.size(), sinkRows.size());
        for (Sink s : sinks) {
            Map<String, Object> row = sinkRows.get(s.getId());
            assertEquals(s.getName(), row.get("name"));
            assertEquals(s.getSinkType().name().replace("SINK_TYPE_", ""), row.get("sink_type"));
            assertEquals(s.hasConnectionId() ? connMap.get(s.getConnectionId()) : null, intOrNull(row.get("connection_id")));
            assertEquals(rewriteSecrets(s.getSecretRefsMap(), secretMap), secretRefs(bytes(row.get("secret_ref"))));
            assertEquals(s.hasTargetTable() ? s.getTargetTable() : null, intOrNull(row.get("target_table")));
        }
        Map<Integer, Map<String, Object>> indexRows = byId(rows("index", null), "index_id");
        assertEquals(indexes.size(), indexRows.size());
        for (Index x : indexes) {
            assertEquals(x.getPrimaryTableId(), i(indexRows.get(x.getId()).get("primary_table_id")));
            assertEquals(x.getIndexTableId(), i(indexRows.get(x.getId()).get("index_table_id")));
        }
        Map<Integer, Map<String, Object>> viewRows = byId(rows("view", null), "view_id");
        for (View v : views) {
            assertEquals(v.getSql(), viewRows.get(v.getId()).get("definition"));
        }
        Map<Integer, Map<String, Object>> subRows = byId(rows("subscription", null), "subscription_id");
        for (Subscription s : subs) {
            assertEquals(s.getDependentTableId(), i(subRows.get(s.getId()).get("dependent_table_id")));
            assertEquals(s.getSubscriptionStateValue(), i(subRows.get(s.getId()).get("subscription_state")));
        }

        // object dependencies (§5.22), as a multiset
        List<String> deps = new ArrayList<>();
        for (Source s : sources) {
            new TreeSet<>(s.getSecretRefsMap().values().stream().map(x -> secretMap.get(x.getSecretId())).toList()).forEach(x -> deps.add(x + ">" + s.getId()));
        }
        for (Table t : tables) {
            t.getDependentRelationsList().forEach(x -> deps.add(x + ">" + t.getId()));
        }
        for (Sink s : sinks) {
            s.getDependentRelationsList().forEach(x -> deps.add(x + ">" + s.getId()));
            Set<Integer> ids = new TreeSet<>();
            s.getSecretRefsMap().values().forEach(x -> ids.add(secretMap.get(x.getSecretId())));
            s.getFormatDesc().getSecretRefsMap().values().forEach(x -> ids.add(secretMap.get(x.getSecretId())));
            ids.forEach(x -> deps.add(x + ">" + s.getId()));
        }
        views.forEach(v -> v.getDependentRelationsList().forEach(x -> deps.add(x + ">" + v.getId())));
        subs.forEach(s -> deps.add(s.getDependentTableId() + ">" + s.getId()));
        List<String> actualDeps = new ArrayList<>();
        rows("object_dependency", null).forEach(d -> actualDeps.add(i(d.get("oid")) + ">" + i(d.get("used_by"))));
        deps.sort(null);
        actualDeps.sort(null);
        assertEquals(deps, actualDeps);

        // user privileges (§5.23)
        List<String> grants = new ArrayList<>();
        for (UserInfo u : users) {
            for (GrantPrivilege g : u.getGrantPrivilegesList()) {
                Integer oid = switch (g.getObjectCase()) {
                    case DATABASE_ID -> dbMap.get(g.getDatabaseId());
                    case SCHEMA_ID -> schemaMap.get(g.getSchemaId());
                    case FUNCTION_ID -> fnMap.get(g.getFunctionId());
                    case TABLE_ID -> g.getTableId();
                    case SOURCE_ID -> g.getSourceId();
                    case SINK_ID -> g.getSinkId();
                    case VIEW_ID -> g.getViewId();
                    case SUBSCRIPTION_ID -> g.getSubscriptionId();
                    default -> null;
                };
                assertNotNull(oid);
                for (GrantPrivilege.ActionWithGrantOption a : g.getActionWithOptsList()) {
                    grants.add(u.getId() + "/" + oid + "/" + a.getAction().name() + "/" + a.getGrantedBy() + "/" + a.getWithGrantOption());
                }
            }
        }
        List<String> actualGrants = new ArrayList<>();
        rows("user_privilege", null).forEach(g -> actualGrants.add(i(g.get("user_id")) + "/" + i(g.get("oid")) + "/" + g.get("action") + "/"
                + i(g.get("granted_by")) + "/" + bool(g.get("with_grant_option"))));
        grants.sort(null);
        actualGrants.sort(null);
        assertFalse(grants.isEmpty());
        assertEquals(grants, actualGrants);

        // workers
        List<WorkerNode> workers = list(r, ColumnFamily.WORKER);
        Map<Integer, Map<String, Object>> workerRows = byId(rows("worker", null), "worker_id");
        Map<Integer, Map<String, Object>> propRows = byId(rows("worker_property", null), "worker_id");
        assertEquals(workers.size(), workerRows.size());
        for (WorkerNode w : workers) {
            Map<String, Object> row = workerRows.get(w.getId());
            assertEquals(w.getType().name().replace("WORKER_TYPE_", ""), row.get("worker_type"));
            assertEquals(w.getHost().getHost(), row.get("host"));
            assertEquals(w.getHost().getPort(), i(row.get("port")));
            boolean hasProperty = w.getType() == dev.rwsh.proto.common.WorkerType.WORKER_TYPE_COMPUTE_NODE
                    || w.getType() == dev.rwsh.proto.common.WorkerType.WORKER_TYPE_FRONTEND;
            assertEquals(hasProperty, propRows.containsKey(w.getId()));
            if (hasProperty) {
                assertEquals(w.getParallelism(), i(propRows.get(w.getId()).get("parallelism")));
                assertEquals(w.getProperty().getInternalRpcHostAddr(), propRows.get(w.getId()).get("internal_rpc_host_addr"));
            }
        }

        // parameters, versions, hummock, cluster id
        Map<String, String> params = new TreeMap<>();
        rows("system_parameter", null).forEach(p -> params.put((String) p.get("name"), (String) p.get("value")));
        assertEquals(16, params.size());
        assertEquals("0.001", params.get("bloom_false_positive"));
        assertEquals("1000", params.get("barrier_interval_ms"));
        Map<String, String> session = new TreeMap<>();
        r.scan(ColumnFamily.SESSION_PARAMS, e -> session.put(e.key(), e.text()) != null || true);
        Map<String, String> sessionRows = new TreeMap<>();
        rows("session_parameter", null).forEach(p -> sessionRows.put((String) p.get("name"), (String) p.get("value")));
        assertEquals(session, sessionRows);
        Map<String, Long> versions = new TreeMap<>();
        rows("catalog_version", null).forEach(p -> versions.put((String) p.get("name"), l(p.get("version"))));
        assertEquals(r.get(ColumnFamily.DEFAULT, "notification_version").map(MetaEntry::number).orElse(0L), versions.get("NOTIFICATION"));
        assertEquals(r.get(ColumnFamily.DEFAULT, "table_revision").map(MetaEntry::number).orElse(0L), versions.get("TABLE_REVISION"));
        List<HummockVersionDelta> deltas = list(r, ColumnFamily.HUMMOCK_VERSION_DELTA);
        Map<Integer, Map<String, Object>> deltaRows = new TreeMap<>();
        rows("hummock_version_delta", null).forEach(d -> deltaRows.put((int) l(d.get("id")), d));
        assertEquals(deltas.size(), deltaRows.size());
        for (HummockVersionDelta d : deltas) {
            Map<String, Object> row = deltaRows.get((int) d.getId());
            assertEquals(d.getPrevId(), l(row.get("prev_id")));
            assertEquals(d.getMaxCommittedEpoch(), l(row.get("max_committed_epoch")));
            assertEquals(withoutInfiniteKeyRanges(d), HummockVersionDelta.parseFrom(bytes(row.get("full_version_delta"))));
        }
        assertEquals(r.count(ColumnFamily.HUMMOCK_PINNED_VERSION), count("SELECT COUNT(*) FROM " + q("hummock_pinned_version")));
        assertEquals(r.count(ColumnFamily.HUMMOCK_PINNED_SNAPSHOT), count("SELECT COUNT(*) FROM " + q("hummock_pinned_snapshot")));
        assertEquals(r.count(ColumnFamily.HUMMOCK_COMPACTION_GROUP), count("SELECT COUNT(*) FROM " + q("compaction_config")));
        assertEquals(r.count(ColumnFamily.HUMMOCK_COMPACT_STATUS), count("SELECT COUNT(*) FROM " + q("compaction_status")));
        assertEquals(r.count(ColumnFamily.HUMMOCK_COMPACT_TASK), count("SELECT COUNT(*) FROM " + q("compaction_task")));
        assertEquals(Math.min(1, r.count(ColumnFamily.HUMMOCK_VERSION_STATS)), count("SELECT COUNT(*) FROM " + q("hummock_version_stats")));
        assertEquals(4, count("SELECT COUNT(*) FROM " + q("hummock_sequence")));
        // Each row carries its etcd id generator's stored ceiling, under the key v2.0.7 builds (src/meta/src/manager/id.rs 54:
        // category + "_id_next_generator", category "hummock_ss_table_id"); the generated cluster stores all four.
        Map<String, Long> sequences = new TreeMap<>();
        for (Map<String, Object> row : rows("hummock_sequence", "name")) {
            sequences.put(row.get("name").toString(), l(row.get("seq")));
        }
        Map<String, Long> generators = new TreeMap<>();
        for (String[] g : new String[][] {{"sstable_object", "hummock_ss_table_id_id_next_generator"},
                {"compaction_task", "hummock_compaction_task_id_next_generator"}, {"compaction_group", "compaction_group_id_next_generator"},
                {"meta_backup", "backup_id_next_generator"}}) {
            MetaEntry counter = r.get(ColumnFamily.DEFAULT, g[1]).orElseThrow(() -> new AssertionError("the source has no default/" + g[1]));
            assertNull(counter.warning(), g[1] + ": " + counter.warning());
            generators.put(g[0], counter.number());
        }
        assertEquals(generators, sequences);
        assertTrue(generators.get("sstable_object") > 1, "SST ids were allocated: " + generators);
        assertTrue(r.get(ColumnFamily.DEFAULT, "hummock_ss_table_id_next_generator").isEmpty(), "a key v2.0.7 never reads");
        String clusterId = r.get(ColumnFamily.CLUSTER_ID, ColumnFamily.CLUSTER_ID_KEY).orElseThrow().text();
        Object stored = rows("cluster", null).get(0).get("cluster_id");
        assertEquals(clusterId, stored instanceof byte[] b ? uuid(b) : stored.toString());
    }

    static int next(Set<Integer> used) {
        int k = 1;
        while (used.contains(k)) {
            k++;
        }
        used.add(k);
        return k;
    }

    static String uuid(byte[] b) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
        return new java.util.UUID(bb.getLong(), bb.getLong()).toString();
    }

    void assertObject(Map<String, Object> o, String type, int owner, Integer schemaId, Integer databaseId) {
        assertNotNull(o, type + " object row missing");
        assertEquals(type, o.get("obj_type"));
        assertEquals(owner, i(o.get("owner_id")));
        assertEquals(schemaId, intOrNull(o.get("schema_id")));
        assertEquals(databaseId, intOrNull(o.get("database_id")));
    }

    void assertTime(boolean has, long epoch, Object value) {
        if (!has) {
            return;
        }
        LocalDateTime expected = LocalDateTime.ofInstant(Epochs.toInstant(epoch), ZoneOffset.UTC);
        LocalDateTime actual = value instanceof java.sql.Timestamp ts ? ts.toLocalDateTime()
                : value instanceof LocalDateTime t ? t : LocalDateTime.parse(value.toString().replace(' ', 'T'));
        if (sql.backend() == SqlBackend.MYSQL) {
            assertTrue(Math.abs(java.time.Duration.between(expected, actual).toMillis()) < 1000, expected + " vs " + actual);
        } else {
            assertEquals(expected, actual);
        }
    }

    static Map<String, SecretRef> rewriteSecrets(Map<String, SecretRef> refs, Map<Integer, Integer> secretMap) {
        Map<String, SecretRef> out = new TreeMap<>();
        refs.forEach((k, v) -> out.put(k, v.toBuilder().setSecretId(secretMap.get(v.getSecretId())).build()));
        return out;
    }

    static Map<String, SecretRef> secretRefs(byte[] blob) throws Exception {
        return new TreeMap<>(dev.rwsh.proto.catalog.StreamSourceInfo.parseFrom(wrapAsField(16, blob)).getFormatEncodeSecretRefsMap());
    }

    /** Re-tags a one-field wrapper's entries (field 1) as field {@code tag} of another message, to decode them with that message's parser. */
    static byte[] wrapAsField(int tag, byte[] blob) throws Exception {
        com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(blob);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        com.google.protobuf.CodedOutputStream out = com.google.protobuf.CodedOutputStream.newInstance(bytes);
        while (!in.isAtEnd()) {
            int t = in.readTag();
            assertEquals(1, t >>> 3);
            out.writeByteArray(tag, in.readByteArray());
        }
        out.flush();
        return bytes.toByteArray();
    }

    static List<dev.rwsh.proto.plan_common.ColumnCatalog> columns(byte[] blob) throws Exception {
        return Table.parseFrom(wrapAsField(5, blob)).getColumnsList();
    }

    static void merges(StreamNode n, Map<String, List<Integer>> into) {
        if (n.getNodeBodyCase() == StreamNode.NodeBodyCase.MERGE) {
            into.put(Integer.toString(n.getMerge().getUpstreamFragmentId()), n.getMerge().getUpstreamActorIdList());
        }
        n.getInputList().forEach(x -> merges(x, into));
    }

    /** §5.12 and §3.4: merge upstream actors emptied; embedded tables (not StreamScan's arrangement table) and secrets rewritten. */
    static Message expectedPlan(Message m, Map<Integer, Integer> dbs, Map<Integer, Integer> schemas, Map<Integer, Integer> secrets) {
        Message.Builder b = m.toBuilder();
        if (m instanceof MergeNode) {
            ((MergeNode.Builder) b).clearUpstreamActorId();
        }
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            boolean arrangement = m instanceof StreamScanNode && f.getName().equals("arrangement_table");
            if (f.isRepeated()) {
                for (int k = 0; k < m.getRepeatedFieldCount(f); k++) {
                    b.setRepeatedField(f, k, expectedValue((Message) m.getRepeatedField(f, k), arrangement, dbs, schemas, secrets));
                }
            } else if (m.hasField(f)) {
                b.setField(f, expectedValue((Message) m.getField(f), arrangement, dbs, schemas, secrets));
            }
        }
        return b.build();
    }

    static Message expectedValue(Message v, boolean arrangement, Map<Integer, Integer> dbs, Map<Integer, Integer> schemas, Map<Integer, Integer> secrets) {
        if (v instanceof Table t) {
            return arrangement ? t : t.toBuilder().setDatabaseId(dbs.get(t.getDatabaseId())).setSchemaId(schemas.getOrDefault(t.getSchemaId(), 0)).build();
        }
        if (v instanceof SecretRef s) {
            return s.toBuilder().setSecretId(secrets.get(s.getSecretId())).build();
        }
        return expectedPlan(v, dbs, schemas, secrets);
    }

    static Message withoutInfiniteKeyRanges(Message m) {
        Message.Builder b = m.toBuilder();
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (f.isRepeated()) {
                for (int k = 0; k < m.getRepeatedFieldCount(f); k++) {
                    b.setRepeatedField(f, k, withoutInfiniteKeyRanges((Message) m.getRepeatedField(f, k)));
                }
            } else if (m.hasField(f)) {
                Message v = (Message) m.getField(f);
                if (v instanceof dev.rwsh.proto.hummock.KeyRange k && k.equals(dev.rwsh.proto.hummock.KeyRange.getDefaultInstance())) {
                    b.clearField(f);
                } else {
                    b.setField(f, withoutInfiniteKeyRanges(v));
                }
            }
        }
        return b.build();
    }
}
