package dev.rwsh.commands.migrate.write;

import com.google.protobuf.Message;
import dev.rwsh.commands.meta.CatalogKind;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the writer reads of a validated migration plan: the rows to write and the new ids of the
 * renumbered objects. Streaming jobs and hummock rows are not here: the writer streams them again
 * from the same revision. The writer depends on this and not on the plan's class, so the plan's
 * package can use the writer's types without a cycle.
 */
public interface WritePlan {
    /** name, value, mutable ("true"/"false") */
    List<String[]> systemParams();

    Map<String, String> sessionParams();

    List<WorkerNode> workers();

    List<UserInfo> users();

    List<Database> databases();

    List<Schema> schemas();

    List<Function> functions();

    List<Connection> connections();

    List<Secret> secrets();

    /** Every relation in etcd order, dropped orphans included ({@link #dropped()}). */
    List<Table> tables();

    List<Source> sources();

    List<Sink> sinks();

    List<Index> indexes();

    List<View> views();

    List<Subscription> subscriptions();

    /** The messages of one catalog kind as etcd holds them: the same list as the kind's own accessor above. */
    List<? extends Message> catalog(CatalogKind kind);

    /** The relations written: those whose streaming job exists. */
    List<Table> keptTables();

    List<Source> keptSources();

    List<Sink> keptSinks();

    List<Index> keptIndexes();

    /** Relations dropped whole because their streaming job is missing. */
    Set<Integer> dropped();

    /** Old id to new id of one {@link CatalogKind#renumbered() renumbered} kind. */
    Map<Integer, Integer> newIds(CatalogKind kind);

    /** Rows per target table, as planned. */
    Map<String, Long> rows();

    Set<Integer> jobIds();

    /** The streaming job a fragment belongs to, or null. */
    Integer jobOfFragment(int fragmentId);

    /** Pairs of (oid, used_by). */
    List<int[]> dependencies();

    /** user_privilege rows: user_id, oid, granted_by, action, with_grant_option. */
    List<Object[]> privileges();

    long notificationVersion();

    long tableRevision();

    Map<String, Long> hummockSequences();

    long nextObjectId();

    long nextWorkerId();

    long nextUserId();

    UUID clusterUuid();

    /** A fragment's stream node as written: its first actor's plan with the renumbered ids v2.0.7 rewrites. */
    StreamNode fragmentNode(LiteActor firstActor);

    /**
     * An actor's upstream actors by upstream fragment, as its stream nodes' merges list them: {@code
     * position} is its place among all actors in etcd order (jobs, fragments by id, actors), where
     * the validating pass kept them; read from its encoded stream nodes when not kept.
     */
    UpstreamActors upstreams(int position, LiteActor actor);
}
