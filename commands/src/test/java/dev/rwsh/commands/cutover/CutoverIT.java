package dev.rwsh.commands.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.cutover.CutoverCommand.CutoverResult;
import dev.rwsh.commands.cutover.CutoverCommand.Evidence;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;
import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.schema.SchemaCreateCommand;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdKeyValueSink;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import dev.rwsh.commands.etcd.KeyText;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * cutover on each state, each built for real: a store untouched since the migration, a store a meta
 * node advanced (a newer hummock version delta, a re-registered worker) on all three backends, writes
 * in etcd after the migration's revision, a live meta leader lease, a store rwsh did not migrate, and
 * a store changed where no meta node changes it. Each test migrates first, at etcd's revision then.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CutoverIT {
    EtcdServer server;
    EtcdKeyValueSink writer;
    GeneratedCluster generated;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        server = EtcdServer.start();
        writer = new EtcdKeyValueSink(server.endpoint());
        generated = ClusterGenerator.generate(ClusterGenerator.Options.small(7).withElectionLease(3600), writer);
        // the etcd-backed meta node was stopped before the migration: its lease is gone
        writer.client().getLeaseClient().revoke(generated.electionLease()).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {writer, server}) {
            if (c != null) {
                c.close();
            }
        }
    }

    void migrate(String url) {
        try (SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(url)); var etcd = server.connect()) {
            assertEquals("finished", MigrateCommand.run(EtcdSnapshot.open(etcd), "etcd " + server.endpoint(), sql,
                    new MigrateCommand.Options(true, false, null), MigrationListener.NONE).run().state());
        }
    }

    CutoverResult cutover(String url) {
        try (Session s = new Session()) {
            s.useEtcd(server.connect());
            s.useSql(SqlConnector.connect(SqlEndpoint.parse(url)));
            return CutoverCommand.run(s);
        }
    }

    static Evidence evidence(CutoverResult r, String check) {
        return r.evidence().stream().filter(e -> e.check().equals(check)).findFirst().orElseThrow(() -> new AssertionError(r.toString()));
    }

    /** What a meta node does to the store when it starts and runs: a new version delta, a worker that registered again. */
    static void advanceAsAMetaNode(String url) throws Exception {
        try (SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(url))) {
            sql.withDialect("advance", (Connection c, dev.rwsh.commands.sql.SqlDialect d) -> {
                try (Statement s = c.createStatement()) {
                    String delta = d.quote("hummock_version_delta");
                    s.executeUpdate("INSERT INTO " + delta + " (id, prev_id, max_committed_epoch, safe_epoch, trivial_move) SELECT "
                            + "COALESCE(MAX(id), 0) + 1, COALESCE(MAX(id), 0), COALESCE(MAX(max_committed_epoch), 0) + 65536, "
                            + "COALESCE(MAX(safe_epoch), 0), " + (d.backend() == dev.rwsh.commands.sql.SqlBackend.POSTGRES ? "false" : "0")
                            + " FROM " + delta);
                    assertEquals(1, s.executeUpdate("UPDATE " + d.quote("worker") + " SET " + d.quote("status") + " = 'STARTING' WHERE "
                            + d.quote("worker_id") + " = (SELECT MIN(" + d.quote("worker_id") + ") FROM (SELECT " + d.quote("worker_id")
                            + " FROM " + d.quote("worker") + ") w)"));
                }
                return null;
            });
        }
    }

    static void execute(String url, String sqlText) {
        try (SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(url))) {
            sql.withDialect("change", (c, d) -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate(sqlText);
                }
                return null;
            });
        }
    }

    String sqlite(String name) {
        return "sqlite://" + dir.resolve(name) + "?mode=rwc";
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void aStoreUntouchedSinceTheMigrationIsNotYetNoMetaNodeStarted() {
        String url = sqlite("untouched.db");
        migrate(url);
        CutoverResult r = cutover(url);
        assertEquals("not yet: no meta node has started on it", r.verdict(), r.toString());
        assertEquals(ExitStatus.CHECK_FAILED, r.exitStatus());
        assertTrue(r.next().startsWith("config emit"), r.next());
        assertEquals("ok", evidence(r, "written by rwsh from this etcd").result(), r.toString());
        assertEquals("ok", evidence(r, "etcd unchanged since the migration").result(), r.toString());
        assertEquals("ok", evidence(r, "no meta leader lease in etcd").result(), r.toString());
        assertEquals("failed", evidence(r, "a meta node has started on the SQL store").result(), r.toString());
        assertEquals(generated.clusterId(), r.migratedFrom().clusterId());
        assertTrue(r.lateWrites().isEmpty());
    }

    @Test
    void aStoreAMetaNodeAdvancedIsSafeOnEveryBackend() throws Exception {
        try (ScratchDatabase pg = ScratchDatabase.postgres(); ScratchDatabase maria = ScratchDatabase.mysql()) {
            for (String url : new String[] {sqlite("advanced.db"), pg.url(), maria.url()}) {
                migrate(url);
                advanceAsAMetaNode(url);
                CutoverResult r = cutover(url);
                assertEquals(CutoverCommand.SAFE, r.verdict(), url + ": " + r);
                assertEquals(ExitStatus.OK, r.exitStatus());
                String started = evidence(r, "a meta node has started on the SQL store").seen();
                assertTrue(started.contains("hummock_version_delta (1 only in SQL)") && started.contains("worker (1 different)"), started);
                assertTrue(r.next().startsWith("stop etcd"), r.next());
            }
        }
    }

    @Test
    void writesInEtcdAfterTheMigrationAreListedByKeyAndFamily() throws Exception {
        String url = sqlite("late.db");
        migrate(url);
        advanceAsAMetaNode(url);
        // a meta node still running on etcd rewrites a table's catalog entry
        ByteSequence prefix = ByteSequence.from("cf/catalog_table/", StandardCharsets.US_ASCII);
        KeyValue table = writer.client().getKVClient().get(prefix, GetOption.builder().isPrefix(true).withLimit(1).build()).get(10, TimeUnit.SECONDS)
                .getKvs().get(0);
        writer.client().getKVClient().put(table.getKey(), table.getValue()).get(10, TimeUnit.SECONDS);
        CutoverResult r = cutover(url);
        assertTrue(r.verdict().startsWith("not yet: etcd changed after the migration's revision " + r.migratedFrom().revision()
                + " (1 key(s) written since)"), r.verdict());
        assertEquals(ExitStatus.CHECK_FAILED, r.exitStatus());
        assertEquals(1, r.lateWritesTotal());
        assertEquals(KeyText.escape(table.getKey().getBytes()), r.lateWrites().get(0).key());
        assertEquals("cf/catalog_table/", r.lateWrites().get(0).family());
        assertTrue(r.lateWrites().get(0).modRevision() > r.migratedFrom().revision());
        assertEquals("failed", evidence(r, "etcd unchanged since the migration").result());
        assertTrue(r.next().contains("migrate -f"), r.next());
    }

    @Test
    void aLiveMetaLeaderLeaseInEtcdIsNotYet() throws Exception {
        String url = sqlite("lease.db");
        migrate(url);
        advanceAsAMetaNode(url);
        long lease = writer.client().getLeaseClient().grant(120).get(10, TimeUnit.SECONDS).getID();
        ByteSequence key = ByteSequence.from("__meta_election_/" + Long.toHexString(lease), StandardCharsets.US_ASCII);
        writer.client().getKVClient().put(key, ByteSequence.from("meta-3.meta:5690", StandardCharsets.UTF_8),
                PutOption.builder().withLeaseId(lease).build()).get(10, TimeUnit.SECONDS);
        try {
            CutoverResult r = cutover(url);
            assertEquals("not yet: a meta node still holds the leader lease in etcd", r.verdict(), r.toString());
            assertTrue(evidence(r, "no meta leader lease in etcd").seen().contains("meta node meta-3.meta:5690"), r.toString());
            assertTrue(r.next().startsWith("stop the meta node that runs on etcd"), r.next());
            assertEquals(ExitStatus.CHECK_FAILED, r.exitStatus());
        } finally {
            writer.client().getLeaseClient().revoke(lease).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStoreRwshDidNotMigrateIsNotYet() {
        String url = sqlite("foreign.db");
        try (SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(url))) {
            SchemaCreateCommand.run(sql);
        }
        CutoverResult r = cutover(url);
        assertEquals("not yet: the SQL store holds no record of a migration by rwsh", r.verdict(), r.toString());
        assertTrue(r.next().startsWith("migrate"), r.next());
    }

    @Test
    void aChangeNoMetaNodeMakesIsNotYetNamingTheCategory() throws Exception {
        String url = sqlite("changed.db");
        migrate(url);
        advanceAsAMetaNode(url);
        execute(url, "UPDATE \"database\" SET name = name || '_renamed'");
        CutoverResult r = cutover(url);
        assertTrue(r.verdict().startsWith("not yet: the SQL store differs from etcd where no meta node changes it (database"), r.verdict());
        assertTrue(r.next().startsWith("diff --details"), r.next());
        assertFalse(r.safe());
    }
}
