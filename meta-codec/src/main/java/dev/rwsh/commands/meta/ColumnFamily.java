package dev.rwsh.commands.meta;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.rwsh.proto.catalog.Connection;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.Index;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.catalog.Secret;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.Subscription;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.catalog.View;
import dev.rwsh.proto.common.WorkerNode;
import dev.rwsh.proto.hummock.CompactStatus;
import dev.rwsh.proto.hummock.CompactTaskAssignment;
import dev.rwsh.proto.hummock.CompactionGroup;
import dev.rwsh.proto.hummock.HummockPinnedSnapshot;
import dev.rwsh.proto.hummock.HummockPinnedVersion;
import dev.rwsh.proto.hummock.HummockVersionDelta;
import dev.rwsh.proto.hummock.HummockVersionStats;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.user.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Every column family (and stand-alone key) of RisingWave's etcd meta store at v1.9 to v2.0.7, with
 * how its keys and values are encoded. An etcd key is the family name, a slash, and the key bytes;
 * key bytes may contain slashes, so keys are matched by whole family prefix, never split.
 */
public enum ColumnFamily {
    WORKER("cf/worker", KeyKind.HOST_ADDRESS, WorkerNode.getDefaultInstance(), null, "workers: compute nodes, frontends, compactors"),
    USER_INFO("cf/user_info", KeyKind.U32, UserInfo.getDefaultInstance(), m -> ((UserInfo) m).getId(), "users and their privileges"),
    CATALOG_DATABASE("cf/catalog_database", KeyKind.U32, Database.getDefaultInstance(), m -> ((Database) m).getId(), "databases"),
    CATALOG_SCHEMA("cf/catalog_schema", KeyKind.U32, Schema.getDefaultInstance(), m -> ((Schema) m).getId(), "schemas"),
    CATALOG_FUNCTION("cf/catalog_function", KeyKind.U32, Function.getDefaultInstance(), m -> ((Function) m).getId(), "functions"),
    CATALOG_CONNECTION("cf/catalog_connection", KeyKind.U32, Connection.getDefaultInstance(), m -> ((Connection) m).getId(), "connections"),
    CATALOG_SECRET("cf/catalog_secret", KeyKind.U32, Secret.getDefaultInstance(), m -> ((Secret) m).getId(), "secrets (v2.0+)"),
    CATALOG_TABLE("cf/catalog_table", KeyKind.U32, Table.getDefaultInstance(), m -> ((Table) m).getId(),
            "tables, materialized views, index tables, internal tables"),
    CATALOG_SOURCE("cf/catalog_source", KeyKind.U32, Source.getDefaultInstance(), m -> ((Source) m).getId(), "sources"),
    CATALOG_SINK("cf/catalog_sink", KeyKind.U32, Sink.getDefaultInstance(), m -> ((Sink) m).getId(), "sinks"),
    CATALOG_INDEX("cf/catalog_index", KeyKind.U32, Index.getDefaultInstance(), m -> ((Index) m).getId(), "indexes"),
    CATALOG_VIEW("cf/catalog_view", KeyKind.U32, View.getDefaultInstance(), m -> ((View) m).getId(), "views"),
    CATALOG_SUBSCRIPTION("cf/catalog_subscription", KeyKind.U32, Subscription.getDefaultInstance(), m -> ((Subscription) m).getId(),
            "subscriptions"),
    TABLE_FRAGMENTS("cf/table_fragments", KeyKind.U32, TableFragments.getDefaultInstance(), m -> ((TableFragments) m).getTableId(),
            "streaming jobs: fragments, actors, dispatchers, splits"),
    HUMMOCK_VERSION_DELTA("cf/hummock_1", KeyKind.U64, HummockVersionDelta.getDefaultInstance(), m -> ((HummockVersionDelta) m).getId(),
            "hummock version deltas"),
    HUMMOCK_PINNED_VERSION("cf/hummock_2", KeyKind.U32, HummockPinnedVersion.getDefaultInstance(),
            m -> ((HummockPinnedVersion) m).getContextId(), "hummock pinned versions, per worker"),
    HUMMOCK_PINNED_SNAPSHOT("cf/hummock_3", KeyKind.U32, HummockPinnedSnapshot.getDefaultInstance(),
            m -> ((HummockPinnedSnapshot) m).getContextId(), "hummock pinned snapshots, per worker"),
    HUMMOCK_COMPACT_STATUS("cf/hummock_4", KeyKind.U64, CompactStatus.getDefaultInstance(), m -> ((CompactStatus) m).getCompactionGroupId(),
            "compaction status, per compaction group"),
    HUMMOCK_COMPACT_TASK("cf/hummock_5", KeyKind.U64, CompactTaskAssignment.getDefaultInstance(),
            m -> ((CompactTaskAssignment) m).getCompactTask().getTaskId(), "compaction task assignments"),
    HUMMOCK_COMPACTION_GROUP("cf/hummock_6", KeyKind.U64, CompactionGroup.getDefaultInstance(), m -> ((CompactionGroup) m).getId(),
            "compaction group configurations"),
    HUMMOCK_VERSION_STATS("cf/hummock_7", KeyKind.U64, HummockVersionStats.getDefaultInstance(), m -> 0L,
            "hummock version stats (one entry, key 0)"),
    SYSTEM_PARAMS("cf/system_params", KeyKind.NAME, null, null, "system parameters, one key each, value as text"),
    SESSION_PARAMS("cf/session_params", KeyKind.NAME, null, null, "session parameters, one key each, value as text"),
    CLUSTER_ID("cf", KeyKind.FIXED, null, null, "the cluster id (key cluster_id, a UUID as text)"),
    DEFAULT("default", KeyKind.NAME, null, null, "counters and id generators (8-byte big-endian), migration plan"),
    META_ELECTION("__meta_election_", KeyKind.LEASE, null, null, "meta leader election: one key per candidate, held by a lease");

