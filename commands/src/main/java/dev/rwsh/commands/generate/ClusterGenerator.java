package dev.rwsh.commands.generate;

import static dev.rwsh.commands.generate.Columns.Col;
import static dev.rwsh.proto.data.DataType.TypeName.BOOLEAN;
import static dev.rwsh.proto.data.DataType.TypeName.DECIMAL;
import static dev.rwsh.proto.data.DataType.TypeName.INT16;
import static dev.rwsh.proto.data.DataType.TypeName.INT64;
import static dev.rwsh.proto.data.DataType.TypeName.JSONB;
import static dev.rwsh.proto.data.DataType.TypeName.TIMESTAMP;
import static dev.rwsh.proto.data.DataType.TypeName.TIMESTAMPTZ;
import static dev.rwsh.proto.data.DataType.TypeName.VARCHAR;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaDecoder;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.meta.MetaValues;
import dev.rwsh.commands.meta.ProstEncoder;
import dev.rwsh.commands.meta.SystemParamsCodec;
import dev.rwsh.proto.catalog.Connection;
import dev.rwsh.proto.catalog.CreateType;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.HandleConflictBehavior;
import dev.rwsh.proto.catalog.Index;
import dev.rwsh.proto.catalog.IndexColumnProperties;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.catalog.Secret;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.SinkFormatDesc;
import dev.rwsh.proto.catalog.SinkType;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.StreamJobStatus;
import dev.rwsh.proto.catalog.StreamSourceInfo;
import dev.rwsh.proto.catalog.Subscription;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.catalog.Table.TableType;
import dev.rwsh.proto.catalog.View;
import dev.rwsh.proto.common.HostAddress;
import dev.rwsh.proto.common.WorkerNode;
import dev.rwsh.proto.common.WorkerType;
import dev.rwsh.proto.data.DataType.TypeName;
import dev.rwsh.proto.hummock.CompactStatus;
import dev.rwsh.proto.hummock.CompactTask;
import dev.rwsh.proto.hummock.CompactTaskAssignment;
import dev.rwsh.proto.hummock.CompactionConfig;
import dev.rwsh.proto.hummock.CompactionGroup;
import dev.rwsh.proto.hummock.GroupConstruct;
import dev.rwsh.proto.hummock.GroupDelta;
import dev.rwsh.proto.hummock.HummockPinnedSnapshot;
import dev.rwsh.proto.hummock.HummockPinnedVersion;
import dev.rwsh.proto.hummock.HummockVersionDelta;
import dev.rwsh.proto.hummock.HummockVersionStats;
import dev.rwsh.proto.hummock.InputLevel;
import dev.rwsh.proto.hummock.IntraLevelDelta;
import dev.rwsh.proto.hummock.KeyRange;
import dev.rwsh.proto.hummock.LevelHandler;
import dev.rwsh.proto.hummock.LevelType;
import dev.rwsh.proto.hummock.SstableInfo;
import dev.rwsh.proto.hummock.StateTableInfoDelta;
import dev.rwsh.proto.hummock.TableOption;
import dev.rwsh.proto.hummock.TableStats;
import dev.rwsh.proto.meta.MigrationPlan;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.meta.TableParallelism;
import dev.rwsh.proto.plan_common.Cardinality;
import dev.rwsh.proto.plan_common.EncodeType;
import dev.rwsh.proto.plan_common.ExternalTableDesc;
import dev.rwsh.proto.plan_common.FormatType;
import dev.rwsh.proto.secret.SecretRef;
import dev.rwsh.proto.source.ConnectorSplit;
import dev.rwsh.proto.source.ConnectorSplits;
import dev.rwsh.proto.stream_plan.AggCallState;
import dev.rwsh.proto.stream_plan.BatchPlanNode;
import dev.rwsh.proto.stream_plan.DispatcherType;
import dev.rwsh.proto.stream_plan.DmlNode;
import dev.rwsh.proto.stream_plan.FragmentTypeFlag;
import dev.rwsh.proto.stream_plan.HashAggNode;
import dev.rwsh.proto.stream_plan.MaterializeNode;
import dev.rwsh.proto.stream_plan.MergeNode;
import dev.rwsh.proto.stream_plan.ProjectNode;
import dev.rwsh.proto.stream_plan.RowIdGenNode;
import dev.rwsh.proto.stream_plan.SinkDesc;
import dev.rwsh.proto.stream_plan.SinkNode;
import dev.rwsh.proto.stream_plan.SourceNode;
import dev.rwsh.proto.stream_plan.StreamCdcScanNode;
import dev.rwsh.proto.stream_plan.StreamNode;
import dev.rwsh.proto.stream_plan.StreamScanNode;
import dev.rwsh.proto.stream_plan.StreamSource;
import dev.rwsh.proto.user.AuthInfo;
import dev.rwsh.proto.user.GrantPrivilege;
import dev.rwsh.proto.user.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes the etcd metadata of a realistic RisingWave v2.0.7 cluster, key for key and byte for byte as
 * its meta node encodes them (see docs/etcd-layout.md): users with privileges, the {@code dev}
 * database (id 0) and a second one, tables with internal tables, materialized views, an index, shared
 * and plain sources, a sink, a view, a function, a connection, a secret, a subscription, streaming
 * jobs with fragments, actors, dispatchers and vnode bitmaps, hummock state, counters and id
 * generators, system and session parameters, the cluster id and a leader election key.
 *
 * <p>The history it models: the cluster was created by v1.9.1, its meta node restarted once (so
 * the ids handed out after that start at the next thousand and pass 128, where the varint key
 * order stops following the numbers), then v2.0.7 created the rest. One materialized view is wide
 * enough that its streaming job encodes to more than 1 MiB and is stored gzip-compressed.
 * {@link Options#scaleJobs} adds that many more materialized views (in groups over their own
 * tables) for benchmarks. Output is a function of the options alone: the same seed gives the same
 * bytes.
 */
public final class ClusterGenerator {
    /** 2021-04-01T00:00:00Z, where RisingWave epochs start. */
    static final long EPOCH_ORIGIN_MS = 1_617_235_200_000L;
    /** When the modelled cluster was created: 2024-06-03T09:00:00Z. */
    static final long CREATED_MS = 1_717_405_200_000L;
    static final String V1_9 = "1.9.1";
    static final String V2_0 = "2.0.7";
    static final int ROOT = 1;
    static final int POSTGRES = 2;
    static final int STATE_DEFAULT_GROUP = 2;
    static final int MATERIALIZED_VIEW_GROUP = 3;
    public static final String META_ADDRESS = "risingwave-meta-0.risingwave-meta:5690";

    /**
     * @param seed makes the output; the same options give the same bytes
     * @param scaleJobs extra materialized views (each a streaming job of two fragments), grouped by
     *     {@code mvsPerTable} over tables of their own (each one more job)
     * @param computeNodes compute nodes; actors are spread over them
     * @param parallelismPerNode parallelism of each compute node; a hash fragment has
     *     computeNodes × parallelismPerNode actors
     * @param versionDeltas hummock version deltas (at least 3)
     * @param electionLeaseSeconds TTL of the leader's election lease (RisingWave's default is 30)
     */
    public record Options(long seed, int scaleJobs, int mvsPerTable, int computeNodes, int parallelismPerNode, int versionDeltas,
            long electionLeaseSeconds) {
        public Options {
            if (computeNodes < 1 || parallelismPerNode < 1 || mvsPerTable < 1 || versionDeltas < 3 || scaleJobs < 0) {
                throw new IllegalArgumentException("computeNodes, parallelismPerNode, mvsPerTable >= 1; versionDeltas >= 3; scaleJobs >= 0");
            }
        }

        /** The small cluster the tests and the demo use: 3 compute nodes of 4, 40 version deltas. */
        public static Options small(long seed) {
            return new Options(seed, 0, 20, 3, 4, 40, 30);
        }

        public Options withScale(int jobs) {
            return new Options(seed, jobs, mvsPerTable, computeNodes, parallelismPerNode, Math.max(versionDeltas, 40 + jobs / 10),
                    electionLeaseSeconds);
        }

        public Options withNodes(int nodes, int perNode) {
            return new Options(seed, scaleJobs, mvsPerTable, nodes, perNode, versionDeltas, electionLeaseSeconds);
        }

        public Options withElectionLease(long seconds) {
            return new Options(seed, scaleJobs, mvsPerTable, computeNodes, parallelismPerNode, versionDeltas, seconds);
        }
    }

    private final Options options;
    private final KeyValueSink sink;
    private final SplittableRandom random;
    private final Map<String, IdGenerator> ids = new LinkedHashMap<>();
    private final Map<String, Long> keysPerFamily = new TreeMap<>();
    private final Map<String, Integer> objects = new TreeMap<>();
    private final List<Integer> computeWorkers = new ArrayList<>();
    /** State tables by compaction group, for hummock. */
    private final Map<Integer, List<Integer>> tablesByGroup = new TreeMap<>();
    private final Map<Integer, Schema> schemas = new LinkedHashMap<>();
    private long nowMs = CREATED_MS;
    private long operatorIds = 1;
    private long totalKeys;
    private long totalBytes;
    private int compressed;
    private int largest;
    private int jobs;
    private long fragments;
    private long actors;
    private String clusterVersion = V1_9;
    private int frontendId;
    private int compactorId;
    private int wideViewId;

    private ClusterGenerator(Options options, KeyValueSink sink) {
        this.options = options;
        this.sink = sink;
        this.random = new SplittableRandom(options.seed());
        for (Object[] g : new Object[][] {{"database", 0L}, {"schema", 0L}, {"table", 1L}, {"function", 0L}, {"worker", 1L},
                {"fragment", 1L}, {"actor", 1L}, {"user", 11L}, {"backup", 1L}, {"hummock_ss_table_id", 1L},
                {"hummock_compaction_task", 1L}, {"compaction_group", 5L}, {"connection", 0L}, {"secret", 0L}}) {
            ids.put((String) g[0], new IdGenerator((String) g[0], (Long) g[1]));
        }
    }

