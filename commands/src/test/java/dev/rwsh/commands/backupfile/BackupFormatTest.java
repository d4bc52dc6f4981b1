package dev.rwsh.commands.backupfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.backup.BackupVerifyCommand;
import dev.rwsh.commands.etcd.ColumnFamilies;
import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.commands.etcd.Keyspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup format without etcd: round trips, random access, damage detection, file handling. */
class BackupFormatTest {
    @TempDir
    Path dir;

    static BackupHeader header(long revision) {
        return new BackupHeader(1, "keys", "2026-01-01T00:00:00Z", "abc", "def", "127.0.0.1:2379", "uuid", revision, "", "deflate", "test");
    }

    /** Keys in byte order with values of every size class, binary bytes and an empty key suffix. */
    static TreeMap<byte[], byte[]> sample(int n) {
        TreeMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            byte[] key = String.format("cf/catalog_table/%06d", i).getBytes(StandardCharsets.US_ASCII);
            byte[] value = new byte[random.nextInt(600)];
            random.nextBytes(value);
            Arrays.fill(value, 0, value.length / 2, (byte) 'x'); // half compressible
            map.put(key, value);
        }
        map.put("cf/catalog_database/".getBytes(StandardCharsets.US_ASCII), new byte[0]);
        map.put(new byte[] {'c', 'f', '/', 'w', '/', 0x08, (byte) 0xff, 0x00, '/'}, new byte[] {1, 2, 3});
        map.put("cf/cluster_id".getBytes(StandardCharsets.US_ASCII), "uuid".getBytes(StandardCharsets.US_ASCII));
        map.put("default/table_id_next_generator".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 0, 0, 0, 0, 0, 7, (byte) 0xd1});
        byte[] big = new byte[1_300_000];
        random.nextBytes(big);
        map.put("cf/table_fragments/\u0008\u0001".getBytes(StandardCharsets.ISO_8859_1), big);
        map.put(new byte[] {(byte) 0xff, (byte) 0xff}, "last".getBytes(StandardCharsets.US_ASCII));
        return map;
    }

    Path write(String name, TreeMap<byte[], byte[]> data) {
        Path file = dir.resolve(name);
        try (BackupWriter w = BackupWriter.create(file, false, header(42), 6)) {
            long i = 1;
            for (var e : data.entrySet()) {
                w.add(e.getKey(), e.getValue(), i, i + 1, 1, i % 5 == 0 ? 0x1234 : 0);
                i++;
            }
            w.finish();
        }
        return file;
    }

    @Test
    void sequentialReadReturnsEveryRecordAndChecksTheTrailer() throws Exception {
        TreeMap<byte[], byte[]> data = sample(5_000);
        Path file = write("a.rwshbak", data);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (BackupReader r = BackupReader.open(file)) {
            assertEquals(42, r.header().revision());
            var it = data.entrySet().iterator();
            for (KeyValueEntry e = r.next(); e != null; e = r.next()) {
                var expected = it.next();
                assertArrayEquals(expected.getKey(), e.key());
                assertArrayEquals(expected.getValue(), e.value());
            }
            assertFalse(it.hasNext());
            BackupSummary s = r.finish();
            assertEquals(data.size(), s.keyCount());
            assertTrue(s.blockCount() > 3, "several blocks: " + s.blockCount());
        }
        assertTrue(BackupVerifyCommand.run(file, BackupProgress.NONE).ok());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void randomAccessKeyspaceAnswersGetCountAndScan() {
        TreeMap<byte[], byte[]> data = sample(5_000);
        Path file = write("b.rwshbak", data);
        try (BackupFile backup = BackupFile.open(file, true)) {
            Keyspace ks = backup.keyspace();
            assertEquals(42, ks.revision());
            for (byte[] key : List.of(data.firstKey(), data.lastKey(), "cf/catalog_table/004321".getBytes(StandardCharsets.US_ASCII),
                    "cf/catalog_database/".getBytes(StandardCharsets.US_ASCII))) {
                assertArrayEquals(data.get(key), ks.get(key).orElseThrow().value());
            }
            assertTrue(ks.get("cf/catalog_table/0043210".getBytes(StandardCharsets.US_ASCII)).isEmpty());
            assertTrue(ks.get(new byte[] {0}).isEmpty());
            assertTrue(ks.get(new byte[] {(byte) 0xff, (byte) 0xff, 0}).isEmpty());
            for (String prefix : List.of("", "cf/", "cf/catalog_table/", "cf/catalog_table/0012", "cf/catalog_table/00499", "cf/w/", "zz", "\u00ff")) {
                byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
                List<byte[]> expected = data.keySet().stream().filter(k -> BackupFile.startsWith(k, p)).toList();
                assertEquals(expected.size(), ks.count(p), "count " + prefix);
                List<byte[]> seen = new ArrayList<>();
                ks.scan(p, true, e -> seen.add(e.key()));
                assertEquals(expected.size(), seen.size(), "scan " + prefix);
                for (int i = 0; i < seen.size(); i++) {
                    assertArrayEquals(expected.get(i), seen.get(i));
                }
            }
            int[] n = {0};
            ks.scan(new byte[0], false, e -> ++n[0] < 10);
            assertEquals(10, n[0]);
        }
    }

    @Test
    void damageIsFoundAndLocated() throws Exception {
        Path file = write("c.rwshbak", sample(3_000));
        byte[] good = Files.readAllBytes(file);

        Path truncated = dir.resolve("truncated.rwshbak");
        Files.write(truncated, Arrays.copyOf(good, good.length / 2));
        var t = BackupVerifyCommand.run(truncated, BackupProgress.NONE);
        assertFalse(t.ok());
        assertEquals(ExitStatus.CHECK_FAILED, t.exitStatus());
        assertTrue(t.problem().contains("truncated"), t.problem());
        assertTrue(t.offset() > 0);

        Path flipped = dir.resolve("flipped.rwshbak");
        byte[] f = good.clone();
        f[good.length / 3] ^= 0x10;
        Files.write(flipped, f);
        var fl = BackupVerifyCommand.run(flipped, BackupProgress.NONE);
        assertFalse(fl.ok());
        assertTrue(fl.problem().matches(".*block \\d+ at byte \\d+.*"), fl.problem());

        Path wrongSum = dir.resolve("wrongsum.rwshbak");
        byte[] w = good.clone();
        w[good.length - 8 - 5] ^= 0x01; // inside the stored SHA-256
        Files.write(wrongSum, w);
        var ws = BackupVerifyCommand.run(wrongSum, BackupProgress.NONE);
        assertFalse(ws.ok());
        assertTrue(ws.problem().contains("SHA-256 mismatch"), ws.problem());
        BackupCorruptException e = assertThrows(BackupCorruptException.class, () -> BackupFile.open(wrongSum, true));
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());

        Path notBackup = dir.resolve("text.txt");
        Files.writeString(notBackup, "hello, this is not a backup at all, just some text that is long enough to matter here....");
        var nb = BackupVerifyCommand.run(notBackup, BackupProgress.NONE);
        assertFalse(nb.ok());
        assertTrue(nb.problem().contains("not an rwsh backup"), nb.problem());
    }

    @Test
    void aBlockAnnouncingMoreThanTheCapIsRefusedBeforeItIsInflated() throws Exception {
        TreeMap<byte[], byte[]> small = new TreeMap<>(Arrays::compareUnsigned);
        small.put("k/1".getBytes(StandardCharsets.US_ASCII), new byte[1000]);
        byte[] good = Files.readAllBytes(write("cap.rwshbak", small));
        int headerLength = java.nio.ByteBuffer.wrap(good, 12, 4).getInt();
        int block = 16 + headerLength + 4;
        assertEquals(BackupFormat.BLOCK_TAG, good[block]);
        byte[] bad = good.clone();
        // uncompressed length: 1 GiB, far above the largest block (256 KiB of records plus one 256 MiB value)
        java.nio.ByteBuffer.wrap(bad, block + 6, 4).putInt(1 << 30);
        Path file = dir.resolve("bomb.rwshbak");
        Files.write(file, bad);
        var verified = BackupVerifyCommand.run(file, BackupProgress.NONE);
        assertFalse(verified.ok());
        assertTrue(verified.problem().contains("its header is inconsistent") && verified.problem().contains("1073741824 bytes"), verified.problem());
        try (BackupFile backup = BackupFile.open(file, false)) {
            BackupCorruptException e = assertThrows(BackupCorruptException.class, () -> backup.keyspace().get("k/1".getBytes(StandardCharsets.US_ASCII)));
            assertTrue(e.getMessage().contains("its header does not match the index"), e.getMessage());
        }
    }

    @Test
    void everySingleFlippedByteIsNoticed() throws Exception {
        TreeMap<byte[], byte[]> small = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < 50; i++) {
            small.put(("k/" + i).getBytes(StandardCharsets.US_ASCII), ("v" + i).getBytes(StandardCharsets.US_ASCII));
        }
        Path file = write("d.rwshbak", small);
        byte[] good = Files.readAllBytes(file);
        Path bad = dir.resolve("bad.rwshbak");
        for (int i = 0; i < good.length; i++) {
            byte[] b = good.clone();
            b[i] ^= 0x04;
            Files.write(bad, b);
            assertFalse(BackupVerifyCommand.run(bad, BackupProgress.NONE).ok(), "byte " + i + " of " + good.length);
        }
    }

    @Test
    void anExistingFileIsKeptUnlessForcedAndAnAbortedWriteLeavesNothing() throws Exception {
        Path file = dir.resolve("e.rwshbak");
        Files.writeString(file, "precious");
        var e = assertThrows(dev.rwsh.commands.RwshException.class, () -> BackupWriter.create(file, false, header(1), 6));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        try (BackupWriter w = BackupWriter.create(file, true, header(1), 6)) {
            w.add(new byte[] {1}, new byte[] {2}, 1, 1, 1, 0);
            // closed without finish: abandoned
        }
        assertEquals("precious", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void columnFamiliesFollowTheEtcdLayout() {
        assertEquals("cf/catalog_table/", ColumnFamilies.familyOf(new byte[] {'c', 'f', '/', 'c', 'a', 't', 'a', 'l', 'o', 'g', '_', 't', 'a', 'b', 'l', 'e', '/', 8, '/', 1}));
        assertEquals("cf/catalog_database/", ColumnFamilies.familyOf("cf/catalog_database/".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("cf/cluster_id", ColumnFamilies.familyOf("cf/cluster_id".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("cf/system_params/", ColumnFamilies.familyOf("cf/system_params/barrier_interval_ms".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("default/", ColumnFamilies.familyOf("default/table_revision".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("__meta_election_/", ColumnFamilies.familyOf("__meta_election_/694d".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ColumnFamilies.NO_FAMILY, ColumnFamilies.familyOf("plain".getBytes(StandardCharsets.US_ASCII)));
    }
}
