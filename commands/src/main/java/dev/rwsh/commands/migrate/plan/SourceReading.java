package dev.rwsh.commands.migrate.plan;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.rwsh.commands.meta.CatalogKind;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaEntry;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.meta.SystemParamsCodec;
import dev.rwsh.commands.migrate.plan.PlanProblem.Kind;
import dev.rwsh.proto.common.WorkerNode;
import dev.rwsh.proto.meta.SystemParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The reading rules: what etcd holds, kept as it is (cluster id, parameters, workers, users, the
 * catalogs, counters), with a problem for every value v2.0.7 could not read.
 */
final class SourceReading {
    /** The system parameters RisingWave lets ALTER SYSTEM change (system_parameter.is_mutable). */
    static final Set<String> MUTABLE = Set.of("barrier_interval_ms", "checkpoint_frequency", "backup_storage_url", "backup_storage_directory",
            "max_concurrent_creating_streaming_jobs", "pause_on_next_bootstrap", "enable_tracing", "license_key", "time_travel_retention_ms");

    /** The order the catalog families are scanned in, which is the order their malformed values are reported in. */
    private static final List<CatalogKind> READ_ORDER = List.of(CatalogKind.DATABASE, CatalogKind.SCHEMA, CatalogKind.USER, CatalogKind.TABLE,
            CatalogKind.SOURCE, CatalogKind.SINK, CatalogKind.INDEX, CatalogKind.VIEW, CatalogKind.FUNCTION, CatalogKind.CONNECTION,
            CatalogKind.SUBSCRIPTION, CatalogKind.SECRET);

    private final PlanState state;
    private final MetaReader reader;

    SourceReading(PlanState state, MetaReader reader) {
        this.state = state;
        this.reader = reader;
    }

    /** The cluster id, system and session parameters, workers, users and every catalog, as etcd holds them. */
    void readCatalogs() {
        Optional1<MetaEntry> cid = new Optional1<>(reader.get(ColumnFamily.CLUSTER_ID, ColumnFamily.CLUSTER_ID_KEY).orElse(null));
        if (cid.value == null) {
            state.error(Kind.MISSING_METADATA, PlanObject.key("cf", "cluster_id"), "no cluster id in etcd (v2.0.7 panics)");
        } else {
            state.clusterIdText = cid.value.text() == null ? null : cid.value.text().trim();
            state.clusterId = parseUuid(state.clusterIdText);
            if (state.clusterId == null) {
                state.error(Kind.MALFORMED_VALUE, PlanObject.key("cf", "cluster_id"), "'" + state.clusterIdText + "' is not a UUID (v2.0.7 fails)");
            }
        }
        readSystemParams();
        reader.scan(ColumnFamily.SESSION_PARAMS, e -> {
            if (e.ok() && e.text() != null) {
                state.sessionParams.put(e.key(), e.text());
            } else {
                state.warning(Kind.PARAMETER_LEFT_OUT, new PlanObject(PlanObject.Kind.SESSION_PARAMETER, e.key(), null, "cf/session_params/" + e.key()),
                        "not UTF-8 text, not carried over");
            }
            return true;
        });
        scanDecoded(ColumnFamily.WORKER, m -> state.workers.add((WorkerNode) m));
        for (CatalogKind kind : READ_ORDER) {
            scanDecoded(kind.family(), m -> state.add(kind, m));
        }
    }

    /** The improvement of carrying session parameters over, when there are any (noted last, as it always was). */
    void noteSessionParameters() {
        if (!state.sessionParams.isEmpty()) {
            state.problems.add(PlanProblem.improvement(Kind.SESSION_PARAMETERS_KEPT,
                    "session parameters carried into session_parameter (" + state.sessionParams.size() + " rows; v2.0.7 drops them)"));
        }
    }

