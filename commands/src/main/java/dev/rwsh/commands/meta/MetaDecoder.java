package dev.rwsh.commands.meta;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.proto.common.HostAddress;
import dev.rwsh.proto.common.WorkerNode;
import dev.rwsh.proto.meta.MigrationPlan;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Decodes one etcd key and value the way RisingWave v2.0.7's meta node reads them. Never throws for
 * bad data: a key or value that does not decode comes back as an entry with an {@code error}.
 */
public final class MetaDecoder {
    public static final String NOTIFICATION_VERSION = MetaKeys.NOTIFICATION_VERSION;
    public static final String TABLE_REVISION = MetaKeys.TABLE_REVISION;
    public static final String MIGRATION_PLAN = MetaKeys.MIGRATION_PLAN;
    public static final String ID_GENERATOR_SUFFIX = MetaKeys.ID_GENERATOR_SUFFIX;

    /**
     * Id generator categories of v2.0.7 (key = category + {@link #ID_GENERATOR_SUFFIX}); SST object
     * ids are category "hummock_ss_table_id", hence the key {@code hummock_ss_table_id_id_next_generator}
     * (src/meta/src/manager/id.rs 54, 193).
     */
    public static final Set<String> ID_CATEGORIES = Set.of("database", "schema", "table", "function", "worker", "fragment",
            "actor", "user", "backup", "hummock_ss_table_id", "hummock_compaction_task", "compaction_group", "connection", "secret");
    /** Categories older versions wrote and v2.0.7 leaves alone. */
    public static final Set<String> OLD_ID_CATEGORIES = Set.of("parallel_unit");

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private MetaDecoder() {
    }

    public static MetaEntry decode(KeyValueEntry kv) {
        ColumnFamily family = ColumnFamily.of(kv.key());
        if (family == null) {
            return new Builder(null, kv).fail("no RisingWave column family has this key's prefix");
        }
        return decode(family, kv);
    }

    public static MetaEntry decode(ColumnFamily family, KeyValueEntry kv) {
        return decode(family, kv, family.parser());
    }

    /**
     * Decodes with another parser than the family's own, such as one that reads only part of a
     * large value. The parser must read the family's message type.
     */
    public static MetaEntry decode(ColumnFamily family, KeyValueEntry kv, Parser<? extends Message> parser) {
        Builder b = new Builder(family, kv);
        byte[] keyBytes = family == ColumnFamily.CLUSTER_ID ? kv.key() : family.keyBytes(kv.key());
        try {
            return switch (family.keyKind()) {
                case U32, U64 -> decodeModelWithId(b, family, keyBytes, parser);
                case HOST_ADDRESS -> decodeWorker(b, keyBytes, parser);
                case NAME -> decodeNamed(b, family, keyBytes);
                case FIXED -> decodeClusterId(b, keyBytes);
                case LEASE -> decodeElection(b, keyBytes);
            };
        } catch (MetaKeys.KeyFormatException e) {
            b.key = KeyText.escape(keyBytes);
            return b.fail(e.getMessage());
        }
    }

    private static MetaEntry decodeModelWithId(Builder b, ColumnFamily family, byte[] keyBytes, Parser<? extends Message> parser) {
        long id = MetaKeys.decodeId(keyBytes, family.keyKind() == ColumnFamily.KeyKind.U32 ? 32 : 64);
        b.id = id;
        b.key = Long.toUnsignedString(id);
        Message message = parseModel(b, parser);
        if (message == null) {
            return b.build();
        }
        if (family == ColumnFamily.HUMMOCK_VERSION_STATS) {
            if (id != 0) {
                b.warning = "RisingWave keeps version stats under key 0 only, this entry is under key " + b.key;
            }
        } else if (family.valueId() != null && sameType(family, message)) {
            long valueId = family.valueId().applyAsLong(message);
            if (valueId != id) {
                b.warning = "the key says id " + Long.toUnsignedString(id) + ", the value says " + Long.toUnsignedString(valueId)
                        + " (RisingWave reads the id from the value)";
            }
        }
        return b.build();
    }

    private static boolean sameType(ColumnFamily family, Message message) {
        return family.prototype().getDescriptorForType().equals(message.getDescriptorForType());
    }

    private static MetaEntry decodeWorker(Builder b, byte[] keyBytes, Parser<? extends Message> parser) {
        HostAddress host = MetaKeys.decodeHost(keyBytes);
        b.key = MetaKeys.hostText(host);
        Message message = parseModel(b, parser);
        if (message instanceof WorkerNode worker && !worker.getHost().equals(host)) {
            b.warning = "the key says host " + b.key + ", the value says " + MetaKeys.hostText(worker.getHost());
        }
        return b.build();
    }

