package dev.rwsh.commands.migrate;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaEntry;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.meta.SystemParamsCodec;
import dev.rwsh.commands.migrate.plan.PlanObject;
import dev.rwsh.commands.migrate.plan.PlanProblem;
import dev.rwsh.commands.migrate.plan.PlanProblem.Kind;
import dev.rwsh.commands.migrate.plan.PlanProblem.Severity;
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
import dev.rwsh.proto.common.WorkerType;
import dev.rwsh.proto.meta.SystemParams;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.migrate.LiteActor;
import dev.rwsh.proto.migrate.LiteDispatcher;
import dev.rwsh.proto.migrate.LiteFragment;
import dev.rwsh.proto.migrate.LiteTableFragments;
import dev.rwsh.proto.migrate.MergeTree;
import com.google.protobuf.ByteString;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.rwsh.proto.secret.SecretRef;
import dev.rwsh.proto.stream_plan.DispatcherType;
import dev.rwsh.proto.stream_plan.MergeNode;
import dev.rwsh.proto.stream_plan.StreamActor;
import dev.rwsh.proto.stream_plan.StreamNode;
import dev.rwsh.proto.stream_plan.StreamScanNode;
import dev.rwsh.proto.user.GrantPrivilege;
import dev.rwsh.proto.user.UserInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The first, validating pass of a migration over one pinned revision: every catalog, the cluster
 * id, parameters and workers are read and kept (they are small); streaming jobs are streamed once
 * to collect the fragment/state-table maps and to check every reference in the plans that will be
 * written; nothing of the actor level is kept. The plan then knows every id rewrite, every row
 * count, every warning and every reason RisingWave v2.0.7 would panic, before anything is written.
 * See docs/migration-semantics.md for the rules and docs/migration.md for rwsh's choices.
 */
public final class MigrationPlan {
    static final int DML_FLAG = 128;
    /** cf/table_fragments with each actor's plan left as bytes. */
    static final Parser<LiteTableFragments> LITE_JOB = LiteTableFragments.parser();
    static final Parser<MergeTree> MERGES = DiscardUnknownFieldsParser.wrap(MergeTree.parser());
    static final Parser<StreamNode> PLAN = StreamNode.parser();

    final long revision;
    String clusterIdText;
    UUID clusterId;
    final List<String[]> systemParams = new ArrayList<>();
    final Map<String, String> sessionParams = new LinkedHashMap<>();
    final List<WorkerNode> workers = new ArrayList<>();
    final List<UserInfo> users = new ArrayList<>();
    final List<Database> databases = new ArrayList<>();
    final List<Schema> schemas = new ArrayList<>();
    final List<Function> functions = new ArrayList<>();
    final List<Connection> connections = new ArrayList<>();
    final List<Secret> secrets = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    final List<Source> sources = new ArrayList<>();
    final List<Sink> sinks = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    final List<View> views = new ArrayList<>();
    final List<Subscription> subscriptions = new ArrayList<>();

    /** U: relation ids and the new ids handed out, as unsigned 32-bit values. */
    final TreeSet<Long> inUse = new TreeSet<>();
    private long freeCandidate = 1;
    final Map<Integer, Integer> dbRewrite = new HashMap<>();
    final Map<Integer, Integer> schemaRewrite = new HashMap<>();
    final Map<Integer, Integer> functionRewrite = new HashMap<>();
    final Map<Integer, Integer> connectionRewrite = new HashMap<>();
    final Map<Integer, Integer> secretRewrite = new HashMap<>();
    /** Old id to new id per kind, in assignment order, for the plan's output. */
    final List<String[]> rewriteRows = new ArrayList<>();

    final LinkedHashSet<Integer> jobIds = new LinkedHashSet<>();
    final Map<Integer, String> jobStates = new LinkedHashMap<>();
    final Map<Integer, Integer> fragmentOfStateTable = new HashMap<>();
    final Map<Integer, Integer> jobOfFragment = new HashMap<>();
    final Map<Integer, Integer> dmlFragmentOfJob = new HashMap<>();
    long fragments;
    final Set<Integer> fragmentIds = new HashSet<>();
    /** Downstream fragment ids of dispatchers not known yet when seen, with the first place seen: checked once every fragment is known. */
    private final Map<Integer, PlanObject> dispatcherTargets = new HashMap<>();
    long actors;
    long dispatchers;

    /** Relations dropped whole because their streaming job is missing. */
    final Set<Integer> dropped = new LinkedHashSet<>();
    final Set<Integer> relationIds = new HashSet<>();
    final List<Source> keptSources = new ArrayList<>();
    final List<Table> keptTables = new ArrayList<>();
    final List<Index> keptIndexes = new ArrayList<>();
    final List<Sink> keptSinks = new ArrayList<>();
    /** object_dependency rows (oid, used_by) in insert order. */
    final List<int[]> dependencies = new ArrayList<>();
    /** user_privilege rows: user_id, oid, granted_by, action, with_grant_option (0/1). */
    final List<Object[]> privileges = new ArrayList<>();

    long notificationVersion;
    long tableRevision;
    final Map<String, Long> hummockSequences = new LinkedHashMap<>();
    /** The object id sequence's next value: one above every object id the etcd metadata used (dropped orphans included). */
    long nextObjectId;
    long nextWorkerId;
    long nextUserId;
    final Map<String, Long> hummockCounts = new LinkedHashMap<>();

    final Map<String, Long> rows = new LinkedHashMap<>();
    /** Errors, warnings and improvements, in the order found. */
    final List<PlanProblem> problems = new ArrayList<>();
    /** Texts with a character outside the BMP ({@link OutsideBmpTexts}): a problem only where the target cannot store them. */
    final List<String> textsOutsideBmp = new ArrayList<>();

    private MigrationPlan(long revision) {
        this.revision = revision;
    }

    public long revision() {
        return revision;
    }

    public String clusterId() {
        return clusterIdText;
    }

    /** Rows each target table will receive, in write order. */
    public Map<String, Long> rows() {
        return rows;
    }

    /** Everything the validating pass found, in the order found. */
    public List<PlanProblem> problems() {
        return java.util.Collections.unmodifiableList(problems);
    }

    /** Whether the plan holds an error: RisingWave v2.0.7 would panic or fail on this metadata, so migrate refuses to write. */
    public boolean refuses() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    /** The problems of one severity, as text. */
    private List<String> texts(Severity severity) {
        return problems.stream().filter(p -> p.severity() == severity).map(PlanProblem::text).toList();
    }

    public List<String> warnings() {
        return texts(Severity.WARNING);
    }

    /**
     * The plan's texts the target cannot store, each with the fix, or an empty list: what
     * {@code migrate} refuses and {@code preflight} fails before anything is written.
     */
    public List<String> textsTheTargetCannotStore(dev.rwsh.commands.sql.SqlDialect dialect) {
        String limit = dialect.textLimit();
        if (limit == null) {
            return List.of();
        }
        return textsOutsideBmp.stream().map(t -> t + ": " + limit + "; rename it in RisingWave before migrating, or migrate to PostgreSQL"
                + " or SQLite, which store it exactly").toList();
    }

