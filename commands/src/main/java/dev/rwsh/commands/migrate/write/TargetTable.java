package dev.rwsh.commands.migrate.write;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.rwsh.proto.catalog.Connection;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.Index;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.catalog.View;
import dev.rwsh.proto.hummock.CompactStatus;
import dev.rwsh.proto.hummock.CompactTaskAssignment;
import dev.rwsh.proto.hummock.CompactionGroup;
import dev.rwsh.proto.hummock.HummockVersionDelta;
import dev.rwsh.proto.secret.SecretRef;
import dev.rwsh.proto.source.ConnectorSplits;
import dev.rwsh.proto.stream_plan.Dispatcher;
import dev.rwsh.proto.stream_plan.StreamActor;
import dev.rwsh.proto.user.UserInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One target table the writing pass fills: its name, its columns in the order the writer sends
 * them, each with its type, the key diff matches rows by, and what RisingWave v2.0.7 changes in it
 * after it starts on the store (docs/migration-semantics.md §10.2). The one place these facts live;
 * the writer opens its batches from here and diff reads keys, blob types and id columns from here.
 */
public final class TargetTable {
    /** How a column's value is written and compared. */
    public enum Type {
        /** a number, text, boolean, timestamp or raw bytes */
        PLAIN,
        /** JSON text ({@link Batch.Json}) */
        JSON,
        /** a protobuf encoding of {@link Column#blobType()} */
        BLOB,
        /** the id of a catalog object the migration may renumber ({@link Column#refersTo()}) */
        ID_REF
    }

    /** How a blob column holds its messages. */
    public enum BlobKind {
        /** one message */
        MESSAGE,
        /** a repeated field of messages (field 1 of a wrapper) */
        ARRAY,
        /** a map of names to {@link SecretRef} */
        SECRET_REFS
    }

    /** What an {@link Type#ID_REF} column names. */
    public enum IdKind {
        OBJECT, DATABASE, SCHEMA, FUNCTION, CONNECTION, SECRET
    }

    /**
     * @param blobType for a BLOB, the message type (each item's for an ARRAY)
     * @param holdsIds for a BLOB, whether its messages embed ids of renumbered objects
     */
    public record Column(String name, Type type, Message blobType, BlobKind blobKind, boolean holdsIds, IdKind refersTo) {
        static Column plain(String name) {
            return new Column(name, Type.PLAIN, null, null, false, null);
        }

        static Column json(String name) {
            return new Column(name, Type.JSON, null, null, false, null);
        }
    }

    private static final Map<String, TargetTable> ALL = new LinkedHashMap<>();

    private final String name;
    private final List<Column> columns = new ArrayList<>();
    private List<String> key = List.of();
    private String afterStart;

    private TargetTable(String name) {
        this.name = name;
    }

    private static final String WORKERS = "after start: dead workers deleted, live ones re-register (status, parallelism, new ids)";
    private static final String JOBS = "after start: creating jobs dropped; recovery may move actors off dead workers";
    private static final String PINS = "after start: pins of dead workers deleted";
    private static final String ADVANCES = "after start: advances as the cluster runs";

