package dev.rwsh.generator;

import com.google.protobuf.ByteString;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.meta.MetaValues;
import dev.rwsh.commands.meta.ProstEncoder;
import dev.rwsh.commands.meta.SystemParamsCodec;
import dev.rwsh.proto.common.HostAddress;
import dev.rwsh.proto.common.WorkerNode;
import dev.rwsh.proto.common.WorkerType;
import dev.rwsh.proto.meta.MigrationPlan;
import dev.rwsh.proto.user.AuthInfo;
import dev.rwsh.proto.user.GrantPrivilege;
import dev.rwsh.proto.user.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Cluster-level keys: system and session parameters, workers, users and their grants, the leader election, counters. */
abstract class ClusterKeys extends GeneratorState {
    ClusterKeys(ClusterGenerator.Options options, KeyValueSink sink) {
        super(options, sink);
    }

    void systemParams() {
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

    void sessionParams() {
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

    void workers() {
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

    void putWorker(WorkerNode w) {
        putModel(ColumnFamily.WORKER, MetaKeys.encodeHost(w.getHost()), w);
        count("worker");
    }

    static HostAddress host(String host, int port) {
        return HostAddress.newBuilder().setHost(host).setPort(port).build();
    }

    void users() {
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

    void grants(int dev, int devPublic, int analytics, int analyticsPublic, Rel orders, Rel stats, Rel pageViews) {
        UserInfo.Builder alice = users.get(11);
        UserInfo.Builder bob = users.get(12);
        alice.addGrantPrivileges(grant(b -> b.setDatabaseId(dev), ROOT, false, GrantPrivilege.Action.CONNECT));
        alice.addGrantPrivileges(grant(b -> b.setSchemaId(devPublic), ROOT, false, GrantPrivilege.Action.USAGE));
        alice.addGrantPrivileges(grant(b -> b.setTableId(orders.id()), ROOT, true, GrantPrivilege.Action.SELECT, GrantPrivilege.Action.INSERT));
        alice.addGrantPrivileges(grant(b -> b.setDatabaseId(analytics), ROOT, true, GrantPrivilege.Action.CONNECT, GrantPrivilege.Action.CREATE));
        bob.addGrantPrivileges(grant(b -> b.setDatabaseId(analytics), 11, false, GrantPrivilege.Action.CONNECT));
        bob.addGrantPrivileges(grant(b -> b.setSchemaId(analyticsPublic), 11, false, GrantPrivilege.Action.USAGE));
        bob.addGrantPrivileges(grant(b -> b.setTableId(pageViews.id()), 11, false, GrantPrivilege.Action.SELECT));
        // GRANT SELECT ON ALL TABLES IN SCHEMA public: the meta node's user service expands it into one grant per
        // table before storing (src/meta/service/src/user_service.rs:46-80), so etcd never holds all_tables_schema_id.
        bob.addGrantPrivileges(grant(b -> b.setTableId(orders.id()), ROOT, false, GrantPrivilege.Action.SELECT));
        bob.addGrantPrivileges(grant(b -> b.setTableId(stats.id()), ROOT, false, GrantPrivilege.Action.SELECT));
        bob.addGrantPrivileges(grant(b -> b.setFunctionId(0), ROOT, false, GrantPrivilege.Action.EXECUTE));
        bob.addGrantPrivileges(grant(b -> b.setViewId(viewIds.get(0)), ROOT, false, GrantPrivilege.Action.SELECT));
        bob.addGrantPrivileges(grant(b -> b.setSubscriptionId(subscriptionIds.get(0)), ROOT, false, GrantPrivilege.Action.SELECT));
        for (UserInfo.Builder u : users.values()) {
            putModel(ColumnFamily.USER_INFO, MetaKeys.encodeId(u.getId()), u.build());
            count("user");
        }
    }

    static GrantPrivilege grant(Consumer<GrantPrivilege.Builder> object, int grantor, boolean withGrant, GrantPrivilege.Action... actions) {
        GrantPrivilege.Builder g = GrantPrivilege.newBuilder();
        object.accept(g);
        for (GrantPrivilege.Action a : actions) {
            g.addActionWithOpts(GrantPrivilege.ActionWithGrantOption.newBuilder().setAction(a).setWithGrantOption(withGrant).setGrantedBy(grantor));
        }
        return g.build();
    }

    long election() {
        byte[] value = ClusterGenerator.META_ADDRESS.getBytes(StandardCharsets.UTF_8);
        long suggested = 0x694d9a5c00000000L | (random.nextLong() & 0xffffffffL);
        KeyValueSink.LeasedKey key = l -> ("__meta_election_/" + Long.toHexString(l)).getBytes(StandardCharsets.US_ASCII);
        long lease = sink.putWithLease(key, value, options.electionLeaseSeconds(), suggested);
        record(ColumnFamily.META_ELECTION.familyName(), key.keyFor(lease).length + value.length);
        return lease;
    }

    void counters() {
        putRaw(ColumnFamily.DEFAULT.etcdKey(MetaKeys.NOTIFICATION_VERSION), MetaValues.encodeU64(2_000 + totalKeys / 2), "default");
        putRaw(ColumnFamily.DEFAULT.etcdKey(MetaKeys.TABLE_REVISION), MetaValues.encodeU64(jobs + 7L), "default");
        for (IdGenerator g : ids.values()) {
            putRaw(ColumnFamily.DEFAULT.etcdKey(g.category() + MetaKeys.ID_GENERATOR_SUFFIX), MetaValues.encodeU64(g.stored()), "default");
        }
        // Left by v1.9.1, which still allocated parallel units; v2.0.7 never deletes it.
        putRaw(ColumnFamily.DEFAULT.etcdKey("parallel_unit" + MetaKeys.ID_GENERATOR_SUFFIX), MetaValues.encodeU64(1000), "default");
        // A scale-in migration that is still pending: the first compute node's slot 3 moves to the second's.
        MigrationPlan plan = MigrationPlan.newBuilder()
                .putWorkerSlotMigrationPlan(((long) computeWorkers.get(0) << 32) | 3, ((long) computeWorkers.get(computeWorkers.size() > 1 ? 1 : 0) << 32) | 3)
                .build();
        putRaw(ColumnFamily.DEFAULT.etcdKey(MetaKeys.MIGRATION_PLAN), ProstEncoder.encode(plan), "default");
    }
}