    private static Message parseModel(Builder b, Parser<? extends Message> parser) {
        byte[] stored = b.kv.value();
        b.compressed = MetaValues.isGzip(stored);
        if (!b.compressed) {
            try {
                b.message = parser.parseFrom(stored);
                return b.message;
            } catch (InvalidProtocolBufferException e) {
                b.fail("value is not a " + b.family.messageType() + " message: " + e.getMessage());
                return null;
            }
        }
        // Parsed while it inflates: a value that is no message fails at its first bytes, and the cap bounds the rest.
        try (java.io.InputStream in = MetaValues.modelStream(stored)) {
            b.message = parser.parseFrom(in);
            return b.message;
        } catch (IOException e) {
            IOException inflation = inflationFailure(e);
            b.fail(inflation != null ? inflation.getMessage()
                    : "value is not a " + b.family.messageType() + " message (after gunzip): " + e.getMessage());
            return null;
        }
    }

    /** The inflation's own failure behind a parse error (protobuf wraps the stream's exceptions), or null. */
    private static IOException inflationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MetaValues.InflatedTooLargeException || t instanceof MetaValues.NotGzipException) {
                return (IOException) t;
            }
        }
        return null;
    }

    private static MetaEntry decodeNamed(Builder b, ColumnFamily family, byte[] keyBytes) {
        String name = strictUtf8(keyBytes);
        b.key = name != null ? name : KeyText.escape(keyBytes);
        if (name == null) {
            return b.fail("key is not UTF-8 text");
        }
        if (family == ColumnFamily.DEFAULT) {
            return decodeDefault(b, name);
        }
        String text = strictUtf8(b.kv.value());
        if (text == null) {
            return b.fail("value is not UTF-8 text");
        }
        b.text = text;
        if (family == ColumnFamily.SYSTEM_PARAMS) {
            b.warning = SystemParamsCodec.problem(name, text);
        }
        return b.build();
    }

    private static MetaEntry decodeDefault(Builder b, String name) {
        byte[] value = b.kv.value();
        if (name.equals(MIGRATION_PLAN)) {
            try {
                b.message = MigrationPlan.parseFrom(value);
                return b.build();
            } catch (InvalidProtocolBufferException e) {
                return b.fail("value is not a meta.MigrationPlan message: " + e.getMessage());
            }
        }
        boolean counter = name.equals(NOTIFICATION_VERSION) || name.equals(TABLE_REVISION) || name.endsWith(ID_GENERATOR_SUFFIX);
        if (!counter) {
            String text = strictUtf8(value);
            b.text = text != null ? text : KeyText.escape(value);
            b.warning = "RisingWave v2.0.7 writes no such key in the default family";
            return b.build();
        }
        if (value.length != 8) {
            return b.fail("a counter is 8 bytes (big-endian u64), this value has " + value.length);
        }
        b.number = MetaValues.decodeU64(value);
        if (name.endsWith(ID_GENERATOR_SUFFIX)) {
            String category = name.substring(0, name.length() - ID_GENERATOR_SUFFIX.length());
            if (OLD_ID_CATEGORIES.contains(category)) {
                b.warning = "left by RisingWave v1.9; v2.0.7 no longer uses it";
            } else if (!ID_CATEGORIES.contains(category)) {
                b.warning = "RisingWave v2.0.7 has no id generator '" + category + "'";
            }
        }
        return b.build();
    }

    private static MetaEntry decodeClusterId(Builder b, byte[] etcdKey) {
        b.key = ColumnFamily.CLUSTER_ID_KEY;
        String text = strictUtf8(b.kv.value());
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            return b.fail("value is not a UUID: '" + KeyText.escape(b.kv.value()) + "'");
        }
        UUID.fromString(text);
        b.text = text;
        return b.build();
    }

    private static MetaEntry decodeElection(Builder b, byte[] keyBytes) {
        String lease = strictUtf8(keyBytes);
        b.key = lease != null ? lease : KeyText.escape(keyBytes);
        String text = strictUtf8(b.kv.value());
        if (text == null) {
            return b.fail("value is not UTF-8 text");
        }
        b.text = text;
        if (lease == null || !HEX.matcher(lease).matches()) {
            b.warning = "an election key ends in a lease id in hex, this one does not";
        } else if (b.kv.lease() != 0 && !Long.toHexString(b.kv.lease()).equals(lease)) {
            b.warning = "the key names lease " + lease + " but is held by lease " + Long.toHexString(b.kv.lease());
        }
        return b.build();
    }

    /** The bytes as text if they are valid UTF-8, else null. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static final class Builder {
        final ColumnFamily family;
        final KeyValueEntry kv;
        String key;
        Long id;
        boolean compressed;
        Message message;
        String text;
        Long number;
        String error;
        String warning;

        Builder(ColumnFamily family, KeyValueEntry kv) {
            this.family = family;
            this.kv = kv;
            this.key = KeyText.escape(kv.key());
        }

        MetaEntry fail(String why) {
            error = why;
            message = null;
            text = null;
            number = null;
            return build();
        }

        MetaEntry build() {
            return new MetaEntry(family, kv.key(), key, id, kv.value() == null ? -1 : kv.value().length, compressed, message, text,
                    number, error, warning, kv.modRevision(), kv.lease());
        }
    }
}
