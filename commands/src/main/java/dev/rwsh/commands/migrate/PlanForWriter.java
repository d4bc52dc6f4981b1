package dev.rwsh.commands.migrate;

import com.google.protobuf.ByteString;
import dev.rwsh.commands.migrate.write.WritePlan;
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
import dev.rwsh.proto.migrate.LiteActor;
import dev.rwsh.proto.stream_plan.StreamNode;
import dev.rwsh.proto.user.UserInfo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A {@link MigrationPlan} as the writer reads it: read-only views of the plan's own collections. */
public final class PlanForWriter implements WritePlan {
    private final MigrationPlan plan;

    private PlanForWriter(MigrationPlan plan) {
        this.plan = plan;
    }

    public static WritePlan of(MigrationPlan plan) {
        return new PlanForWriter(plan);
    }

    @Override
    public List<String[]> systemParams() {
        return Collections.unmodifiableList(plan.systemParams);
    }

    @Override
    public Map<String, String> sessionParams() {
        return Collections.unmodifiableMap(plan.sessionParams);
    }

    @Override
    public List<WorkerNode> workers() {
        return Collections.unmodifiableList(plan.workers);
    }

    @Override
    public List<UserInfo> users() {
        return Collections.unmodifiableList(plan.users);
    }

    @Override
    public List<Database> databases() {
        return plan.databases();
    }

    @Override
    public List<Schema> schemas() {
        return plan.schemas();
    }

    @Override
    public List<Function> functions() {
        return plan.functions();
    }

    @Override
    public List<Connection> connections() {
        return plan.connections();
    }

    @Override
    public List<Secret> secrets() {
        return plan.secrets();
    }

    @Override
    public List<Table> tables() {
        return Collections.unmodifiableList(plan.tables);
    }

    @Override
    public List<Source> sources() {
        return Collections.unmodifiableList(plan.sources);
    }

    @Override
    public List<Sink> sinks() {
        return Collections.unmodifiableList(plan.sinks);
    }

    @Override
    public List<Index> indexes() {
        return Collections.unmodifiableList(plan.indexes);
    }

    @Override
    public List<View> views() {
        return Collections.unmodifiableList(plan.views);
    }

    @Override
    public List<Subscription> subscriptions() {
        return Collections.unmodifiableList(plan.subscriptions);
    }

    @Override
    public List<Table> keptTables() {
        return Collections.unmodifiableList(plan.keptTables);
    }

    @Override
    public List<Source> keptSources() {
        return Collections.unmodifiableList(plan.keptSources);
    }

    @Override
    public List<Sink> keptSinks() {
        return Collections.unmodifiableList(plan.keptSinks);
    }

    @Override
    public List<Index> keptIndexes() {
        return Collections.unmodifiableList(plan.keptIndexes);
    }

    @Override
    public Set<Integer> dropped() {
        return plan.dropped();
    }

    @Override
    public Map<Integer, Integer> databaseIds() {
        return plan.rewrites(MigrationPlan.RenumberedKind.DATABASE);
    }

    @Override
    public Map<Integer, Integer> schemaIds() {
        return plan.rewrites(MigrationPlan.RenumberedKind.SCHEMA);
    }

    @Override
    public Map<Integer, Integer> functionIds() {
        return plan.rewrites(MigrationPlan.RenumberedKind.FUNCTION);
    }

    @Override
    public Map<Integer, Integer> connectionIds() {
        return plan.rewrites(MigrationPlan.RenumberedKind.CONNECTION);
    }

    @Override
    public Map<Integer, Integer> secretIds() {
        return plan.rewrites(MigrationPlan.RenumberedKind.SECRET);
    }

    @Override
    public Map<String, Long> rows() {
        return plan.rows();
    }

    @Override
    public Set<Integer> jobIds() {
        return Collections.unmodifiableSet(plan.jobIds);
    }

    @Override
    public Integer jobOfFragment(int fragmentId) {
        return plan.jobOfFragment.get(fragmentId);
    }

    @Override
    public List<int[]> dependencies() {
        return Collections.unmodifiableList(plan.dependencies);
    }

    @Override
    public List<Object[]> privileges() {
        return Collections.unmodifiableList(plan.privileges);
    }

    @Override
    public long notificationVersion() {
        return plan.notificationVersion;
    }

    @Override
    public long tableRevision() {
        return plan.tableRevision;
    }

    @Override
    public Map<String, Long> hummockSequences() {
        return Collections.unmodifiableMap(plan.hummockSequences);
    }

    @Override
    public long nextObjectId() {
        return plan.nextObjectId();
    }

    @Override
    public long nextWorkerId() {
        return plan.nextWorkerId();
    }

    @Override
    public long nextUserId() {
        return plan.nextUserId();
    }

    @Override
    public UUID clusterUuid() {
        return plan.clusterUuid();
    }

    @Override
    public StreamNode fragmentNode(LiteActor firstActor) {
        return new MigrationPlan.NodeRewriter(plan, "", false).rewrite(MigrationPlan.plan(firstActor));
    }

    @Override
    public Map<Integer, List<Integer>> merges(ByteString nodes) {
        return MigrationPlan.merges(nodes);
    }
}
