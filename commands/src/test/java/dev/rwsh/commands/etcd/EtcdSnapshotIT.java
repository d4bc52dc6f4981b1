package dev.rwsh.commands.etcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.testsupport.EtcdServer;
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
    void firstPageOfLargeValuesIsBoundedByBytes() throws Exception {
        // 40 values of 1 MB in a private etcd: the old first page (1,000 keys whatever their size)
        // asked for all 40 MB at once; with megabyte values at scale that passed the timeout.
        int values = 40;
        int size = 1_000_000;
        try (EtcdServer etcd = EtcdServer.startWith("--max-request-bytes=2097152", "--quota-backend-bytes=4294967296");
                EtcdTestData big = new EtcdTestData(etcd.endpoint());
                EtcdConnection c = EtcdConnector.connect(new EtcdConnectOptions(EtcdEndpoints.parse(etcd.endpoint(), false), null, null, null))) {
            byte[] value = new byte[size];
            for (int i = 0; i < values; i++) {
                Arrays.fill(value, (byte) i);
                big.put(big.key(String.format("v/%02d", i)), value);
            }
            EtcdSnapshot snapshot = EtcdSnapshot.open(c);
            big.put(big.key("v/05"), new byte[] {1}); // after the snapshot was pinned: not seen
            big.put(big.key("v/99"), new byte[] {1});
            List<EtcdSnapshot.Page> pages = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            long[] bytes = {0};
            snapshot.onPage(pages::add).scan(big.key("v/"), false, e -> {
                keys.add(new String(e.key(), StandardCharsets.UTF_8));
                assertEquals(size, e.value().length, "value of " + keys.get(keys.size() - 1) + " as it was at the pinned revision");
                assertEquals((byte) (keys.size() - 1), e.value()[size - 1]);
                assertTrue(e.modRevision() <= snapshot.revision());
                bytes[0] += e.value().length;
                return true;
            });
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < values; i++) {
                expected.add(big.prefix() + String.format("v/%02d", i));
            }
            assertEquals(expected, keys, "every key once, in key order");
            assertEquals((long) values * size, bytes[0]);
            assertTrue(pages.size() > 1, "several pages: " + pages);
            for (EtcdSnapshot.Page page : pages) {
                assertEquals(snapshot.revision(), page.revision(), "every page at the pinned revision");
                assertTrue(page.bytes() <= EtcdSnapshot.TARGET_PAGE_BYTES + page.maxEntryBytes(),
                        "page over the byte target by more than one value: " + page + " of " + pages);
            }
            assertTrue(pages.get(0).bytes() < EtcdSnapshot.TARGET_PAGE_BYTES, "the first page is small: " + pages.get(0));
            assertEquals(values, pages.stream().mapToInt(EtcdSnapshot.Page::keys).sum());
        }
    }

    @Test
    void pagesGrowTowardTheByteTargetAndShrinkAfterALargePage() {
        // small values: grows geometrically up to the key cap
        assertEquals(EtcdSnapshot.FIRST_PAGE_KEYS * EtcdSnapshot.PAGE_GROWTH,
                EtcdSnapshot.nextPageKeys(EtcdSnapshot.FIRST_PAGE_KEYS, EtcdSnapshot.FIRST_PAGE_KEYS, 400));
        assertEquals(EtcdSnapshot.MAX_PAGE_KEYS, EtcdSnapshot.nextPageKeys(EtcdSnapshot.MAX_PAGE_KEYS, 100, 10_000));
        // 1 MB values: 8 a page
        assertEquals(8, EtcdSnapshot.nextPageKeys(64, 4, 4_000_000));
        // a page of 1,000 keys that came back with 100 MB: the next asks for 83
        assertEquals(83, EtcdSnapshot.nextPageKeys(1_000, 1_000, 100_000_000));
        // a value larger than the target: one key a page
        assertEquals(1, EtcdSnapshot.nextPageKeys(8, 1, 20_000_000));
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
