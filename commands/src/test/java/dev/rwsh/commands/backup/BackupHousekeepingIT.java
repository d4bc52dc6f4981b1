package dev.rwsh.commands.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backup.BackupListCommand.Entry;
import dev.rwsh.commands.backup.BackupListCommand.ListResult;
import dev.rwsh.commands.backup.BackupPruneCommand.PrunePlan;
import dev.rwsh.commands.backup.BackupPruneCommand.PruneResult;
import dev.rwsh.commands.backupfile.BackupFile;
import dev.rwsh.commands.backupfile.BackupProgress;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;
import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdKeyValueSink;
import dev.rwsh.commands.testsupport.EtcdServer;
import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup list and prune on real backups of a generated cluster, saved at three revisions, beside a
 * file that is not a backup (named like one), a damaged backup, and a SQL store migrated from the
 * newest; prune's refusal to delete the last backup before the cut-over check passes, and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupHousekeepingIT {
    EtcdServer server;
    EtcdKeyValueSink writer;
    GeneratedCluster generated;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        server = EtcdServer.start();
        writer = new EtcdKeyValueSink(server.endpoint());
        generated = ClusterGenerator.generate(ClusterGenerator.Options.small(17).withElectionLease(3600), writer);
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

    Session etcdSession() {
        Session s = new Session();
        s.useEtcd(server.connect());
        return s;
    }

    /** Three backups at three revisions (a key written between them), a look-alike, a damaged copy; returns the backups oldest first. */
    List<Path> backups(Path in) throws Exception {
        Files.createDirectories(in);
        Path[] files = {in.resolve("one.rwshbak"), in.resolve("two.bak"), in.resolve("three")};
        for (int i = 0; i < files.length; i++) {
            try (Session s = etcdSession()) {
                BackupSaveCommand.run(s, files[i], null, false, "test", BackupProgress.NONE);
            }
            writer.client().getKVClient().put(ByteSequence.from("rwsh-test/tick", StandardCharsets.US_ASCII),
                    ByteSequence.from(String.valueOf(i), StandardCharsets.US_ASCII)).get(10, TimeUnit.SECONDS);
        }
        Files.writeString(in.resolve("notes.rwshbak"), "not a backup, whatever its name\n");
        Path damaged = in.resolve("damaged.rwshbak");
        Files.copy(files[0], damaged);
        try (var ch = Files.newByteChannel(damaged, StandardOpenOption.WRITE)) {
            ch.position(Files.size(damaged) / 2);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x55, 0x55, 0x55, 0x55}));
        }
        return List.of(files);
    }

    static Entry entry(ListResult r, Path file) {
        return r.backups().stream().filter(e -> e.file().equals(file.toString())).findFirst().orElseThrow(() -> new AssertionError(file + " in " + r));
    }

    String migrateAtTheCurrentRevision(String name) {
        String url = "sqlite://" + dir.resolve(name) + "?mode=rwc";
        try (SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(url)); var etcd = server.connect()) {
            MigrateCommand.run(EtcdSnapshot.open(etcd), "etcd " + server.endpoint(), sql, new MigrateCommand.Options(true, false, null),
                    MigrationListener.NONE);
        }
        return url;
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void listShowsEachBackupByItsMagicVerifiedAndMatchedWithTheConnectedStore() throws Exception {
        Path in = dir.resolve("list");
        List<Path> files = backups(in);
        // the store is migrated at the revision of a new backup saved now
        Path newest = in.resolve("newest.rwshbak");
        try (Session s = etcdSession()) {
            BackupSaveCommand.run(s, newest, null, false, "test", BackupProgress.NONE);
        }
        String url = migrateAtTheCurrentRevision("list.db");
        ListResult r;
        try (Session s = etcdSession()) {
            s.useSql(SqlConnector.connect(SqlEndpoint.parse(url)));
            r = BackupListCommand.run(in, s);
        }
        assertEquals(5, r.backups().size(), r.toString());
        assertEquals(List.of("notes.rwshbak"), r.otherFiles());
        assertEquals(newest.toString(), r.backups().get(0).file(), "newest first: " + r.backups());
        Entry n = entry(r, newest);
        assertTrue(n.verified());
        assertEquals(Boolean.TRUE, n.migratedToConnectedStore());
        assertEquals(generated.clusterId(), n.clusterId());
        assertEquals(Files.size(newest), n.bytes());
        try (BackupFile f = BackupFile.open(newest, false)) {
            assertEquals(f.header().revision(), n.revision());
            assertEquals(f.summary().keyCount(), n.keys());
            assertEquals(f.header().createdAt(), n.takenAt());
        }
        for (Path p : files) {
            Entry e = entry(r, p);
            assertTrue(e.verified(), e.toString());
            assertEquals(Boolean.FALSE, e.migratedToConnectedStore(), e.toString());
        }
        assertTrue(entry(r, files.get(0)).revision() < entry(r, files.get(1)).revision());
        Entry damaged = entry(r, in.resolve("damaged.rwshbak"));
        assertFalse(damaged.verified());
        assertTrue(damaged.problem() != null && !damaged.problem().isEmpty(), damaged.toString());
        // without a SQL connection the column says so
        try (Session s = etcdSession()) {
            assertNull(entry(BackupListCommand.run(in, s), newest).migratedToConnectedStore());
        }
    }

    @Test
    void pruneKeepsTheNewestPerClusterAndNeverTouchesOtherFilesOrDamagedBackups() throws Exception {
        Path in = dir.resolve("keep");
        List<Path> files = backups(in);
        try (Session s = etcdSession()) {
            PrunePlan plan = BackupPruneCommand.plan(in, s, 1, null, Instant.now());
            assertEquals(List.of(files.get(1).toString(), files.get(0).toString()), plan.delete().stream().map(Entry::file).toList(), plan.toString());
            PruneResult r = BackupPruneCommand.run(plan);
            assertEquals(2, r.deleted().size());
        }
        assertFalse(Files.exists(files.get(0)));
        assertFalse(Files.exists(files.get(1)));
        assertTrue(Files.exists(files.get(2)));
        assertTrue(Files.exists(in.resolve("notes.rwshbak")));
        assertTrue(Files.exists(in.resolve("damaged.rwshbak")));
    }

    @Test
    void theLastBackupOfAClusterStaysUntilTheCutOverCheckPasses() throws Exception {
        Path in = dir.resolve("last");
        List<Path> files = backups(in);
        String url = migrateAtTheCurrentRevision("last.db");
        try (Session s = etcdSession()) {
            s.useSql(SqlConnector.connect(SqlEndpoint.parse(url)));
            // --older-than: every backup is old a day from now; the newest stays, and prune says why
            PrunePlan plan = BackupPruneCommand.plan(in, s, null, Duration.ofHours(1), Instant.now().plus(Duration.ofDays(1)));
            assertEquals(2, plan.delete().size(), plan.toString());
            BackupPruneCommand.Kept kept = plan.kept().stream().filter(k -> k.file().equals(files.get(2).toString())).findFirst().orElseThrow();
            assertTrue(kept.why().startsWith("the only backup left of cluster " + generated.clusterId() + ", and the cut-over check has not passed")
                    && kept.why().contains("not yet: no meta node has started on it"), kept.why());
            assertEquals(ExitStatus.OK, BackupPruneCommand.run(plan).exitStatus());
            assertTrue(Files.exists(files.get(2)));

            // a meta node starts on the store: cutover passes, and the last backup may go
            s.sql().get().withDialect("advance", (c, d) -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO hummock_version_delta (id, prev_id, max_committed_epoch, safe_epoch, trivial_move) "
                            + "SELECT MAX(id) + 1, MAX(id), MAX(max_committed_epoch), MAX(safe_epoch), 0 FROM hummock_version_delta");
                }
                return null;
            });
            PrunePlan after = BackupPruneCommand.plan(in, s, 0, null, Instant.now());
            assertEquals(List.of(files.get(2).toString()), after.delete().stream().map(Entry::file).toList(), after.toString());
            BackupPruneCommand.run(after);
            assertFalse(Files.exists(files.get(2)));
            assertTrue(Files.exists(in.resolve("notes.rwshbak")));
        }
    }

    @Test
    void ageAndRuleParsing() {
        assertEquals(Duration.ofDays(30), BackupPruneCommand.parseAge("30d"));
        assertEquals(Duration.ofDays(14), BackupPruneCommand.parseAge("2w"));
        assertEquals(Duration.ofMinutes(90), BackupPruneCommand.parseAge("90m"));
        assertEquals(Duration.ofHours(12), BackupPruneCommand.parseAge("PT12H"));
        assertEquals(ExitStatus.USAGE, assertThrows(RwshException.class, () -> BackupPruneCommand.parseAge("soon")).status());
        try (Session s = new Session()) {
            assertEquals(ExitStatus.USAGE, assertThrows(RwshException.class, () -> BackupPruneCommand.plan(dir, s, null, null, Instant.now())).status());
            assertEquals(ExitStatus.USAGE, assertThrows(RwshException.class, () -> BackupPruneCommand.plan(dir, s, 1, Duration.ofDays(1),
                    Instant.now())).status());
        }
    }
}
