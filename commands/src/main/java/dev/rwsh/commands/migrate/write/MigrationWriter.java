package dev.rwsh.commands.migrate.write;

import com.google.protobuf.Message;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.meta.CatalogKind;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.Epochs;
import dev.rwsh.commands.meta.MessageRewriter;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.proto.catalog.Connection;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.Index;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.catalog.Secret;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.SinkFormatDesc;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.StreamSourceInfo;
import dev.rwsh.proto.catalog.Subscription;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.catalog.View;
import dev.rwsh.proto.common.WorkerNode;
import dev.rwsh.proto.common.WorkerType;
import dev.rwsh.proto.hummock.CompactStatus;
import dev.rwsh.proto.hummock.CompactTaskAssignment;
import dev.rwsh.proto.hummock.CompactionGroup;
import dev.rwsh.proto.hummock.HummockPinnedSnapshot;
import dev.rwsh.proto.hummock.HummockPinnedVersion;
import dev.rwsh.proto.hummock.HummockVersionDelta;
import dev.rwsh.proto.hummock.HummockVersionStats;
import dev.rwsh.proto.hummock.KeyRange;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.migrate.LiteActor;
import dev.rwsh.proto.migrate.LiteDispatcher;
import dev.rwsh.proto.migrate.LiteFragmentHead;
import dev.rwsh.proto.migrate.LiteJobHead;
import dev.rwsh.proto.migrate.LiteFragment;
import dev.rwsh.proto.migrate.LiteTableFragments;
import dev.rwsh.proto.secret.SecretRef;
import dev.rwsh.proto.source.ConnectorSplits;
import dev.rwsh.proto.stream_plan.ActorMapping;
import dev.rwsh.proto.user.UserInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The second, writing pass: the rows of the plan in RisingWave v2.0.7's order, streaming jobs and
 * hummock deltas streamed again from the same pinned revision and written in batches. Runs on the
 * caller's connection and transaction; never commits.
 */
public final class MigrationWriter {
    private final WritePlan plan;
    private final MetaReader reader;
    private final java.sql.Connection c;
    private final SqlDialect d;
    private final StepRecorder steps;
    private final RowSink sink;
    /** Whether the bulk steps hand their batches to a writer thread ({@link PipelinedRowSink}): only for a real target. */
    private final boolean pipelined;

    /** Records the steps for the summary and tells the listener. */
    public interface StepRecorder {
        void begin(String step, long expected);

        /** Rows done so far in the current step. */
        default void progress(String step, long rowsDone) {
        }

        void end(long read, long written, long skipped, int warnings);
    }

    /** A writer into the target on {@code c}, in batches (COPY on PostgreSQL), pipelined where a step is bulk. */
    public MigrationWriter(WritePlan plan, MetaReader reader, java.sql.Connection c, SqlDialect d, StepRecorder steps) {
        this(plan, reader, c, d, steps, RowSink.jdbc(c, d), true);
    }

    /** A writer whose rows go to {@code sink}; {@code c} is used only by the steps that run statements (seeds, sequences, cluster id). */
    public MigrationWriter(WritePlan plan, MetaReader reader, java.sql.Connection c, SqlDialect d, StepRecorder steps, RowSink sink) {
        this(plan, reader, c, d, steps, sink, false);
    }

    private MigrationWriter(WritePlan plan, MetaReader reader, java.sql.Connection c, SqlDialect d, StepRecorder steps, RowSink sink,
            boolean pipelined) {
        this.pipelined = pipelined;
        this.sink = sink;
        this.plan = plan;
        this.reader = reader;
        this.c = c;
        this.d = d;
        this.steps = steps;
    }

    interface SinkWork {
        void run(RowSink out) throws SQLException;
    }

    /** Runs a bulk step on a pipelined sink when writing to a target, so reading overlaps with writing. */
    private void bulk(SinkWork work) throws SQLException {
        if (!pipelined) {
            work.run(sink);
            return;
        }
        // try-with-resources: a failure while closing is added to the step's own failure, never hides it
        try (PipelinedRowSink out = new PipelinedRowSink(sink)) {
            work.run(out);
        }
    }

    /** Where migrate runs a step: inside the data transaction, or after the data is committed. */
    public enum Phase {
        DATA, AFTER_DATA
    }

    /**
     * One write step; {@code writesRows} is false for the steps that only run statements (seeds,
     * sequence resets, cluster id). The action is handed the step's name, so the name is written
     * only in {@link #steps()}.
     */
    public record Step(String name, Phase phase, boolean writesRows, Action action) {
        public void run() throws SQLException {
            action.run(name);
        }
    }

    public interface Action {
        void run(String step) throws SQLException;
    }

