package dev.rwsh.commands.migrate;

import com.google.protobuf.Message;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.Epochs;
import dev.rwsh.commands.meta.MessageRewriter;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.migrate.plan.MigrationPlan.RenumberedKind;
import dev.rwsh.commands.migrate.plan.NodeRewriter;
import dev.rwsh.commands.migrate.plan.StreamPlans;
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
import dev.rwsh.proto.stream_plan.StreamActor;
import dev.rwsh.proto.user.UserInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private final MigrationPlan plan;
    private final MetaReader reader;
    private final java.sql.Connection c;
    private final SqlDialect d;
    private final MigrationListener listener;
    private final StepRecorder steps;
    private final RowSink sink;

    /** Records the steps for the summary and tells the listener. */
    public interface StepRecorder {
        void begin(String step, long expected);

        void end(long read, long written, long skipped, int warnings);
    }

    MigrationWriter(MigrationPlan plan, MetaReader reader, java.sql.Connection c, SqlDialect d, MigrationListener listener, StepRecorder steps) {
        this(plan, reader, c, d, listener, steps, RowSink.jdbc(c, d), true);
    }

    /** A writer whose rows go to {@code sink}; {@code c} is used only by the steps that run statements (seeds, sequences, cluster id). */
    public MigrationWriter(MigrationPlan plan, MetaReader reader, java.sql.Connection c, SqlDialect d, MigrationListener listener, StepRecorder steps,
            RowSink sink) {
        this(plan, reader, c, d, listener, steps, sink, false);
    }

    /** Whether the bulk steps hand their batches to a writer thread ({@link PipelinedRowSink}): only for a real target. */
    private final boolean pipelined;

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

    private MigrationWriter(MigrationPlan plan, MetaReader reader, java.sql.Connection c, SqlDialect d, MigrationListener listener,
            StepRecorder steps, RowSink sink, boolean pipelined) {
        this.pipelined = pipelined;
        this.sink = sink;
        this.plan = plan;
        this.reader = reader;
        this.c = c;
        this.d = d;
        this.listener = listener;
        this.steps = steps;
    }

    private RowSink.Rows batch(String table, String... cols) throws SQLException {
        return sink.open(table, null, cols);
    }

    private static Object opt(boolean has, Object v, Batch.Null type) {
        return has ? v : type;
    }

    static LocalDateTime time(long epoch) {
        return LocalDateTime.ofInstant(Epochs.toInstant(epoch), ZoneOffset.UTC);
    }

    /** Where migrate runs a step: inside the data transaction, or after the data is committed. */
    public enum Phase {
        DATA, AFTER_DATA
    }

    /** One write step; {@code writesRows} is false for the steps that only run statements (seeds, sequence resets, cluster id). */
    public record Step(String name, Phase phase, boolean writesRows, Action action) {
        public void run() throws SQLException {
            action.run();
        }
    }

    public interface Action {
        void run() throws SQLException;
    }

    /**
     * The write steps in RisingWave v2.0.7's order: the one place that order is written. Migrate
     * runs them all; diff replays the ones that write rows into its comparing sink.
     */
    public List<Step> steps() {
        return List.of(
                new Step("system parameters", Phase.DATA, true, this::systemParameters),
                new Step("workers", Phase.DATA, true, this::workers),
                new Step("delete seeds", Phase.DATA, false, this::deleteSeeds),
                new Step("users", Phase.DATA, true, this::users),
                new Step("databases to secrets", Phase.DATA, true, this::databasesToSecrets),
                new Step("relation objects", Phase.DATA, true, this::relationObjects),
                new Step("streaming jobs", Phase.DATA, true, this::streamingJobs),
                new Step("catalogs", Phase.DATA, true, this::catalogs),
                new Step("catalog versions", Phase.DATA, true, this::catalogVersions),
                new Step("hummock", Phase.DATA, true, this::hummock),
                new Step("session parameters", Phase.DATA, true, this::sessionParameters),
                new Step("sequence resets", Phase.AFTER_DATA, false, this::sequences),
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

    void systemParameters() throws SQLException {
        steps.begin("system parameters", plan.systemParams().size());
        try (RowSink.Rows b = batch("system_parameter", "name", "value", "is_mutable", "description")) {
            for (String[] p : plan.systemParams()) {
                b.add(p[0], p[1], Boolean.parseBoolean(p[2]), Batch.Null.TEXT);
            }
        }
        steps.end(plan.systemParams().size(), plan.systemParams().size(), 0, 0);
    }

    void workers() throws SQLException {
        steps.begin("workers", plan.workers().size());
        long props = 0;
        try (RowSink.Rows w = batch("worker", "worker_id", "worker_type", "host", "port", "status", "transaction_id");
                RowSink.Rows p = sink.open("worker_property", null, "worker_id", "parallelism", "is_streaming", "is_serving", "is_unschedulable",
                        "internal_rpc_host_addr")) {
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
    void deleteSeeds() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + d.quote("object") + " WHERE " + d.quote("oid") + " <> 0");
            s.executeUpdate("DELETE FROM " + d.quote("user") + " WHERE " + d.quote("user_id") + " <> 0");
        }
    }

    void users() throws SQLException {
        steps.begin("users", plan.users().size());
        try (RowSink.Rows b = batch("user", "user_id", "name", "is_super", "can_create_db", "can_create_user", "can_login", "auth_info")) {
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
            b = batch("object", cols.toArray(new String[0]));
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

    void databasesToSecrets() throws SQLException {
        steps.begin("databases", plan.databases().size());
        try (RowSink.Rows b = batch("database", "database_id", "name")) {
            for (Database x : plan.databases()) {
                int id = plan.rewrite(RenumberedKind.DATABASE, x.getId());
                object(id, "DATABASE", x.getOwner(), null, null, null, null, null, null);
                flushObjects();
                b.add(id, x.getName());
            }
        }
        steps.end(plan.databases().size(), plan.databases().size() * 2L, 0, 0);
        steps.begin("schemas", plan.schemas().size());
        try (RowSink.Rows b = batch("schema", "schema_id", "name")) {
            for (Schema x : plan.schemas()) {
                int id = plan.rewrite(RenumberedKind.SCHEMA, x.getId());
                object(id, "SCHEMA", x.getOwner(), null, plan.rewrite(RenumberedKind.DATABASE, x.getDatabaseId()), null, null, null, null);
                flushObjects();
                b.add(id, x.getName());
            }
        }
        steps.end(plan.schemas().size(), plan.schemas().size() * 2L, 0, 0);
        steps.begin("functions", plan.functions().size());
        try (RowSink.Rows b = batch("function", "function_id", "name", "arg_names", "arg_types", "return_type", "language", "link", "identifier", "body",
                "compressed_binary", "kind", "always_retry_on_network_error", "runtime", "function_type")) {
            for (Function x : plan.functions()) {
                int id = plan.rewrite(RenumberedKind.FUNCTION, x.getId());
                object(id, "FUNCTION", x.getOwner(), plan.rewrite(RenumberedKind.SCHEMA, x.getSchemaId()), plan.rewrite(RenumberedKind.DATABASE, x.getDatabaseId()), null, null, null,
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
        steps.begin("connections", plan.connections().size());
        try (RowSink.Rows b = batch("connection", "connection_id", "name", "info")) {
            for (Connection x : plan.connections()) {
                int id = plan.rewrite(RenumberedKind.CONNECTION, x.getId());
                object(id, "CONNECTION", x.getOwner(), plan.rewrite(RenumberedKind.SCHEMA, x.getSchemaId()), plan.rewrite(RenumberedKind.DATABASE, x.getDatabaseId()), null, null,
                        null, null);
                flushObjects();
                b.add(id, x.getName(), Blobs.message(x.getPrivateLinkService()));
            }
        }
        steps.end(plan.connections().size(), plan.connections().size() * 2L, 0, 0);
        steps.begin("secrets", plan.secrets().size());
        try (RowSink.Rows b = batch("secret", "secret_id", "name", "value")) {
            for (Secret x : plan.secrets()) {
                int id = plan.rewrite(RenumberedKind.SECRET, x.getId());
                object(id, "SECRET", x.getOwner(), plan.rewrite(RenumberedKind.SCHEMA, x.getSchemaId()), plan.rewrite(RenumberedKind.DATABASE, x.getDatabaseId()), null, null, null,
                        null);
                flushObjects();
                b.add(id, x.getName(), x.getValue().toByteArray());
            }
        }
        steps.end(plan.secrets().size(), plan.secrets().size() * 2L, 0, 0);
    }

    /** Step 15: sources, sinks, indexes, subscriptions, tables except index tables, views; dropped relations left out (rwsh). */
    void relationObjects() throws SQLException {
        long expected = plan.rows().get("object") - plan.databases().size() - plan.schemas().size() - plan.functions().size() - plan.connections().size()
                - plan.secrets().size();
        steps.begin("relation objects", expected);
        long n = 0;
        long skipped = 0;
        for (Source x : plan.sources()) {
            if (plan.dropped().contains(x.getId())) {
                skipped++;
                continue;
            }
            relation(x.getId(), "SOURCE", x.getOwner(), x.getSchemaId(), x.getDatabaseId(), x.hasInitializedAtEpoch(), x.getInitializedAtEpoch(),
                    x.hasCreatedAtEpoch(), x.getCreatedAtEpoch(), x.hasInitializedAtClusterVersion() ? x.getInitializedAtClusterVersion() : null,
                    x.hasCreatedAtClusterVersion() ? x.getCreatedAtClusterVersion() : null);
            n++;
        }
        for (Sink x : plan.sinks()) {
            if (plan.dropped().contains(x.getId())) {
                skipped++;
                continue;
            }
            relation(x.getId(), "SINK", x.getOwner(), x.getSchemaId(), x.getDatabaseId(), x.hasInitializedAtEpoch(), x.getInitializedAtEpoch(),
                    x.hasCreatedAtEpoch(), x.getCreatedAtEpoch(), x.hasInitializedAtClusterVersion() ? x.getInitializedAtClusterVersion() : null,
                    x.hasCreatedAtClusterVersion() ? x.getCreatedAtClusterVersion() : null);
            n++;
        }
        for (Index x : plan.indexes()) {
            if (plan.dropped().contains(x.getId())) {
                skipped++;
                continue;
            }
            relation(x.getId(), "INDEX", x.getOwner(), x.getSchemaId(), x.getDatabaseId(), x.hasInitializedAtEpoch(), x.getInitializedAtEpoch(),
                    x.hasCreatedAtEpoch(), x.getCreatedAtEpoch(), x.hasInitializedAtClusterVersion() ? x.getInitializedAtClusterVersion() : null,
                    x.hasCreatedAtClusterVersion() ? x.getCreatedAtClusterVersion() : null);
            n++;
        }
        for (Subscription x : plan.subscriptions()) {
            relation(x.getId(), "SUBSCRIPTION", x.getOwner(), x.getSchemaId(), x.getDatabaseId(), x.hasInitializedAtEpoch(),
                    x.getInitializedAtEpoch(), x.hasCreatedAtEpoch(), x.getCreatedAtEpoch(),
                    x.hasInitializedAtClusterVersion() ? x.getInitializedAtClusterVersion() : null,
                    x.hasCreatedAtClusterVersion() ? x.getCreatedAtClusterVersion() : null);
            n++;
        }
        for (Table x : plan.tables()) {
            if (x.getTableType() == Table.TableType.INDEX) {
                continue;
            }
            if (plan.dropped().contains(x.getId())) {
                skipped++;
                continue;
            }
            relation(x.getId(), "TABLE", x.getOwner(), x.getSchemaId(), x.getDatabaseId(), x.hasInitializedAtEpoch(), x.getInitializedAtEpoch(),
                    x.hasCreatedAtEpoch(), x.getCreatedAtEpoch(), x.hasInitializedAtClusterVersion() ? x.getInitializedAtClusterVersion() : null,
                    x.hasCreatedAtClusterVersion() ? x.getCreatedAtClusterVersion() : null);
            n++;
            if (n % Batch.SIZE == 0) {
                listener.progress("relation objects", n);
            }
        }
        for (View x : plan.views()) {
            relation(x.getId(), "VIEW", x.getOwner(), x.getSchemaId(), x.getDatabaseId(), false, 0, false, 0, null, null);
            n++;
        }
        closeObjects();
        steps.end(n + skipped, n, skipped, 0);
    }

    private void relation(int id, String type, int owner, int schemaId, int databaseId, boolean hasInit, long init, boolean hasCreated,
            long created, String initVersion, String createdVersion) throws SQLException {
        object(id, type, owner, plan.rewrite(RenumberedKind.SCHEMA, schemaId), plan.rewrite(RenumberedKind.DATABASE, databaseId), hasInit ? time(init) : null,
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
    void streamingJobs() throws SQLException {
        steps.begin("streaming jobs", plan.jobIds().size() * 2L);
        long[] counts = new long[4];
        bulk(out -> writeStreamingJobs(out, counts));
        steps.end(counts[0], counts[0] + counts[1] + counts[2] + counts[3], 0, 0);
    }

    private void writeStreamingJobs(RowSink sink, long[] counts) throws SQLException {
        try (RowSink.Rows jobs = sink.open("streaming_job", null, "job_id", "job_status", "create_type", "timezone", "parallelism:json");
                RowSink.Rows frags = sink.open("fragment", flushing(jobs), "fragment_id", "job_id", "fragment_type_mask", "distribution_type",
                        "stream_node", "state_table_ids:json", "upstream_fragment_id:json")) {
            RowSink.Rows[] all = {jobs, frags};
            scanJobs(LITE_HEAD, tf -> writeJobAndFragments((LiteJobHead) tf, all, counts), 0);
            jobs.flush();
            frags.flush();
        } catch (FlushFailure ex) {
            throw ex.error;
        }
        try (RowSink.Rows actors = sink.open("actor", null, "actor_id", "fragment_id", "status", "splits", "worker_id",
                "upstream_actor_ids:json", "vnode_bitmap", "expr_context");
                RowSink.Rows disp = sink.open("actor_dispatcher", flushing(actors), "actor_id", "dispatcher_type",
                        "dist_key_indices:json", "output_indices:json", "hash_mapping", "dispatcher_id", "downstream_actor_ids:json")) {
            RowSink.Rows[] all = {actors, disp};
            scanJobs(StreamPlans.LITE_JOB, tf -> writeActors((LiteTableFragments) tf, all, counts), plan.jobIds().size());
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

    private void scanJobs(com.google.protobuf.Parser<? extends Message> parser, JobWriter writer, long base) throws SQLException {
        SQLException[] failure = {null};
        long[] n = {base};
        reader.scan(ColumnFamily.TABLE_FRAGMENTS, parser, e -> {
            try {
                writer.write(e.message());
                listener.progress("streaming jobs", ++n[0]);
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
            byte[] node = Blobs.message(new NodeRewriter(plan).rewrite(StreamPlans.plan(firstActor(f))));
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
                Map<Integer, List<Integer>> merges = StreamPlans.merges(a.getNodes());
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
        refs.forEach((k, v) -> out.put(k, v.toBuilder().setSecretId(plan.rewrite(RenumberedKind.SECRET, v.getSecretId())).build()));
        return out;
    }

    void catalogs() throws SQLException {
        steps.begin("sources", plan.keptSources().size());
        try (RowSink.Rows b = batch("source", "source_id", "name", "row_id_index", "columns", "pk_column_ids:json", "with_properties:json", "definition",
                "source_info", "watermark_descs", "optional_associated_table_id", "connection_id", "version", "secret_ref", "rate_limit")) {
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
                        s.hasConnectionId() ? plan.rewrite(RenumberedKind.CONNECTION, s.getConnectionId()) : Batch.Null.INT, s.getVersion(),
                        Blobs.secretRefs(secrets(s.getSecretRefsMap())), opt(s.hasRateLimit(), s.getRateLimit(), Batch.Null.INT));
            }
        }
        steps.end(plan.sources().size(), plan.keptSources().size(), plan.sources().size() - plan.keptSources().size(), 0);

        steps.begin("tables", plan.keptTables().size());
        long n = 0;
        try (RowSink.Rows b = batch("table", "table_id", "name", "optional_associated_source_id", "table_type", "belongs_to_job_id", "columns", "pk",
                "distribution_key:json", "stream_key:json", "append_only", "fragment_id", "vnode_col_index", "row_id_index", "value_indices:json",
                "definition", "handle_pk_conflict_behavior", "read_prefix_len_hint", "watermark_indices:json", "dist_key_in_pk:json",
                "dml_fragment_id", "cardinality", "cleaned_by_watermark", "description", "version", "retention_seconds", "incoming_sinks:json",
                "version_column_index", "cdc_table_id")) {
            for (Table t : plan.keptTables()) {
                Object belongs = t.getTableType() == Table.TableType.INTERNAL ? plan.jobOfFragment().get(t.getFragmentId()) : Batch.Null.INT;
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
                    listener.progress("tables", n);
                }
            }
        }
        steps.end(plan.tables().size(), plan.keptTables().size(), plan.tables().size() - plan.keptTables().size(), 0);

        steps.begin("indexes", plan.keptIndexes().size());
        try (RowSink.Rows b = batch("index", "index_id", "name", "index_table_id", "primary_table_id", "index_items", "index_columns_len",
                "index_column_properties")) {
            for (Index x : plan.keptIndexes()) {
                b.add(x.getId(), x.getName(), x.getIndexTableId(), x.getPrimaryTableId(), Blobs.array(x.getIndexItemList()), x.getIndexColumnsLen(),
                        Blobs.array(x.getIndexColumnPropertiesList()));
            }
        }
        steps.end(plan.indexes().size(), plan.keptIndexes().size(), plan.indexes().size() - plan.keptIndexes().size(), 0);

        steps.begin("sinks", plan.keptSinks().size());
        try (RowSink.Rows b = batch("sink", "sink_id", "name", "columns", "plan_pk", "distribution_key:json", "downstream_pk:json", "sink_type",
                "properties:json", "definition", "connection_id", "db_name", "sink_from_name", "sink_format_desc", "target_table", "secret_ref",
                "original_target_columns")) {
            for (Sink s : plan.keptSinks()) {
                Object format = Batch.Null.BYTES;
                if (s.hasFormatDesc()) {
                    SinkFormatDesc f = s.getFormatDesc().toBuilder().clearSecretRefs().putAllSecretRefs(secrets(s.getFormatDesc().getSecretRefsMap())).build();
                    format = Blobs.message(f);
                }
                b.add(s.getId(), s.getName(), Blobs.array(s.getColumnsList()), Blobs.array(s.getPlanPkList()), Blobs.ints(s.getDistributionKeyList()),
                        Blobs.ints(s.getDownstreamPkList()), s.getSinkType().name().substring("SINK_TYPE_".length()), Blobs.property(s.getPropertiesMap()),
                        s.getDefinition(), s.hasConnectionId() ? plan.rewrite(RenumberedKind.CONNECTION, s.getConnectionId()) : Batch.Null.INT, s.getDbName(),
                        s.getSinkFromName(), format, opt(s.hasTargetTable(), s.getTargetTable(), Batch.Null.INT),
                        Blobs.secretRefs(secrets(s.getSecretRefsMap())), Blobs.array(s.getOriginalTargetColumnsList()));
            }
        }
        steps.end(plan.sinks().size(), plan.keptSinks().size(), plan.sinks().size() - plan.keptSinks().size(), 0);

        steps.begin("views", plan.views().size());
        try (RowSink.Rows b = batch("view", "view_id", "name", "properties:json", "definition", "columns")) {
            for (View v : plan.views()) {
                b.add(v.getId(), v.getName(), Blobs.property(v.getPropertiesMap()), v.getSql(), Blobs.array(v.getColumnsList()));
            }
        }
        steps.end(plan.views().size(), plan.views().size(), 0, 0);

        steps.begin("subscriptions", plan.subscriptions().size());
        try (RowSink.Rows b = batch("subscription", "subscription_id", "name", "retention_seconds", "definition", "subscription_state", "dependent_table_id")) {
            for (Subscription s : plan.subscriptions()) {
                b.add(s.getId(), s.getName(), s.getRetentionSeconds(), s.getDefinition(), s.getSubscriptionStateValue(), s.getDependentTableId());
            }
        }
        steps.end(plan.subscriptions().size(), plan.subscriptions().size(), 0, 0);

        steps.begin("object dependencies", plan.dependencies().size());
        try (RowSink.Rows b = batch("object_dependency", "oid", "used_by")) {
            for (int[] dep : plan.dependencies()) {
                b.add(dep[0], dep[1]);
            }
        }
        steps.end(plan.dependencies().size(), plan.dependencies().size(), 0, 0);

        steps.begin("user privileges", plan.privileges().size());
        try (RowSink.Rows b = batch("user_privilege", "user_id", "oid", "granted_by", "action", "with_grant_option")) {
            for (Object[] p : plan.privileges()) {
                b.add(p);
            }
        }
        steps.end(plan.privileges().size(), plan.privileges().size(), 0, 0);
    }

    void catalogVersions() throws SQLException {
        steps.begin("catalog versions", 2);
        try (RowSink.Rows b = batch("catalog_version", "name", "version")) {
            b.add("NOTIFICATION", plan.notificationVersion());
            b.add("TABLE_REVISION", plan.tableRevision());
        }
        steps.end(2, 2, 0, 0);
    }

    // ---------------------------------------------------------------------------------------------

    void hummock() throws SQLException {
        simple("hummock pinned snapshots", ColumnFamily.HUMMOCK_PINNED_SNAPSHOT, "hummock_pinned_snapshot",
                new String[] {"context_id", "min_pinned_snapshot"}, m -> {
                    HummockPinnedSnapshot s = (HummockPinnedSnapshot) m;
                    return new Object[] {s.getContextId(), s.getMinimalPinnedSnapshot()};
                }, false);
        simple("hummock pinned versions", ColumnFamily.HUMMOCK_PINNED_VERSION, "hummock_pinned_version",
                new String[] {"context_id", "min_pinned_id"}, m -> {
                    HummockPinnedVersion s = (HummockPinnedVersion) m;
                    return new Object[] {s.getContextId(), s.getMinPinnedId()};
                }, false);
        simple("hummock version deltas", ColumnFamily.HUMMOCK_VERSION_DELTA, "hummock_version_delta",
                new String[] {"id", "prev_id", "max_committed_epoch", "safe_epoch", "trivial_move", "full_version_delta"}, m -> {
                    HummockVersionDelta v = (HummockVersionDelta) m;
                    return new Object[] {v.getId(), v.getPrevId(), v.getMaxCommittedEpoch(), v.getSafeEpoch(), v.getTrivialMove(),
                            Blobs.message(normalizeDelta(v))};
                }, false);
        simple("hummock version stats", ColumnFamily.HUMMOCK_VERSION_STATS, "hummock_version_stats", new String[] {"id", "stats:json"}, m -> {
            HummockVersionStats s = (HummockVersionStats) m;
            return new Object[] {s.getHummockVersionId(), Blobs.tableStats(s.getTableStatsMap())};
        }, true);
        simple("compaction configs", ColumnFamily.HUMMOCK_COMPACTION_GROUP, "compaction_config", new String[] {"compaction_group_id", "config"}, m -> {
            CompactionGroup g = (CompactionGroup) m;
            if (!g.hasCompactionConfig()) {
                throw new IllegalStateException("compaction group " + Long.toUnsignedString(g.getId()) + " has no config (v2.0.7 panics)");
            }
            return new Object[] {g.getId(), Blobs.message(g.getCompactionConfig())};
        }, false);
        simple("compaction statuses", ColumnFamily.HUMMOCK_COMPACT_STATUS, "compaction_status", new String[] {"compaction_group_id", "status"}, m -> {
            CompactStatus s = (CompactStatus) m;
            return new Object[] {s.getCompactionGroupId(), Blobs.array(s.getLevelHandlersList())};
        }, false);
        simple("compaction tasks", ColumnFamily.HUMMOCK_COMPACT_TASK, "compaction_task", new String[] {"id", "task", "context_id"}, m -> {
            CompactTaskAssignment t = (CompactTaskAssignment) m;
            if (!t.hasCompactTask()) {
                throw new IllegalStateException("a compaction task assignment has no task (v2.0.7 panics)");
            }
            return new Object[] {t.getCompactTask().getTaskId(), Blobs.message(t.getCompactTask()), t.getContextId()};
        }, false);
        steps.begin("hummock sequences", 4);
        try (RowSink.Rows b = batch("hummock_sequence", "name", "seq")) {
            for (Map.Entry<String, Long> e : plan.hummockSequences().entrySet()) {
                b.add(e.getKey(), e.getValue());
            }
        }
        steps.end(4, 4, 0, 0);
    }

    interface RowOf {
        Object[] row(Message m);
    }

    private void simple(String step, ColumnFamily family, String table, String[] cols, RowOf rowOf, boolean firstOnly) throws SQLException {
        steps.begin(step, plan.rows().getOrDefault(table, -1L));
        long[] n = {0, 0};
        bulk(out -> simpleRows(out, step, family, table, cols, rowOf, firstOnly, n));
        steps.end(n[0], n[1], 0, 0);
    }

    private void simpleRows(RowSink out, String step, ColumnFamily family, String table, String[] cols, RowOf rowOf, boolean firstOnly, long[] n)
            throws SQLException {
        SQLException[] failure = {null};
        try (RowSink.Rows b = out.open(table, null, cols)) {
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
                    listener.progress(step, n[1]);
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

    void sessionParameters() throws SQLException {
        steps.begin("session parameters", plan.sessionParams().size());
        try (RowSink.Rows b = batch("session_parameter", "name", "value", "description")) {
            for (Map.Entry<String, String> e : plan.sessionParams().entrySet()) {
                b.add(e.getKey(), e.getValue(), Batch.Null.TEXT);
            }
        }
        steps.end(plan.sessionParams().size(), plan.sessionParams().size(), 0, 0);
    }

    void sequences() throws SQLException {
        List<String> resets = d.sequenceResets(plan.nextWorkerId(), plan.nextObjectId(), plan.nextUserId());
        steps.begin("sequence resets", resets.size());
        try (Statement s = c.createStatement()) {
            for (String sql : resets) {
                s.execute(sql);
            }
        }
        steps.end(0, 0, 0, 0);
    }

    void clusterId() throws SQLException {
        steps.begin("cluster id", 1);
        try (PreparedStatement p = c.prepareStatement("UPDATE " + d.quote("cluster") + " SET " + d.quote("cluster_id") + " = ?")) {
            p.setObject(1, d.uuidParameter(plan.clusterUuid()));
            p.executeUpdate();
        }
        steps.end(1, 1, 0, 0);
    }
}
