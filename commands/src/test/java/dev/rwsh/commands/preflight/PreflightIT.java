package dev.rwsh.commands.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.backup.BackupSaveCommand;
import dev.rwsh.commands.backupfile.BackupFile;
import dev.rwsh.commands.backupfile.BackupProgress;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.meta.ProstEncoder;
import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import dev.rwsh.commands.preflight.PreflightCommand.PreflightResult;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdKeyValueSink;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import dev.rwsh.commands.testsupport.SqlAdmin;
import dev.rwsh.commands.testsupport.TestServices;
import dev.rwsh.proto.catalog.Table;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * preflight against real services: a generated cluster in a private etcd (its meta lease revoked, as
 * after a clean stop), scratch databases on the PostgreSQL and MariaDB test servers, SQLite files.
 * Every check is made to fail on purpose and must say so with its fix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreflightIT {
    static final PreflightCommand.Options QUICK = new PreflightCommand.Options(false, null, Duration.ZERO);
    EtcdServer server;
    EtcdKeyValueSink writer;
    EtcdConnection etcd;
    GeneratedCluster generated;
    ScratchDatabase pg;
    ScratchDatabase maria;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        server = EtcdServer.start();
        writer = new EtcdKeyValueSink(server.endpoint());
        generated = ClusterGenerator.generate(ClusterGenerator.Options.small(5).withElectionLease(3600), writer);
        // The meta node stopped cleanly: it resigned, and its election key went with its lease.
        writer.client().getLeaseClient().revoke(generated.electionLease()).get(10, TimeUnit.SECONDS);
        etcd = server.connect();
        pg = ScratchDatabase.postgres();
        maria = ScratchDatabase.mysql();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {etcd, writer, server, pg, maria}) {
            if (c != null) {
                c.close();
            }
        }
    }

    PreflightResult preflight(String sqlUrl, PreflightCommand.Options options) {
        try (Session s = new Session()) {
            return PreflightCommand.run(s, server.endpoint(), sqlUrl, options);
        }
    }

    static Check check(PreflightResult r, String name) {
        Check c = r.check(name);
        assertTrue(c != null, "no check '" + name + "' in " + r.checks());
        return c;
    }

    static void assertResult(PreflightResult r, String name, String result, String detailHas, String fixHas) {
        Check c = check(r, name);
        assertEquals(result, c.result(), c.toString());
        assertTrue(c.detail().contains(detailHas), c.toString());
        assertTrue(c.fix().contains(fixHas), c.toString());
    }

    String sqliteUrl(String name) {
        return "sqlite://" + dir.resolve(name) + "?mode=rwc";
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void aStoppedClusterAndEmptyTargetsAreReadyWithTheWarningsTheMetadataDeserves() {
        for (String url : new String[] {pg.url(), maria.url(), sqliteUrl("ready.db")}) {
            PreflightResult r = preflight(url, new PreflightCommand.Options(false, null, Duration.ofSeconds(1)));
            assertEquals(0, r.failed(), r.checks().toString());
            assertEquals(ExitStatus.OK, r.exitStatus());
            assertResult(r, "etcd reachable", "ok", server.endpoint(), "");
            assertResult(r, "etcd healthy", "ok", "leader", "");
            assertResult(r, "RisingWave metadata present", "ok", generated.clusterId(), "");
            assertResult(r, "meta node stopped", "ok", "no key under __meta_election_", "");
            assertResult(r, "no recent writes", "ok", "did not move in 1 s", "");
            assertResult(r, "backup", "warning", "no backup known", "--backup FILE");
            assertResult(r, "SQL target reachable", "ok", "", "");
            assertResult(r, "may create tables and insert", "ok", "nothing left", "");
            assertResult(r, "target empty of RisingWave metadata", "ok", "no RisingWave table", "");
            // The generator's first objects were created by v1.9.1, the rest by v2.0.7.
            assertResult(r, "version that wrote the metadata", "warning", "older than v2.0.5 {1.9.1=", "v2.0.5 or later");
            assertTrue(check(r, "version that wrote the metadata").detail().contains("table dev.public.orders"), r.checks().toString());
            assertFalse(check(r, "version that wrote the metadata").detail().contains("wide_mv"), r.checks().toString());
            // daily_revenue is still being created in the generated cluster.
            assertResult(r, "streaming jobs finished creating", "warning", "materialized view analytics.public.daily_revenue", "drop it");
            assertTrue(check(r, "streaming jobs finished creating").detail().contains("will not resume as a background job"));
        }
        PreflightResult sqlite = preflight(sqliteUrl("disk.db"), QUICK);
        assertResult(sqlite, "free disk space", "ok", "at least twice the metadata", "");
        assertResult(sqlite, "no recent writes", "warning", "not watched", "--watch");
        // Nothing was left behind by the write probes.
        assertEquals(0, tables(pg.url()), "the probe left a table in PostgreSQL");
        assertEquals(0, tables(maria.url()), "the probe left a table in MariaDB");
    }

    @Test
    void aMissingDatabaseFailsWithTheCreateDatabaseToRun() {
        for (String admin : new String[] {TestServices.postgresAdminUrl(), TestServices.mysqlAdminUrl()}) {
            SqlEndpoint a = SqlEndpoint.parse(admin);
            PreflightResult r = preflight(SqlAdmin.withCredentials(admin, a.user(), a.password(), "rwsh_no_such_db"), QUICK);
            assertResult(r, "SQL target reachable", "ok", "answers", "");
            assertResult(r, "database exists", "failed", "'rwsh_no_such_db' does not exist", "CREATE DATABASE rwsh_no_such_db");
            assertEquals(ExitStatus.CHECK_FAILED, r.exitStatus());
        }
        PreflightResult down = preflight("postgres://rw:rw@127.0.0.1:1/meta", QUICK);
        assertResult(down, "SQL target reachable", "failed", "nothing answers there", "start the SQL server");
    }

    @Test
    void aReadOnlyUserFailsWithTheGrantToRun() {
        PreflightResult p = preflight(pg.readOnlyUser(), QUICK);
        assertResult(p, "may create tables and insert", "failed", "may not create", "GRANT");
        assertEquals(ExitStatus.CHECK_FAILED, p.exitStatus());
        PreflightResult m = preflight(maria.readOnlyUser(), QUICK);
        assertResult(m, "may create tables and insert", "failed", "may not create", "GRANT");
        assertEquals(ExitStatus.CHECK_FAILED, m.exitStatus());
    }

    @Test
    void aLiveMetaLeaseFailsNamingTheMetaNode() throws Exception {
        long lease = writer.client().getLeaseClient().grant(60).get(10, TimeUnit.SECONDS).getID();
        ByteSequence key = ByteSequence.from("__meta_election_/" + Long.toHexString(lease), StandardCharsets.US_ASCII);
        writer.client().getKVClient().put(key, ByteSequence.from("meta-7.meta:5690", StandardCharsets.UTF_8),
                PutOption.builder().withLeaseId(lease).build()).get(10, TimeUnit.SECONDS);
        try {
            PreflightResult r = preflight(sqliteUrl("lease.db"), QUICK);
            assertResult(r, "meta node stopped", "failed", "meta node meta-7.meta:5690", "stop every meta node");
            assertTrue(check(r, "meta node stopped").detail().contains("lease " + Long.toHexString(lease)), r.checks().toString());
            assertEquals(ExitStatus.CHECK_FAILED, r.exitStatus());
        } finally {
            writer.client().getLeaseClient().revoke(lease).get(10, TimeUnit.SECONDS);
        }
        assertResult(preflight(sqliteUrl("lease.db"), QUICK), "meta node stopped", "ok", "", "");
    }

    @Test
    void writesWhileWatchingFail() throws Exception {
        // A node that keeps writing: some write lands after preflight reads the revision it watches from, however
        // long preflight takes to get there on a loaded machine (one write after a fixed delay could land before).
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread w = new Thread(() -> {
            try {
                while (!done.get()) {
                    writer.client().getKVClient().put(ByteSequence.from("cf/hummock_1/\u0001", StandardCharsets.ISO_8859_1),
                            ByteSequence.from(new byte[] {1})).get(10, TimeUnit.SECONDS);
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        w.start();
        try {
            PreflightResult r = preflight(sqliteUrl("watch.db"), new PreflightCommand.Options(false, null, Duration.ofSeconds(2)));
            assertResult(r, "no recent writes", "failed", "written: cf/hummock_1/\\x01", "stop every RisingWave node");
        } finally {
            done.set(true);
            w.join();
            writer.client().getKVClient().delete(ByteSequence.from("cf/hummock_1/\u0001", StandardCharsets.ISO_8859_1)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBackupIsComparedWithTheLastMetadataWrite() throws Exception {
        Path fresh = dir.resolve("fresh.rwshbk");
        Path workers = dir.resolve("workers.rwshbk");
        Path old = dir.resolve("old.rwshbk");
        try (Session s = new Session()) {
            s.useEtcd(server.connect());
            BackupSaveCommand.run(s, fresh, null, false, "test", BackupProgress.NONE);
            BackupSaveCommand.run(s, workers, "cf/worker/", false, "test", BackupProgress.NONE);
            BackupSaveCommand.run(s, old, null, false, "test", BackupProgress.NONE);
        }
        assertResult(preflight(sqliteUrl("b1.db"), new PreflightCommand.Options(false, fresh, Duration.ZERO)), "backup", "ok",
                "holds the last metadata write", "");
        assertResult(preflight(sqliteUrl("b2.db"), new PreflightCommand.Options(false, workers, Duration.ZERO)), "backup", "warning",
                "holds only the keys under cf/worker/", "without --prefix");
        ByteSequence key = ByteSequence.from("cf/session_params/rwsh_preflight_test", StandardCharsets.US_ASCII);
        writer.client().getKVClient().put(key, ByteSequence.from("on", StandardCharsets.US_ASCII)).get(10, TimeUnit.SECONDS);
        try {
            assertResult(preflight(sqliteUrl("b3.db"), new PreflightCommand.Options(false, old, Duration.ZERO)), "backup", "warning",
                    "before the last metadata write", "take a new backup");
            assertTrue(check(preflight(sqliteUrl("b3.db"), new PreflightCommand.Options(false, old, Duration.ZERO)), "backup").detail()
                    .contains("cf/session_params/rwsh_preflight_test"));
        } finally {
            writer.client().getKVClient().delete(key).get(10, TimeUnit.SECONDS);
        }
        Path notOurs = dir.resolve("snapshot.db");
        Files.write(notOurs, new byte[64]);
        assertResult(preflight(sqliteUrl("b4.db"), new PreflightCommand.Options(false, notOurs, Duration.ZERO)), "backup", "warning",
                "etcd snapshot", "backup save");
        assertResult(preflight(sqliteUrl("b5.db"), new PreflightCommand.Options(false, dir.resolve("none.rwshbk"), Duration.ZERO)), "backup",
                "warning", "no backup file", "backup save");
        // A backup source alone is an offline migration: the live-etcd checks are not run and the metadata
        // checks read the backup. With --etcd-endpoints the session's backup is the backup compared.
        try (Session s = new Session()) {
            s.useBackup(BackupFile.open(fresh, false));
            PreflightResult offline = PreflightCommand.run(s, null, sqliteUrl("b6.db"), QUICK);
            assertResult(offline, "etcd reachable", "ok", "offline: the source is the backup " + fresh, "");
            assertResult(offline, "meta node stopped", "not run", "offline source", "");
            assertResult(offline, "RisingWave metadata present", "ok", "cluster id", "");
            assertResult(PreflightCommand.run(s, server.endpoint(), sqliteUrl("b6.db"), QUICK), "backup", "ok", fresh.toString(), "");
        }
    }

    @Test
    void aDanglingReferenceFailsListingTheProblem() throws Exception {
        MetaReader source = new MetaReader(EtcdSnapshot.open(etcd));
        Table any = firstTable(source);
        Table bad = any.toBuilder().setId(90_011).setName("dangling").setSchemaId(77_777).build();
        ByteSequence key = ByteSequence.from(ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(90_011)));
        writer.client().getKVClient().put(key, ByteSequence.from(ProstEncoder.encode(bad))).get(10, TimeUnit.SECONDS);
        try {
            PreflightResult r = preflight(sqliteUrl("dangling.db"), QUICK);
            assertResult(r, "metadata references resolve", "failed", "schema 77777 does not exist", "repair the metadata");
            assertTrue(r.problems().stream().anyMatch(p -> p.contains("dangling")), r.problems().toString());
            assertEquals(ExitStatus.CHECK_FAILED, r.exitStatus());
        } finally {
            writer.client().getKVClient().delete(key).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aNameOutsideTheBmpFailsOnMariadbOnlyNamingTheObject() throws Exception {
        MetaReader source = new MetaReader(EtcdSnapshot.open(etcd));
        Table any = firstTable(source);
        ByteSequence key = ByteSequence.from(ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(any.getId())));
        byte[] original = writer.client().getKVClient().get(key).get(10, TimeUnit.SECONDS).getKvs().get(0).getValue().getBytes();
        writer.client().getKVClient().put(key, ByteSequence.from(ProstEncoder.encode(any.toBuilder().setName("orders_😀").build())))
                .get(10, TimeUnit.SECONDS);
        try {
            PreflightResult mysql = preflight(maria.url(), QUICK);
            assertResult(mysql, "target stores every text", "failed", "table orders_😀 (id " + any.getId() + "): name holds U+1F600",
                    "migrate to PostgreSQL or SQLite");
            assertTrue(check(mysql, "target stores every text").detail().contains("utf8_bin"), mysql.checks().toString());
            assertEquals(ExitStatus.CHECK_FAILED, mysql.exitStatus());
            for (String url : new String[] {pg.url(), sqliteUrl("emoji.db")}) {
                assertResult(preflight(url, QUICK), "target stores every text", "ok", "no name or text the target cannot store", "");
            }
        } finally {
            writer.client().getKVClient().put(key, ByteSequence.from(original)).get(10, TimeUnit.SECONDS);
        }
        assertResult(preflight(maria.url(), QUICK), "target stores every text", "ok", "", "");
    }

    /** The bulk path migrate will use; MySQL's local_infile off (the default on MySQL 8, set here on the test's MariaDB) is a warning with the fix. */
    @Test
    void theBulkPathIsShownAndLocalInfileOffOnTheServerIsAWarningSayingHowToEnableIt() {
        assertResult(preflight(pg.url(), QUICK), "bulk path", "ok", "COPY FROM STDIN", "");
        assertResult(preflight(sqliteUrl("bulk.db"), QUICK), "bulk path", "ok", "batched INSERT", "");
        assertResult(preflight(maria.url(), QUICK), "bulk path", "ok", "LOAD DATA LOCAL INFILE", "");
        maria.admin("SET GLOBAL local_infile = 0");
        try {
            PreflightResult off = preflight(maria.url(), QUICK);
            assertResult(off, "bulk path", "warning", "batched INSERT: slower, the server has local_infile off",
                    "as an administrator run SET GLOBAL local_infile = 1");
            assertEquals(ExitStatus.OK, off.exitStatus(), off.checks().toString());
            try (Session s = new Session()) {
                dev.rwsh.commands.connect.ConnectSqlCommand.run(s, maria.url());
                String shown = dev.rwsh.commands.connect.StatusCommand.run(s).sql().bulkPath();
                assertTrue(shown.startsWith("batched INSERT (the server has local_infile off; "), shown);
            }
        } finally {
            maria.admin("SET GLOBAL local_infile = 1");
        }
        assertResult(preflight(maria.url(), QUICK), "bulk path", "ok", "LOAD DATA LOCAL INFILE", "");
    }

    @Test
    void aTargetWithMetadataFailsUnlessForceIsIntended() {
        String url = sqliteUrl("full.db");
        try (var sql = SqlConnector.connect(SqlEndpoint.parse(url))) {
            MigrateCommand.run(EtcdSnapshot.open(etcd), "etcd " + server.endpoint(), sql, new MigrateCommand.Options(false, false, null),
                    MigrationListener.NONE);
        }
        PreflightResult r = preflight(url, QUICK);
        assertResult(r, "target empty of RisingWave metadata", "failed", "already holds RisingWave metadata (rows beyond the seeds in ", "preflight --force, then migrate -f");
        assertEquals(ExitStatus.CHECK_FAILED, r.exitStatus());
        PreflightResult forced = preflight(url, new PreflightCommand.Options(true, null, Duration.ZERO));
        assertResult(forced, "target empty of RisingWave metadata", "warning", "migrate -f will drop it", "");
        assertEquals(0, forced.failed(), forced.checks().toString());
    }

    @Test
    void aMariadbPartialMarkerFailsWithTheRepairCommand() {
        ScratchDatabase db = ScratchDatabase.mysql();
        String user = db.name() + "_nd";
        try {
            // A user who may not DROP: migrate writes everything, then cannot drop its marker, for real.
            for (String host : java.util.List.of("127.0.0.1", "localhost", "%")) {
                SqlAdmin.execute(TestServices.mysqlAdminUrl(), "CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + user + "'",
                        "GRANT ALL PRIVILEGES ON `" + db.name() + "`.* TO '" + user + "'@'" + host + "'",
                        "REVOKE DROP ON `" + db.name() + "`.* FROM '" + user + "'@'" + host + "'");
            }
            try (var sql = SqlConnector.connect(SqlEndpoint.parse(SqlAdmin.withCredentials(TestServices.mysqlAdminUrl(), user, user, db.name())))) {
                org.junit.jupiter.api.Assertions.assertThrows(dev.rwsh.commands.RwshException.class, () -> MigrateCommand.run(EtcdSnapshot.open(etcd),
                        "etcd " + server.endpoint(), sql, new MigrateCommand.Options(false, false, null), MigrationListener.NONE));
            }
            PreflightResult r = preflight(db.url(), QUICK);
            assertResult(r, "target empty of RisingWave metadata", "failed", "holds a partial migration", "migrate -f --yes");
            assertEquals(ExitStatus.CHECK_FAILED, r.exitStatus());
            assertResult(preflight(db.url(), new PreflightCommand.Options(true, null, Duration.ZERO)), "target empty of RisingWave metadata",
                    "warning", "--force: migrate -f will drop it", "");
        } finally {
            db.close();
            for (String host : java.util.List.of("127.0.0.1", "localhost", "%")) {
                SqlAdmin.execute(TestServices.mysqlAdminUrl(), "DROP USER IF EXISTS '" + user + "'@'" + host + "'");
            }
        }
    }

    @Test
    void theSessionsConnectionsAreUsedWhenNoEndpointIsGiven() {
        try (Session s = new Session()) {
            PreflightResult none = PreflightCommand.run(s, null, null, QUICK);
            assertResult(none, "etcd reachable", "failed", "not connected to etcd", "connect etcd");
            assertResult(none, "SQL target reachable", "failed", "not connected", "connect sql");
            assertEquals("not run", check(none, "meta node stopped").result());
            s.useEtcd(server.connect());
            s.useSql(SqlConnector.connect(SqlEndpoint.parse(sqliteUrl("session.db"))));
            PreflightResult r = PreflightCommand.run(s, null, null, QUICK);
            assertEquals(0, r.failed(), r.checks().toString());
        }
    }

    @Test
    void versionsOlderThan205() {
        assertTrue(PreflightCommand.olderThanMinimum("1.9.1"));
        assertTrue(PreflightCommand.olderThanMinimum("v2.0.4"));
        assertTrue(PreflightCommand.olderThanMinimum("2.0.0-rc.1"));
        assertTrue(PreflightCommand.olderThanMinimum("1.10.0"));
        assertFalse(PreflightCommand.olderThanMinimum("2.0.5"));
        assertFalse(PreflightCommand.olderThanMinimum("2.0.7"));
        assertFalse(PreflightCommand.olderThanMinimum("2.1.0-nightly"));
        assertFalse(PreflightCommand.olderThanMinimum(""));
        assertFalse(PreflightCommand.olderThanMinimum("unknown"));
    }

    // ---------------------------------------------------------------------------------------------

    private static Table firstTable(MetaReader source) throws InvalidProtocolBufferException {
        Table[] first = new Table[1];
        source.scan(ColumnFamily.CATALOG_TABLE, e -> {
            first[0] = (Table) e.message();
            return false;
        });
        return first[0];
    }

    private static long tables(String url) {
        try (var sql = SqlConnector.connect(SqlEndpoint.parse(url))) {
            return sql.withDialect("count", (c, d) -> (long) d.relations(c).size());
        }
    }
}