    /**
     * The write steps in RisingWave v2.0.7's order, each named as the summary shows it: the one
     * place that order and those names are written. Migrate runs them all; diff replays the ones
     * that write rows into its comparing sink.
     */
    public List<Step> steps() {
        return List.of(
                new Step("system parameters", Phase.DATA, true, this::systemParameters),
                new Step("workers", Phase.DATA, true, this::workers),
                new Step("delete seeds", Phase.DATA, false, this::deleteSeeds),
                new Step("users", Phase.DATA, true, this::users),
                new Step("databases", Phase.DATA, true, this::databases),
                new Step("schemas", Phase.DATA, true, this::schemas),
                new Step("functions", Phase.DATA, true, this::functions),
                new Step("connections", Phase.DATA, true, this::connections),
                new Step("secrets", Phase.DATA, true, this::secrets),
                new Step("relation objects", Phase.DATA, true, this::relationObjects),
                new Step("streaming jobs", Phase.DATA, true, this::streamingJobs),
                new Step("sources", Phase.DATA, true, this::sources),
                new Step("tables", Phase.DATA, true, this::tables),
                new Step("indexes", Phase.DATA, true, this::indexes),
                new Step("sinks", Phase.DATA, true, this::sinks),
                new Step("views", Phase.DATA, true, this::views),
                new Step("subscriptions", Phase.DATA, true, this::subscriptions),
                new Step("object dependencies", Phase.DATA, true, this::objectDependencies),
                new Step("user privileges", Phase.DATA, true, this::userPrivileges),
                new Step("catalog versions", Phase.DATA, true, this::catalogVersions),
                new Step("hummock pinned snapshots", Phase.DATA, true, this::hummockPinnedSnapshots),
                new Step("hummock pinned versions", Phase.DATA, true, this::hummockPinnedVersions),
                new Step("hummock version deltas", Phase.DATA, true, this::hummockVersionDeltas),
                new Step("hummock version stats", Phase.DATA, true, this::hummockVersionStats),
                new Step("compaction configs", Phase.DATA, true, this::compactionConfigs),
                new Step("compaction statuses", Phase.DATA, true, this::compactionStatuses),
                new Step("compaction tasks", Phase.DATA, true, this::compactionTasks),
                new Step("hummock sequences", Phase.DATA, true, this::hummockSequences),
                new Step("session parameters", Phase.DATA, true, this::sessionParameters),
                new Step("sequence resets", Phase.AFTER_DATA, false, this::sequenceResets),
                new Step("cluster id", Phase.AFTER_DATA, false, this::clusterId));
    }

    /** Runs the steps of one phase, in order. */
    public void run(Phase phase) throws SQLException {
        for (Step step : steps()) {
            if (step.phase() == phase) {
                step.run();
            }
        }
    }

    private RowSink.Rows batch(TargetTable table) throws SQLException {
        return open(sink, table, null);
    }

    private static RowSink.Rows open(RowSink sink, TargetTable table, Runnable beforeFlush) throws SQLException {
        return sink.open(table.name(), beforeFlush, table.specs());
    }

    private static Object opt(boolean has, Object v, Batch.Null type) {
        return has ? v : type;
    }

    static LocalDateTime time(long epoch) {
        return LocalDateTime.ofInstant(Epochs.toInstant(epoch), ZoneOffset.UTC);
    }

    void systemParameters(String step) throws SQLException {
        steps.begin(step, plan.systemParams().size());
        try (RowSink.Rows b = batch(TargetTable.SYSTEM_PARAMETER)) {
            for (String[] p : plan.systemParams()) {
                b.add(p[0], p[1], Boolean.parseBoolean(p[2]), Batch.Null.TEXT);
            }
        }
        steps.end(plan.systemParams().size(), plan.systemParams().size(), 0, 0);
    }

    void workers(String step) throws SQLException {
        steps.begin(step, plan.workers().size());
        long props = 0;
        try (RowSink.Rows w = batch(TargetTable.WORKER);
                RowSink.Rows p = open(sink, TargetTable.WORKER_PROPERTY, null)) {
            for (WorkerNode n : plan.workers()) {
                w.add(n.getId(), n.getType().name().substring("WORKER_TYPE_".length()), n.getHost().getHost(), n.getHost().getPort(),
                        n.getState().name(), opt(n.hasTransactionalId(), n.getTransactionalId(), Batch.Null.INT));
            }
            w.flush();
            for (WorkerNode n : plan.workers()) {
                if (n.getType() == WorkerType.WORKER_TYPE_COMPUTE_NODE || n.getType() == WorkerType.WORKER_TYPE_FRONTEND) {
                    WorkerNode.Property pr = n.getProperty();
                    p.add(n.getId(), n.getParallelism(), pr.getIsStreaming(), pr.getIsServing(), pr.getIsUnschedulable(), pr.getInternalRpcHostAddr());
                    props++;
                }
            }
        }
        steps.end(plan.workers().size(), plan.workers().size() + props, 0, 0);
    }

