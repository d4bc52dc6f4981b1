package dev.rwsh.commands.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backupfile.BackupFile;
import dev.rwsh.commands.backupfile.BackupProgress;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.TestServices;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup save, verify, inspect and restore against real etcd servers: private ones per test
 * (started from RWSH_TEST_ETCD_BIN), so restores never touch another test's data.
 */
class BackupIT {
    static final String CLUSTER_ID = "1f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
    /** The source: a RisingWave-like keyspace with binary keys, empty keys and values, a >1 MiB value and a leased key. */
    static EtcdServer source;
    static byte[] bigValue;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSource() throws Exception {
        source = EtcdServer.startWith("--max-request-bytes=4194304");
        Random random = new Random(11);
        bigValue = new byte[1_200_000];
        random.nextBytes(bigValue);
        try (Client c = client(source)) {
            put(c, "cf/cluster_id", CLUSTER_ID.getBytes(StandardCharsets.US_ASCII));
            put(c, "cf/catalog_database/", new byte[] {0x08, 0x00, 0x12, 0x03, 'd', 'e', 'v'});
            for (int i = 0; i < 3_000; i++) {
                byte[] value = new byte[300];
                random.nextBytes(value);
                Arrays.fill(value, 0, 150, (byte) 'a');
                put(c, bytes("cf/catalog_table/", 0x08, 0x80 | (i & 0x7f), i >> 7), value);
            }
            put(c, bytes("cf/worker/", 0x0a, 0x09, '1', '2', '7', '.', '0', '.', '0', '.', '1', 0x10, 0xb8, 0x2c), new byte[] {(byte) 0xff, 0, 1});
            put(c, "cf/table_fragments/\u0008\u0001", bigValue);
            put(c, "cf/system_params/barrier_interval_ms", "1000".getBytes(StandardCharsets.US_ASCII));
            put(c, "default/table_id_next_generator", new byte[] {0, 0, 0, 0, 0, 0, 7, (byte) 0xd1});
            put(c, "default/empty", new byte[0]);
            long lease = c.getLeaseClient().grant(600).get(10, TimeUnit.SECONDS).getID();
            c.getKVClient().put(ByteSequence.from("__meta_election_/1", StandardCharsets.US_ASCII),
                    ByteSequence.from("127.0.0.1:5690", StandardCharsets.US_ASCII), PutOption.builder().withLeaseId(lease).build())
                    .get(10, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopSource() throws Exception {
        source.close();
    }

    static Client client(EtcdServer server) {
        return Client.builder().endpoints("http://" + server.endpoint()).maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    static byte[] bytes(String text, int... more) {
        byte[] head = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(head, head.length + more.length);
        for (int i = 0; i < more.length; i++) {
            out[head.length + i] = (byte) more[i];
        }
        return out;
    }

    static void put(Client c, String key, byte[] value) throws Exception {
        put(c, key.getBytes(StandardCharsets.ISO_8859_1), value);
    }

    static void put(Client c, byte[] key, byte[] value) throws Exception {
        c.getKVClient().put(ByteSequence.from(key), ByteSequence.from(value)).get(10, TimeUnit.SECONDS);
    }

    static Session session(EtcdServer server) {
        Session s = new Session();
        s.useEtcd(server.connect());
        return s;
    }

    /** Every key and value of a keyspace, in order. */
    static List<KeyValueEntry> all(Keyspace keyspace) {
        List<KeyValueEntry> out = new ArrayList<>();
        keyspace.scan(new byte[0], false, out::add);
        return out;
    }

    static void assertSameKeysAndValues(List<KeyValueEntry> expected, List<KeyValueEntry> actual) {
        assertEquals(expected.size(), actual.size(), "key count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).key(), actual.get(i).key(), "key " + i);
            assertArrayEquals(expected.get(i).value(), actual.get(i).value(), "value of key " + i);
        }
    }

    Path save(String name) {
        Path file = dir.resolve(name);
        try (Session s = session(source)) {
            BackupSaveCommand.run(s, file, "", false, "test", BackupProgress.NONE);
        }
        return file;
    }

    @Test
    void saveVerifyRestoreGivesTheSameKeysAndValues() throws Exception {
        Path file = dir.resolve("full.rwshbak");
        List<KeyValueEntry> original;
        BackupSaveCommand.SaveResult saved;
        try (Session s = session(source)) {
            saved = BackupSaveCommand.run(s, file, null, false, "test", BackupProgress.NONE);
            original = all(EtcdSnapshot.at(s.requireEtcd(), saved.revision()));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(original.size(), saved.keys());
        assertEquals(CLUSTER_ID, saved.rwClusterId());

        var verified = BackupVerifyCommand.run(file, BackupProgress.NONE);
        assertTrue(verified.ok(), String.valueOf(verified.problem()));
        assertEquals(saved.revision(), verified.revision());
        assertEquals(original.size(), verified.keys());

        var inspected = BackupInspectCommand.run(file, BackupProgress.NONE);
        assertEquals(CLUSTER_ID, inspected.rwClusterId());
        assertEquals(saved.etcdClusterId(), inspected.etcdClusterId());
        assertEquals(1, inspected.keysWithLease());
        assertEquals(3_000, family(inspected, "cf/catalog_table/").keys());
        assertEquals(1, family(inspected, "cf/cluster_id").keys());
        assertEquals(2, family(inspected, "default/").keys());
        assertEquals(1, family(inspected, "cf/table_fragments/").keys());
        assertTrue(family(inspected, "cf/table_fragments/").bytes() > 1_200_000);

        try (EtcdServer target = EtcdServer.start(); Session t = session(target)) {
            var plan = BackupRestoreCommand.plan(t, file, false, null, BackupProgress.NONE);
            assertEquals(0, plan.targetKeys());
            var restored = BackupRestoreCommand.execute(plan, BackupProgress.NONE);
            assertEquals(original.size(), restored.keysWritten());
            assertEquals(0, restored.keysDeleted());
            assertEquals(1, restored.keysWithLease());
            assertTrue(restored.transactions() >= original.size() / 128, "batches of at most 128: " + restored.transactions());
            assertSameKeysAndValues(original, all(t.openKeyspace()));
        }
    }

    static BackupInspectCommand.Family family(BackupInspectCommand.InspectResult r, String name) {
        return r.families().stream().filter(f -> f.family().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + r.families()));
    }

    @Test
    void damagedFilesAreRefusedSayingWhereAndNothingIsRestoredFromThem() throws Exception {
        Path file = save("good.rwshbak");
        byte[] good = Files.readAllBytes(file);

        Path truncated = dir.resolve("truncated.rwshbak");
        Files.write(truncated, Arrays.copyOf(good, good.length - 1000));
        var t = BackupVerifyCommand.run(truncated, BackupProgress.NONE);
        assertFalse(t.ok());
        assertTrue(t.problem().contains("truncated"), t.problem());

        Path flipped = dir.resolve("flipped.rwshbak");
        byte[] f = good.clone();
        f[good.length / 4] ^= 0x01;
        Files.write(flipped, f);
        var fl = BackupVerifyCommand.run(flipped, BackupProgress.NONE);
        assertFalse(fl.ok());
        assertTrue(fl.problem().matches(".*block \\d+ at byte \\d+ \\(records from \\d+\\).*"), fl.problem());

        Path wrongSum = dir.resolve("wrongsum.rwshbak");
        byte[] w = good.clone();
        w[good.length - 20] ^= 0x01;
        Files.write(wrongSum, w);
        var ws = BackupVerifyCommand.run(wrongSum, BackupProgress.NONE);
        assertFalse(ws.ok());
        assertTrue(ws.problem().contains("SHA-256 mismatch"), ws.problem());

        try (EtcdServer target = EtcdServer.start(); Session s = session(target)) {
            for (Path bad : List.of(truncated, flipped, wrongSum)) {
                RwshException e = assertThrows(RwshException.class, () -> BackupRestoreCommand.plan(s, bad, true, null, BackupProgress.NONE));
                assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
                RwshException c = assertThrows(RwshException.class, () -> BackupFile.open(bad, true));
                assertTrue(c.getMessage().contains("is damaged"), c.getMessage());
            }
            assertEquals(0, s.openKeyspace().count(new byte[0]));
        }
    }

    @Test
    void aNonEmptyTargetNeedsForceAndForceMakesItEqualToTheBackup() throws Exception {
        Path file = dir.resolve("cf.rwshbak");
        List<KeyValueEntry> original;
        try (Session s = session(source)) {
            var saved = BackupSaveCommand.run(s, file, "cf/catalog_", false, "test", BackupProgress.NONE);
            original = new ArrayList<>();
            EtcdSnapshot.at(s.requireEtcd(), saved.revision()).scan("cf/catalog_".getBytes(StandardCharsets.US_ASCII), false, original::add);
        }
        try (EtcdServer target = EtcdServer.start(); Session s = session(target); Client c = client(target)) {
            put(c, "cf/catalog_table/\u0008\u0080\u0000", "changed".getBytes(StandardCharsets.US_ASCII)); // in the backup, other value
            put(c, "cf/catalog_table/\u0008\u00ff\u00ff\u0003", "extra".getBytes(StandardCharsets.US_ASCII)); // not in the backup
            put(c, "cf/catalog_view/", "extra".getBytes(StandardCharsets.US_ASCII)); // not in the backup
            put(c, "cf/catalog_", "extra".getBytes(StandardCharsets.US_ASCII)); // the prefix itself
            put(c, "cf/cluster_id", "outside the prefix".getBytes(StandardCharsets.US_ASCII));
            put(c, "other/key", "outside the prefix".getBytes(StandardCharsets.US_ASCII));

            RwshException refused = assertThrows(RwshException.class, () -> BackupRestoreCommand.plan(s, file, false, null, BackupProgress.NONE));
            assertTrue(refused.getMessage().contains("already has 4 keys under cf/catalog_"), refused.getMessage());
            assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
            assertEquals(6, s.openKeyspace().count(new byte[0]));

            var plan = BackupRestoreCommand.plan(s, file, true, null, BackupProgress.NONE);
            assertEquals(4, plan.targetKeys());
            var result = BackupRestoreCommand.execute(plan, BackupProgress.NONE);
            assertEquals(3, result.keysDeleted());
            assertEquals(original.size(), result.keysWritten());
            List<KeyValueEntry> restored = new ArrayList<>();
            s.openKeyspace().scan("cf/catalog_".getBytes(StandardCharsets.US_ASCII), false, restored::add);
            assertSameKeysAndValues(original, restored);
            assertEquals("outside the prefix", new String(s.openKeyspace().get("cf/cluster_id".getBytes(StandardCharsets.US_ASCII)).orElseThrow().value(), StandardCharsets.US_ASCII));
            assertEquals(original.size() + 2, s.openKeyspace().count(new byte[0]));
        }
    }

    @Test
    void aValueOverTheTargetsRequestLimitIsNamedBeforeAnythingIsWritten() throws Exception {
        byte[] twoMb = new byte[2_000_000];
        new Random(3).nextBytes(twoMb);
        Path file = dir.resolve("big.rwshbak");
        try (EtcdServer src = EtcdServer.startWith("--max-request-bytes=4194304"); Client c = client(src); Session s = session(src)) {
            put(c, "a/first", "small".getBytes(StandardCharsets.US_ASCII));
            put(c, "cf/table_fragments/\u0008\u0007", twoMb);
            BackupSaveCommand.run(s, file, "", false, "test", BackupProgress.NONE);
        }
        // A target with etcd's default limit (1.5 MiB).
        try (EtcdServer target = EtcdServer.start(); Session s = session(target)) {
            RwshException e = assertThrows(RwshException.class, () -> BackupRestoreCommand.plan(s, file, false, null, BackupProgress.NONE));
            assertTrue(e.getMessage().startsWith("key cf/table_fragments/\\x08\\x07 has a 2000000-byte value"), e.getMessage());
            assertTrue(e.getMessage().contains("request limit of 1572864 bytes"), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was written"), e.getMessage());
            assertEquals(0, s.openKeyspace().count(new byte[0]));
        }
        // A target started with a lower limit than etcd's default: found by probing, named before writing.
        Path file2 = dir.resolve("big2.rwshbak");
        try (EtcdServer src = EtcdServer.startWith("--max-request-bytes=4194304"); Client c = client(src); Session s = session(src)) {
            put(c, "a/first", "small".getBytes(StandardCharsets.US_ASCII));
            put(c, "cf/table_fragments/\u0008\u0008", Arrays.copyOf(twoMb, 1_200_000));
            BackupSaveCommand.run(s, file2, "", false, "test", BackupProgress.NONE);
        }
        try (EtcdServer target = EtcdServer.startWith("--max-request-bytes=1048576"); Session s = session(target)) {
            RwshException e = assertThrows(RwshException.class, () -> BackupRestoreCommand.plan(s, file2, false, null, BackupProgress.NONE));
            assertTrue(e.getMessage().startsWith("key cf/table_fragments/\\x08\\x08 has a 1200000-byte value"), e.getMessage());
            assertTrue(e.getMessage().matches(".*request limit of 104\\d{4} bytes \\(the target refused.*"), e.getMessage());
            long revision = EtcdSnapshot.open(s.requireEtcd()).revision();
            assertEquals(0, s.openKeyspace().count(new byte[0]));
            assertEquals(revision, EtcdSnapshot.open(s.requireEtcd()).revision(), "the probes wrote nothing");
        }
        // A target that allows more, told so: restored whole.
        try (EtcdServer target = EtcdServer.startWith("--max-request-bytes=4194304"); Session s = session(target)) {
            var plan = BackupRestoreCommand.plan(s, file, false, new BackupRestoreCommand.Limits(4_194_304, 128), BackupProgress.NONE);
            BackupRestoreCommand.execute(plan, BackupProgress.NONE);
            assertArrayEquals(twoMb, s.openKeyspace().get(bytes("cf/table_fragments/", 8, 7)).orElseThrow().value());
        }
    }

    @Test
    void aBackupSourceIsReadOnly() throws Exception {
        Path file = save("ro.rwshbak");
        try (Session s = new Session()) {
            s.useBackup(BackupFile.open(file, true));
            RwshException e = assertThrows(RwshException.class, () -> BackupRestoreCommand.plan(s, file, true, null, BackupProgress.NONE));
            assertTrue(e.getMessage().contains("is the backup " + file + ", which is read-only"), e.getMessage());
            RwshException save = assertThrows(RwshException.class, () -> BackupSaveCommand.run(s, dir.resolve("x"), "", false, "t", BackupProgress.NONE));
            assertTrue(save.getMessage().contains("not a live etcd"), save.getMessage());
            var status = dev.rwsh.commands.connect.StatusCommand.run(s);
            assertNull(status.etcd());
            assertEquals(CLUSTER_ID, status.backup().rwClusterId());
            assertEquals(file.toString(), status.backup().file());
        }
    }

    /** Counts what a save read from etcd: a refused target must be refused before the first key. */
    static final class CountingProgress implements BackupProgress {
        long begun;
        long advanced;

        @Override
        public void begin(String task, long total, String unit) {
            begun++;
        }

        @Override
        public void advance(long units) {
            advanced += units;
        }

        @Override
        public void end() {
        }
    }

    @Test
    void saveOntoADirectoryIsRefusedBeforeAnyKeyIsRead() throws Exception {
        Path target = Files.createDirectories(dir.resolve("backups"));
        Files.writeString(target.resolve("keep.txt"), "kept");
        try (Session s = session(source)) {
            for (boolean force : new boolean[] {true, false}) {
                CountingProgress progress = new CountingProgress();
                RwshException e = assertThrows(RwshException.class, () -> BackupSaveCommand.run(s, target, "", force, "t", progress));
                assertTrue(e.getMessage().startsWith(target + " is a directory: name a file in it, for example "
                        + target.resolve("rw.rwshbak")), e.getMessage());
                assertEquals(0, progress.begun + progress.advanced, "nothing may be read before the target is checked");
                CountingProgress snapshotProgress = new CountingProgress();
                RwshException snap = assertThrows(RwshException.class, () -> BackupSaveCommand.runEtcdSnapshot(s, target, force, snapshotProgress));
                assertTrue(snap.getMessage().startsWith(target + " is a directory"), snap.getMessage());
                assertEquals(0, snapshotProgress.begun + snapshotProgress.advanced);
            }
            RwshException missingDir = assertThrows(RwshException.class,
                    () -> BackupSaveCommand.run(s, dir.resolve("no/such/dir/x.rwshbak"), "", true, "t", new CountingProgress()));
            assertTrue(missingDir.getMessage().contains("directory " + dir.resolve("no/such/dir") + " does not exist"), missingDir.getMessage());
        }
        try (var left = Files.list(dir)) {
            assertEquals(List.of("backups"), left.map(p -> p.getFileName().toString()).toList(), "no partial file is left");
        }
        assertEquals("kept", Files.readString(target.resolve("keep.txt")));
    }

    @Test
    void anEtcdSnapshotRestoresWithEtcdctlAndServesTheSameKeys() throws Exception {
        Path file = dir.resolve("etcd.snapshot.db");
        List<KeyValueEntry> original;
        try (Session s = session(source)) {
            var saved = BackupSaveCommand.runEtcdSnapshot(s, file, false, BackupProgress.NONE);
            assertTrue(saved.fileBytes() > 1_000_000);
            original = all(s.openKeyspace());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        var verify = BackupVerifyCommand.run(file, BackupProgress.NONE);
        assertTrue(verify.problem().contains("looks like an etcd snapshot"), verify.problem());

        int peer = EtcdServer.freePort();
        Path data = dir.resolve("restored");
        ProcessBuilder pb = new ProcessBuilder(TestServices.etcdctlBinary().toString(), "snapshot", "restore", file.toString(),
                "--data-dir", data.toString(), "--name", "t", "--initial-cluster", "t=http://127.0.0.1:" + peer,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer).redirectErrorStream(true);
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        try (EtcdServer restored = EtcdServer.startOn(data, peer); Session s = session(restored)) {
            List<KeyValueEntry> served = all(s.openKeyspace());
            // The leased election key goes when its lease does; everything else is there, byte for byte.
            assertSameKeysAndValues(original.stream().filter(e -> e.lease() == 0).toList(), served.stream().filter(e -> e.lease() == 0).toList());
        }
    }
}