    /** Reasons RisingWave v2.0.7 would panic or fail on this metadata, as text; the migration refuses to write when any exists. */
    public List<String> errors() {
        return texts(Severity.ERROR);
    }

    /** The deliberate improvements over v2.0.7 this run makes, in words. */
    public List<String> improvements() {
        return texts(Severity.IMPROVEMENT);
    }

    private void error(Kind kind, PlanObject object, String message) {
        problems.add(PlanProblem.error(kind, object, message));
    }

    private void warning(Kind kind, PlanObject object, String message) {
        problems.add(PlanProblem.warning(kind, object, message));
    }

    /** kind, old id, name, new id. */
    public List<String[]> rewrites() {
        return rewriteRows;
    }

    /** The catalog kinds whose ids the migration renumbers (databases and schemas become objects in the SQL store). */
    public enum RenumberedKind {
        DATABASE, SCHEMA, FUNCTION, CONNECTION, SECRET
    }

    /** The new id of a renumbered object of this kind, or null when the plan has none for {@code id}. */
    public Integer rewrite(RenumberedKind kind, int id) {
        return rewrites(kind).get(id);
    }

    /** Old id to new id of one renumbered kind. */
    public Map<Integer, Integer> rewrites(RenumberedKind kind) {
        return java.util.Collections.unmodifiableMap(switch (kind) {
            case DATABASE -> dbRewrite;
            case SCHEMA -> schemaRewrite;
            case FUNCTION -> functionRewrite;
            case CONNECTION -> connectionRewrite;
            case SECRET -> secretRewrite;
        });
    }

    public UUID clusterUuid() {
        return clusterId;
    }

    public List<Database> databases() {
        return java.util.Collections.unmodifiableList(databases);
    }

    public List<Schema> schemas() {
        return java.util.Collections.unmodifiableList(schemas);
    }

    public List<Function> functions() {
        return java.util.Collections.unmodifiableList(functions);
    }

    public List<Connection> connections() {
        return java.util.Collections.unmodifiableList(connections);
    }

    public List<Secret> secrets() {
        return java.util.Collections.unmodifiableList(secrets);
    }

    /** Every relation id in etcd, dropped orphans included. */
    public Set<Integer> relationIds() {
        return java.util.Collections.unmodifiableSet(relationIds);
    }

    /** Relations dropped whole because their streaming job is missing. */
    public Set<Integer> dropped() {
        return java.util.Collections.unmodifiableSet(dropped);
    }

    public long nextObjectId() {
        return nextObjectId;
    }

    public long nextWorkerId() {
        return nextWorkerId;
    }

    public long nextUserId() {
        return nextUserId;
    }

    public static MigrationPlan build(MetaReader reader, MigrationListener listener) {
        MigrationPlan p = new MigrationPlan(reader.revision());
        p.read(reader, listener);
        return p;
    }

    // ---------------------------------------------------------------------------------------------

    private void read(MetaReader r, MigrationListener listener) {
        Optional1<MetaEntry> cid = new Optional1<>(r.get(ColumnFamily.CLUSTER_ID, ColumnFamily.CLUSTER_ID_KEY).orElse(null));
        if (cid.value == null) {
            error(Kind.MISSING_METADATA, PlanObject.key("cf", "cluster_id"), "no cluster id in etcd (v2.0.7 panics)");
        } else {
            clusterIdText = cid.value.text() == null ? null : cid.value.text().trim();
            clusterId = parseUuid(clusterIdText);
            if (clusterId == null) {
                error(Kind.MALFORMED_VALUE, PlanObject.key("cf", "cluster_id"), "'" + clusterIdText + "' is not a UUID (v2.0.7 fails)");
            }
        }
        readSystemParams(r);
        r.scan(ColumnFamily.SESSION_PARAMS, e -> {
            if (e.ok() && e.text() != null) {
                sessionParams.put(e.key(), e.text());
            } else {
                warning(Kind.PARAMETER_LEFT_OUT, new PlanObject(PlanObject.Kind.SESSION_PARAMETER, e.key(), null, "cf/session_params/" + e.key()),
                        "not UTF-8 text, not carried over");
            }
            return true;
        });
        collect(r, ColumnFamily.WORKER, workers, WorkerNode.class);
        collect(r, ColumnFamily.CATALOG_DATABASE, databases, Database.class);
        collect(r, ColumnFamily.CATALOG_SCHEMA, schemas, Schema.class);
        collect(r, ColumnFamily.USER_INFO, users, UserInfo.class);
        collect(r, ColumnFamily.CATALOG_TABLE, tables, Table.class);
        collect(r, ColumnFamily.CATALOG_SOURCE, sources, Source.class);
        collect(r, ColumnFamily.CATALOG_SINK, sinks, Sink.class);
        collect(r, ColumnFamily.CATALOG_INDEX, indexes, Index.class);
        collect(r, ColumnFamily.CATALOG_VIEW, views, View.class);
        collect(r, ColumnFamily.CATALOG_FUNCTION, functions, Function.class);
        collect(r, ColumnFamily.CATALOG_CONNECTION, connections, Connection.class);
        collect(r, ColumnFamily.CATALOG_SUBSCRIPTION, subscriptions, Subscription.class);
        collect(r, ColumnFamily.CATALOG_SECRET, secrets, Secret.class);
        checkWorkers();
        assignIds();
        checkCatalogReferences();
        scanJobs(r, listener);
        filterAndRepair();
        buildDependencies();
        buildPrivileges();
        readCounters(r);
        countRows();
        textsOutsideBmp.addAll(OutsideBmpTexts.find(this));
        if (!sessionParams.isEmpty()) {
            problems.add(PlanProblem.improvement(Kind.SESSION_PARAMETERS_KEPT,
                    "session parameters carried into session_parameter (" + sessionParams.size() + " rows; v2.0.7 drops them)"));
        }
    }

    /** A nullable holder (Optional of a record that may carry null). */
    private record Optional1<T>(T value) {
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