    /** Step 8: the rows the schema seeds go (database and schema seeds through the cascade from object). */
    void deleteSeeds(String step) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + d.quote("object") + " WHERE " + d.quote("oid") + " <> 0");
            s.executeUpdate("DELETE FROM " + d.quote("user") + " WHERE " + d.quote("user_id") + " <> 0");
        }
    }

    void users(String step) throws SQLException {
        steps.begin(step, plan.users().size());
        try (RowSink.Rows b = batch(TargetTable.USER)) {
            for (UserInfo u : plan.users()) {
                b.add(u.getId(), u.getName(), u.getIsSuper(), u.getCanCreateDb(), u.getCanCreateUser(), u.getCanLogin(),
                        u.hasAuthInfo() ? Blobs.message(u.getAuthInfo()) : Batch.Null.BYTES);
            }
        }
        steps.end(plan.users().size(), plan.users().size(), 0, 0);
    }

    private final Map<String, RowSink.Rows> objectBatches = new HashMap<>();

    /** An object row; timestamps are left to the column default when null (v2.0.7 does not send them). */
    private void object(int oid, String type, int owner, Integer schemaId, Integer databaseId, LocalDateTime initializedAt,
            LocalDateTime createdAt, String initVersion, String createdVersion) throws SQLException {
        List<String> cols = new ArrayList<>(List.of("oid", "obj_type", "owner_id", "schema_id", "database_id"));
        List<Object> vals = new ArrayList<>(List.of(oid, type, owner, schemaId == null ? Batch.Null.INT : schemaId,
                databaseId == null ? Batch.Null.INT : databaseId));
        if (initializedAt != null) {
            cols.add("initialized_at");
            vals.add(initializedAt);
        }
        if (createdAt != null) {
            cols.add("created_at");
            vals.add(createdAt);
        }
        cols.add("initialized_at_cluster_version");
        vals.add(initVersion == null ? Batch.Null.TEXT : initVersion);
        cols.add("created_at_cluster_version");
        vals.add(createdVersion == null ? Batch.Null.TEXT : createdVersion);
        String key = String.join(",", cols);
        RowSink.Rows b = objectBatches.get(key);
        if (b == null) {
            b = sink.open(TargetTable.OBJECT.name(), null, TargetTable.OBJECT.specs(cols));
            objectBatches.put(key, b);
        }
        b.add(vals.toArray());
    }

    private void flushObjects() throws SQLException {
        for (RowSink.Rows b : objectBatches.values()) {
            b.flush();
        }
    }

    private void closeObjects() throws SQLException {
        for (RowSink.Rows b : objectBatches.values()) {
            b.close();
        }
        objectBatches.clear();
    }

    void databases(String step) throws SQLException {
        steps.begin(step, plan.databases().size());
        try (RowSink.Rows b = batch(TargetTable.DATABASE)) {
            for (Database x : plan.databases()) {
                int id = plan.databaseIds().get(x.getId());
                object(id, "DATABASE", x.getOwner(), null, null, null, null, null, null);
                flushObjects();
                b.add(id, x.getName());
            }
        }
        steps.end(plan.databases().size(), plan.databases().size() * 2L, 0, 0);
    }

    void schemas(String step) throws SQLException {
        steps.begin(step, plan.schemas().size());
        try (RowSink.Rows b = batch(TargetTable.SCHEMA)) {
            for (Schema x : plan.schemas()) {
                int id = plan.schemaIds().get(x.getId());
                object(id, "SCHEMA", x.getOwner(), null, plan.databaseIds().get(x.getDatabaseId()), null, null, null, null);
                flushObjects();
                b.add(id, x.getName());
            }
        }
        steps.end(plan.schemas().size(), plan.schemas().size() * 2L, 0, 0);
    }

    void functions(String step) throws SQLException {
        steps.begin(step, plan.functions().size());
        try (RowSink.Rows b = batch(TargetTable.FUNCTION)) {
            for (Function x : plan.functions()) {
                int id = plan.functionIds().get(x.getId());
                object(id, "FUNCTION", x.getOwner(), plan.schemaIds().get(x.getSchemaId()), plan.databaseIds().get(x.getDatabaseId()), null, null, null,
                        null);
                flushObjects();
                String kind = switch (x.getKindCase()) {
                    case SCALAR -> "Scalar";
                    case TABLE -> "Table";
                    case AGGREGATE -> "Aggregate";
                    default -> throw new IllegalStateException("function without kind");
                };
                b.add(id, x.getName(), String.join(",", x.getArgNamesList()), Blobs.array(x.getArgTypesList()), Blobs.message(x.getReturnType()),
                        x.getLanguage(), opt(x.hasLink(), x.getLink(), Batch.Null.TEXT), opt(x.hasIdentifier(), x.getIdentifier(), Batch.Null.TEXT),
                        opt(x.hasBody(), x.getBody(), Batch.Null.TEXT),
                        x.hasCompressedBinary() ? x.getCompressedBinary().toByteArray() : Batch.Null.BYTES, kind, x.getAlwaysRetryOnNetworkError(),
                        opt(x.hasRuntime(), x.getRuntime(), Batch.Null.TEXT), opt(x.hasFunctionType(), x.getFunctionType(), Batch.Null.TEXT));
            }
        }
        steps.end(plan.functions().size(), plan.functions().size() * 2L, 0, 0);
    }

    void connections(String step) throws SQLException {
        steps.begin(step, plan.connections().size());
        try (RowSink.Rows b = batch(TargetTable.CONNECTION)) {
            for (Connection x : plan.connections()) {
                int id = plan.connectionIds().get(x.getId());
                object(id, "CONNECTION", x.getOwner(), plan.schemaIds().get(x.getSchemaId()), plan.databaseIds().get(x.getDatabaseId()), null, null,
                        null, null);
                flushObjects();
                b.add(id, x.getName(), Blobs.message(x.getPrivateLinkService()));
            }
        }
        steps.end(plan.connections().size(), plan.connections().size() * 2L, 0, 0);
    }

    void secrets(String step) throws SQLException {
        steps.begin(step, plan.secrets().size());
        try (RowSink.Rows b = batch(TargetTable.SECRET)) {
            for (Secret x : plan.secrets()) {
                int id = plan.secretIds().get(x.getId());
                object(id, "SECRET", x.getOwner(), plan.schemaIds().get(x.getSchemaId()), plan.databaseIds().get(x.getDatabaseId()), null, null, null,
                        null);
                flushObjects();
                b.add(id, x.getName(), x.getValue().toByteArray());
            }
        }
        steps.end(plan.secrets().size(), plan.secrets().size() * 2L, 0, 0);
    }

    /** Step 15: sources, sinks, indexes, subscriptions, tables except index tables, views; dropped relations left out (rwsh). */
    void relationObjects(String step) throws SQLException {
        long expected = plan.rows().get("object");
        for (CatalogKind kind : CatalogKind.values()) {
            if (kind.owned() && !kind.isRelation()) {
                expected -= plan.catalog(kind).size(); // databases, schemas, functions, connections and secrets: written in their own steps
            }
        }
        steps.begin(step, expected);
        long n = 0;
        long skipped = 0;
        // v2.0.7's order; orphan repair drops only sources, sinks, indexes and tables, so only those are looked up in dropped()
        for (CatalogKind kind : List.of(CatalogKind.SOURCE, CatalogKind.SINK, CatalogKind.INDEX, CatalogKind.SUBSCRIPTION, CatalogKind.TABLE,
                CatalogKind.VIEW)) {
            boolean droppable = kind != CatalogKind.SUBSCRIPTION && kind != CatalogKind.VIEW;
            for (Message x : plan.catalog(kind)) {
                if (x instanceof Table t && t.getTableType() == Table.TableType.INDEX) {
                    continue; // an index table has no object row: its index's row stands for it
                }
                if (droppable && plan.dropped().contains(kind.id(x))) {
                    skipped++;
                    continue;
                }
                RelationStamps s = RelationStamps.of(x);
                relation(kind.id(x), kind.name(), kind.owner(x), kind.schemaId(x), kind.databaseId(x), s.hasInitializedAtEpoch(), s.initializedAtEpoch(),
                        s.hasCreatedAtEpoch(), s.createdAtEpoch(), s.initializedAtClusterVersion(), s.createdAtClusterVersion());
                n++;
                if (kind == CatalogKind.TABLE && n % Batch.SIZE == 0) {
                    steps.progress(step, n); // tables are the many: progress is reported while they are written
                }
            }
        }
        closeObjects();
        steps.end(n + skipped, n, skipped, 0);
    }

    private void relation(int id, String type, int owner, int schemaId, int databaseId, boolean hasInit, long init, boolean hasCreated,
            long created, String initVersion, String createdVersion) throws SQLException {
        object(id, type, owner, plan.schemaIds().get(schemaId), plan.databaseIds().get(databaseId), hasInit ? time(init) : null,
                hasCreated ? time(created) : null, initVersion, createdVersion);
    }

    // ---------------------------------------------------------------------------------------------

    private static Runnable flushing(RowSink.Rows... upstream) {
        return () -> {
            try {
                for (RowSink.Rows b : upstream) {
                    b.flush();
                }
            } catch (SQLException e) {
                throw new FlushFailure(e);
            }
        };
    }

    /**
     * Step 16. v2.0.7 writes every job, then every fragment, then every actor, then every
     * dispatcher; a dispatcher's dispatcher_id references its downstream fragment, which may belong
     * to a job later in etcd order. So the family is streamed twice: jobs and fragments first,
     * then actors and dispatchers, each pass bounded by one batch per table.
     */
    void streamingJobs(String step) throws SQLException {
        steps.begin(step, plan.jobIds().size() * 2L);
        long[] counts = new long[4];
        bulk(out -> writeStreamingJobs(out, step, counts));
        steps.end(counts[0], counts[0] + counts[1] + counts[2] + counts[3], 0, 0);
    }

    private void writeStreamingJobs(RowSink sink, String step, long[] counts) throws SQLException {
        try (RowSink.Rows jobs = open(sink, TargetTable.STREAMING_JOB, null);
                RowSink.Rows frags = open(sink, TargetTable.FRAGMENT, flushing(jobs))) {
            RowSink.Rows[] all = {jobs, frags};
            scanJobs(step, LITE_HEAD, tf -> writeJobAndFragments((LiteJobHead) tf, all, counts), 0);
            jobs.flush();
            frags.flush();
        } catch (FlushFailure ex) {
            throw ex.error;
        }
        try (RowSink.Rows actors = open(sink, TargetTable.ACTOR, null);
                RowSink.Rows disp = open(sink, TargetTable.ACTOR_DISPATCHER, flushing(actors))) {
            RowSink.Rows[] all = {actors, disp};
            scanJobs(step, LITE_JOB, tf -> writeActors((LiteTableFragments) tf, all, counts), plan.jobIds().size());
            actors.flush();
            disp.flush();
        } catch (FlushFailure ex) {
            throw ex.error;
        }
    }

    interface JobWriter {
        void write(Message tf) throws SQLException;
    }

    /** The first writing pass needs no actor but each fragment's first: the rest stay bytes. */
    private static final com.google.protobuf.Parser<LiteJobHead> LITE_HEAD = LiteJobHead.parser();
    private static final com.google.protobuf.Parser<LiteTableFragments> LITE_JOB = LiteTableFragments.parser();

    private void scanJobs(String step, com.google.protobuf.Parser<? extends Message> parser, JobWriter writer, long base) throws SQLException {
        SQLException[] failure = {null};
        long[] n = {base};
        reader.scan(ColumnFamily.TABLE_FRAGMENTS, parser, e -> {
            try {
                writer.write(e.message());
                steps.progress(step, ++n[0]);
                return true;
            } catch (SQLException ex) {
                failure[0] = ex;
                return false;
            } catch (FlushFailure ex) {
                failure[0] = ex.error;
                return false;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static final class FlushFailure extends RuntimeException {
        final SQLException error;

        FlushFailure(SQLException error) {
            super(error);
            this.error = error;
        }
    }

    private void writeJobAndFragments(LiteJobHead tf, RowSink.Rows[] b, long[] counts) throws SQLException {
        int job = tf.getTableId();
        Object parallelism;
        if (!tf.hasParallelism()) {
            parallelism = "Custom";
        } else {
            parallelism = switch (tf.getParallelism().getParallelismCase()) {
                case FIXED -> Map.of("Fixed", Integer.toUnsignedLong(tf.getParallelism().getFixed().getParallelism()));
                case AUTO, ADAPTIVE -> "Adaptive";
                default -> "Custom";
            };
        }
        String tz = tf.getCtx().getTimezone();
        b[0].add(job, tf.getState().name(), "FOREGROUND", tz.isEmpty() ? Batch.Null.TEXT : tz, Blobs.value(parallelism));
        counts[0]++;
        for (Integer fid : new TreeSet<>(tf.getFragmentsMap().keySet())) {
            LiteFragmentHead f = tf.getFragmentsMap().get(fid);
            byte[] node = Blobs.message(plan.fragmentNode(firstActor(f)));
            b[1].add(f.getFragmentId(), job, f.getFragmentTypeMask(), f.getDistributionType().name(), node, Blobs.ints(f.getStateTableIdsList()),
                    Blobs.ints(f.getUpstreamFragmentIdsList()));
            counts[1]++;
        }
    }

    private static LiteActor firstActor(LiteFragmentHead f) {
        try {
            return LiteActor.parseFrom(f.getActors(0));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("fragment " + Integer.toUnsignedString(f.getFragmentId()) + ": first actor does not decode", e);
        }
    }

    private static ActorMapping hashMapping(LiteDispatcher x) {
        try {
            return ActorMapping.parseFrom(x.getHashMapping());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("dispatcher " + Long.toUnsignedString(x.getDispatcherId()) + ": hash mapping does not decode", e);
        }
    }

    private void writeActors(LiteTableFragments tf, RowSink.Rows[] b, long[] counts) throws SQLException {
        for (Integer fid : new TreeSet<>(tf.getFragmentsMap().keySet())) {
            LiteFragment f = tf.getFragmentsMap().get(fid);
            for (LiteActor a : f.getActorsList()) {
                TableFragments.ActorStatus st = tf.getActorStatusMap().get(a.getActorId());
                ConnectorSplits splits = tf.getActorSplitsMap().get(a.getActorId());
                Map<Integer, List<Integer>> merges = plan.merges(a.getNodes());
                b[0].add(a.getActorId(), a.getFragmentId(), st.getState().name(), splits == null ? Batch.Null.BYTES : Blobs.message(splits),
                        st.getLocation().getWorkerNodeId(), Blobs.actorsByFragment(merges), a.hasVnodeBitmap() ? Blobs.message(a.getVnodeBitmap()) : Batch.Null.BYTES,
                        Blobs.message(a.getExprContext()));
                counts[2]++;
                for (LiteDispatcher x : a.getDispatcherList()) {
                    b[1].add(a.getActorId(), x.getType().name().substring("DISPATCHER_TYPE_".length()), Blobs.ints(x.getDistKeyIndicesList()),
                            Blobs.ints(x.getOutputIndicesList()), x.hasHashMapping() ? Blobs.message(hashMapping(x)) : Batch.Null.BYTES,
                            (int) x.getDispatcherId(), Blobs.ints(x.getDownstreamActorIdList()));
                    counts[3]++;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private Map<String, SecretRef> secrets(Map<String, SecretRef> refs) {
        Map<String, SecretRef> out = new TreeMap<>();
        refs.forEach((k, v) -> out.put(k, v.toBuilder().setSecretId(plan.secretIds().get(v.getSecretId())).build()));
        return out;
    }

    void sources(String step) throws SQLException {
        steps.begin(step, plan.keptSources().size());
        try (RowSink.Rows b = batch(TargetTable.SOURCE)) {
            for (Source s : plan.keptSources()) {
                Object info = Batch.Null.BYTES;
                if (s.hasInfo()) {
                    StreamSourceInfo.Builder ib = s.getInfo().toBuilder().clearFormatEncodeSecretRefs()
                            .putAllFormatEncodeSecretRefs(secrets(s.getInfo().getFormatEncodeSecretRefsMap()));
                    if (s.getInfo().hasExternalTable()) {
                        ib.setExternalTable(s.getInfo().getExternalTable().toBuilder().clearSecretRefs()
                                .putAllSecretRefs(secrets(s.getInfo().getExternalTable().getSecretRefsMap())));
                    }
                    info = Blobs.message(ib.build());
                }
                b.add(s.getId(), s.getName(), opt(s.hasRowIdIndex(), s.getRowIdIndex(), Batch.Null.INT), Blobs.array(s.getColumnsList()),
                        Blobs.ints(s.getPkColumnIdsList()), Blobs.property(s.getWithPropertiesMap()), s.getDefinition(), info,
                        Blobs.array(s.getWatermarkDescsList()),
                        s.getOptionalAssociatedTableIdCase() == Source.OptionalAssociatedTableIdCase.ASSOCIATED_TABLE_ID ? s.getAssociatedTableId() : Batch.Null.INT,
                        s.hasConnectionId() ? plan.connectionIds().get(s.getConnectionId()) : Batch.Null.INT, s.getVersion(),
                        Blobs.secretRefs(secrets(s.getSecretRefsMap())), opt(s.hasRateLimit(), s.getRateLimit(), Batch.Null.INT));
            }
        }
        steps.end(plan.sources().size(), plan.keptSources().size(), plan.sources().size() - plan.keptSources().size(), 0);
    }

    void tables(String step) throws SQLException {
        steps.begin(step, plan.keptTables().size());
        long n = 0;
        try (RowSink.Rows b = batch(TargetTable.TABLE)) {
            for (Table t : plan.keptTables()) {
                Object belongs = t.getTableType() == Table.TableType.INTERNAL ? plan.jobOfFragment(t.getFragmentId()) : Batch.Null.INT;
                b.add(t.getId(), t.getName(),
                        t.getOptionalAssociatedSourceIdCase() == Table.OptionalAssociatedSourceIdCase.ASSOCIATED_SOURCE_ID ? t.getAssociatedSourceId() : Batch.Null.INT,
                        t.getTableType().name(), belongs, Blobs.array(t.getColumnsList()), Blobs.array(t.getPkList()), Blobs.ints(t.getDistributionKeyList()),
                        Blobs.ints(t.getStreamKeyList()), t.getAppendOnly(), t.getFragmentId(), opt(t.hasVnodeColIndex(), t.getVnodeColIndex(), Batch.Null.INT),
                        opt(t.hasRowIdIndex(), t.getRowIdIndex(), Batch.Null.INT), Blobs.ints(t.getValueIndicesList()), t.getDefinition(),
                        t.getHandlePkConflictBehavior().name().substring("HANDLE_CONFLICT_BEHAVIOR_".length()), t.getReadPrefixLenHint(),
                        Blobs.ints(t.getWatermarkIndicesList()), Blobs.ints(t.getDistKeyInPkList()),
                        opt(t.hasDmlFragmentId(), t.getDmlFragmentId(), Batch.Null.INT), t.hasCardinality() ? Blobs.message(t.getCardinality()) : Batch.Null.BYTES,
                        t.getCleanedByWatermark(), opt(t.hasDescription(), t.getDescription(), Batch.Null.TEXT),
                        t.hasVersion() ? Blobs.message(t.getVersion()) : Batch.Null.BYTES, opt(t.hasRetentionSeconds(), t.getRetentionSeconds(), Batch.Null.INT),
                        Blobs.ints(t.getIncomingSinksList()), opt(t.hasVersionColumnIndex(), t.getVersionColumnIndex(), Batch.Null.INT),
                        opt(t.hasCdcTableId(), t.getCdcTableId(), Batch.Null.TEXT));
                if (++n % Batch.SIZE == 0) {
                    steps.progress(step, n);
                }
            }
        }
        steps.end(plan.tables().size(), plan.keptTables().size(), plan.tables().size() - plan.keptTables().size(), 0);
    }

    void indexes(String step) throws SQLException {
        steps.begin(step, plan.keptIndexes().size());
        try (RowSink.Rows b = batch(TargetTable.INDEX)) {
            for (Index x : plan.keptIndexes()) {
                b.add(x.getId(), x.getName(), x.getIndexTableId(), x.getPrimaryTableId(), Blobs.array(x.getIndexItemList()), x.getIndexColumnsLen(),
                        Blobs.array(x.getIndexColumnPropertiesList()));
            }
        }
        steps.end(plan.indexes().size(), plan.keptIndexes().size(), plan.indexes().size() - plan.keptIndexes().size(), 0);
    }

    void sinks(String step) throws SQLException {
        steps.begin(step, plan.keptSinks().size());
        try (RowSink.Rows b = batch(TargetTable.SINK)) {
            for (Sink s : plan.keptSinks()) {
                Object format = Batch.Null.BYTES;
                if (s.hasFormatDesc()) {
                    SinkFormatDesc f = s.getFormatDesc().toBuilder().clearSecretRefs().putAllSecretRefs(secrets(s.getFormatDesc().getSecretRefsMap())).build();
                    format = Blobs.message(f);
                }
                b.add(s.getId(), s.getName(), Blobs.array(s.getColumnsList()), Blobs.array(s.getPlanPkList()), Blobs.ints(s.getDistributionKeyList()),
                        Blobs.ints(s.getDownstreamPkList()), s.getSinkType().name().substring("SINK_TYPE_".length()), Blobs.property(s.getPropertiesMap()),
                        s.getDefinition(), s.hasConnectionId() ? plan.connectionIds().get(s.getConnectionId()) : Batch.Null.INT, s.getDbName(),
                        s.getSinkFromName(), format, opt(s.hasTargetTable(), s.getTargetTable(), Batch.Null.INT),
                        Blobs.secretRefs(secrets(s.getSecretRefsMap())), Blobs.array(s.getOriginalTargetColumnsList()));
            }
        }
        steps.end(plan.sinks().size(), plan.keptSinks().size(), plan.sinks().size() - plan.keptSinks().size(), 0);
    }

    void views(String step) throws SQLException {
        steps.begin(step, plan.views().size());
        try (RowSink.Rows b = batch(TargetTable.VIEW)) {
            for (View v : plan.views()) {
                b.add(v.getId(), v.getName(), Blobs.property(v.getPropertiesMap()), v.getSql(), Blobs.array(v.getColumnsList()));
            }
        }
        steps.end(plan.views().size(), plan.views().size(), 0, 0);
    }

    void subscriptions(String step) throws SQLException {
        steps.begin(step, plan.subscriptions().size());
        try (RowSink.Rows b = batch(TargetTable.SUBSCRIPTION)) {
            for (Subscription s : plan.subscriptions()) {
                b.add(s.getId(), s.getName(), s.getRetentionSeconds(), s.getDefinition(), s.getSubscriptionStateValue(), s.getDependentTableId());
            }
        }
        steps.end(plan.subscriptions().size(), plan.subscriptions().size(), 0, 0);
    }

    void objectDependencies(String step) throws SQLException {
        steps.begin(step, plan.dependencies().size());
        try (RowSink.Rows b = batch(TargetTable.OBJECT_DEPENDENCY)) {
            for (int[] dep : plan.dependencies()) {
                b.add(dep[0], dep[1]);
            }
        }
        steps.end(plan.dependencies().size(), plan.dependencies().size(), 0, 0);
    }

    void userPrivileges(String step) throws SQLException {
        steps.begin(step, plan.privileges().size());
        try (RowSink.Rows b = batch(TargetTable.USER_PRIVILEGE)) {
            for (Object[] p : plan.privileges()) {
                b.add(p);
            }
        }
        steps.end(plan.privileges().size(), plan.privileges().size(), 0, 0);
    }

    void catalogVersions(String step) throws SQLException {
        steps.begin(step, 2);
        try (RowSink.Rows b = batch(TargetTable.CATALOG_VERSION)) {
            b.add("NOTIFICATION", plan.notificationVersion());
            b.add("TABLE_REVISION", plan.tableRevision());
        }
        steps.end(2, 2, 0, 0);
    }

    // ---------------------------------------------------------------------------------------------

    void hummockPinnedSnapshots(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_PINNED_SNAPSHOT, TargetTable.HUMMOCK_PINNED_SNAPSHOT, m -> {
                    HummockPinnedSnapshot s = (HummockPinnedSnapshot) m;
                    return new Object[] {s.getContextId(), s.getMinimalPinnedSnapshot()};
                }, false);
    }

    void hummockPinnedVersions(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_PINNED_VERSION, TargetTable.HUMMOCK_PINNED_VERSION, m -> {
                    HummockPinnedVersion s = (HummockPinnedVersion) m;
                    return new Object[] {s.getContextId(), s.getMinPinnedId()};
                }, false);
    }

    void hummockVersionDeltas(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_VERSION_DELTA, TargetTable.HUMMOCK_VERSION_DELTA, m -> {
                    HummockVersionDelta v = (HummockVersionDelta) m;
                    return new Object[] {v.getId(), v.getPrevId(), v.getMaxCommittedEpoch(), v.getSafeEpoch(), v.getTrivialMove(),
                            Blobs.message(normalizeDelta(v))};
                }, false);
    }

    void hummockVersionStats(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_VERSION_STATS, TargetTable.HUMMOCK_VERSION_STATS, m -> {
            HummockVersionStats s = (HummockVersionStats) m;
            return new Object[] {s.getHummockVersionId(), Blobs.tableStats(s.getTableStatsMap())};
        }, true);
    }

    void compactionConfigs(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_COMPACTION_GROUP, TargetTable.COMPACTION_CONFIG, m -> {
            CompactionGroup g = (CompactionGroup) m;
            if (!g.hasCompactionConfig()) {
                throw new IllegalStateException("compaction group " + Long.toUnsignedString(g.getId()) + " has no config (v2.0.7 panics)");
            }
            return new Object[] {g.getId(), Blobs.message(g.getCompactionConfig())};
        }, false);
    }

    void compactionStatuses(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_COMPACT_STATUS, TargetTable.COMPACTION_STATUS, m -> {
            CompactStatus s = (CompactStatus) m;
            return new Object[] {s.getCompactionGroupId(), Blobs.array(s.getLevelHandlersList())};
        }, false);
    }

    void compactionTasks(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_COMPACT_TASK, TargetTable.COMPACTION_TASK, m -> {
            CompactTaskAssignment t = (CompactTaskAssignment) m;
            if (!t.hasCompactTask()) {
                throw new IllegalStateException("a compaction task assignment has no task (v2.0.7 panics)");
            }
            return new Object[] {t.getCompactTask().getTaskId(), Blobs.message(t.getCompactTask()), t.getContextId()};
        }, false);
    }

    void hummockSequences(String step) throws SQLException {
        steps.begin(step, 4);
        try (RowSink.Rows b = batch(TargetTable.HUMMOCK_SEQUENCE)) {
            for (Map.Entry<String, Long> e : plan.hummockSequences().entrySet()) {
                b.add(e.getKey(), e.getValue());
            }
        }
        steps.end(4, 4, 0, 0);
    }

    interface RowOf {
        Object[] row(Message m);
    }

    private void simple(String step, ColumnFamily family, TargetTable table, RowOf rowOf, boolean firstOnly) throws SQLException {
        steps.begin(step, plan.rows().getOrDefault(table.name(), -1L));
        long[] n = {0, 0};
        bulk(out -> simpleRows(out, step, family, table, rowOf, firstOnly, n));
        steps.end(n[0], n[1], 0, 0);
    }

    private void simpleRows(RowSink out, String step, ColumnFamily family, TargetTable table, RowOf rowOf, boolean firstOnly, long[] n)
            throws SQLException {
        SQLException[] failure = {null};
        try (RowSink.Rows b = open(out, table, null)) {
            reader.scan(family, e -> {
                n[0]++;
                if (!e.ok()) {
                    // a family the plan only counts: its keys and values are first read here
                    throw RwshException.failed(family.familyName() + "/" + e.key() + ": " + e.error());
                }
                try {
                    b.add(rowOf.row(e.message()));
                } catch (SQLException ex) {
                    failure[0] = ex;
                    return false;
                }
                n[1]++;
                if (n[1] % Batch.SIZE == 0) {
                    steps.progress(step, n[1]);
                }
                return !firstOnly;
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }

    /** The SDK round trip of v2.0.7: an SST key range that is the infinite range (all fields default) comes out absent. */
    public static Message normalizeDelta(Message m) {
        return MessageRewriter.rewrite(m, (f, v) -> !f.isRepeated() && v instanceof KeyRange k && k.getLeft().isEmpty() && k.getRight().isEmpty()
                && !k.getRightExclusive() ? null : normalizeDelta(v));
    }

    // ---------------------------------------------------------------------------------------------

    void sessionParameters(String step) throws SQLException {
        steps.begin(step, plan.sessionParams().size());
        try (RowSink.Rows b = batch(TargetTable.SESSION_PARAMETER)) {
            for (Map.Entry<String, String> e : plan.sessionParams().entrySet()) {
                b.add(e.getKey(), e.getValue(), Batch.Null.TEXT);
            }
        }
        steps.end(plan.sessionParams().size(), plan.sessionParams().size(), 0, 0);
    }

    void sequenceResets(String step) throws SQLException {
        List<String> resets = d.sequenceResets(plan.nextWorkerId(), plan.nextObjectId(), plan.nextUserId());
        steps.begin(step, resets.size());
        try (Statement s = c.createStatement()) {
            for (String sql : resets) {
                s.execute(sql);
            }
        }
        steps.end(0, 0, 0, 0);
    }

    void clusterId(String step) throws SQLException {
        steps.begin(step, 1);
        try (PreparedStatement p = c.prepareStatement("UPDATE " + d.quote("cluster") + " SET " + d.quote("cluster_id") + " = ?")) {
            p.setObject(1, d.uuidParameter(plan.clusterUuid()));
            p.executeUpdate();
        }
        steps.end(1, 1, 0, 0);
    }
}