    // In diff's order (its listing of tables); the writer's order is its step list.
    public static final TargetTable SYSTEM_PARAMETER = table("system_parameter").plain("name", "value", "is_mutable", "description").key("name")
            .after("after start: rows rewritten (same values)");
    public static final TargetTable WORKER = table("worker").plain("worker_id", "worker_type", "host", "port", "status", "transaction_id")
            .key("worker_id").after(WORKERS);
    public static final TargetTable WORKER_PROPERTY = table("worker_property")
            .plain("worker_id", "parallelism", "is_streaming", "is_serving", "is_unschedulable", "internal_rpc_host_addr").key("worker_id").after(WORKERS);
    public static final TargetTable USER = table("user").plain("user_id", "name", "is_super", "can_create_db", "can_create_user", "can_login")
            .message("auth_info", UserInfo.getDefaultInstance(), "auth_info").key("user_id");
    /** Its timestamps are optional: the writer leaves them to the column default when v2.0.7 does not send them. */
    public static final TargetTable OBJECT = table("object").ref("oid", IdKind.OBJECT).plain("obj_type", "owner_id").ref("schema_id", IdKind.SCHEMA)
            .ref("database_id", IdKind.DATABASE).plain("initialized_at", "created_at", "initialized_at_cluster_version", "created_at_cluster_version")
            .key("oid").after(JOBS);
    public static final TargetTable DATABASE = table("database").ref("database_id", IdKind.DATABASE).plain("name").key("database_id");
    public static final TargetTable SCHEMA = table("schema").ref("schema_id", IdKind.SCHEMA).plain("name").key("schema_id");
    public static final TargetTable FUNCTION = table("function").ref("function_id", IdKind.FUNCTION).plain("name", "arg_names")
            .array("arg_types", Function.getDefaultInstance(), "arg_types").message("return_type", Function.getDefaultInstance(), "return_type")
            .plain("language", "link", "identifier", "body", "compressed_binary", "kind", "always_retry_on_network_error", "runtime", "function_type")
            .key("function_id");
    public static final TargetTable CONNECTION = table("connection").ref("connection_id", IdKind.CONNECTION).plain("name")
            .message("info", Connection.getDefaultInstance(), "private_link_service").key("connection_id");
    public static final TargetTable SECRET = table("secret").ref("secret_id", IdKind.SECRET).plain("name", "value").key("secret_id");
    public static final TargetTable STREAMING_JOB = table("streaming_job").plain("job_id", "job_status", "create_type", "timezone").json("parallelism")
            .key("job_id").after(JOBS);
    public static final TargetTable FRAGMENT = table("fragment").plain("fragment_id", "job_id", "fragment_type_mask", "distribution_type")
            .messageWithIds("stream_node", StreamActor.getDefaultInstance(), "nodes").json("state_table_ids", "upstream_fragment_id").key("fragment_id")
            .after(JOBS);
    public static final TargetTable ACTOR = table("actor").plain("actor_id", "fragment_id", "status")
            .blob("splits", ConnectorSplits.getDefaultInstance(), BlobKind.MESSAGE, false).plain("worker_id").json("upstream_actor_ids")
            .message("vnode_bitmap", StreamActor.getDefaultInstance(), "vnode_bitmap")
            .message("expr_context", StreamActor.getDefaultInstance(), "expr_context").key("actor_id").after(JOBS);
    public static final TargetTable ACTOR_DISPATCHER = table("actor_dispatcher").plain("actor_id", "dispatcher_type")
            .json("dist_key_indices", "output_indices").message("hash_mapping", Dispatcher.getDefaultInstance(), "hash_mapping").plain("dispatcher_id")
            .json("downstream_actor_ids").key("actor_id", "dispatcher_id").after(JOBS);
    public static final TargetTable SOURCE = table("source").plain("source_id", "name", "row_id_index")
            .array("columns", Source.getDefaultInstance(), "columns").json("pk_column_ids", "with_properties").plain("definition")
            .messageWithIds("source_info", Source.getDefaultInstance(), "info").array("watermark_descs", Source.getDefaultInstance(), "watermark_descs")
            .plain("optional_associated_table_id").ref("connection_id", IdKind.CONNECTION).plain("version")
            .blob("secret_ref", SecretRef.getDefaultInstance(), BlobKind.SECRET_REFS, true).plain("rate_limit").key("source_id");
    public static final TargetTable TABLE = table("table").plain("table_id", "name", "optional_associated_source_id", "table_type", "belongs_to_job_id")
            .array("columns", Table.getDefaultInstance(), "columns").array("pk", Table.getDefaultInstance(), "pk").json("distribution_key", "stream_key")
            .plain("append_only", "fragment_id", "vnode_col_index", "row_id_index").json("value_indices")
            .plain("definition", "handle_pk_conflict_behavior", "read_prefix_len_hint").json("watermark_indices", "dist_key_in_pk")
            .plain("dml_fragment_id").message("cardinality", Table.getDefaultInstance(), "cardinality").plain("cleaned_by_watermark", "description")
            .message("version", Table.getDefaultInstance(), "version").plain("retention_seconds").json("incoming_sinks")
            .plain("version_column_index", "cdc_table_id").key("table_id").after(JOBS);
    public static final TargetTable INDEX = table("index").plain("index_id", "name", "index_table_id", "primary_table_id")
            .array("index_items", Index.getDefaultInstance(), "index_item").plain("index_columns_len")
            .array("index_column_properties", Index.getDefaultInstance(), "index_column_properties").key("index_id");
    public static final TargetTable SINK = table("sink").plain("sink_id", "name").array("columns", Sink.getDefaultInstance(), "columns")
            .array("plan_pk", Sink.getDefaultInstance(), "plan_pk").json("distribution_key", "downstream_pk").plain("sink_type").json("properties")
            .plain("definition").ref("connection_id", IdKind.CONNECTION).plain("db_name", "sink_from_name")
            .messageWithIds("sink_format_desc", Sink.getDefaultInstance(), "format_desc").plain("target_table")
            .blob("secret_ref", SecretRef.getDefaultInstance(), BlobKind.SECRET_REFS, true)
            .array("original_target_columns", Sink.getDefaultInstance(), "original_target_columns").key("sink_id");
    public static final TargetTable VIEW = table("view").plain("view_id", "name").json("properties").plain("definition")
            .array("columns", View.getDefaultInstance(), "columns").key("view_id");
    public static final TargetTable SUBSCRIPTION = table("subscription")
            .plain("subscription_id", "name", "retention_seconds", "definition", "subscription_state", "dependent_table_id").key("subscription_id")
            .after("after start: subscriptions not CREATED are deleted");
    public static final TargetTable OBJECT_DEPENDENCY = table("object_dependency").ref("oid", IdKind.OBJECT).ref("used_by", IdKind.OBJECT)
            .key("oid", "used_by");
    public static final TargetTable USER_PRIVILEGE = table("user_privilege").plain("user_id").ref("oid", IdKind.OBJECT)
            .plain("granted_by", "action", "with_grant_option").key("user_id", "oid", "action", "granted_by");
    public static final TargetTable CATALOG_VERSION = table("catalog_version").plain("name", "version").key("name")
            .after("after start: NOTIFICATION increases");
    public static final TargetTable HUMMOCK_PINNED_SNAPSHOT = table("hummock_pinned_snapshot").plain("context_id", "min_pinned_snapshot")
            .key("context_id").after(PINS);
    public static final TargetTable HUMMOCK_PINNED_VERSION = table("hummock_pinned_version").plain("context_id", "min_pinned_id").key("context_id")
            .after(PINS);
    public static final TargetTable HUMMOCK_VERSION_DELTA = table("hummock_version_delta")
            .plain("id", "prev_id", "max_committed_epoch", "safe_epoch", "trivial_move")
            .blob("full_version_delta", HummockVersionDelta.getDefaultInstance(), BlobKind.MESSAGE, false).key("id").after(ADVANCES);
    public static final TargetTable HUMMOCK_VERSION_STATS = table("hummock_version_stats").plain("id").json("stats").key("id").after(ADVANCES);
    public static final TargetTable COMPACTION_CONFIG = table("compaction_config").plain("compaction_group_id")
            .message("config", CompactionGroup.getDefaultInstance(), "compaction_config").key("compaction_group_id");
    public static final TargetTable COMPACTION_STATUS = table("compaction_status").plain("compaction_group_id")
            .array("status", CompactStatus.getDefaultInstance(), "level_handlers").key("compaction_group_id").after(ADVANCES);
    public static final TargetTable COMPACTION_TASK = table("compaction_task").plain("id")
            .message("task", CompactTaskAssignment.getDefaultInstance(), "compact_task").plain("context_id").key("id").after(ADVANCES);
    public static final TargetTable HUMMOCK_SEQUENCE = table("hummock_sequence").plain("name", "seq").key("name").after(ADVANCES);
    public static final TargetTable SESSION_PARAMETER = table("session_parameter").plain("name", "value", "description").key("name")
            .after("after start: defaults merged, descriptions filled");

