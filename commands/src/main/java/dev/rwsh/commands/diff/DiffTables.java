package dev.rwsh.commands.diff;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What diff knows of each target table the writing pass fills: its key and what RisingWave changes in it after it starts. */
final class DiffTables {
    private DiffTables() {
    }

    /** The key columns of each table the writing pass fills (natural keys for the surrogate ids). */
    static final Map<String, String[]> KEYS = new LinkedHashMap<>();

    /** What RisingWave v2.0.7 changes in a category after it starts on the store (docs/migration-semantics.md §10.2). */
    static final Map<String, String> AFTER_START = new HashMap<>();

    static {
        key("system_parameter", "name");
        key("worker", "worker_id");
        key("worker_property", "worker_id");
        key("user", "user_id");
        key("object", "oid");
        key("database", "database_id");
        key("schema", "schema_id");
        key("function", "function_id");
        key("connection", "connection_id");
        key("secret", "secret_id");
        key("streaming_job", "job_id");
        key("fragment", "fragment_id");
        key("actor", "actor_id");
        key("actor_dispatcher", "actor_id", "dispatcher_id");
        key("source", "source_id");
        key("table", "table_id");
        key("index", "index_id");
        key("sink", "sink_id");
        key("view", "view_id");
        key("subscription", "subscription_id");
        key("object_dependency", "oid", "used_by");
        key("user_privilege", "user_id", "oid", "action", "granted_by");
        key("catalog_version", "name");
        key("hummock_pinned_snapshot", "context_id");
        key("hummock_pinned_version", "context_id");
        key("hummock_version_delta", "id");
        key("hummock_version_stats", "id");
        key("compaction_config", "compaction_group_id");
        key("compaction_status", "compaction_group_id");
        key("compaction_task", "id");
        key("hummock_sequence", "name");
        key("session_parameter", "name");
        String workers = "after start: dead workers deleted, live ones re-register (status, parallelism, new ids)";
        AFTER_START.put("worker", workers);
        AFTER_START.put("worker_property", workers);
        AFTER_START.put("system_parameter", "after start: rows rewritten (same values)");
        AFTER_START.put("session_parameter", "after start: defaults merged, descriptions filled");
        String jobs = "after start: creating jobs dropped; recovery may move actors off dead workers";
        for (String t : List.of("object", "streaming_job", "fragment", "actor", "actor_dispatcher", "table")) {
            AFTER_START.put(t, jobs);
        }
        AFTER_START.put("subscription", "after start: subscriptions not CREATED are deleted");
        AFTER_START.put("hummock_pinned_snapshot", "after start: pins of dead workers deleted");
        AFTER_START.put("hummock_pinned_version", "after start: pins of dead workers deleted");
        for (String t : List.of("compaction_task", "compaction_status", "hummock_version_delta", "hummock_version_stats", "hummock_sequence")) {
            AFTER_START.put(t, "after start: advances as the cluster runs");
        }
        AFTER_START.put("catalog_version", "after start: NOTIFICATION increases");
    }

    private static void key(String table, String... columns) {
        KEYS.put(table, columns);
    }
}
