package dev.rwsh.commands.etcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.testsupport.EtcdTestData;
import dev.rwsh.commands.testsupport.TestServices;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paged, pinned reads against the real test etcd. */
class EtcdSnapshotIT {
    static EtcdTestData data;
    static EtcdConnection connection;
    static final int KEYS = 2_500; // more than two first-size pages

    @BeforeAll
    static void writeKeys() {
        data = new EtcdTestData(TestServices.etcd());
        for (int i = 0; i < KEYS; i++) {
            data.put(String.format("many/%05d", i), "v".repeat(100) + i);
        }
        connection = EtcdConnector.connect(new EtcdConnectOptions(EtcdEndpoints.parse(TestServices.etcd(), false), null, null, null));
    }

    @AfterAll
    static void cleanUp() {
        connection.close();
        data.close();
    }

    private byte[] prefix(String suffix) {
        return data.key(suffix);
    }

    @Test
    void scanReadsEveryKeyInOrderAcrossPages() {
        List<String> seen = new ArrayList<>();
        EtcdSnapshot.open(connection).scan(prefix("many/"), false, e -> {
            seen.add(new String(e.key(), StandardCharsets.UTF_8));
            return true;
        });
        assertEquals(KEYS, seen.size());
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(sorted, seen);
        assertTrue(seen.get(KEYS - 1).endsWith("many/02499"));
    }

    @Test
    void snapshotDoesNotSeeKeysWrittenAfterItWasOpened() {
        data.put("pinned/a", "before");
        data.put("pinned/b", "before");
        EtcdSnapshot snapshot = EtcdSnapshot.open(connection);
        data.put("pinned/c", "after");
        data.put("pinned/a", "changed after");
        long[] count = {0};
        snapshot.scan(prefix("pinned/"), false, e -> ++count[0] > 0);
        assertEquals(2, count[0]);
        assertEquals(2, snapshot.count(prefix("pinned/")));
        assertTrue(snapshot.get(prefix("pinned/c")).isEmpty());
        assertEquals("before", new String(snapshot.get(prefix("pinned/a")).orElseThrow().value(), StandardCharsets.UTF_8));
        assertEquals(3, EtcdSnapshot.open(connection).count(prefix("pinned/")));
    }

    @Test
    void scanStopsWhenTheSinkSaysSo() {
        List<byte[]> seen = new ArrayList<>();
        EtcdSnapshot.open(connection).scan(prefix("many/"), true, e -> {
            seen.add(e.key());
            return seen.size() < 7;
        });
        assertEquals(7, seen.size());
        assertTrue(seen.get(0) != null && seen.stream().allMatch(k -> k != null));
    }

    @Test
    void largeValuesArriveWholeAndShrinkThePages() {
        // Just under etcd's default 1.5 MiB request limit; twelve of them exceed one 8 MiB page.
        byte[] big = new byte[1_400_000];
        Arrays.fill(big, (byte) 7);
        for (int i = 0; i < 12; i++) {
            big[0] = (byte) i;
            data.put(prefix("big/" + i), big.clone());
        }
        long[] bytes = {0, 0};
        EtcdSnapshot.open(connection).scan(prefix("big/"), false, e -> {
            bytes[0] += e.value().length;
            bytes[1]++;
            return true;
        });
        assertEquals(12, bytes[1]);
        assertEquals(12L * big.length, bytes[0]);
    }

    @Test
    void binaryKeysRoundTripThroughTheirEscapedForm() {
        byte[] key = data.key("bin/");
        key = Arrays.copyOf(key, key.length + 4);
        key[key.length - 4] = 0x08;
        key[key.length - 3] = (byte) 0xff;
        key[key.length - 2] = 0x00;
        key[key.length - 1] = '/';
        data.put(key, new byte[] {1, 2, 3});
        String escaped = KeyText.escape(key);
        assertFalse(escaped.chars().anyMatch(c -> c < 0x20 || c >= 0x7f));
        KeyValueEntry entry = EtcdSnapshot.open(connection).get(KeyText.unescape(escaped)).orElseThrow();
        assertArrayEquals(new byte[] {1, 2, 3}, entry.value());
    }
}