    static UUID parseUuid(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("urn:uuid:")) {
            t = t.substring(9);
        }
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.matches("[0-9a-fA-F]{32}")) {
            t = t.substring(0, 8) + "-" + t.substring(8, 12) + "-" + t.substring(12, 16) + "-" + t.substring(16, 20) + "-" + t.substring(20);
        }
        if (!t.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            return null;
        }
        return UUID.fromString(t);
    }

    private void readSystemParams() {
        Map<String, String> raw = new LinkedHashMap<>();
        reader.scan(ColumnFamily.SYSTEM_PARAMS, e -> {
            if (e.text() == null) {
                state.error(Kind.MALFORMED_VALUE, systemParam(e.key()), "not UTF-8 (v2.0.7 panics)");
            } else {
                raw.put(e.key(), e.text());
            }
            return true;
        });
        if (raw.isEmpty()) {
            state.error(Kind.MISSING_METADATA, PlanObject.key("cf/system_params", null), "no system parameters in etcd (v2.0.7 panics)");
            return;
        }
        SystemParams.Builder b = SystemParams.newBuilder();
        raw.forEach((name, text) -> {
            String problem = SystemParamsCodec.problem(name, text);
            if (problem != null && (SystemParamsCodec.DEPRECATED.contains(name) || SystemParams.getDescriptor().findFieldByName(name) == null)) {
                state.warning(Kind.PARAMETER_LEFT_OUT, systemParam(name).unlabelled(), "system parameter " + name + " dropped: " + problem);
            } else if (problem != null) {
                state.error(Kind.MALFORMED_VALUE, systemParam(name), problem + " (v2.0.7 panics)");
            } else {
                SystemParamsCodec.put(b, name, text);
            }
        });
        SystemParams params = b.build();
        for (String name : SystemParamsCodec.NAMES) {
            FieldDescriptor f = SystemParams.getDescriptor().findFieldByName(name);
            if (!params.hasField(f)) {
                if (raw.containsKey(name)) {
                    continue; // reported above
                }
                state.error(Kind.MISSING_METADATA, systemParam(name), "missing system param (v2.0.7 fails)");
                continue;
            }
            state.systemParams.add(new String[] {name, SystemParamsCodec.format(f, params.getField(f)), String.valueOf(MUTABLE.contains(name))});
        }
    }

    /** Every value of a family that decodes goes to {@code into}; one that does not is an error. */
    private void scanDecoded(ColumnFamily family, Consumer<Message> into) {
        reader.scan(family, e -> {
            if (!e.ok()) {
                state.error(Kind.MALFORMED_VALUE, PlanObject.key(family.familyName(), e.key()), e.error());
            } else {
                into.accept(e.message());
            }
            return true;
        });
    }

    /** The counters of the default family and the hummock tables' sizes. */
    void readCounters() {
        state.notificationVersion = counter("notification_version", 0);
        state.tableRevision = counter("table_revision", 0);
        state.hummockSequences.put("sstable_object", counter("hummock_ss_table_id_id_next_generator", 1));
        state.hummockSequences.put("compaction_task", counter("hummock_compaction_task_id_next_generator", 1));
        state.hummockSequences.put("compaction_group", counter("compaction_group_id_next_generator", 5));
        state.hummockSequences.put("meta_backup", counter("backup_id_next_generator", 1));
        state.hummockCounts.put("hummock_pinned_snapshot", reader.count(ColumnFamily.HUMMOCK_PINNED_SNAPSHOT));
        state.hummockCounts.put("hummock_pinned_version", reader.count(ColumnFamily.HUMMOCK_PINNED_VERSION));
        state.hummockCounts.put("hummock_version_delta", reader.count(ColumnFamily.HUMMOCK_VERSION_DELTA));
        state.hummockCounts.put("hummock_version_stats", Math.min(1, reader.count(ColumnFamily.HUMMOCK_VERSION_STATS)));
        state.hummockCounts.put("compaction_config", reader.count(ColumnFamily.HUMMOCK_COMPACTION_GROUP));
        state.hummockCounts.put("compaction_status", reader.count(ColumnFamily.HUMMOCK_COMPACT_STATUS));
        state.hummockCounts.put("compaction_task", reader.count(ColumnFamily.HUMMOCK_COMPACT_TASK));
    }

    private long counter(String name, long absent) {
        MetaEntry e = reader.get(ColumnFamily.DEFAULT, name).orElse(null);
        if (e == null) {
            return absent;
        }
        if (e.number() == null) {
            state.error(Kind.MALFORMED_VALUE, PlanObject.key("default", name), "not an 8-byte counter (v2.0.7 panics)");
            return absent;
        }
        return e.number();
    }


    private static PlanObject systemParam(String name) {
        return new PlanObject(PlanObject.Kind.SYSTEM_PARAMETER, name, null, "cf/system_params/" + name);
    }

    /** A nullable holder (Optional of a record that may carry null). */
    private record Optional1<T>(T value) {
    }
}