    /** How a family's key bytes are encoded. */
    public enum KeyKind {
        /** Protobuf wrapper of a u32: {@code 08 varint}, empty for 0. */
        U32,
        /** Protobuf wrapper of a u64: {@code 08 varint}, empty for 0. */
        U64,
        /** A {@code common.HostAddress} message. */
        HOST_ADDRESS,
        /** Text: a parameter or counter name. */
        NAME,
        /** One fixed key ({@code cluster_id}). */
        FIXED,
        /** An etcd lease id in lowercase hexadecimal. */
        LEASE
    }

    public static final String CLUSTER_ID_KEY = "cluster_id";

    private final String name;
    private final byte[] prefix;
    private final KeyKind keyKind;
    private final Message prototype;
    private final ToLongFunction<Message> valueId;
    private final String description;

    ColumnFamily(String name, KeyKind keyKind, Message prototype, ToLongFunction<Message> valueId, String description) {
        this.name = name;
        this.prefix = (name + "/").getBytes(StandardCharsets.US_ASCII);
        this.keyKind = keyKind;
        this.prototype = prototype;
        this.valueId = valueId;
        this.description = description;
    }

    /** RisingWave's name of the family ({@code cf/catalog_table}, {@code default}, ...). */
    public String familyName() {
        return name;
    }

    /** The etcd key prefix of the family: its name and a slash. */
    public byte[] prefix() {
        return prefix.clone();
    }

    public KeyKind keyKind() {
        return keyKind;
    }

    /** True for families whose values are protobuf models (maybe gzip-compressed). */
    public boolean isModel() {
        return prototype != null;
    }

    public Parser<? extends Message> parser() {
        return prototype == null ? null : prototype.getParserForType();
    }

    /** The protobuf type of a model family's values, such as {@code catalog.Table}; null for others. */
    public String messageType() {
        return prototype == null ? null : prototype.getDescriptorForType().getFullName();
    }

    Message prototype() {
        return prototype;
    }

    /** The id a model value carries, to check against its key; null where the key is no id. */
    ToLongFunction<Message> valueId() {
        return valueId;
    }

    public String description() {
        return description;
    }

    /** The full etcd key of {@code keyBytes} in this family. */
    public byte[] etcdKey(byte[] keyBytes) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + keyBytes.length);
        System.arraycopy(keyBytes, 0, out, prefix.length, keyBytes.length);
        return out;
    }

    public byte[] etcdKey(String key) {
        return etcdKey(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The etcd key of the cluster id. */
    public static byte[] clusterIdKey() {
        return CLUSTER_ID.etcdKey(CLUSTER_ID_KEY);
    }

    private static final List<ColumnFamily> BY_PREFIX_LENGTH;

    static {
        List<ColumnFamily> all = new ArrayList<>(List.of(values()));
        all.remove(CLUSTER_ID);
        all.sort(Comparator.comparingInt((ColumnFamily f) -> f.prefix.length).reversed());
        BY_PREFIX_LENGTH = List.copyOf(all);
    }

    /**
     * The family an etcd key belongs to, or null for a key of no known family. {@code cf/cluster_id}
     * belongs to {@link #CLUSTER_ID}; any other key directly under {@code cf/} is unknown.
     */
    public static ColumnFamily of(byte[] etcdKey) {
        for (ColumnFamily f : BY_PREFIX_LENGTH) {
            if (startsWith(etcdKey, f.prefix)) {
                return f;
            }
        }
        return Arrays.equals(etcdKey, clusterIdKey()) ? CLUSTER_ID : null;
    }

    /** The key bytes after the family prefix. */
    public byte[] keyBytes(byte[] etcdKey) {
        return Arrays.copyOfRange(etcdKey, prefix.length, etcdKey.length);
    }

    /**
     * Looks a family up by RisingWave's name ({@code cf/catalog_table}), by the name without
     * {@code cf/} ({@code catalog_table}), or by the enum name in any case ({@code catalog-table}).
     */
    public static ColumnFamily parse(String text) {
        String t = text.trim();
        if (t.endsWith("/") && t.length() > 1) {
            t = t.substring(0, t.length() - 1);
        }
        for (ColumnFamily f : values()) {
            if (f.name.equals(t) || f.name.equals("cf/" + t)
                    || f.name().equalsIgnoreCase(t.replace('-', '_'))) {
                return f;
            }
        }
        if (t.equals(CLUSTER_ID_KEY) || t.equals("cf/" + CLUSTER_ID_KEY)) {
            return CLUSTER_ID;
        }
        return null;
    }

    /** The names a user may type, for messages. */
    public static String names() {
        StringBuilder out = new StringBuilder();
        for (ColumnFamily f : values()) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(f == CLUSTER_ID ? CLUSTER_ID_KEY : f.name.startsWith("cf/") ? f.name.substring(3) : f.name);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
