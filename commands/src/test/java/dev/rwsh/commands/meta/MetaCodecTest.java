package dev.rwsh.commands.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.common.HostAddress;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.user.GrantPrivilege;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaCodecTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private static KeyValueEntry kv(byte[] key, byte[] value) {
        return new KeyValueEntry(key, value, 1, 1, 1, 0);
    }

    @Test
    void idKeysAreProtobufWrappersAndZeroIsEmpty() {
        assertArrayEquals(new byte[0], MetaKeys.encodeId(0));
        assertArrayEquals(hex("08 01"), MetaKeys.encodeId(1));
        assertArrayEquals(hex("08 2f"), MetaKeys.encodeId(47));
        assertArrayEquals(hex("08 80 01"), MetaKeys.encodeId(128));
        assertArrayEquals(hex("08 e9 07"), MetaKeys.encodeId(1001));
        assertArrayEquals(hex("08 ff ff ff ff 0f"), MetaKeys.encodeId(0xffffffffL));
        for (long id : List.of(0L, 1L, 47L, 127L, 128L, 129L, 1001L, 16384L, 0xffffffffL)) {
            assertEquals(id, MetaKeys.decodeId(MetaKeys.encodeId(id), 32));
        }
        assertEquals(Long.parseUnsignedLong("18446744073709551615"), MetaKeys.decodeId(MetaKeys.encodeId(-1L), 64));
    }

    @Test
    void malformedIdKeysAreRejectedWithTheReason() {
        assertTrue(assertThrows(MetaKeys.KeyFormatException.class, () -> MetaKeys.decodeId(hex("10 01"), 32)).getMessage().contains("tag"));
        assertTrue(assertThrows(MetaKeys.KeyFormatException.class, () -> MetaKeys.decodeId(hex("08 01 00"), 32)).getMessage().contains("after"));
        assertTrue(assertThrows(MetaKeys.KeyFormatException.class, () -> MetaKeys.decodeId(hex("08 80 80 80 80 10"), 32)).getMessage().contains("u32"));
        assertThrows(MetaKeys.KeyFormatException.class, () -> MetaKeys.decodeId(hex("08 80"), 32));
    }

    @Test
    void varintKeyOrderIsNotNumericOrder() {
        // etcd sorts keys as bytes: 256 (08 80 02) comes before 129 (08 81 01).
        assertTrue(MetaKeys.compare(MetaKeys.encodeId(256), MetaKeys.encodeId(129)) < 0);
        assertTrue(MetaKeys.compare(MetaKeys.encodeId(127), MetaKeys.encodeId(128)) < 0);
        assertTrue(MetaKeys.compare(MetaKeys.encodeId(0), MetaKeys.encodeId(1)) < 0);
    }

    @Test
    void workerKeyIsTheHostAddressMessage() {
        HostAddress h = MetaKeys.parseHost("127.0.0.1:5688");
        assertArrayEquals(hex("0a 09 31 32 37 2e 30 2e 30 2e 31 10 b8 2c"), MetaKeys.encodeHost(h));
        assertEquals(h, MetaKeys.decodeHost(MetaKeys.encodeHost(h)));
        assertEquals("::1", MetaKeys.parseHost("[::1]:4566").getHost());
        assertThrows(MetaKeys.KeyFormatException.class, () -> MetaKeys.parseHost("nohost"));
    }

    @Test
    void gzipAboveOneMebibyteWithRisingWavesHeader() throws Exception {
        byte[] small = new byte[MetaValues.COMPRESSION_THRESHOLD];
        assertArrayEquals(small, MetaValues.encodeModel(small), "exactly 1 MiB stays raw");
        byte[] big = new byte[MetaValues.COMPRESSION_THRESHOLD + 1];
        Arrays.fill(big, (byte) 0x42);
        byte[] stored = MetaValues.encodeModel(big);
        assertArrayEquals(hex("1f 8b 08 00 00 00 00 00 00 ff"), Arrays.copyOf(stored, 10));
        assertTrue(MetaValues.isGzip(stored));
        assertArrayEquals(big, MetaValues.modelBytes(stored));
        assertArrayEquals(big, new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(stored)).readAllBytes(),
                "a standard gzip reader reads it");
        assertFalse(MetaValues.isGzip(Database.newBuilder().setId(0x1f).setName("x").build().toByteArray()));
    }

    @Test
    void countersAreEightBytesBigEndian() {
        assertArrayEquals(hex("00 00 00 00 00 00 07 d1"), MetaValues.encodeU64(2001));
        assertEquals(2001, MetaValues.decodeU64(hex("00 00 00 00 00 00 07 d1")));
        assertThrows(IllegalArgumentException.class, () -> MetaValues.decodeU64(hex("07 d1")));
    }

    @Test
    void prostWritesAOneofWhereItsFirstMemberIsDeclared() {
        GrantPrivilege g = GrantPrivilege.newBuilder().setSubscriptionId(5)
                .addActionWithOpts(GrantPrivilege.ActionWithGrantOption.newBuilder().setAction(GrantPrivilege.Action.SELECT)).build();
        // subscription_id (14) goes where database_id (1) is declared: before action_with_opts (7).
        assertArrayEquals(hex("70 05 3a 02 08 01"), ProstEncoder.encode(g));
        assertArrayEquals(hex("3a 02 08 01 70 05"), g.toByteArray(), "protobuf-java writes it at 14");
        assertEquals(g, assertDoesNotThrowParse(ProstEncoder.encode(g)));
    }

    private static GrantPrivilege assertDoesNotThrowParse(byte[] bytes) {
        try {
            return GrantPrivilege.parseFrom(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void prostLeavesDefaultKeysAndValuesOutOfMapEntriesAndSortsThem() {
        TableFragments tf = TableFragments.newBuilder()
                .putActorStatus(7, TableFragments.ActorStatus.getDefaultInstance())
                .putActorStatus(0, TableFragments.ActorStatus.newBuilder().setState(TableFragments.ActorStatus.ActorState.RUNNING).build())
                .build();
        // entry 0: key left out, value {state: 2}; entry 7: key 7, empty value left out.
        assertArrayEquals(hex("22 04 12 02 10 02 22 02 08 07"), ProstEncoder.encode(tf));
    }

    @Test
    void prostMatchesJavaWhereTheyAgreeAndKeepsUnknownFields() throws Exception {
        Table t = Table.newBuilder().setId(1001).setName("t").setAssociatedSourceId(3).addDependentRelations(2).setDefinition("x")
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(999, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(ByteString.copyFromUtf8("kept")).build()).build())
                .build();
        assertArrayEquals(t.toByteArray(), ProstEncoder.encode(t));
        assertEquals(t, Table.parseFrom(ProstEncoder.encode(t)));
    }

    @Test
    void decoderReportsWhatDoesNotDecodeInsteadOfThrowing() {
        MetaEntry garbage = MetaDecoder.decode(kv(ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(5)), hex("ff ff ff")));
        assertFalse(garbage.ok());
        assertTrue(garbage.error().contains("catalog.Table"), garbage.error());
        assertEquals(5L, garbage.id());

        MetaEntry badGzip = MetaDecoder.decode(kv(ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(6)), hex("1f 8b 08 00 00 00 00 00 00 ff 01 02")));
        assertTrue(badGzip.error().contains("gzip"), badGzip.error());

        MetaEntry badKey = MetaDecoder.decode(kv(ColumnFamily.CATALOG_TABLE.etcdKey(hex("10 01")), Table.getDefaultInstance().toByteArray()));
        assertFalse(badKey.ok());
        assertNull(badKey.id());

        MetaEntry badCounter = MetaDecoder.decode(kv(ColumnFamily.DEFAULT.etcdKey("table_id_next_generator"), hex("01")));
        assertTrue(badCounter.error().contains("8 bytes"));

        MetaEntry badUuid = MetaDecoder.decode(kv(ColumnFamily.clusterIdKey(), "not-a-uuid".getBytes(StandardCharsets.UTF_8)));
        assertFalse(badUuid.ok());

        MetaEntry unknown = MetaDecoder.decode(kv("cf/catalog_tables/x".getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertNull(unknown.family());
        assertNotNull(unknown.error());
    }

    @Test
    void decoderWarnsWhenKeyAndValueDisagree() {
        MetaEntry e = MetaDecoder.decode(kv(ColumnFamily.CATALOG_DATABASE.etcdKey(MetaKeys.encodeId(3)),
                Database.newBuilder().setId(4).setName("d").build().toByteArray()));
        assertTrue(e.ok());
        assertTrue(e.warning().contains("id 3") && e.warning().contains("4"), e.warning());
        MetaEntry ok = MetaDecoder.decode(kv(ColumnFamily.CATALOG_DATABASE.etcdKey(new byte[0]),
                Database.newBuilder().setName("dev").build().toByteArray()));
        assertEquals(0L, ok.id());
        assertNull(ok.warning());
    }

    @Test
    void familiesAreMatchedByWholePrefixNeverBySlash() {
        // id 47 encodes as 08 2f: the key bytes contain a slash.
        byte[] key = ColumnFamily.CATALOG_TABLE.etcdKey(MetaKeys.encodeId(47));
        assertEquals(ColumnFamily.CATALOG_TABLE, ColumnFamily.of(key));
        assertEquals(47, MetaDecoder.decode(kv(key, Table.newBuilder().setId(47).build().toByteArray())).id());
        assertEquals(ColumnFamily.HUMMOCK_VERSION_DELTA, ColumnFamily.of("cf/hummock_1/".getBytes(StandardCharsets.US_ASCII)));
        assertNull(ColumnFamily.of("cf/hummock_10/x".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ColumnFamily.CLUSTER_ID, ColumnFamily.of("cf/cluster_id".getBytes(StandardCharsets.US_ASCII)));
        assertNull(ColumnFamily.of("cf/cluster_id2".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ColumnFamily.CATALOG_TABLE, ColumnFamily.parse("catalog_table"));
        assertEquals(ColumnFamily.CATALOG_TABLE, ColumnFamily.parse("cf/catalog_table/"));
        assertEquals(ColumnFamily.HUMMOCK_VERSION_DELTA, ColumnFamily.parse("hummock_1"));
        assertEquals(ColumnFamily.CLUSTER_ID, ColumnFamily.parse("cluster_id"));
    }

    @Test
    void systemParametersAreCheckedAgainstTheirTypes() {
        assertNull(SystemParamsCodec.problem("barrier_interval_ms", "1000"));
        assertNull(SystemParamsCodec.problem("bloom_false_positive", "0.001"));
        assertNull(SystemParamsCodec.problem("license_key", ""));
        assertNotNull(SystemParamsCodec.problem("barrier_interval_ms", "-1"));
        assertNotNull(SystemParamsCodec.problem("enable_tracing", "yes"));
        assertTrue(SystemParamsCodec.problem("telemetry_enabled", "true").contains("deprecated"));
        assertNotNull(SystemParamsCodec.problem("no_such_param", "1"));
        assertEquals("0.001", SystemParamsCodec.format(0.001));
        assertEquals("1000", SystemParamsCodec.format(1000));
    }
}