    public static GeneratedCluster generate(Options options, KeyValueSink sink) {
        return new ClusterGenerator(options, sink).run();
    }

    // ---------------------------------------------------------------------------------------------
    // The story
    // ---------------------------------------------------------------------------------------------

    private GeneratedCluster run() {
        String clusterId = uuid();
        putRaw(ColumnFamily.clusterIdKey(), clusterId.getBytes(StandardCharsets.US_ASCII), "cf/cluster_id");
        systemParams();
        sessionParams();
        workers();
        users();

        // Created by v1.9.1: the dev database, its schemas and the first objects.
        int dev = database("dev", ROOT);
        int devPublic = schemaOf(dev, "public");
        int staging = schema(dev, "staging", ROOT);
        int kafkaSecret = secret("kafka_password", dev, devPublic, ROOT);
        int pgSecret = secret("pg_password", dev, devPublic, ROOT);
        int link = connection("msk_privatelink", dev, devPublic, ROOT);
        function("add_tax", dev, devPublic, ROOT, "javascript", "export function add_tax(x) { return x * 1.08; }", null);

        Rel orders = table("orders", dev, devPublic, ROOT, List.of(Col.of("order_id", INT64), Col.of("customer_id", INT64),
                Col.of("amount", DECIMAL), Col.of("status", VARCHAR), Col.of("created_at", TIMESTAMPTZ)), List.of(0), false);
        Rel stats = aggregateView("order_stats", dev, devPublic, ROOT, orders, 1,
                "CREATE MATERIALIZED VIEW order_stats AS SELECT customer_id, count(*) AS orders, sum(amount) AS total FROM orders GROUP BY customer_id",
                List.of(Col.of("customer_id", INT64), Col.of("orders", INT64), Col.of("total", DECIMAL)),
                TableParallelism.newBuilder().setAdaptive(TableParallelism.AdaptiveParallelism.getDefaultInstance()).build(),
                StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        plainSource("clicks_src", dev, devPublic, ROOT, kafkaSecret);
        view("big_orders", dev, devPublic, ROOT, orders, "SELECT * FROM orders WHERE amount > 1000");

        // The meta node restarts: every generator continues at its stored ceiling.
        ids.values().forEach(IdGenerator::restart);
        clusterVersion = V2_0;
        nowMs += 86_400_000L * 30;

        index("orders_by_customer", dev, devPublic, ROOT, orders);
        sink("orders_sink", dev, devPublic, ROOT, orders, kafkaSecret, link);
        subscription("orders_sub", dev, devPublic, ROOT, orders);
        Rel cdc = sharedCdcSource("pg_cdc", dev, devPublic, ROOT, pgSecret);
        cdcTable("customers", dev, devPublic, ROOT, cdc, pgSecret);
        Rel events = connectorTable("events", dev, devPublic, ROOT, kafkaSecret);
        wideView("wide_mv", dev, staging, ROOT, events);

        int analytics = database("analytics", 11);
        int analyticsPublic = schemaOf(analytics, "public");
        function("py_score", analytics, analyticsPublic, 11, "python", "def py_score(x):\n    return x * 2\n", "embedded");
        Rel pageViews = table("page_views", analytics, analyticsPublic, 11, List.of(Columns.ROW_ID, Col.of("user_id", INT64),
                Col.of("url", VARCHAR), Col.of("referrer", VARCHAR), Col.of("viewed_at", TIMESTAMPTZ)), List.of(0), true);
        aggregateView("hourly_views", analytics, analyticsPublic, 11, pageViews, 2,
                "CREATE MATERIALIZED VIEW hourly_views AS SELECT url, count(*) AS views FROM page_views GROUP BY url",
                List.of(Col.of("url", VARCHAR), Col.of("views", INT64)),
                TableParallelism.newBuilder().setFixed(TableParallelism.FixedParallelism.newBuilder().setParallelism(4)).build(),
                StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        aggregateView("daily_revenue", analytics, analyticsPublic, 11, pageViews, 1,
                "CREATE MATERIALIZED VIEW daily_revenue AS SELECT user_id, count(*) AS visits FROM page_views GROUP BY user_id",
                List.of(Col.of("user_id", INT64), Col.of("visits", INT64)),
                TableParallelism.newBuilder().setAdaptive(TableParallelism.AdaptiveParallelism.getDefaultInstance()).build(),
                StreamJobStatus.STREAM_JOB_STATUS_CREATING);
        flushJobs();
        grants(dev, devPublic, analytics, analyticsPublic, orders, stats, pageViews);

        if (options.scaleJobs() > 0) {
            int bench = schema(analytics, "bench", 11);
            int made = 0;
            for (int g = 0; made < options.scaleJobs(); g++) {
                Rel base = table("bench_t" + g, analytics, bench, 11, List.of(Columns.ROW_ID, Col.of("k", INT64), Col.of("v", VARCHAR),
                        Col.of("ts", TIMESTAMP)), List.of(0), true);
                for (int i = 0; i < options.mvsPerTable() && made < options.scaleJobs(); i++, made++) {
                    aggregateView("bench_mv" + g + "_" + i, analytics, bench, 11, base, 1,
                            "CREATE MATERIALIZED VIEW bench_mv" + g + "_" + i + " AS SELECT k, count(*) AS n FROM bench_t" + g + " GROUP BY k",
                            List.of(Col.of("k", INT64), Col.of("n", INT64)),
                            TableParallelism.newBuilder().setAdaptive(TableParallelism.AdaptiveParallelism.getDefaultInstance()).build(),
                            StreamJobStatus.STREAM_JOB_STATUS_CREATED);
                }
                flushJobs();
            }
        }

        hummock();
        long lease = election();
        counters();
        sink.flush();
        return new GeneratedCluster(clusterId, Map.copyOf(keysPerFamily), totalKeys, totalBytes, Map.copyOf(objects), jobs, fragments,
                actors, compressed, largest, options.versionDeltas(), lease);
    }

    // ---------------------------------------------------------------------------------------------
    // Cluster-level keys
    // ---------------------------------------------------------------------------------------------

    private void systemParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("barrier_interval_ms", 1000);
        p.put("checkpoint_frequency", 1);
        p.put("sstable_size_mb", 256);
        p.put("parallel_compact_size_mb", 512);
        p.put("block_size_kb", 64);
        p.put("bloom_false_positive", 0.001);
        p.put("state_store", "hummock+s3://risingwave-state");
        p.put("data_directory", "hummock_001");
        p.put("backup_storage_url", "s3://risingwave-backup");
        p.put("backup_storage_directory", "backup");
        p.put("max_concurrent_creating_streaming_jobs", 1);
        p.put("pause_on_next_bootstrap", false);
        p.put("enable_tracing", false);
        // Created by v1.9: the first v2.0 start fixed the old object prefix strategy.
        p.put("use_new_object_prefix_strategy", false);
        p.put("license_key", "");
        p.put("time_travel_retention_ms", 0);
        if (!p.keySet().equals(new java.util.LinkedHashSet<>(SystemParamsCodec.NAMES))) {
            throw new IllegalStateException("system parameters out of step with SystemParamsCodec.NAMES");
        }
        p.forEach((name, value) -> putRaw(ColumnFamily.SYSTEM_PARAMS.etcdKey(name), SystemParamsCodec.format(value).getBytes(StandardCharsets.UTF_8),
                ColumnFamily.SYSTEM_PARAMS.familyName()));
    }

    private void sessionParams() {
        String[][] params = {{"rw_implicit_flush", "false"}, {"create_compaction_group_for_mv", "false"}, {"query_mode", "auto"},
                {"extra_float_digits", "1"}, {"application_name", ""}, {"datestyle", ""}, {"rw_batch_enable_lookup_join", "true"},
                {"rw_batch_enable_sort_agg", "true"}, {"batch_enable_distributed_dml", "false"}, {"max_split_range_gap", "8"},
                {"search_path", "\"$user\", public"}, {"visibility_mode", "default"}, {"transaction_isolation", "read committed"},
                {"query_epoch", "0"}, {"timezone", "UTC"}, {"streaming_parallelism", "0"}, {"rw_streaming_enable_delta_join", "false"},
                {"rw_streaming_enable_bushy_join", "true"}, {"streaming_use_arrangement_backfill", "true"},
                {"streaming_use_snapshot_backfill", "false"}, {"rw_streaming_allow_jsonb_in_stream_key", "false"},
                {"rw_enable_join_ordering", "true"}, {"rw_enable_two_phase_agg", "true"}, {"rw_force_two_phase_agg", "false"},
                {"rw_enable_share_plan", "true"}, {"rw_force_split_distinct_agg", "false"}, {"intervalstyle", ""},
                {"batch_parallelism", "0"}, {"server_version", "13.14.0"}, {"server_version_num", "130014"},
                {"client_min_messages", "notice"}, {"client_encoding", "UTF8"}, {"sink_decouple", "default"},
                {"synchronize_seqscans", "false"}, {"statement_timeout", "0"}, {"idle_in_transaction_session_timeout", "60000"},
                {"lock_timeout", "0"}, {"cdc_source_wait_streaming_start_timeout", "30"}, {"row_security", "true"},
                {"standard_conforming_strings", "on"}, {"backfill_rate_limit", "-1"}, {"source_rate_limit", "-1"},
                {"rw_streaming_over_window_cache_policy", "full"}, {"background_ddl", "false"}, {"rw_enable_shared_source", "false"},
                {"server_encoding", "UTF8"}, {"bytea_output", "hex"}, {"bypass_cluster_limits", "false"}};
        for (String[] p : params) {
            putRaw(ColumnFamily.SESSION_PARAMS.etcdKey(p[0]), p[1].getBytes(StandardCharsets.UTF_8), ColumnFamily.SESSION_PARAMS.familyName());
        }
    }

    private void workers() {
        frontendId = (int) id("worker");
        putWorker(WorkerNode.newBuilder().setId(frontendId).setType(WorkerType.WORKER_TYPE_FRONTEND)
                .setHost(host("risingwave-frontend-0.risingwave-frontend", 4566)).setState(WorkerNode.State.RUNNING)
                .setProperty(WorkerNode.Property.newBuilder().setIsServing(true)).setTransactionalId(0).build());
        for (int k = 0; k < options.computeNodes(); k++) {
            int id = (int) id("worker");
            computeWorkers.add(id);
            HostAddress h = host("risingwave-compute-" + k + ".risingwave-compute", 5688);
            putWorker(WorkerNode.newBuilder().setId(id).setType(WorkerType.WORKER_TYPE_COMPUTE_NODE).setHost(h)
                    .setState(WorkerNode.State.RUNNING)
                    .setProperty(WorkerNode.Property.newBuilder().setIsStreaming(true).setIsServing(true)
                            .setInternalRpcHostAddr(MetaKeys.hostText(h)))
                    .setTransactionalId(k + 1).setParallelism(options.parallelismPerNode()).build());
        }
        compactorId = (int) id("worker");
        putWorker(WorkerNode.newBuilder().setId(compactorId).setType(WorkerType.WORKER_TYPE_COMPACTOR)
                .setHost(host("10.42.1.17", 6660)).setState(WorkerNode.State.RUNNING).build());
    }

    private void putWorker(WorkerNode w) {
        putModel(ColumnFamily.WORKER, MetaKeys.encodeHost(w.getHost()), w);
        count("worker");
    }

    private static HostAddress host(String host, int port) {
        return HostAddress.newBuilder().setHost(host).setPort(port).build();
    }

    private final Map<Integer, UserInfo.Builder> users = new LinkedHashMap<>();

    private void users() {
        for (Object[] u : new Object[][] {{ROOT, "root"}, {POSTGRES, "postgres"}}) {
            users.put((Integer) u[0], UserInfo.newBuilder().setId((Integer) u[0]).setName((String) u[1]).setIsSuper(true).setCanCreateDb(true)
                    .setCanCreateUser(true).setCanLogin(true));
        }
        for (String name : List.of("alice", "bob")) {
            int id = (int) id("user");
            byte[] md5 = new byte[16];
            random.nextBytes(md5);
            users.put(id, UserInfo.newBuilder().setId(id).setName(name).setCanLogin(true).setCanCreateDb(name.equals("alice"))
                    .setAuthInfo(AuthInfo.newBuilder().setEncryptionType(AuthInfo.EncryptionType.MD5)
                            .setEncryptedValue(ByteString.copyFromUtf8(java.util.HexFormat.of().formatHex(md5)))));
        }
    }

    private void grants(int dev, int devPublic, int analytics, int analyticsPublic, Rel orders, Rel stats, Rel pageViews) {
        UserInfo.Builder alice = users.get(11);
        UserInfo.Builder bob = users.get(12);
        alice.addGrantPrivileges(grant(b -> b.setDatabaseId(dev), ROOT, false, GrantPrivilege.Action.CONNECT));
        alice.addGrantPrivileges(grant(b -> b.setSchemaId(devPublic), ROOT, false, GrantPrivilege.Action.USAGE));
        alice.addGrantPrivileges(grant(b -> b.setTableId(orders.id), ROOT, true, GrantPrivilege.Action.SELECT, GrantPrivilege.Action.INSERT));
        alice.addGrantPrivileges(grant(b -> b.setDatabaseId(analytics), ROOT, true, GrantPrivilege.Action.CONNECT, GrantPrivilege.Action.CREATE));
        bob.addGrantPrivileges(grant(b -> b.setDatabaseId(analytics), 11, false, GrantPrivilege.Action.CONNECT));
        bob.addGrantPrivileges(grant(b -> b.setSchemaId(analyticsPublic), 11, false, GrantPrivilege.Action.USAGE));
        bob.addGrantPrivileges(grant(b -> b.setTableId(pageViews.id), 11, false, GrantPrivilege.Action.SELECT));
        // GRANT SELECT ON ALL TABLES IN SCHEMA public: the meta node's user service expands it into one grant per
        // table before storing (src/meta/service/src/user_service.rs:46-80), so etcd never holds all_tables_schema_id.
        bob.addGrantPrivileges(grant(b -> b.setTableId(orders.id), ROOT, false, GrantPrivilege.Action.SELECT));
        bob.addGrantPrivileges(grant(b -> b.setTableId(stats.id), ROOT, false, GrantPrivilege.Action.SELECT));
        bob.addGrantPrivileges(grant(b -> b.setFunctionId(0), ROOT, false, GrantPrivilege.Action.EXECUTE));
        bob.addGrantPrivileges(grant(b -> b.setViewId(viewIds.get(0)), ROOT, false, GrantPrivilege.Action.SELECT));
        bob.addGrantPrivileges(grant(b -> b.setSubscriptionId(subscriptionIds.get(0)), ROOT, false, GrantPrivilege.Action.SELECT));
        for (UserInfo.Builder u : users.values()) {
            putModel(ColumnFamily.USER_INFO, MetaKeys.encodeId(u.getId()), u.build());
            count("user");
        }
    }

    private static GrantPrivilege grant(Consumer<GrantPrivilege.Builder> object, int grantor, boolean withGrant, GrantPrivilege.Action... actions) {
        GrantPrivilege.Builder g = GrantPrivilege.newBuilder();
        object.accept(g);
        for (GrantPrivilege.Action a : actions) {
            g.addActionWithOpts(GrantPrivilege.ActionWithGrantOption.newBuilder().setAction(a).setWithGrantOption(withGrant).setGrantedBy(grantor));
        }
        return g.build();
    }

    private long election() {
        byte[] value = META_ADDRESS.getBytes(StandardCharsets.UTF_8);
        long suggested = 0x694d9a5c00000000L | (random.nextLong() & 0xffffffffL);
        KeyValueSink.LeasedKey key = l -> ("__meta_election_/" + Long.toHexString(l)).getBytes(StandardCharsets.US_ASCII);
        long lease = sink.putWithLease(key, value, options.electionLeaseSeconds(), suggested);
        record(ColumnFamily.META_ELECTION.familyName(), key.keyFor(lease).length + value.length);
        return lease;
    }

    private void counters() {
        putRaw(ColumnFamily.DEFAULT.etcdKey(MetaDecoder.NOTIFICATION_VERSION), MetaValues.encodeU64(2_000 + totalKeys / 2), "default");
        putRaw(ColumnFamily.DEFAULT.etcdKey(MetaDecoder.TABLE_REVISION), MetaValues.encodeU64(jobs + 7L), "default");
        for (IdGenerator g : ids.values()) {
            putRaw(ColumnFamily.DEFAULT.etcdKey(g.category() + MetaDecoder.ID_GENERATOR_SUFFIX), MetaValues.encodeU64(g.stored()), "default");
        }
        // Left by v1.9.1, which still allocated parallel units; v2.0.7 never deletes it.
        putRaw(ColumnFamily.DEFAULT.etcdKey("parallel_unit" + MetaDecoder.ID_GENERATOR_SUFFIX), MetaValues.encodeU64(1000), "default");
        // A scale-in migration that is still pending: the first compute node's slot 3 moves to the second's.
        MigrationPlan plan = MigrationPlan.newBuilder()
                .putWorkerSlotMigrationPlan(((long) computeWorkers.get(0) << 32) | 3, ((long) computeWorkers.get(computeWorkers.size() > 1 ? 1 : 0) << 32) | 3)
                .build();
        putRaw(ColumnFamily.DEFAULT.etcdKey(MetaDecoder.MIGRATION_PLAN), ProstEncoder.encode(plan), "default");
    }

    // ---------------------------------------------------------------------------------------------
    // Catalog
    // ---------------------------------------------------------------------------------------------

    /** A relation with a materialize fragment others can read from. */
    private record Rel(int id, String name, List<Col> cols, List<Integer> pk, Table catalog, StreamJobBuilder.Frag mview) {
    }

    private final List<Pending> pendingJobs = new ArrayList<>();
    private final List<Integer> viewIds = new ArrayList<>();
    private final List<Integer> subscriptionIds = new ArrayList<>();

    /** A job whose fragments are written once no later job adds dispatchers to them. */
    private record Pending(StreamJobBuilder job, TableFragments.State state, TableParallelism parallelism, StreamJobBuilder.Splits splits) {
    }

    private int database(String name, int owner) {
        int id = (int) id("database");
        putModel(ColumnFamily.CATALOG_DATABASE, MetaKeys.encodeId(id), Database.newBuilder().setId(id).setName(name).setOwner(owner).build());
        count("database");
        for (String s : List.of("public", "pg_catalog", "information_schema", "rw_catalog")) {
            schema(id, s, owner);
        }
        return id;
    }

    private int schema(int database, String name, int owner) {
        int id = (int) id("schema");
        Schema s = Schema.newBuilder().setId(id).setDatabaseId(database).setName(name).setOwner(owner).build();
        schemas.put(id, s);
        putModel(ColumnFamily.CATALOG_SCHEMA, MetaKeys.encodeId(id), s);
        count("schema");
        return id;
    }

    private int schemaOf(int database, String name) {
        return schemas.values().stream().filter(s -> s.getDatabaseId() == database && s.getName().equals(name)).findFirst().orElseThrow().getId();
    }

    private int secret(String name, int db, int schema, int owner) {
        int id = (int) id("secret");
        byte[] cipher = new byte[48];
        random.nextBytes(cipher);
        putModel(ColumnFamily.CATALOG_SECRET, MetaKeys.encodeId(id), Secret.newBuilder().setId(id).setName(name).setDatabaseId(db)
                .setSchemaId(schema).setOwner(owner).setValue(ByteString.copyFrom(cipher)).build());
        count("secret");
        return id;
    }

    private int connection(String name, int db, int schema, int owner) {
        int id = (int) id("connection");
        Connection c = Connection.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner)
                .setPrivateLinkService(Connection.PrivateLinkService.newBuilder()
                        .setProvider(Connection.PrivateLinkService.PrivateLinkProvider.AWS)
                        .setServiceName("com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f67890")
                        .setEndpointId("vpce-0f1e2d3c4b5a69788")
                        .putDnsEntries("us-east-1a", "vpce-0f1e2d3c4b5a69788-a1b2c3d4-us-east-1a.vpce-svc.amazonaws.com")
                        .putDnsEntries("us-east-1b", "vpce-0f1e2d3c4b5a69788-a1b2c3d4-us-east-1b.vpce-svc.amazonaws.com")
                        .setEndpointDnsName("vpce-0f1e2d3c4b5a69788-a1b2c3d4.vpce-svc.amazonaws.com"))
                .build();
        putModel(ColumnFamily.CATALOG_CONNECTION, MetaKeys.encodeId(id), c);
        count("connection");
        return id;
    }

