package dev.rwsh.commands.migrate.plan;

import com.google.protobuf.Message;
import dev.rwsh.commands.meta.CatalogKind;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.write.UpstreamActors;
import dev.rwsh.commands.migrate.write.WritePlan;
import dev.rwsh.commands.migrate.plan.PlanProblem.Severity;
import dev.rwsh.commands.sql.SqlDialect;
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

/**
 * The first, validating pass of a migration over one pinned revision, immutable once built: every
 * catalog, the cluster id, parameters and workers are read and kept (they are small); streaming jobs
 * are streamed once to collect the fragment/state-table maps and to check every reference in the
 * plans that will be written; of the actor level only each actor's upstream actors are kept, compactly
 * ({@link UpstreamIndex}), so that the writing pass need not decode its plan again. The plan then knows every id
 * rewrite, every row count, every problem ({@link PlanProblem}) and every reason RisingWave v2.0.7
 * would panic, before anything is written. {@link #build} runs small rule sets in order: {@link
 * SourceReading}, {@link CatalogRules}, {@link IdAssignment}, {@link JobRules}, {@link OrphanRepair},
 * {@link GrantsAndDependencies}, {@link RowCounts}. See docs/migration-semantics.md for the rules and
 * docs/migration.md for rwsh's choices.
 */
public final class MigrationPlan implements WritePlan {
    private final PlanState state;

    private MigrationPlan(PlanState state) {
        this.state = state;
    }

    public long revision() {
        return state.revision;
    }

    public String clusterId() {
        return state.clusterIdText;
    }

    /** Rows each target table will receive, in write order. */
    public Map<String, Long> rows() {
        return Collections.unmodifiableMap(state.rows);
    }

    /** Everything the validating pass found, in the order found. */
    public List<PlanProblem> problems() {
        return Collections.unmodifiableList(state.problems);
    }