    /** Every table the writing pass fills, in diff's order. */
    public static List<TargetTable> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<TargetTable> named(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return Collections.unmodifiableList(columns);
    }

    public Optional<Column> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    /** The key columns (natural keys for the surrogate ids). */
    public List<String> key() {
        return key;
    }

    /** What RisingWave changes in this table after it starts, or null when nothing. */
    public String afterStart() {
        return afterStart;
    }

    /** The named columns only, in the order given. */
    List<Column> columns(List<String> names) {
        return names.stream().map(n -> column(n).orElseThrow(() -> new IllegalStateException(name + " has no column " + n))).toList();
    }

    // --- declaring ---------------------------------------------------------------------------------

    private static TargetTable table(String name) {
        TargetTable t = new TargetTable(name);
        ALL.put(name, t);
        return t;
    }

    /** A table outside the registry with the given columns: for testing a sink on a table of its own. */
    static TargetTable scratch(String name, Column... columns) {
        TargetTable t = new TargetTable(name);
        for (Column c : columns) {
            t.add(c);
        }
        return t;
    }

    private TargetTable add(Column c) {
        columns.add(c);
        return this;
    }

    private TargetTable plain(String... names) {
        for (String n : names) {
            add(Column.plain(n));
        }
        return this;
    }

    private TargetTable json(String... names) {
        for (String n : names) {
            add(Column.json(n));
        }
        return this;
    }

    private TargetTable ref(String name, IdKind kind) {
        return add(new Column(name, Type.ID_REF, null, null, false, kind));
    }

    private TargetTable blob(String name, Message type, BlobKind kind, boolean holdsIds) {
        return add(new Column(name, Type.BLOB, type, kind, holdsIds, null));
    }

    /** A column holding the message of {@code owner}'s field {@code field}. */
    private TargetTable message(String name, Message owner, String field) {
        return blob(name, fieldType(owner, field), BlobKind.MESSAGE, false);
    }

    private TargetTable messageWithIds(String name, Message owner, String field) {
        return blob(name, fieldType(owner, field), BlobKind.MESSAGE, true);
    }

    /** A column holding the items of {@code owner}'s repeated field {@code field}. */
    private TargetTable array(String name, Message owner, String field) {
        return blob(name, fieldType(owner, field), BlobKind.ARRAY, false);
    }

    private TargetTable key(String... names) {
        for (String n : names) {
            column(n).orElseThrow(() -> new IllegalStateException(name + " has no key column " + n));
        }
        key = List.of(names);
        return this;
    }

    private TargetTable after(String note) {
        afterStart = note;
        return this;
    }

    private static Message fieldType(Message owner, String field) {
        FieldDescriptor f = owner.getDescriptorForType().findFieldByName(field);
        if (f == null) {
            throw new IllegalStateException(owner.getDescriptorForType().getName() + " has no field " + field);
        }
        return owner.newBuilderForType().newBuilderForField(f).getDefaultInstanceForType();
    }
}