    private void function(String name, int db, int schema, int owner, String language, String body, String runtime) {
        int id = (int) id("function");
        Function.Builder f = Function.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner)
                .addArgTypes(Columns.type(DECIMAL)).setReturnType(Columns.type(DECIMAL)).setLanguage(language)
                .setScalar(Function.ScalarFunction.getDefaultInstance()).setBody(body).addArgNames("x");
        if (runtime != null) {
            f.setRuntime(runtime);
        }
        putModel(ColumnFamily.CATALOG_FUNCTION, MetaKeys.encodeId(id), f.build());
        count("function");
    }

    private Table.Builder tableCatalog(int id, String name, int db, int schema, int owner, TableType type, List<Col> cols, List<Integer> pk,
            List<Integer> distKey, String definition, int fragmentId, StreamJobStatus status) {
        Table.Builder t = Table.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner).setTableType(type)
                .setDefinition(definition).setFragmentId(fragmentId).setStreamJobStatus(status)
                .setCreateType(status == StreamJobStatus.STREAM_JOB_STATUS_CREATING ? CreateType.CREATE_TYPE_BACKGROUND : CreateType.CREATE_TYPE_FOREGROUND)
                .setCardinality(Cardinality.getDefaultInstance())
                .setHandlePkConflictBehavior(HandleConflictBehavior.HANDLE_CONFLICT_BEHAVIOR_NO_CHECK);
        Columns.shape(t, cols, pk, distKey);
        stamp(t::setInitializedAtEpoch, t::setCreatedAtEpoch, t::setInitializedAtClusterVersion, t::setCreatedAtClusterVersion);
        return t;
    }

    private void stamp(java.util.function.LongConsumer initialized, java.util.function.LongConsumer created,
            Consumer<String> initializedVersion, Consumer<String> createdVersion) {
        nowMs += 60_000 + random.nextInt(3_600_000);
        long epoch = (nowMs - EPOCH_ORIGIN_MS) << 16;
        initialized.accept(epoch);
        created.accept(epoch + (5_000L << 16));
        initializedVersion.accept(clusterVersion);
        createdVersion.accept(clusterVersion);
    }

    /** An internal state table of a job's fragment, named as RisingWave names them. */
    private Table internal(String job, int fragmentId, String kind, int db, int schema, int owner, List<Col> cols, List<Integer> pk,
            List<Integer> distKey, int group, StreamJobStatus status) {
        int id = (int) id("table");
        Table t = tableCatalog(id, "__internal_" + job + "_" + fragmentId + "_" + kind + "_" + id, db, schema, owner, TableType.INTERNAL, cols, pk,
                distKey, "", fragmentId, status).build();
        putTable(t, "internal");
        stateTable(group, id);
        return t;
    }

    private void putTable(Table t, String kind) {
        putModel(ColumnFamily.CATALOG_TABLE, MetaKeys.encodeId(t.getId()), t);
        count(kind);
    }

    private void stateTable(int group, int tableId) {
        tablesByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(tableId);
    }

    /** A table without connector: a DML fragment feeding a materialize fragment. */
    private Rel table(String name, int db, int schema, int owner, List<Col> cols, List<Integer> pk, boolean appendOnly) {
        int id = (int) id("table");
        String definition = "CREATE TABLE " + name + " (" + String.join(", ", cols.stream().filter(c -> !c.hidden())
                .map(c -> c.name() + " " + c.type().name().toLowerCase()).toList()) + (appendOnly ? ") APPEND ONLY" : ", PRIMARY KEY (" + cols.get(pk.get(0)).name() + "))");
        int dmlFrag = (int) id("fragment");
        int mvFrag = (int) id("fragment");
        Table.Builder t = tableCatalog(id, name, db, schema, owner, TableType.TABLE, cols, pk, pk, definition, mvFrag,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED).setAppendOnly(appendOnly).setDmlFragmentId(dmlFrag)
                .setVersion(Table.TableVersion.newBuilder().setVersion(0).setNextColumnId(cols.size() + (cols.get(0).hidden() ? 0 : 1)))
                .setHandlePkConflictBehavior(appendOnly ? HandleConflictBehavior.HANDLE_CONFLICT_BEHAVIOR_NO_CHECK
                        : HandleConflictBehavior.HANDLE_CONFLICT_BEHAVIOR_OVERWRITE);
        if (appendOnly) {
            t.setRowIdIndex(0);
        }
        Table table = t.build();
        putTable(table, "table");
        stateTable(MATERIALIZED_VIEW_GROUP, id);

        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        int p = parallelism();
        StreamNode dml = node("StreamDml { columns: " + names(cols) + " }", cols, pk, appendOnly, b -> b.setDml(DmlNode.getDefaultInstance()),
                node("StreamSource", cols, pk, appendOnly, b -> b.setSource(SourceNode.getDefaultInstance())));
        StreamJobBuilder.Frag f1 = job.fragment(dmlFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_SOURCE, FragmentTypeFlag.FRAGMENT_TYPE_FLAG_DML),
                false, p, (int) ids.get("actor").take(p), computeWorkers, id, dml, List.of());
        StreamNode input = merge(dmlFrag, cols, pk, appendOnly);
        if (appendOnly) {
            input = node("StreamRowIdGen { row_id_index: 0 }", cols, pk, true, b -> b.setRowIdGen(RowIdGenNode.getDefaultInstance()), input);
        }
        StreamNode mat = node("StreamMaterialize { columns: " + names(cols) + ", pk_conflict: " + (appendOnly ? "NoCheck" : "Overwrite") + " }",
                cols, pk, appendOnly, b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(table)), input);
        StreamJobBuilder.Frag f2 = job.fragment(mvFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW), false, p, (int) ids.get("actor").take(p),
                computeWorkers, id, mat, List.of(id));
        StreamJobBuilder.link(f1, f2, appendOnly ? DispatcherType.DISPATCHER_TYPE_NO_SHUFFLE : DispatcherType.DISPATCHER_TYPE_HASH, pk, cols.size());
        pending(job, TableFragments.State.CREATED, adaptive(), null);
        return new Rel(id, name, cols, pk, table, f2);
    }

    /** A materialized view aggregating {@code upstream} by column {@code groupBy}: a backfill fragment and an aggregate fragment. */
    private Rel aggregateView(String name, int db, int schema, int owner, Rel upstream, int groupBy, String definition, List<Col> cols,
            TableParallelism parallelism, StreamJobStatus status) {
        int id = (int) id("table");
        int scanFrag = (int) id("fragment");
        int aggFrag = (int) id("fragment");
        Table mv = tableCatalog(id, name, db, schema, owner, TableType.MATERIALIZED_VIEW, cols, List.of(0), List.of(0), definition, aggFrag, status)
                .addDependentRelations(upstream.id).build();
        putTable(mv, "materialized_view");
        stateTable(MATERIALIZED_VIEW_GROUP, id);
        Table aggState = internal(name, aggFrag, "hashaggstate", db, schema, owner,
                List.of(cols.get(0), Col.of("_agg_state", JSONB), Col.of("_row_count", INT64)), List.of(0), List.of(0), STATE_DEFAULT_GROUP, status);
        Table scanState = internal(name, scanFrag, "streamscan", db, schema, owner, List.of(Col.of("vnode", INT16),
                upstream.cols().get(upstream.pk().get(0)), Col.of("backfill_finished", BOOLEAN), Col.of("row_count", INT64)),
                List.of(0), List.of(0), STATE_DEFAULT_GROUP, status);

        int p = parallelism.hasFixed() ? parallelism.getFixed().getParallelism() : parallelism();
        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        StreamNode scan = node("StreamTableScan { table: " + upstream.name() + ", columns: " + names(upstream.cols()) + " }", upstream.cols(),
                upstream.pk(), false, b -> b.setStreamScan(StreamScanNode.newBuilder().setStateTable(scanState).setArrangementTable(upstream.catalog())),
                merge(upstream.mview().id, upstream.cols(), upstream.pk(), false),
                node("BatchPlanNode", upstream.cols(), upstream.pk(), false, b -> b.setBatchPlan(BatchPlanNode.getDefaultInstance())));
        StreamJobBuilder.Frag f1 = job.fragment(scanFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_STREAM_SCAN), false, p,
                (int) ids.get("actor").take(p), computeWorkers, id + 1, scan, List.of(scanState.getId()));
        StreamNode agg = node("StreamHashAgg { group_key: [" + cols.get(0).name() + "] }", cols, List.of(0), false,
                b -> b.setHashAgg(HashAggNode.newBuilder().setIntermediateStateTable(aggState)
                        .addAggCallStates(AggCallState.newBuilder().setValueState(AggCallState.ValueState.getDefaultInstance()))),
                merge(scanFrag, upstream.cols(), upstream.pk(), false));
        StreamNode mat = node("StreamMaterialize { columns: " + names(cols) + ", pk_columns: [" + cols.get(0).name() + "] }", cols, List.of(0), false,
                b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(mv)), agg);
        StreamJobBuilder.Frag f2 = job.fragment(aggFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW), false, p, (int) ids.get("actor").take(p),
                computeWorkers, id, mat, List.of(id, aggState.getId()));
        StreamJobBuilder.link(upstream.mview(), f1, DispatcherType.DISPATCHER_TYPE_HASH, upstream.pk(), upstream.cols().size());
        StreamJobBuilder.link(f1, f2, DispatcherType.DISPATCHER_TYPE_HASH, List.of(groupBy), upstream.cols().size());
        pending(job, status == StreamJobStatus.STREAM_JOB_STATUS_CREATING ? TableFragments.State.CREATING : TableFragments.State.CREATED,
                parallelism, null);
        return new Rel(id, name, cols, List.of(0), mv, f2);
    }

    /** A materialized view so wide that its streaming job encodes to more than 1 MiB (and is stored gzip-compressed). */
    private void wideView(String name, int db, int schema, int owner, Rel upstream) {
        int id = (int) id("table");
        int scanFrag = (int) id("fragment");
        int matFrag = (int) id("fragment");
        int p = parallelism();
        int firstScanActor = (int) ids.get("actor").take(p);
        int firstMatActor = (int) ids.get("actor").take(p);
        Table scanState = internal(name, scanFrag, "streamscan", db, schema, owner, List.of(Col.of("vnode", INT16), Col.of("_row_id", INT64),
                Col.of("backfill_finished", BOOLEAN), Col.of("row_count", INT64)), List.of(0), List.of(0), STATE_DEFAULT_GROUP,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        long epochAt = nowMs;
        int target = MetaValues.COMPRESSION_THRESHOLD + 192 * 1024;
        for (int width = 200;;) {
            nowMs = epochAt;
            List<Col> cols = new ArrayList<>();
            cols.add(Col.of("_row_id", INT64));
            for (int c = 1; c < width; c++) {
                cols.add(Col.of(String.format("metric_%04d", c), c % 3 == 0 ? DECIMAL : c % 3 == 1 ? INT64 : VARCHAR));
            }
            String definition = "CREATE MATERIALIZED VIEW " + name + " AS SELECT _row_id, " + width + " derived metrics FROM events";
            Table mv = tableCatalog(id, name, db, schema, owner, TableType.MATERIALIZED_VIEW, cols, List.of(0), List.of(0), definition, matFrag,
                    StreamJobStatus.STREAM_JOB_STATUS_CREATED).addDependentRelations(upstream.id()).build();
            StreamJobBuilder job = new StreamJobBuilder(id, definition);
            StreamNode scan = node("StreamTableScan { table: " + upstream.name() + " }", upstream.cols(), upstream.pk(), true,
                    b -> b.setStreamScan(StreamScanNode.newBuilder().setStateTable(scanState).setArrangementTable(upstream.catalog())),
                    merge(upstream.mview().id, upstream.cols(), upstream.pk(), true));
            StreamJobBuilder.Frag f1 = job.fragment(scanFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_STREAM_SCAN), false, p, firstScanActor,
                    computeWorkers, id, scan, List.of(scanState.getId()));
            StreamNode mat = node("StreamMaterialize { columns: [_row_id, metric_0001, ...] }", cols, List.of(0), true,
                    b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(mv)),
                    node("StreamProject { exprs: [...] }", cols, List.of(0), true, b -> b.setProject(ProjectNode.getDefaultInstance()),
                            merge(scanFrag, upstream.cols(), upstream.pk(), true)));
            StreamJobBuilder.Frag f2 = job.fragment(matFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW), false, p, firstMatActor,
                    computeWorkers, id, mat, List.of(id));
            StreamJobBuilder.link(f1, f2, DispatcherType.DISPATCHER_TYPE_HASH, List.of(0), upstream.cols().size());
            TableFragments tf = job.build(TableFragments.State.CREATED, adaptive(), null, "UTC", TableFragments.ActorStatus.ActorState.RUNNING);
            int size = ProstEncoder.encode(tf).length;
            if (size <= MetaValues.COMPRESSION_THRESHOLD + 64 * 1024) {
                // Wider, by the estimate that size grows with the column count.
                width = Math.max(width + 50, (int) ((long) width * target / size));
                continue;
            }
            putTable(mv, "materialized_view");
            stateTable(MATERIALIZED_VIEW_GROUP, id);
            wideViewId = id;
            // Now the upstream dispatches to this job too.
            StreamJobBuilder.link(upstream.mview(), f1, DispatcherType.DISPATCHER_TYPE_NO_SHUFFLE, upstream.pk(), upstream.cols().size());
            pending(job, TableFragments.State.CREATED, adaptive(), null);
            return;
        }
    }

    private void index(String name, int db, int schema, int owner, Rel table) {
        int id = (int) id("table");
        int frag = (int) id("fragment");
        List<Col> cols = List.of(table.cols().get(1), table.cols().get(0));
        String definition = "CREATE INDEX " + name + " ON " + table.name() + "(" + cols.get(0).name() + ")";
        Table indexTable = tableCatalog(id, name, db, schema, owner, TableType.INDEX, cols, List.of(0, 1), List.of(0), definition, frag,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED).addDependentRelations(table.id()).build();
        putTable(indexTable, "index_table");
        stateTable(MATERIALIZED_VIEW_GROUP, id);
        Table scanState = internal(name, frag, "streamscan", db, schema, owner, List.of(Col.of("vnode", INT16), table.cols().get(0),
                Col.of("backfill_finished", BOOLEAN), Col.of("row_count", INT64)), List.of(0), List.of(0), STATE_DEFAULT_GROUP,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        Index.Builder idx = Index.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner).setIndexTableId(id)
                .setPrimaryTableId(table.id()).addIndexItem(Columns.inputRef(1, cols.get(0).type())).addIndexItem(Columns.inputRef(0, cols.get(1).type()))
                .setStreamJobStatus(StreamJobStatus.STREAM_JOB_STATUS_CREATED).setIndexColumnsLen(1)
                .addIndexColumnProperties(IndexColumnProperties.getDefaultInstance());
        stamp(idx::setInitializedAtEpoch, idx::setCreatedAtEpoch, idx::setInitializedAtClusterVersion, idx::setCreatedAtClusterVersion);
        putModel(ColumnFamily.CATALOG_INDEX, MetaKeys.encodeId(id), idx.build());
        count("index");

        int p = parallelism();
        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        StreamNode plan = node("StreamMaterialize { columns: " + names(cols) + " }", cols, List.of(0, 1), false,
                b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(indexTable)),
                node("StreamTableScan { table: " + table.name() + " }", table.cols(), table.pk(), false,
                        b -> b.setStreamScan(StreamScanNode.newBuilder().setStateTable(scanState).setArrangementTable(table.catalog())),
                        merge(table.mview().id, table.cols(), table.pk(), false)));
        StreamJobBuilder.Frag f = job.fragment(frag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW, FragmentTypeFlag.FRAGMENT_TYPE_FLAG_STREAM_SCAN),
                false, p, (int) ids.get("actor").take(p), computeWorkers, id, plan, List.of(id, scanState.getId()));
        StreamJobBuilder.link(table.mview(), f, DispatcherType.DISPATCHER_TYPE_HASH, List.of(1), table.cols().size());
        pending(job, TableFragments.State.CREATED, TableParallelism.newBuilder().setCustom(TableParallelism.CustomParallelism.getDefaultInstance()).build(),
                null);
    }

    private void sink(String name, int db, int schema, int owner, Rel table, int secret, int connection) {
        int id = (int) id("table");
        int frag = (int) id("fragment");
        String definition = "CREATE SINK " + name + " FROM " + table.name() + " WITH (connector = 'kafka', topic = 'orders', "
                + "properties.bootstrap.server = 'b-1.msk:9096', properties.sasl.password = secret " + "kafka_password) FORMAT UPSERT ENCODE JSON";
        Map<String, SecretRef> refs = Map.of("properties.sasl.password", SecretRef.newBuilder().setSecretId(secret).setRefAs(SecretRef.RefAsType.TEXT).build());
        SinkFormatDesc format = SinkFormatDesc.newBuilder().setFormat(FormatType.FORMAT_TYPE_UPSERT).setEncode(EncodeType.ENCODE_TYPE_JSON).build();
        Table scanState = internal(name, frag, "streamscan", db, schema, owner, List.of(Col.of("vnode", INT16), table.cols().get(0),
                Col.of("backfill_finished", BOOLEAN), Col.of("row_count", INT64)), List.of(0), List.of(0), STATE_DEFAULT_GROUP,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        Sink.Builder s = Sink.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner)
                .addAllColumns(Columns.catalogs(table.cols())).addPlanPk(Columns.asc(0)).addDependentRelations(table.id())
                .addDistributionKey(0).addDownstreamPk(0).setSinkType(SinkType.SINK_TYPE_UPSERT)
                .putProperties("connector", "kafka").putProperties("topic", "orders").putProperties("properties.bootstrap.server", "b-1.msk:9096")
                .putProperties("primary_key", "order_id")
                .setDefinition(definition).setConnectionId(connection).setDbName("dev").setSinkFromName(table.name())
                .setStreamJobStatus(StreamJobStatus.STREAM_JOB_STATUS_CREATED).setFormatDesc(format).setCreateType(CreateType.CREATE_TYPE_FOREGROUND)
                .putAllSecretRefs(refs);
        stamp(s::setInitializedAtEpoch, s::setCreatedAtEpoch, s::setInitializedAtClusterVersion, s::setCreatedAtClusterVersion);
        putModel(ColumnFamily.CATALOG_SINK, MetaKeys.encodeId(id), s.build());
        count("sink");

        int p = parallelism();
        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        StreamNode plan = node("StreamSink { type: upsert, columns: " + names(table.cols()) + " }", table.cols(), table.pk(), false,
                b -> b.setSink(SinkNode.newBuilder().setSinkDesc(SinkDesc.newBuilder().setFormatDesc(format).putAllSecretRefs(refs))),
                node("StreamTableScan { table: " + table.name() + " }", table.cols(), table.pk(), false,
                        b -> b.setStreamScan(StreamScanNode.newBuilder().setStateTable(scanState).setArrangementTable(table.catalog())),
                        merge(table.mview().id, table.cols(), table.pk(), false)));
        StreamJobBuilder.Frag f = job.fragment(frag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_SINK, FragmentTypeFlag.FRAGMENT_TYPE_FLAG_STREAM_SCAN),
                false, p, (int) ids.get("actor").take(p), computeWorkers, id, plan, List.of(scanState.getId()));
        StreamJobBuilder.link(table.mview(), f, DispatcherType.DISPATCHER_TYPE_HASH, List.of(0), table.cols().size());
        pending(job, TableFragments.State.CREATED, adaptive(), null);
    }

    private void subscription(String name, int db, int schema, int owner, Rel table) {
        int id = (int) id("table");
        Subscription.Builder s = Subscription.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner)
                .setDefinition("CREATE SUBSCRIPTION " + name + " FROM " + table.name() + " WITH (retention = '1D')")
                .setRetentionSeconds(86_400).setDependentTableId(table.id()).setSubscriptionState(Subscription.SubscriptionState.CREATED);
        stamp(s::setInitializedAtEpoch, s::setCreatedAtEpoch, s::setInitializedAtClusterVersion, s::setCreatedAtClusterVersion);
        putModel(ColumnFamily.CATALOG_SUBSCRIPTION, MetaKeys.encodeId(id), s.build());
        subscriptionIds.add(id);
        count("subscription");
    }

    private void view(String name, int db, int schema, int owner, Rel table, String sql) {
        int id = (int) id("table");
        View v = View.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner).setSql(sql)
                .addDependentRelations(table.id()).addAllColumns(Columns.fields(table.cols())).build();
        putModel(ColumnFamily.CATALOG_VIEW, MetaKeys.encodeId(id), v);
        viewIds.add(id);
        count("view");
    }

    private Source.Builder sourceCatalog(int id, String name, int db, int schema, int owner, List<Col> cols, String definition) {
        Source.Builder s = Source.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner)
                .addAllColumns(Columns.catalogs(cols)).setDefinition(definition).setVersion(1);
        stamp(s::setInitializedAtEpoch, s::setCreatedAtEpoch, s::setInitializedAtClusterVersion, s::setCreatedAtClusterVersion);
        return s;
    }

    /** A plain (not shared) Kafka source: a catalog entry, no streaming job of its own. */
    private void plainSource(String name, int db, int schema, int owner, int secret) {
        int id = (int) id("table");
        List<Col> cols = List.of(Columns.ROW_ID, Col.of("user_id", INT64), Col.of("url", VARCHAR), Col.of("clicked_at", TIMESTAMPTZ));
        Source s = sourceCatalog(id, name, db, schema, owner, cols, "CREATE SOURCE " + name + " (user_id bigint, url varchar, clicked_at timestamptz) "
                + "WITH (connector = 'kafka', topic = 'clicks') FORMAT PLAIN ENCODE JSON")
                .setRowIdIndex(0).addPkColumnIds(0)
                .putWithProperties("connector", "kafka").putWithProperties("topic", "clicks").putWithProperties("properties.bootstrap.server", "b-1.msk:9096")
                .putSecretRefs("properties.sasl.password", SecretRef.newBuilder().setSecretId(secret).setRefAs(SecretRef.RefAsType.TEXT).build())
                .setInfo(StreamSourceInfo.newBuilder().setFormat(FormatType.FORMAT_TYPE_PLAIN).setRowEncode(EncodeType.ENCODE_TYPE_JSON))
                .build();
        putModel(ColumnFamily.CATALOG_SOURCE, MetaKeys.encodeId(id), s);
        count("source");
    }

    /** A shared PostgreSQL CDC source: a source with its own single-actor streaming job. */
    private Rel sharedCdcSource(String name, int db, int schema, int owner, int secret) {
        int id = (int) id("table");
        int frag = (int) id("fragment");
        List<Col> cols = List.of(Col.of("payload", JSONB), Col.of("_rw_offset", VARCHAR), Col.of("_rw_table_name", VARCHAR));
        Map<String, SecretRef> refs = Map.of("password", SecretRef.newBuilder().setSecretId(secret).setRefAs(SecretRef.RefAsType.TEXT).build());
        StreamSourceInfo info = StreamSourceInfo.newBuilder().setFormat(FormatType.FORMAT_TYPE_DEBEZIUM).setRowEncode(EncodeType.ENCODE_TYPE_JSON)
                .setCdcSourceJob(true).build();
        Table state = internal(name, frag, "source", db, schema, owner, List.of(Col.of("split_id", VARCHAR), Col.of("offset_info", JSONB)),
                List.of(0), List.of(), STATE_DEFAULT_GROUP, StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        Source s = sourceCatalog(id, name, db, schema, owner, cols, "CREATE SOURCE " + name + " WITH (connector = 'postgres-cdc', hostname = 'pg.internal', "
                + "port = '5432', username = 'rw', password = secret pg_password, database.name = 'shop')")
                .putWithProperties("connector", "postgres-cdc").putWithProperties("hostname", "pg.internal").putWithProperties("port", "5432")
                .putWithProperties("username", "rw").putWithProperties("database.name", "shop").putAllSecretRefs(refs).setInfo(info).build();
        putModel(ColumnFamily.CATALOG_SOURCE, MetaKeys.encodeId(id), s);
        count("source");

        StreamJobBuilder job = new StreamJobBuilder(id, s.getDefinition());
        StreamNode plan = node("StreamSource { source: " + name + " }", cols, List.of(), true, b -> b.setSource(SourceNode.newBuilder()
                .setSourceInner(StreamSource.newBuilder().setStateTable(state).setInfo(info).putAllSecretRefs(refs))));
        StreamJobBuilder.Frag f = job.fragment(frag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_SOURCE), true, 1, (int) ids.get("actor").take(1),
                computeWorkers, id, plan, List.of(state.getId()));
        ConnectorSplits splits = ConnectorSplits.newBuilder().addSplits(ConnectorSplit.newBuilder().setSplitType("postgres-cdc")
                .setEncodedSplit(ByteString.copyFromUtf8("{\"postgres_split\":{\"split_id\":" + id + ",\"start_offset\":null,\"snapshot_done\":true},"
                        + "\"mysql_split\":null,\"citus_split\":null,\"mongodb_split\":null}"))).build();
        pending(job, TableFragments.State.CREATED, adaptive(), (fragment, k) -> fragment == frag ? splits : null);
        return new Rel(id, name, cols, List.of(), null, f);
    }

    /** A table fed by a shared CDC source: a CDC backfill fragment and a materialize fragment. */
    private void cdcTable(String name, int db, int schema, int owner, Rel source, int secret) {
        int id = (int) id("table");
        int scanFrag = (int) id("fragment");
        int mvFrag = (int) id("fragment");
        List<Col> cols = List.of(Col.of("customer_id", INT64), Col.of("name", VARCHAR), Col.of("email", VARCHAR), Col.of("country", VARCHAR));
        String definition = "CREATE TABLE " + name + " (customer_id bigint, name varchar, email varchar, country varchar, PRIMARY KEY (customer_id)) "
                + "FROM " + source.name() + " TABLE 'public.customers'";
        Table table = tableCatalog(id, name, db, schema, owner, TableType.TABLE, cols, List.of(0), List.of(0), definition, mvFrag,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED).addDependentRelations(source.id())
                .setHandlePkConflictBehavior(HandleConflictBehavior.HANDLE_CONFLICT_BEHAVIOR_OVERWRITE)
                // no dml_fragment_id: the plan has no DML fragment (the meta node stores fragment_graph.dml_fragment_id())
                .setCdcTableId(source.id() + ".public.customers")
                .setVersion(Table.TableVersion.newBuilder().setNextColumnId(cols.size() + 1)).build();
        putTable(table, "table");
        stateTable(MATERIALIZED_VIEW_GROUP, id);
        Table state = internal(name, scanFrag, "streamcdcscan", db, schema, owner, List.of(Col.of("split_id", VARCHAR), Col.of("customer_id", INT64),
                Col.of("backfill_finished", BOOLEAN), Col.of("row_count", INT64), Col.of("cdc_offset", JSONB)), List.of(0), List.of(),
                STATE_DEFAULT_GROUP, StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        ExternalTableDesc.Builder desc = ExternalTableDesc.newBuilder().setTableId(id).setTableName("public.customers").setSourceId(source.id())
                .addPk(Columns.asc(0)).addStreamKey(0).putConnectProperties("hostname", "pg.internal").putConnectProperties("port", "5432")
                .putConnectProperties("username", "rw").putConnectProperties("database.name", "shop")
                .putSecretRefs("password", SecretRef.newBuilder().setSecretId(secret).setRefAs(SecretRef.RefAsType.TEXT).build());
        table.getColumnsList().forEach(c -> desc.addColumns(c.getColumnDesc()));

        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        StreamNode scan = node("StreamCdcTableScan { table: public.customers }", cols, List.of(0), false,
                b -> b.setStreamCdcScan(StreamCdcScanNode.newBuilder().setStateTable(state).setCdcTableDesc(desc)),
                merge(source.mview().id, source.cols(), List.of(), true));
        StreamJobBuilder.Frag f1 = job.fragment(scanFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_STREAM_SCAN), true, 1, (int) ids.get("actor").take(1),
                computeWorkers, id, scan, List.of(state.getId()));
        int p = parallelism();
        StreamNode mat = node("StreamMaterialize { columns: " + names(cols) + ", pk_conflict: Overwrite }", cols, List.of(0), false,
                b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(table)), merge(scanFrag, cols, List.of(0), false));
        StreamJobBuilder.Frag f2 = job.fragment(mvFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW), false, p, (int) ids.get("actor").take(p),
                computeWorkers, id, mat, List.of(id));
        StreamJobBuilder.link(source.mview(), f1, DispatcherType.DISPATCHER_TYPE_NO_SHUFFLE, List.of(), source.cols().size());
        StreamJobBuilder.link(f1, f2, DispatcherType.DISPATCHER_TYPE_HASH, List.of(0), cols.size());
        pending(job, TableFragments.State.CREATED, adaptive(), null);
    }

    /** A table with a Kafka connector: its associated source and the table form one streaming job. */
    private Rel connectorTable(String name, int db, int schema, int owner, int secret) {
        int id = (int) id("table");
        int sourceId = (int) id("table");
        int srcFrag = (int) id("fragment");
        int mvFrag = (int) id("fragment");
        List<Col> cols = List.of(Columns.ROW_ID, Col.of("device", VARCHAR), Col.of("reading", DECIMAL), Col.of("at", TIMESTAMPTZ));
        String definition = "CREATE TABLE " + name + " (device varchar, reading decimal, at timestamptz) APPEND ONLY WITH (connector = 'kafka', "
                + "topic = 'events', properties.bootstrap.server = 'b-1.msk:9096') FORMAT PLAIN ENCODE JSON";
        Map<String, SecretRef> refs = Map.of("properties.sasl.password", SecretRef.newBuilder().setSecretId(secret).setRefAs(SecretRef.RefAsType.TEXT).build());
        StreamSourceInfo info = StreamSourceInfo.newBuilder().setFormat(FormatType.FORMAT_TYPE_PLAIN).setRowEncode(EncodeType.ENCODE_TYPE_JSON).build();
        Table table = tableCatalog(id, name, db, schema, owner, TableType.TABLE, cols, List.of(0), List.of(0), definition, mvFrag,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED).setAppendOnly(true).setRowIdIndex(0).setAssociatedSourceId(sourceId).setDmlFragmentId(srcFrag)
                .setVersion(Table.TableVersion.newBuilder().setNextColumnId(cols.size())).build();
        putTable(table, "table");
        stateTable(MATERIALIZED_VIEW_GROUP, id);
        Source source = sourceCatalog(sourceId, name, db, schema, owner, cols, definition).setRowIdIndex(0).addPkColumnIds(0)
                .putWithProperties("connector", "kafka").putWithProperties("topic", "events").putWithProperties("properties.bootstrap.server", "b-1.msk:9096")
                .putAllSecretRefs(refs).setInfo(info).setAssociatedTableId(id).build();
        putModel(ColumnFamily.CATALOG_SOURCE, MetaKeys.encodeId(sourceId), source);
        count("source");
        Table state = internal(name, srcFrag, "source", db, schema, owner, List.of(Col.of("partition_id", VARCHAR), Col.of("offset_info", JSONB)),
                List.of(0), List.of(), STATE_DEFAULT_GROUP, StreamJobStatus.STREAM_JOB_STATUS_CREATED);

        int p = parallelism();
        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        StreamNode src = node("StreamDml { columns: " + names(cols) + " }", cols, List.of(0), true, b -> b.setDml(DmlNode.getDefaultInstance()),
                node("StreamSource { source: " + name + " }", cols, List.of(0), true, b -> b.setSource(SourceNode.newBuilder()
                        .setSourceInner(StreamSource.newBuilder().setStateTable(state).setInfo(info).putAllSecretRefs(refs)))));
        StreamJobBuilder.Frag f1 = job.fragment(srcFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_SOURCE, FragmentTypeFlag.FRAGMENT_TYPE_FLAG_DML),
                false, p, (int) ids.get("actor").take(p), computeWorkers, id, src, List.of(state.getId()));
        StreamNode mat = node("StreamMaterialize { columns: " + names(cols) + ", pk_conflict: NoCheck }", cols, List.of(0), true,
                b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(table)),
                node("StreamRowIdGen { row_id_index: 0 }", cols, List.of(0), true, b -> b.setRowIdGen(RowIdGenNode.getDefaultInstance()),
                        merge(srcFrag, cols, List.of(0), true)));
        StreamJobBuilder.Frag f2 = job.fragment(mvFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW), false, p, (int) ids.get("actor").take(p),
                computeWorkers, id, mat, List.of(id));
        StreamJobBuilder.link(f1, f2, DispatcherType.DISPATCHER_TYPE_NO_SHUFFLE, List.of(), cols.size());
        // One Kafka partition per source actor.
        StreamJobBuilder.Splits splits = (fragment, k) -> fragment != srcFrag ? null : ConnectorSplits.newBuilder().addSplits(ConnectorSplit
                .newBuilder().setSplitType("kafka").setEncodedSplit(ByteString.copyFromUtf8("{\"topic\":\"events\",\"partition\":" + k
                        + ",\"start_offset\":" + (41_230 + 17 * k) + ",\"stop_offset\":null}"))).build();
        pending(job, TableFragments.State.CREATED, adaptive(), splits);
        return new Rel(id, name, cols, List.of(0), table, f2);
    }

    // ---------------------------------------------------------------------------------------------
    // Streaming jobs
    // ---------------------------------------------------------------------------------------------

    private void pending(StreamJobBuilder job, TableFragments.State state, TableParallelism parallelism, StreamJobBuilder.Splits splits) {
        pendingJobs.add(new Pending(job, state, parallelism, splits));
    }

    /** Writes the jobs created so far (their dispatchers are complete once no later job reads from them). */
    private void flushJobs() {
        for (Pending p : pendingJobs) {
            TableFragments tf = p.job().build(p.state(), p.parallelism(), p.splits(), "UTC", TableFragments.ActorStatus.ActorState.RUNNING);
            putModel(ColumnFamily.TABLE_FRAGMENTS, MetaKeys.encodeId(p.job().jobId), tf);
            jobs++;
            fragments += p.job().fragments().size();
            actors += p.job().actorCount();
        }
        pendingJobs.clear();
    }

    private StreamNode node(String identity, List<Col> cols, List<Integer> streamKey, boolean appendOnly, Consumer<StreamNode.Builder> body,
            StreamNode... inputs) {
        StreamNode.Builder b = StreamNode.newBuilder().setOperatorId(operatorIds++).setIdentity(identity).addAllFields(Columns.fields(cols))
                .setAppendOnly(appendOnly);
        streamKey.forEach(b::addStreamKey);
        body.accept(b);
        for (StreamNode in : inputs) {
            b.addInput(in);
        }
        return b.build();
    }

    private StreamNode merge(int upstreamFragment, List<Col> cols, List<Integer> streamKey, boolean appendOnly) {
        return node("StreamMerge { upstream_fragment_id: " + upstreamFragment + " }", cols, streamKey, appendOnly,
                b -> b.setMerge(MergeNode.newBuilder().setUpstreamFragmentId(upstreamFragment)));
    }

    private static String names(List<Col> cols) {
        return "[" + String.join(", ", cols.stream().map(Col::name).toList()) + "]";
    }

    private static int flags(FragmentTypeFlag... flags) {
        int mask = 0;
        for (FragmentTypeFlag f : flags) {
            mask |= f.getNumber();
        }
        return mask;
    }

    private int parallelism() {
        return options.computeNodes() * options.parallelismPerNode();
    }

    private static TableParallelism adaptive() {
        return TableParallelism.newBuilder().setAdaptive(TableParallelism.AdaptiveParallelism.getDefaultInstance()).build();
    }

    // ---------------------------------------------------------------------------------------------
    // Hummock
    // ---------------------------------------------------------------------------------------------

    private void hummock() {
        int extraGroup = (int) id("compaction_group");
        List<Integer> all = new ArrayList<>();
        tablesByGroup.values().forEach(all::addAll);
        // The wide view got a compaction group of its own (create_compaction_group_for_mv).
        int moved = wideViewId;
        tablesByGroup.get(MATERIALIZED_VIEW_GROUP).remove(Integer.valueOf(moved));
        tablesByGroup.put(extraGroup, new ArrayList<>(List.of(moved)));

        long firstDelta = 4_000 + random.nextInt(1_000);
        long epoch = (nowMs - EPOCH_ORIGIN_MS) << 16;
        long deltaId = firstDelta;
        for (int d = 0; d < options.versionDeltas(); d++, deltaId++) {
            epoch += (1_000L << 16);
            HummockVersionDelta.Builder delta = HummockVersionDelta.newBuilder().setId(deltaId).setPrevId(deltaId - 1)
                    .setMaxCommittedEpoch(epoch).setSafeEpoch(epoch - (30_000L << 16));
            if (d == 0) {
                for (Map.Entry<Integer, List<Integer>> g : tablesByGroup.entrySet()) {
                    for (int t : g.getValue()) {
                        delta.putStateTableInfoDelta(t, StateTableInfoDelta.newBuilder().setCommittedEpoch(epoch).setSafeEpoch(epoch)
                                .setCompactionGroupId(g.getKey()).build());
                    }
                }
            } else if (d == 1) {
                delta.putGroupDeltas(extraGroup, HummockVersionDelta.GroupDeltas.newBuilder().addGroupDeltas(GroupDelta.newBuilder()
                        .setGroupConstruct(GroupConstruct.newBuilder().setGroupConfig(compactionConfig()).setParentGroupId(MATERIALIZED_VIEW_GROUP)
                                .addTableIds(moved).setGroupId(extraGroup).setNewSstStartId(id("hummock_ss_table_id"))
                                .setVersion(dev.rwsh.proto.hummock.CompatibilityVersion.NO_MEMBER_TABLE_IDS))).build());
            } else if (d % 7 == 6) {
                delta.setTrivialMove(true);
            } else {
                int group = d % 2 == 0 ? STATE_DEFAULT_GROUP : MATERIALIZED_VIEW_GROUP;
                List<Integer> tables = tablesByGroup.get(group);
                IntraLevelDelta.Builder l0 = IntraLevelDelta.newBuilder().setLevelIdx(0).setL0SubLevelId(epoch);
                for (int s = 0; s < 1 + d % 3; s++) {
                    l0.addInsertedTableInfos(sst(tables.subList(0, Math.min(tables.size(), 3 + s)), epoch));
                }
                delta.putGroupDeltas(group, HummockVersionDelta.GroupDeltas.newBuilder().addGroupDeltas(GroupDelta.newBuilder().setIntraLevel(l0)).build());
                for (int t : tables.subList(0, Math.min(tables.size(), 3))) {
                    delta.putStateTableInfoDelta(t, StateTableInfoDelta.newBuilder().setCommittedEpoch(epoch).setSafeEpoch(epoch - (30_000L << 16))
                            .setCompactionGroupId(group).build());
                }
            }
            putModel(ColumnFamily.HUMMOCK_VERSION_DELTA, MetaKeys.encodeId(deltaId), delta.build());
        }
        long lastDelta = deltaId - 1;
        List<Integer> contexts = new ArrayList<>(List.of(frontendId));
        contexts.addAll(computeWorkers);
        for (int w : contexts) {
            putModel(ColumnFamily.HUMMOCK_PINNED_VERSION, MetaKeys.encodeId(w),
                    HummockPinnedVersion.newBuilder().setContextId(w).setMinPinnedId(lastDelta - random.nextInt(3)).build());
            putModel(ColumnFamily.HUMMOCK_PINNED_SNAPSHOT, MetaKeys.encodeId(w),
                    HummockPinnedSnapshot.newBuilder().setContextId(w).setMinimalPinnedSnapshot(epoch - ((long) random.nextInt(3) << 16) * 1_000).build());
        }
        long taskId = id("hummock_compaction_task");
        List<Integer> mvTables = tablesByGroup.get(MATERIALIZED_VIEW_GROUP);
        SstableInfo a = sst(mvTables.subList(0, Math.min(2, mvTables.size())), epoch - (5_000L << 16));
        SstableInfo b = sst(mvTables.subList(0, Math.min(2, mvTables.size())), epoch - (4_000L << 16));
        SstableInfo c = sst(mvTables, epoch - (90_000L << 16));
        CompactTask.Builder task = CompactTask.newBuilder()
                .addInputSsts(InputLevel.newBuilder().setLevelIdx(0).setLevelType(LevelType.LEVEL_TYPE_NONOVERLAPPING).addTableInfos(a).addTableInfos(b))
                .addInputSsts(InputLevel.newBuilder().setLevelIdx(6).setLevelType(LevelType.LEVEL_TYPE_NONOVERLAPPING).addTableInfos(c))
                .setTaskId(taskId).setTargetLevel(6).setGcDeleteKeys(true).setBaseLevel(6).setTaskStatus(CompactTask.TaskStatus.PENDING)
                .setCompactionGroupId(MATERIALIZED_VIEW_GROUP).addAllExistingTableIds(mvTables).setCompressionAlgorithm(2)
                .setTargetFileSize(32L << 20).setCompactionFilterMask(6).setCurrentEpochTime(epoch).setTaskType(CompactTask.TaskType.DYNAMIC)
                .setMaxSubCompaction(4);
        for (int t : mvTables) {
            task.putTableOptions(t, TableOption.getDefaultInstance());
        }
        putModel(ColumnFamily.HUMMOCK_COMPACT_TASK, MetaKeys.encodeId(taskId),
                CompactTaskAssignment.newBuilder().setCompactTask(task).setContextId(compactorId).build());
        for (int group : tablesByGroup.keySet()) {
            CompactStatus.Builder status = CompactStatus.newBuilder().setCompactionGroupId(group);
            for (int level = 0; level <= 6; level++) {
                LevelHandler.Builder h = LevelHandler.newBuilder().setLevel(level);
                if (group == MATERIALIZED_VIEW_GROUP && (level == 0 || level == 6)) {
                    LevelHandler.RunningCompactTask.Builder running = LevelHandler.RunningCompactTask.newBuilder().setTaskId(taskId).setTargetLevel(6);
                    for (SstableInfo s : level == 0 ? List.of(a, b) : List.of(c)) {
                        running.addSsts(s.getSstId()).setTotalFileSize(running.getTotalFileSize() + s.getFileSize());
                    }
                    h.addTasks(running);
                }
                status.addLevelHandlers(h);
            }
            putModel(ColumnFamily.HUMMOCK_COMPACT_STATUS, MetaKeys.encodeId(group), status.build());
            putModel(ColumnFamily.HUMMOCK_COMPACTION_GROUP, MetaKeys.encodeId(group),
                    CompactionGroup.newBuilder().setId(group).setCompactionConfig(compactionConfig()).build());
        }
        HummockVersionStats.Builder stats = HummockVersionStats.newBuilder().setHummockVersionId(lastDelta);
        for (int t : all) {
            long keys = 1_000 + random.nextInt(1_000_000);
            stats.putTableStats(t, TableStats.newBuilder().setTotalKeyCount(keys).setTotalKeySize(keys * 24).setTotalValueSize(keys * 180).build());
        }
        putModel(ColumnFamily.HUMMOCK_VERSION_STATS, MetaKeys.encodeId(0), stats.build());
    }

    private SstableInfo sst(List<Integer> tables, long epoch) {
        long id = id("hummock_ss_table_id");
        long size = 4L * 1024 * 1024 + random.nextInt(28 * 1024 * 1024);
        byte[] left = new byte[] {0, 0, 0, 0, 0, 0, 0, 0};
        java.nio.ByteBuffer.wrap(left).putInt(tables.get(0));
        byte[] right = left.clone();
        java.nio.ByteBuffer.wrap(right).putInt(tables.get(tables.size() - 1)).putInt(0xffff);
        return SstableInfo.newBuilder().setObjectId(id).setSstId(id)
                .setKeyRange(KeyRange.newBuilder().setLeft(ByteString.copyFrom(left)).setRight(ByteString.copyFrom(right)))
                .setFileSize(size).addAllTableIds(tables).setMetaOffset(size - 4096).setTotalKeyCount(size / 200).setMinEpoch(epoch - (1L << 16))
                .setMaxEpoch(epoch).setUncompressedFileSize(size * 3).setBloomFilterKind(dev.rwsh.proto.hummock.BloomFilterType.BLOCKED).build();
    }

    /** RisingWave v2.0.7's default compaction configuration. */
    static CompactionConfig compactionConfig() {
        return CompactionConfig.newBuilder().setMaxBytesForLevelBase(512L << 20).setMaxLevel(6).setMaxBytesForLevelMultiplier(5)
                .setMaxCompactionBytes(2L << 30).setSubLevelMaxCompactionBytes(128L << 20).setLevel0TierCompactFileNumber(12)
                .setCompactionMode(CompactionConfig.CompactionMode.RANGE)
                .addAllCompressionAlgorithm(List.of("None", "None", "None", "None", "Lz4", "Lz4", "Zstd"))
                .setTargetFileSizeBase(32L << 20).setCompactionFilterMask(6).setMaxSubCompaction(4).setMaxSpaceReclaimBytes(512L << 20)
                .setLevel0StopWriteThresholdSubLevelNumber(300).setLevel0MaxCompactFileNumber(100).setLevel0SubLevelCompactLevelCount(3)
                .setLevel0OverlappingSubLevelCompactLevelCount(12).setTombstoneReclaimRatio(40).setEnableEmergencyPicker(true)
                .setMaxL0CompactLevelCount(42).build();
    }

    // ---------------------------------------------------------------------------------------------
    // Writing
    // ---------------------------------------------------------------------------------------------

    private long id(String category) {
        return ids.get(category).next();
    }

    private String uuid() {
        long hi = random.nextLong();
        long lo = random.nextLong();
        hi = (hi & ~0xf000L) | 0x4000L; // version 4
        lo = (lo & 0x3fffffffffffffffL) | 0x8000000000000000L; // IETF variant
        return new UUID(hi, lo).toString();
    }

    private void putModel(ColumnFamily family, byte[] keyBytes, Message value) {
        byte[] encoded = MetaValues.encodeModel(ProstEncoder.encode(value));
        if (MetaValues.isGzip(encoded)) {
            compressed++;
        }
        putRaw(family.etcdKey(keyBytes), encoded, family.familyName());
    }

    private void putRaw(byte[] key, byte[] value, String family) {
        sink.put(key, value);
        record(family, key.length + value.length);
        largest = Math.max(largest, value.length);
    }

    private void record(String family, long bytes) {
        keysPerFamily.merge(family, 1L, Long::sum);
        totalKeys++;
        totalBytes += bytes;
    }

    private void count(String kind) {
        objects.merge(kind, 1, Integer::sum);
    }
}
