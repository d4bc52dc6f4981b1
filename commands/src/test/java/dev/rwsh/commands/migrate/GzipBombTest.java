package dev.rwsh.commands.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaDecoder;
import dev.rwsh.commands.meta.MetaEntry;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.meta.MetaValues;
import dev.rwsh.commands.testsupport.MemoryKeyspace;
import dev.rwsh.proto.meta.TableFragments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A compressed value that inflates far beyond anything RisingWave writes (a gzip bomb) is refused
 * at {@link MetaValues#MAX_INFLATED_BYTES}, naming its key and the cap, instead of being inflated
 * in full (1 GiB each; five of them exhausted the heap).
 */
class GzipBombTest {
    private static final long BOMB_BYTES = 320L << 20;

    /** A gzip value (RisingWave's header bytes) of a TableFragments with a 320 MiB unknown length-delimited field: valid protobuf all the way. */
    static byte[] bomb() throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(stored, 1 << 16)) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            CodedOutputStream coded = CodedOutputStream.newInstance(head);
            coded.writeUInt32NoTag((1000 << 3) | 2);
            coded.writeUInt64NoTag(BOMB_BYTES);
            coded.flush();
            gz.write(head.toByteArray());
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < BOMB_BYTES; written += zeros.length) {
                gz.write(zeros);
            }
        }
        return stored.toByteArray();
    }

    @Test
    void fiveBombsAreEachRefusedAtTheCapNamingTheirKey() throws Exception {
        byte[] bomb = bomb();
        assertTrue(MetaValues.isGzip(bomb));
        assertTrue(bomb.length < 2 << 20, "the bomb is small when stored: " + bomb.length);
        MemoryKeyspace keyspace = new MemoryKeyspace();
        for (int id = 1; id <= 5; id++) {
            keyspace.put(ColumnFamily.TABLE_FRAGMENTS.etcdKey(MetaKeys.encodeId(1000 + id)), bomb);
        }
        MigrationPlan plan = MigrationPlan.build(new MetaReader(keyspace), MigrationListener.NONE);
        List<String> refused = plan.errors().stream().filter(e -> e.contains("rwsh's cap for one value")).toList();
        assertEquals(5, refused.size(), plan.errors().toString());
        for (int id = 1; id <= 5; id++) {
            String key = "cf/table_fragments/" + (1000 + id) + ": ";
            assertTrue(refused.stream().anyMatch(e -> e.startsWith(key) && e.contains("inflates to more than "
                    + MetaValues.MAX_INFLATED_BYTES + " bytes (256 MiB)")), key + " in " + refused);
        }
    }

    @Test
    void aBombOfNoMessageAndDamagedGzipFailAsSuch() throws Exception {
        byte[] zeros = MetaValues.gzip(new byte[4 << 20]);
        MetaEntry notMessage = MetaDecoder.decode(ColumnFamily.TABLE_FRAGMENTS,
                new KeyValueEntry(ColumnFamily.TABLE_FRAGMENTS.etcdKey(MetaKeys.encodeId(7)), zeros, 1, 1, 1, 0));
        assertTrue(notMessage.error().startsWith("value is not a meta.TableFragments message (after gunzip)"), notMessage.error());
        byte[] damaged = zeros.clone();
        for (int i = 12; i < damaged.length - 8; i++) {
            damaged[i] = (byte) 0xff;
        }
        MetaEntry broken = MetaDecoder.decode(ColumnFamily.TABLE_FRAGMENTS,
                new KeyValueEntry(ColumnFamily.TABLE_FRAGMENTS.etcdKey(MetaKeys.encodeId(8)), damaged, 1, 1, 1, 0));
        assertTrue(broken.error().startsWith("value has a gzip header but does not inflate"), broken.error());
    }

    @Test
    void aLargeRealValueStillInflatesAndParses() throws Exception {
        TableFragments big = TableFragments.newBuilder().setTableId(42)
                .putFragments(1, TableFragments.Fragment.newBuilder().setFragmentId(1)
                        .addAllStateTableIds(java.util.Collections.nCopies(1_200_000, 7)).build())
                .build();
        byte[] protobuf = big.toByteArray();
        assertTrue(protobuf.length > MetaValues.COMPRESSION_THRESHOLD);
        MetaEntry e = MetaDecoder.decode(ColumnFamily.TABLE_FRAGMENTS,
                new KeyValueEntry(ColumnFamily.TABLE_FRAGMENTS.etcdKey(MetaKeys.encodeId(42)), MetaValues.encodeModel(protobuf), 1, 1, 1, 0));
        assertTrue(e.ok(), e.error());
        assertTrue(e.compressed());
        assertArrayEquals(protobuf, e.message().toByteArray());
    }
}