    /** Whether the plan holds an error: RisingWave v2.0.7 would panic or fail on this metadata, so migrate refuses to write. */
    public boolean refuses() {
        return state.problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    /** The problems of one severity, as text. */
    private List<String> texts(Severity severity) {
        return state.problems.stream().filter(p -> p.severity() == severity).map(PlanProblem::text).toList();
    }

    public List<String> warnings() {
        return texts(Severity.WARNING);
    }

    /**
     * The plan's texts the target cannot store, each with the fix, or an empty list: what
     * {@code migrate} refuses and {@code preflight} fails before anything is written.
     */
    public List<String> textsTheTargetCannotStore(SqlDialect dialect) {
        String limit = dialect.textLimit();
        if (limit == null) {
            return List.of();
        }
        return state.textsOutsideBmp.stream().map(t -> t + ": " + limit + "; rename it in RisingWave before migrating, or migrate to PostgreSQL"
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

    /** kind, old id, name, new id. */
    public List<String[]> rewrites() {
        return Collections.unmodifiableList(state.rewriteRows);
    }

    /** The new id of an object of a {@link CatalogKind#renumbered() renumbered} kind, or null when the plan has none for {@code id}. */
    public Integer rewrite(CatalogKind kind, int id) {
        return state.rewrites(kind).get(id);
    }

    @Override
    public Map<Integer, Integer> newIds(CatalogKind kind) {
        return Collections.unmodifiableMap(state.rewrites(kind));
    }

    public UUID clusterUuid() {
        return state.clusterId;
    }

    public List<Database> databases() {
        return Collections.unmodifiableList(state.databases);
    }

    public List<Schema> schemas() {
        return Collections.unmodifiableList(state.schemas);
    }

    public List<Function> functions() {
        return Collections.unmodifiableList(state.functions);
    }

    public List<Connection> connections() {
        return Collections.unmodifiableList(state.connections);
    }

    public List<Secret> secrets() {
        return Collections.unmodifiableList(state.secrets);
    }

    /** Every relation id in etcd, dropped orphans included. */
    public Set<Integer> relationIds() {
        return Collections.unmodifiableSet(state.relationIds);
    }

    /** Relations dropped whole because their streaming job is missing. */
    public Set<Integer> dropped() {
        return Collections.unmodifiableSet(state.dropped);
    }

    public long nextObjectId() {
        return state.nextObjectId;
    }

    public long nextWorkerId() {
        return state.nextWorkerId;
    }

    public long nextUserId() {
        return state.nextUserId;
    }

    /** name, value as text, mutable ("true"/"false"): the system_parameter rows. */
    public List<String[]> systemParams() {
        return Collections.unmodifiableList(state.systemParams);
    }

    public Map<String, String> sessionParams() {
        return Collections.unmodifiableMap(state.sessionParams);
    }

    public List<WorkerNode> workers() {
        return Collections.unmodifiableList(state.workers);
    }

    public List<UserInfo> users() {
        return Collections.unmodifiableList(state.users);
    }

    /** Every table in etcd, dropped orphans included ({@link #keptTables()} holds the ones written). */
    public List<Table> tables() {
        return Collections.unmodifiableList(state.tables);
    }

    public List<Source> sources() {
        return Collections.unmodifiableList(state.sources);
    }

    @Override
    public List<? extends Message> catalog(CatalogKind kind) {
        return Collections.unmodifiableList(state.catalog(kind));
    }

    public List<Sink> sinks() {
        return Collections.unmodifiableList(state.sinks);
    }

    public List<Index> indexes() {
        return Collections.unmodifiableList(state.indexes);
    }

    public List<View> views() {
        return Collections.unmodifiableList(state.views);
    }

    public List<Subscription> subscriptions() {
        return Collections.unmodifiableList(state.subscriptions);
    }

    /** The tables written: orphans dropped; fragment ids, DML fragment ids and incoming sinks repaired. */
    public List<Table> keptTables() {
        return Collections.unmodifiableList(state.keptTables);
    }

    public List<Source> keptSources() {
        return Collections.unmodifiableList(state.keptSources);
    }

    public List<Index> keptIndexes() {
        return Collections.unmodifiableList(state.keptIndexes);
    }

    public List<Sink> keptSinks() {
        return Collections.unmodifiableList(state.keptSinks);
    }

    /** Streaming job ids in etcd order. */
    public Set<Integer> jobIds() {
        return Collections.unmodifiableSet(state.jobIds);
    }

    public Map<Integer, Integer> jobOfFragment() {
        return Collections.unmodifiableMap(state.jobOfFragment);
    }

    @Override
    public Integer jobOfFragment(int fragmentId) {
        return state.jobOfFragment.get(fragmentId);
    }

    @Override
    public StreamNode fragmentNode(LiteActor firstActor) {
        return new NodeRewriter(this).rewrite(StreamPlans.plan(firstActor));
    }

    @Override
    public UpstreamActors upstreams(int position, LiteActor actor) {
        UpstreamActors kept = state.upstreams.at(position, actor.getActorId());
        return kept != null ? kept : UpstreamActors.of(StreamPlans.merges(actor.getNodes()));
    }

    /** object_dependency rows (oid, used_by) in insert order. */
    public List<int[]> dependencies() {
        return Collections.unmodifiableList(state.dependencies);
    }

    /** user_privilege rows: user_id, oid, granted_by, action, with_grant_option. */
    public List<Object[]> privileges() {
        return Collections.unmodifiableList(state.privileges);
    }

    /** The hummock sequences' next values by name. */
    public Map<String, Long> hummockSequences() {
        return Collections.unmodifiableMap(state.hummockSequences);
    }

    public long notificationVersion() {
        return state.notificationVersion;
    }

    public long tableRevision() {
        return state.tableRevision;
    }

    PlanState state() {
        return state;
    }

    /**
     * Reads one revision and runs the rule sets in order (each reports its problems in the order it
     * finds them; the order of the rule sets is the order of the problems).
     */
    public static MigrationPlan build(MetaReader reader, PlanProgress progress) {
        PlanState state = new PlanState(reader.revision());
        SourceReading reading = new SourceReading(state, reader);
        reading.readCatalogs();
        CatalogRules catalog = new CatalogRules(state);
        catalog.checkWorkersAndUsers();
        new IdAssignment(state).assign();
        catalog.checkReferences();
        new JobRules(state).scan(reader, progress);
        new OrphanRepair(state).apply();
        GrantsAndDependencies grants = new GrantsAndDependencies(state);
        grants.buildDependencies();
        grants.buildPrivileges();
        reading.readCounters();
        new RowCounts(state).count();
        state.textsOutsideBmp.addAll(OutsideBmpTexts.find(state));
        reading.noteSessionParameters();
        return new MigrationPlan(state);
    }
}