    private void readSystemParams(MetaReader r) {
        Map<String, String> raw = new LinkedHashMap<>();
        r.scan(ColumnFamily.SYSTEM_PARAMS, e -> {
            if (e.text() == null) {
                error(Kind.MALFORMED_VALUE, systemParam(e.key()), "not UTF-8 (v2.0.7 panics)");
            } else {
                raw.put(e.key(), e.text());
            }
            return true;
        });
        if (raw.isEmpty()) {
            error(Kind.MISSING_METADATA, PlanObject.key("cf/system_params", null), "no system parameters in etcd (v2.0.7 panics)");
            return;
        }
        SystemParams.Builder b = SystemParams.newBuilder();
        raw.forEach((name, text) -> {
            String problem = SystemParamsCodec.problem(name, text);
            if (problem != null && (SystemParamsCodec.DEPRECATED.contains(name) || SystemParams.getDescriptor().findFieldByName(name) == null)) {
                warning(Kind.PARAMETER_LEFT_OUT, systemParam(name).unlabelled(), "system parameter " + name + " dropped: " + problem);
            } else if (problem != null) {
                error(Kind.MALFORMED_VALUE, systemParam(name), problem + " (v2.0.7 panics)");
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
                error(Kind.MISSING_METADATA, systemParam(name), "missing system param (v2.0.7 fails)");
                continue;
            }
            systemParams.add(new String[] {name, SystemParamsCodec.format(f, params.getField(f)), String.valueOf(MUTABLE.contains(name))});
        }
    }

    private static PlanObject systemParam(String name) {
        return new PlanObject(PlanObject.Kind.SYSTEM_PARAMETER, name, null, "cf/system_params/" + name);
    }

    static final Set<String> MUTABLE = Set.of("barrier_interval_ms", "checkpoint_frequency", "backup_storage_url", "backup_storage_directory",
            "max_concurrent_creating_streaming_jobs", "pause_on_next_bootstrap", "enable_tracing", "license_key", "time_travel_retention_ms");

    @SuppressWarnings("unchecked")
    private <T extends Message> void collect(MetaReader r, ColumnFamily family, List<T> into, Class<T> type) {
        r.scan(family, e -> {
            if (!e.ok()) {
                error(Kind.MALFORMED_VALUE, PlanObject.key(family.familyName(), e.key()), e.error());
            } else {
                into.add((T) e.message());
            }
            return true;
        });
    }

    private void checkWorkers() {
        long max = 0;
        for (WorkerNode w : workers) {
            PlanObject where = PlanObject.labelled(PlanObject.Kind.WORKER, null, w.getId(), "worker " + Integer.toUnsignedString(w.getId()));
            if (w.getType() == WorkerType.WORKER_TYPE_UNSPECIFIED || w.getType() == WorkerType.UNRECOGNIZED) {
                error(Kind.INCOMPLETE_OBJECT, where, "worker type unspecified (v2.0.7 panics)");
            }
            if (w.getState() == WorkerNode.State.UNSPECIFIED || w.getState() == WorkerNode.State.UNRECOGNIZED) {
                error(Kind.INCOMPLETE_OBJECT, where, "state unspecified (v2.0.7 panics)");
            }
            if (!w.hasHost()) {
                error(Kind.INCOMPLETE_OBJECT, where, "no host (v2.0.7 panics)");
            }
            if ((w.getType() == WorkerType.WORKER_TYPE_COMPUTE_NODE || w.getType() == WorkerType.WORKER_TYPE_FRONTEND) && !w.hasProperty()) {
                error(Kind.INCOMPLETE_OBJECT, where, "compute node or frontend without property (v2.0.7 panics)");
            }
            max = Math.max(max, Integer.toUnsignedLong(w.getId()));
        }
        nextWorkerId = workers.isEmpty() ? 1 : max + 1;
        long maxUser = 0;
        for (UserInfo u : users) {
            if (u.getId() == 0) {
                error(Kind.INVALID_ID, new PlanObject(PlanObject.Kind.USER, u.getName(), 0L, null),
                        "user " + u.getName() + " has id 0: v2.0.7 leaves the id to auto-increment and panics (columns mismatch)");
            }
            maxUser = Math.max(maxUser, Integer.toUnsignedLong(u.getId()));
        }
        if (users.isEmpty()) {
            error(Kind.MISSING_METADATA, PlanObject.key("cf/user_info", null), "no users (v2.0.7 panics)");
        }
        nextUserId = maxUser + 1;
    }

    /** §3.2: U = every relation id before filtering; then databases, schemas, functions, connections, secrets in etcd order. */
    private void assignIds() {
        tables.forEach(t -> inUse.add(Integer.toUnsignedLong(t.getId())));
        sources.forEach(t -> inUse.add(Integer.toUnsignedLong(t.getId())));
        sinks.forEach(t -> inUse.add(Integer.toUnsignedLong(t.getId())));
        indexes.forEach(t -> inUse.add(Integer.toUnsignedLong(t.getId())));
        views.forEach(t -> inUse.add(Integer.toUnsignedLong(t.getId())));
        subscriptions.forEach(t -> inUse.add(Integer.toUnsignedLong(t.getId())));
        for (Long id : inUse) {
            relationIds.add(id.intValue());
        }
        if (inUse.contains(0L)) {
            error(Kind.INVALID_ID, new PlanObject(PlanObject.Kind.RELATION, null, 0L, null),
                    "a relation has id 0: v2.0.7's allocator then hands out id 1 for every database/schema (duplicate keys)");
        }
        for (Database d : databases) {
            assign("database", d.getId(), d.getName(), dbRewrite);
        }
        for (Schema s : schemas) {
            assign("schema", s.getId(), s.getName(), schemaRewrite);
        }
        for (Function f : functions) {
            assign("function", f.getId(), f.getName(), functionRewrite);
        }
        for (Connection c : connections) {
            assign("connection", c.getId(), c.getName(), connectionRewrite);
        }
        for (Secret s : secrets) {
            assign("secret", s.getId(), s.getName(), secretRewrite);
        }
        // Above every id the etcd metadata used, the relations dropped in §6.1 included: v2.0.7 keeps their object rows,
        // so its sequence ends past them, and a reused id could meet state of the dropped relation still in hummock.
        nextObjectId = inUse.isEmpty() ? 1 : inUse.last() + 1;
    }

    private long peekNext() {
        long k = freeCandidate;
        while (inUse.contains(k)) {
            k++;
        }
        return k;
    }

    private void assign(String kind, int oldId, String name, Map<Integer, Integer> into) {
        long id = peekNext();
        freeCandidate = id;
        inUse.add(id);
        into.put(oldId, (int) id);
        rewriteRows.add(new String[] {kind, Integer.toUnsignedString(oldId), name, Long.toString(id)});
    }

    private Integer db(int id, PlanObject where) {
        Integer n = dbRewrite.get(id);
        if (n == null) {
            error(Kind.DANGLING_REFERENCE, where, "database " + Integer.toUnsignedString(id) + " does not exist (v2.0.7 panics)");
        }
        return n;
    }

    private Integer schema(int id, PlanObject where) {
        Integer n = schemaRewrite.get(id);
        if (n == null) {
            error(Kind.DANGLING_REFERENCE, where, "schema " + Integer.toUnsignedString(id) + " does not exist (v2.0.7 panics)");
        }
        return n;
    }

    private void secretsKnown(Map<String, SecretRef> refs, PlanObject where) {
        for (Map.Entry<String, SecretRef> e : refs.entrySet()) {
            if (!secretRewrite.containsKey(e.getValue().getSecretId())) {
                error(Kind.DANGLING_REFERENCE, where, "secret " + Integer.toUnsignedString(e.getValue().getSecretId()) + " (option " + e.getKey()
                        + ") does not exist (v2.0.7 panics)");
            }
        }
    }

    private void checkCatalogReferences() {
        Set<Integer> userIds = new HashSet<>();
        users.forEach(u -> userIds.add(u.getId()));
        for (Database d : databases) {
            owner(userIds, d.getOwner(), PlanObject.named(PlanObject.Kind.DATABASE, d.getName(), d.getId()));
        }
        for (Schema s : schemas) {
            PlanObject w = PlanObject.named(PlanObject.Kind.SCHEMA, s.getName(), s.getId());
            db(s.getDatabaseId(), w);
            owner(userIds, s.getOwner(), w);
        }
        for (Function f : functions) {
            PlanObject w = PlanObject.named(PlanObject.Kind.FUNCTION, f.getName(), f.getId());
            db(f.getDatabaseId(), w);
            schema(f.getSchemaId(), w);
            owner(userIds, f.getOwner(), w);
            if (!f.hasReturnType()) {
                error(Kind.INCOMPLETE_OBJECT, w, "no return type (v2.0.7 panics)");
            }
            if (f.getKindCase() == Function.KindCase.KIND_NOT_SET) {
                error(Kind.INCOMPLETE_OBJECT, w, "no kind (v2.0.7 panics)");
            }
        }
        for (Connection c : connections) {
            PlanObject w = PlanObject.named(PlanObject.Kind.CONNECTION, c.getName(), c.getId());
            db(c.getDatabaseId(), w);
            schema(c.getSchemaId(), w);
            owner(userIds, c.getOwner(), w);
            if (!c.hasPrivateLinkService()) {
                error(Kind.INCOMPLETE_OBJECT, w, "not a private link service (v2.0.7 panics)");
            }
        }
        for (Secret s : secrets) {
            PlanObject w = PlanObject.named(PlanObject.Kind.SECRET, s.getName(), s.getId());
            db(s.getDatabaseId(), w);
            schema(s.getSchemaId(), w);
            owner(userIds, s.getOwner(), w);
        }
        for (Table t : tables) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.TABLE, t.getId(), t.getName());
            db(t.getDatabaseId(), w);
            schema(t.getSchemaId(), w);
            owner(userIds, t.getOwner(), w);
            if (t.getTableType() == Table.TableType.UNSPECIFIED || t.getTableType() == Table.TableType.UNRECOGNIZED) {
                error(Kind.INCOMPLETE_OBJECT, w, "table type unspecified (v2.0.7 panics)");
            }
            if (t.getHandlePkConflictBehaviorValue() == 0 || t.getHandlePkConflictBehavior() == dev.rwsh.proto.catalog.HandleConflictBehavior.UNRECOGNIZED) {
                error(Kind.INCOMPLETE_OBJECT, w, "pk conflict behaviour unspecified (v2.0.7 panics)");
            }
        }
        for (Source s : sources) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.SOURCE, s.getId(), s.getName());
            db(s.getDatabaseId(), w);
            schema(s.getSchemaId(), w);
            owner(userIds, s.getOwner(), w);
            if (s.hasConnectionId() && !connectionRewrite.containsKey(s.getConnectionId())) {
                error(Kind.DANGLING_REFERENCE, w, "connection " + Integer.toUnsignedString(s.getConnectionId()) + " does not exist (v2.0.7 panics)");
            }
            secretsKnown(s.getSecretRefsMap(), w);
            secretsKnown(s.getInfo().getFormatEncodeSecretRefsMap(), w.at(w.label() + " (format encode)"));
            secretsKnown(s.getInfo().getExternalTable().getSecretRefsMap(), w.at(w.label() + " (external table)"));
        }
        for (Sink s : sinks) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.SINK, s.getId(), s.getName());
            db(s.getDatabaseId(), w);
            schema(s.getSchemaId(), w);
            owner(userIds, s.getOwner(), w);
            if (s.hasConnectionId() && !connectionRewrite.containsKey(s.getConnectionId())) {
                error(Kind.DANGLING_REFERENCE, w, "connection " + Integer.toUnsignedString(s.getConnectionId()) + " does not exist (v2.0.7 panics)");
            }
            if (s.getSinkType() == dev.rwsh.proto.catalog.SinkType.SINK_TYPE_UNSPECIFIED || s.getSinkTypeValue() > 3) {
                error(Kind.INCOMPLETE_OBJECT, w, "sink type unspecified (v2.0.7 panics)");
            }
            secretsKnown(s.getSecretRefsMap(), w);
            secretsKnown(s.getFormatDesc().getSecretRefsMap(), w.at(w.label() + " (format)"));
        }
        for (Index i : indexes) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.INDEX, i.getId(), i.getName());
            db(i.getDatabaseId(), w);
            schema(i.getSchemaId(), w);
            owner(userIds, i.getOwner(), w);
        }
        for (View v : views) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.VIEW, v.getId(), v.getName());
            db(v.getDatabaseId(), w);
            schema(v.getSchemaId(), w);
            owner(userIds, v.getOwner(), w);
        }
        for (Subscription s : subscriptions) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.SUBSCRIPTION, s.getId(), s.getName());
            db(s.getDatabaseId(), w);
            schema(s.getSchemaId(), w);
            owner(userIds, s.getOwner(), w);
        }
    }

    private void owner(Set<Integer> userIds, int owner, PlanObject object) {
        if (!userIds.contains(owner)) {
            error(Kind.DANGLING_REFERENCE, object, "owner " + Integer.toUnsignedString(owner) + " is not a user (foreign key object.owner_id fails)");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Streaming jobs: one streamed pass

    private void scanJobs(MetaReader r, MigrationListener listener) {
        scanJobs0(r, listener);
        dispatcherTargets.forEach((fragment, where) -> {
            if (!fragmentIds.contains(fragment)) {
                error(Kind.DANGLING_REFERENCE, where, "dispatches to fragment " + Integer.toUnsignedString(fragment)
                        + ", which does not exist (foreign key actor_dispatcher.dispatcher_id fails)");
            }
        });
        dispatcherTargets.clear();
    }

    private void scanJobs0(MetaReader r, MigrationListener listener) {
        long[] seen = {0};
        r.scan(ColumnFamily.TABLE_FRAGMENTS, LITE_JOB, e -> {
            if (!e.ok()) {
                error(Kind.MALFORMED_VALUE, PlanObject.key("cf/table_fragments", e.key()), e.error());
                return true;
            }
            LiteTableFragments tf = (LiteTableFragments) e.message();
            checkJob(tf);
            listener.progress("read and validate", ++seen[0]);
            return true;
        });
    }

    /** The full plan of an actor (the first of its fragment), or null when it does not decode. */
    static StreamNode plan(LiteActor a) {
        try {
            return PLAN.parseFrom(a.getNodes());
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /** Merge nodes of an actor's plan: upstream fragment to upstream actors; null when two merges read the same fragment. */
    static Map<Integer, List<Integer>> merges(ByteString nodes) {
        Map<Integer, List<Integer>> into = new TreeMap<>();
        try {
            return upstreams(MERGES.parseFrom(nodes), into) ? into : null;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an actor's stream plan does not decode: " + e.getMessage(), e);
        }
    }

    static boolean upstreams(MergeTree node, Map<Integer, List<Integer>> into) {
        boolean ok = true;
        if (node.hasMerge()) {
            MergeNode m = node.getMerge();
            if (into.put(m.getUpstreamFragmentId(), m.getUpstreamActorIdList()) != null) {
                ok = false;
            }
        }
        for (MergeTree in : node.getInputList()) {
            ok &= upstreams(in, into);
        }
        return ok;
    }

    /** Whether the union of the merges' upstream actors is the actor's upstream set (compared as sorted distinct ids: this runs per actor). */
    static boolean sameIds(java.util.Collection<List<Integer>> merges, List<Integer> upstream) {
        int n = 0;
        for (List<Integer> ids : merges) {
            n += ids.size();
        }
        int[] union = new int[n];
        int at = 0;
        for (List<Integer> ids : merges) {
            for (Integer id : ids) {
                union[at++] = id;
            }
        }
        int[] up = new int[upstream.size()];
        for (int i = 0; i < up.length; i++) {
            up[i] = upstream.get(i);
        }
        return java.util.Arrays.equals(distinctSorted(union), distinctSorted(up));
    }

    private static int[] distinctSorted(int[] ids) {
        java.util.Arrays.sort(ids);
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                ids[n++] = ids[i];
            }
        }
        return java.util.Arrays.copyOf(ids, n);
    }

    /** Whether bytes are a well-formed protobuf message (tags and lengths), without building it. */
    static boolean wellFormed(ByteString bytes) {
        try {
            com.google.protobuf.CodedInputStream in = bytes.newCodedInput();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (!in.skipField(tag)) {
                    return false;
                }
            }
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void checkJob(LiteTableFragments tf) {
        int job = tf.getTableId();
        PlanObject w = PlanObject.labelled(PlanObject.Kind.STREAMING_JOB, null, job, "streaming job " + Integer.toUnsignedString(job));
        jobIds.add(job);
        switch (tf.getState()) {
            case INITIAL, CREATING, CREATED -> jobStates.put(job, tf.getState().name());
            default -> error(Kind.INCOMPLETE_OBJECT, w, "state unspecified (v2.0.7 panics)");
        }
        if (!tf.hasCtx()) {
            error(Kind.INCOMPLETE_OBJECT, w, "no stream context (v2.0.7 panics)");
        }
        if (tf.hasParallelism() && tf.getParallelism().getParallelismCase() == dev.rwsh.proto.meta.TableParallelism.ParallelismCase.PARALLELISM_NOT_SET) {
            error(Kind.INCOMPLETE_OBJECT, w, "parallelism set but empty (v2.0.7 panics)");
        }
        if (!relationIds.contains(job)) {
            error(Kind.DANGLING_REFERENCE, w, "no catalog object has this id (v2.0.7 fails the foreign key streaming_job.job_id)");
        }
        for (Integer fid : new TreeSet<>(tf.getFragmentsMap().keySet())) {
            LiteFragment f = tf.getFragmentsMap().get(fid);
            PlanObject fw = w.at(w.label() + " fragment " + Integer.toUnsignedString(fid));
            fragments++;
            fragmentIds.add(f.getFragmentId());
            jobOfFragment.put(f.getFragmentId(), job);
            for (int st : f.getStateTableIdsList()) {
                fragmentOfStateTable.put(st, f.getFragmentId());
            }
            if ((f.getFragmentTypeMask() & DML_FLAG) != 0) {
                dmlFragmentOfJob.put(job, f.getFragmentId());
            }
            if (f.getDistributionType() != TableFragments.Fragment.FragmentDistributionType.SINGLE
                    && f.getDistributionType() != TableFragments.Fragment.FragmentDistributionType.HASH) {
                error(Kind.INCOMPLETE_OBJECT, fw, "distribution type unspecified (v2.0.7 panics)");
            }
            if (f.getActorsCount() == 0) {
                error(Kind.INCOMPLETE_OBJECT, fw, "no actors (v2.0.7 panics)");
                continue;
            }
            LiteActor first = f.getActors(0);
            StreamNode firstPlan = first.hasNodes() ? plan(first) : null;
            if (firstPlan == null) {
                error(Kind.INCOMPLETE_OBJECT, fw, "first actor has no stream plan, or it does not decode (v2.0.7 panics)");
            } else {
                new NodeRewriter(this, fw, true).rewrite(firstPlan);
            }
            for (LiteActor a : f.getActorsList()) {
                actors++;
                PlanObject aw = fw.at(fw.label() + " actor " + Integer.toUnsignedString(a.getActorId()));
                TableFragments.ActorStatus st = tf.getActorStatusMap().get(a.getActorId());
                if (st == null) {
                    error(Kind.INCONSISTENT_STREAM_JOB, aw, "no actor status (v2.0.7 panics)");
                } else {
                    if (!st.hasLocation()) {
                        error(Kind.INCOMPLETE_OBJECT, aw, "actor status without location (v2.0.7 panics)");
                    }
                    if (st.getState() != TableFragments.ActorStatus.ActorState.INACTIVE && st.getState() != TableFragments.ActorStatus.ActorState.RUNNING) {
                        error(Kind.INCOMPLETE_OBJECT, aw, "actor state unspecified (v2.0.7 panics)");
                    }
                }
                if (!a.hasExprContext()) {
                    error(Kind.INCOMPLETE_OBJECT, aw, "no expr context (v2.0.7 panics)");
                }
                if (!a.hasNodes()) {
                    error(Kind.INCOMPLETE_OBJECT, aw, "no stream plan (v2.0.7 panics)");
                } else {
                    Map<Integer, List<Integer>> merges;
                    try {
                        merges = merges(a.getNodes());
                    } catch (IllegalStateException e) {
                        error(Kind.MALFORMED_VALUE, aw, e.getMessage());
                        continue;
                    }
                    if (merges == null) {
                        error(Kind.INCONSISTENT_STREAM_JOB, aw, "two merge nodes read the same upstream fragment (v2.0.7 panics)");
                        continue;
                    }
                    if (!sameIds(merges.values(), a.getUpstreamActorIdList())) {
                        error(Kind.INCONSISTENT_STREAM_JOB, aw, "upstream actors differ from its merge nodes' (v2.0.7 panics)");
                    }
                }
                for (LiteDispatcher d : a.getDispatcherList()) {
                    dispatchers++;
                    if ((d.getDispatcherId() >>> 31) != 0) {
                        warning(Kind.ID_WRAPS, aw, "dispatcher id " + Long.toUnsignedString(d.getDispatcherId()) + " wraps to " + (int) d.getDispatcherId()
                                + " (u64 -> i32, as v2.0.7 writes it)");
                    }
                    if (!fragmentIds.contains((int) d.getDispatcherId())) {
                        dispatcherTargets.putIfAbsent((int) d.getDispatcherId(), aw);
                    }
                    if (d.hasHashMapping() && !wellFormed(d.getHashMapping())) {
                        error(Kind.MALFORMED_VALUE, aw, "a dispatcher's hash mapping does not decode");
                    }
                    if (d.getType() == DispatcherType.DISPATCHER_TYPE_UNSPECIFIED || d.getType() == DispatcherType.UNRECOGNIZED) {
                        error(Kind.INCOMPLETE_OBJECT, aw, "dispatcher type unspecified (v2.0.7 panics)");
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // §6.1 filtering (rwsh: orphans dropped whole), §6.3 repairs

    private void filterAndRepair() {
        Set<Integer> stateTables = fragmentOfStateTable.keySet();
        for (Source s : sources) {
            if (s.getInfo().getCdcSourceJob() && !jobIds.contains(s.getId())) {
                drop(PlanObject.Kind.SOURCE, s.getId(), s.getName(), "shared source " + s.getName());
            }
        }
        for (Table t : tables) {
            boolean missing = t.getTableType() == Table.TableType.INTERNAL ? !stateTables.contains(t.getId()) : !jobIds.contains(t.getId());
            if (missing) {
                drop(PlanObject.Kind.TABLE, t.getId(), t.getName(), t.getTableType().name().toLowerCase().replace('_', ' ') + " " + t.getName());
            }
        }
        for (Index i : indexes) {
            if (!jobIds.contains(i.getIndexTableId())) {
                drop(PlanObject.Kind.INDEX, i.getId(), i.getName(), "index " + i.getName());
            }
        }
        for (Sink s : sinks) {
            if (!jobIds.contains(s.getId())) {
                drop(PlanObject.Kind.SINK, s.getId(), s.getName(), "sink " + s.getName());
            }
        }
        // rwsh drops a dropped table's own (non-shared) source with it: v2.0.7 writes it pointing at an orphan object.
        for (Source s : sources) {
            if (!dropped.contains(s.getId()) && s.getOptionalAssociatedTableIdCase() == Source.OptionalAssociatedTableIdCase.ASSOCIATED_TABLE_ID
                    && dropped.contains(s.getAssociatedTableId())) {
                drop(PlanObject.Kind.SOURCE, s.getId(), s.getName(), "source " + s.getName() + " of a dropped table");
            }
        }
        sources.stream().filter(s -> !dropped.contains(s.getId())).forEach(keptSources::add);
        indexes.stream().filter(s -> !dropped.contains(s.getId())).forEach(keptIndexes::add);
        sinks.stream().filter(s -> !dropped.contains(s.getId())).forEach(keptSinks::add);
        if (!dropped.isEmpty()) {
            problems.add(PlanProblem.improvement(Kind.ORPHANS_DROPPED_WHOLE, dropped.size() + " relation(s) without a streaming job dropped whole: "
                    + "no object row, grant or dependency of them (v2.0.7 leaves their object rows, grants and incoming dependencies behind)"));
        }
        for (Sink s : keptSinks) {
            if (s.hasTargetTable() && dropped.contains(s.getTargetTable())) {
                error(Kind.DANGLING_REFERENCE, new PlanObject(PlanObject.Kind.SINK, s.getName(), Integer.toUnsignedLong(s.getId()), null),
                        "sink " + s.getName() + " writes into table " + Integer.toUnsignedString(s.getTargetTable()) + ", which has no streaming job");
            }
        }
        for (Index i : keptIndexes) {
            if (dropped.contains(i.getPrimaryTableId())) {
                error(Kind.DANGLING_REFERENCE, new PlanObject(PlanObject.Kind.INDEX, i.getName(), Integer.toUnsignedLong(i.getId()), null),
                        "index " + i.getName() + " is on table " + Integer.toUnsignedString(i.getPrimaryTableId()) + ", which has no streaming job");
            }
        }
        for (Subscription s : subscriptions) {
            if (dropped.contains(s.getDependentTableId())) {
                error(Kind.DANGLING_REFERENCE, new PlanObject(PlanObject.Kind.SUBSCRIPTION, s.getName(), Integer.toUnsignedLong(s.getId()), null),
                        "subscription " + s.getName() + " is on table " + Integer.toUnsignedString(s.getDependentTableId())
                        + ", which has no streaming job");
            }
        }
        Map<Integer, TreeSet<Integer>> sinksInto = new HashMap<>();
        for (Sink s : keptSinks) {
            if (s.hasTargetTable()) {
                sinksInto.computeIfAbsent(s.getTargetTable(), k -> new TreeSet<>((a, b) -> Integer.compareUnsigned(a, b))).add(s.getId());
            }
        }
        for (Table t : tables) {
            if (dropped.contains(t.getId())) {
                continue;
            }
            PlanObject w = PlanObject.relation(PlanObject.Kind.TABLE, t.getId(), t.getName());
            Table.Builder b = t.toBuilder();
            Integer frag = fragmentOfStateTable.get(t.getId());
            if (frag == null) {
                error(Kind.INCONSISTENT_STREAM_JOB, w, "not in any fragment's state tables (v2.0.7 panics)");
                continue;
            }
            if (frag != t.getFragmentId()) {
                warning(Kind.REPAIRED, w, "fragment_id " + Integer.toUnsignedString(t.getFragmentId()) + " repaired to " + Integer.toUnsignedString(frag));
                b.setFragmentId(frag);
            }
            if (t.hasDmlFragmentId()) {
                Integer dml = dmlFragmentOfJob.get(t.getId());
                if (dml == null) {
                    error(Kind.INCONSISTENT_STREAM_JOB, w, "has a DML fragment id but its job has no DML fragment (v2.0.7 panics)");
                } else if (dml != t.getDmlFragmentId()) {
                    warning(Kind.REPAIRED, w, "dml_fragment_id " + Integer.toUnsignedString(t.getDmlFragmentId()) + " repaired to " + Integer.toUnsignedString(dml));
                    b.setDmlFragmentId(dml);
                }
            }
            TreeSet<Integer> into = sinksInto.get(t.getId());
            if (into != null && !(t.getIncomingSinksCount() == into.size() && into.containsAll(t.getIncomingSinksList()))) {
                warning(Kind.REPAIRED, w, "incoming sinks " + t.getIncomingSinksList() + " repaired to " + into);
                b.clearIncomingSinks().addAllIncomingSinks(into);
            }
            keptTables.add(b.build());
        }
        for (Map.Entry<Integer, String> j : jobStates.entrySet()) {
            if (!j.getValue().equals("CREATED")) {
                warning(Kind.UNFINISHED_JOB, new PlanObject(PlanObject.Kind.STREAMING_JOB, relationName(j.getKey()), Integer.toUnsignedLong(j.getKey()), null),
                        "streaming job " + Integer.toUnsignedString(j.getKey()) + " " + relationName(j.getKey()) + " is " + j.getValue()
                        + ": migrated as FOREGROUND (as v2.0.7 does), so a v2.0.7 meta node drops it at its first start");
            }
        }
    }

    private void drop(PlanObject.Kind kind, int id, String name, String what) {
        if (dropped.add(id)) {
            warning(Kind.ORPHAN_DROPPED, new PlanObject(kind, name, Integer.toUnsignedLong(id), null), "dropped " + what + " (id " + Integer.toUnsignedString(id) + "): no streaming job");
        }
    }

    String relationName(int id) {
        for (Table t : tables) {
            if (t.getId() == id) {
                return t.getName();
            }
        }
        for (Sink t : sinks) {
            if (t.getId() == id) {
                return t.getName();
            }
        }
        for (Source t : sources) {
            if (t.getId() == id) {
                return t.getName();
            }
        }
        return "?";
    }

    // ---------------------------------------------------------------------------------------------

    private void buildDependencies() {
        for (Source s : keptSources) {
            TreeSet<Integer> ids = new TreeSet<>();
            s.getSecretRefsMap().values().forEach(ref -> ids.add(secretRewrite.getOrDefault(ref.getSecretId(), 0)));
            ids.forEach(sid -> dependencies.add(new int[] {sid, s.getId()}));
        }
        for (Table t : keptTables) {
            for (int dep : t.getDependentRelationsList()) {
                addDependency(dep, t.getId());
            }
        }
        for (Sink s : keptSinks) {
            for (int dep : s.getDependentRelationsList()) {
                addDependency(dep, s.getId());
            }
            TreeSet<Integer> ids = new TreeSet<>();
            s.getSecretRefsMap().values().forEach(ref -> ids.add(secretRewrite.getOrDefault(ref.getSecretId(), 0)));
            s.getFormatDesc().getSecretRefsMap().values().forEach(ref -> ids.add(secretRewrite.getOrDefault(ref.getSecretId(), 0)));
            ids.forEach(sid -> dependencies.add(new int[] {sid, s.getId()}));
        }
        for (View v : views) {
            for (int dep : v.getDependentRelationsList()) {
                addDependency(dep, v.getId());
            }
        }
        for (Subscription s : subscriptions) {
            addDependency(s.getDependentTableId(), s.getId());
        }
    }

    /** The object a grant names, as etcd has it: its kind and id before any rewrite, e.g. "database id 7". */
    private static String grantObject(GrantPrivilege g) {
        String kind = g.getObjectCase().name().toLowerCase(java.util.Locale.ROOT).replace("_id", "");
        return kind + " id " + grantObjectId(g);
    }

    private static String grantObjectId(GrantPrivilege g) {
        Object id = g.getField(g.getDescriptorForType().findFieldByNumber(g.getObjectCase().getNumber()));
        return Integer.toUnsignedString((Integer) id);
    }

    private void addDependency(int used, int usedBy) {
        if (dropped.contains(used)) {
            warning(Kind.LEFT_OUT_WITH_ORPHAN, new PlanObject(PlanObject.Kind.RELATION, null, Integer.toUnsignedLong(usedBy), null),
                    "dependency of " + Integer.toUnsignedString(usedBy) + " on dropped relation " + Integer.toUnsignedString(used) + " left out");
            return;
        }
        dependencies.add(new int[] {used, usedBy});
    }

    private void buildPrivileges() {
        Set<String> seen = new HashSet<>();
        for (UserInfo u : users) {
            for (GrantPrivilege g : u.getGrantPrivilegesList()) {
                PlanObject w = PlanObject.labelled(PlanObject.Kind.USER, u.getName(), u.getId(),
                        "grant to user " + u.getName() + " (id " + Integer.toUnsignedString(u.getId()) + ")");
                int oid;
                switch (g.getObjectCase()) {
                    case DATABASE_ID -> oid = dbRewrite.getOrDefault(g.getDatabaseId(), 0);
                    case SCHEMA_ID -> oid = schemaRewrite.getOrDefault(g.getSchemaId(), 0);
                    case FUNCTION_ID -> oid = functionRewrite.getOrDefault(g.getFunctionId(), 0);
                    case TABLE_ID -> oid = g.getTableId();
                    case SOURCE_ID -> oid = g.getSourceId();
                    case SINK_ID -> oid = g.getSinkId();
                    case VIEW_ID -> oid = g.getViewId();
                    case SUBSCRIPTION_ID -> oid = g.getSubscriptionId();
                    case OBJECT_NOT_SET -> {
                        error(Kind.INVALID_GRANT, w, "a privilege without object (v2.0.7 fails)");
                        continue;
                    }
                    default -> {
                        error(Kind.INVALID_GRANT, w, g.getObjectCase() + " grants are not supported by v2.0.7's migration (it panics)");
                        continue;
                    }
                }
                if (oid == 0 || !inUse.contains(Integer.toUnsignedLong(oid))) {
                    // v2.0.7 warns "grant object id N not found" (or, for a database, schema or function, "grant object not found").
                    warning(Kind.GRANT_AS_V2_0_7, w, "privilege on " + grantObject(g) + " skipped: grant object id " + grantObjectId(g)
                            + " not found in etcd (as v2.0.7 skips it); nothing to do, grant it again if the object is recreated");
                    continue;
                }
                if (dropped.contains(oid)) {
                    warning(Kind.LEFT_OUT_WITH_ORPHAN, w, "privilege on " + grantObject(g) + " " + relationName(oid)
                            + " left out: that relation is dropped (no streaming job)");
                    continue;
                }
                if (!relationIds.contains(oid) && g.getObjectCase() != GrantPrivilege.ObjectCase.DATABASE_ID
                        && g.getObjectCase() != GrantPrivilege.ObjectCase.SCHEMA_ID && g.getObjectCase() != GrantPrivilege.ObjectCase.FUNCTION_ID) {
                    warning(Kind.GRANT_AS_V2_0_7, w, "relation grant on id " + Integer.toUnsignedString(oid) + ", which is no relation but a newly assigned id "
                            + "(written against that object, as v2.0.7 does)");
                }
                for (GrantPrivilege.ActionWithGrantOption a : g.getActionWithOptsList()) {
                    if (a.getAction() == GrantPrivilege.Action.UNSPECIFIED || a.getAction() == GrantPrivilege.Action.UNRECOGNIZED) {
                        error(Kind.INVALID_GRANT, w, "action unspecified or unknown (v2.0.7 fails)");
                        continue;
                    }
                    String key = u.getId() + "/" + oid + "/" + a.getAction() + "/" + a.getGrantedBy();
                    if (!seen.add(key)) {
                        error(Kind.INVALID_GRANT, w, "duplicate privilege " + a.getAction() + " on " + Integer.toUnsignedString(oid)
                                + " (unique index idx_user_privilege_item fails)");
                    }
                    privileges.add(new Object[] {u.getId(), oid, a.getGrantedBy(), a.getAction().name(), a.getWithGrantOption()});
                }
            }
        }
    }

    private void readCounters(MetaReader r) {
        notificationVersion = counter(r, "notification_version", 0);
        tableRevision = counter(r, "table_revision", 0);
        hummockSequences.put("sstable_object", counter(r, "hummock_ss_table_id_id_next_generator", 1));
        hummockSequences.put("compaction_task", counter(r, "hummock_compaction_task_id_next_generator", 1));
        hummockSequences.put("compaction_group", counter(r, "compaction_group_id_next_generator", 5));
        hummockSequences.put("meta_backup", counter(r, "backup_id_next_generator", 1));
        hummockCounts.put("hummock_pinned_snapshot", r.count(ColumnFamily.HUMMOCK_PINNED_SNAPSHOT));
        hummockCounts.put("hummock_pinned_version", r.count(ColumnFamily.HUMMOCK_PINNED_VERSION));
        hummockCounts.put("hummock_version_delta", r.count(ColumnFamily.HUMMOCK_VERSION_DELTA));
        hummockCounts.put("hummock_version_stats", Math.min(1, r.count(ColumnFamily.HUMMOCK_VERSION_STATS)));
        hummockCounts.put("compaction_config", r.count(ColumnFamily.HUMMOCK_COMPACTION_GROUP));
        hummockCounts.put("compaction_status", r.count(ColumnFamily.HUMMOCK_COMPACT_STATUS));
        hummockCounts.put("compaction_task", r.count(ColumnFamily.HUMMOCK_COMPACT_TASK));
    }

    private long counter(MetaReader r, String name, long absent) {
        MetaEntry e = r.get(ColumnFamily.DEFAULT, name).orElse(null);
        if (e == null) {
            return absent;
        }
        if (e.number() == null) {
            error(Kind.MALFORMED_VALUE, PlanObject.key("default", name), "not an 8-byte counter (v2.0.7 panics)");
            return absent;
        }
        return e.number();
    }

    private void countRows() {
        rows.put("system_parameter", (long) systemParams.size());
        rows.put("worker", (long) workers.size());
        rows.put("worker_property", workers.stream().filter(w -> w.getType() == WorkerType.WORKER_TYPE_COMPUTE_NODE
                || w.getType() == WorkerType.WORKER_TYPE_FRONTEND).count());
        rows.put("user", (long) users.size());
        long relationObjects = sources.size() + sinks.size() + indexes.size() + subscriptions.size() + views.size()
                + tables.stream().filter(t -> t.getTableType() != Table.TableType.INDEX).count() - droppedObjects();
        rows.put("object", (long) databases.size() + schemas.size() + functions.size() + connections.size() + secrets.size() + relationObjects);
        rows.put("database", (long) databases.size());
        rows.put("schema", (long) schemas.size());
        rows.put("function", (long) functions.size());
        rows.put("connection", (long) connections.size());
        rows.put("secret", (long) secrets.size());
        rows.put("streaming_job", (long) jobIds.size());
        rows.put("fragment", fragments);
        rows.put("actor", actors);
        rows.put("actor_dispatcher", dispatchers);
        rows.put("source", (long) keptSources.size());
        rows.put("table", (long) keptTables.size());
        rows.put("index", (long) keptIndexes.size());
        rows.put("sink", (long) keptSinks.size());
        rows.put("view", (long) views.size());
        rows.put("subscription", (long) subscriptions.size());
        rows.put("object_dependency", (long) dependencies.size());
        rows.put("user_privilege", (long) privileges.size());
        rows.put("catalog_version", 2L);
        rows.putAll(hummockCounts);
        rows.put("hummock_sequence", 4L);
        rows.put("session_parameter", (long) sessionParams.size());
    }

    /** Relation object rows not written because the relation was dropped (index tables have no object row of their own). */
    private long droppedObjects() {
        long n = 0;
        for (Integer id : dropped) {
            boolean indexTable = tables.stream().anyMatch(t -> t.getId() == id && t.getTableType() == Table.TableType.INDEX);
            boolean isIndex = indexes.stream().anyMatch(i -> i.getId() == id);
            n += indexTable && isIndex ? 1 : indexTable ? 0 : 1;
        }
        return n;
    }

    /**
     * Rewrites the database, schema and secret ids embedded in a stream plan as v2.0.7 does (§3.3,
     * §3.4): every catalog.Table the plan holds except {@code StreamScanNode.arrangement_table};
     * every secret reference. Optionally empties merge nodes' upstream actor lists. Unknown schemas
     * become 0 with a warning; unknown databases and secrets are errors.
     */
    static final class NodeRewriter {
        private static final FieldDescriptor ARRANGEMENT = StreamScanNode.getDescriptor().findFieldByName("arrangement_table");
        private final MigrationPlan plan;
        private final PlanObject where;
        private final boolean report;

        NodeRewriter(MigrationPlan plan, PlanObject where, boolean report) {
            this.plan = plan;
            this.where = where;
            this.report = report;
        }

        StreamNode rewrite(StreamNode node) {
            return (StreamNode) walk(node);
        }

        private Message walk(Message m) {
            if (m instanceof MergeNode merge && merge.getUpstreamActorIdCount() > 0) {
                m = merge.toBuilder().clearUpstreamActorId().build();
            }
            return MessageRewriter.rewrite(m, this::value);
        }

        private Message value(FieldDescriptor f, Message v) {
            if (f == ARRANGEMENT) {
                return v;
            }
            if (v instanceof Table t) {
                return table(t);
            }
            if (v instanceof SecretRef ref) {
                Integer n = plan.secretRewrite.get(ref.getSecretId());
                if (n == null) {
                    if (report) {
                        plan.error(Kind.DANGLING_REFERENCE, where, "stream plan refers to secret " + Integer.toUnsignedString(ref.getSecretId())
                                + ", which does not exist (v2.0.7 panics)");
                    }
                    return v;
                }
                return n == ref.getSecretId() ? v : ref.toBuilder().setSecretId(n).build();
            }
            return walk(v);
        }

        private Table table(Table t) {
            Integer db = plan.dbRewrite.get(t.getDatabaseId());
            if (db == null) {
                if (report) {
                    plan.error(Kind.DANGLING_REFERENCE, where, "embedded table " + Integer.toUnsignedString(t.getId()) + " " + t.getName() + " is in database "
                            + Integer.toUnsignedString(t.getDatabaseId()) + ", which does not exist (v2.0.7 panics)");
                }
                return t;
            }
            Integer schema = plan.schemaRewrite.get(t.getSchemaId());
            if (schema == null) {
                if (report) {
                    plan.warning(Kind.REPAIRED, where, "embedded table " + Integer.toUnsignedString(t.getId()) + " " + t.getName() + " names schema "
                            + Integer.toUnsignedString(t.getSchemaId()) + ", which does not exist: written as 0 (as v2.0.7 does)");
                }
                schema = 0;
            }
            if (db == t.getDatabaseId() && schema == t.getSchemaId()) {
                return t;
            }
            return t.toBuilder().setDatabaseId(db).setSchemaId(schema).build();
        }
    }
}
