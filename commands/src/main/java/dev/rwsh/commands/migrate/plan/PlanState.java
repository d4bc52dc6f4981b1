package dev.rwsh.commands.migrate.plan;

import com.google.protobuf.Message;
import dev.rwsh.commands.meta.CatalogKind;
import dev.rwsh.commands.migrate.plan.PlanProblem.Kind;
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
import dev.rwsh.proto.user.UserInfo;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What the plan's rule sets build, shared while {@link MigrationPlan#build} runs them in order; once
 * built it is read only through {@link MigrationPlan}, and nothing changes it again.
 */
final class PlanState {
    final long revision;
    String clusterIdText;
    UUID clusterId;
    final List<String[]> systemParams = new ArrayList<>();
    final Map<String, String> sessionParams = new LinkedHashMap<>();
    final List<WorkerNode> workers = new ArrayList<>();
    /** Each kind's messages as etcd holds them; the typed lists below are these same lists. */
    private final Map<CatalogKind, List<? extends Message>> catalogs = new EnumMap<>(CatalogKind.class);
    final List<UserInfo> users = newCatalog(CatalogKind.USER);
    final List<Database> databases = newCatalog(CatalogKind.DATABASE);
    final List<Schema> schemas = newCatalog(CatalogKind.SCHEMA);
    final List<Function> functions = newCatalog(CatalogKind.FUNCTION);
    final List<Connection> connections = newCatalog(CatalogKind.CONNECTION);
    final List<Secret> secrets = newCatalog(CatalogKind.SECRET);
    final List<Table> tables = newCatalog(CatalogKind.TABLE);
    final List<Source> sources = newCatalog(CatalogKind.SOURCE);
    final List<Sink> sinks = newCatalog(CatalogKind.SINK);
    final List<Index> indexes = newCatalog(CatalogKind.INDEX);
    final List<View> views = newCatalog(CatalogKind.VIEW);
    final List<Subscription> subscriptions = newCatalog(CatalogKind.SUBSCRIPTION);

    /** U: relation ids and the new ids handed out, as unsigned 32-bit values. */
    final TreeSet<Long> inUse = new TreeSet<>();
    /** Old id to new id, per {@link CatalogKind#renumbered() renumbered} kind. */
    private final Map<CatalogKind, Map<Integer, Integer>> rewrites = new EnumMap<>(CatalogKind.class);
    /** Old id to new id per kind, in assignment order, for the plan's output. */
    final List<String[]> rewriteRows = new ArrayList<>();

    final LinkedHashSet<Integer> jobIds = new LinkedHashSet<>();
    final Map<Integer, String> jobStates = new LinkedHashMap<>();
    final Map<Integer, Integer> fragmentOfStateTable = new HashMap<>();
    final Map<Integer, Integer> jobOfFragment = new HashMap<>();
    final Map<Integer, Integer> dmlFragmentOfJob = new HashMap<>();
    long fragments;
    final Set<Integer> fragmentIds = new HashSet<>();
    long actors;
    long dispatchers;
    /** Each actor's upstream actors, kept by the job rules for the writing pass. */
    final UpstreamIndex upstreams = new UpstreamIndex(UpstreamIndex.MAX_INTS);

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

    PlanState(long revision) {
        this.revision = revision;
        for (CatalogKind kind : CatalogKind.values()) {
            if (kind.renumbered()) {
                rewrites.put(kind, new HashMap<>());
            }
        }
    }

    /** Old id to new id of one renumbered kind. */
    Map<Integer, Integer> rewrites(CatalogKind kind) {
        Map<Integer, Integer> m = rewrites.get(kind);
        if (m == null) {
            throw new IllegalArgumentException(kind + " is not renumbered");
        }
        return m;
    }

    void error(Kind kind, PlanObject object, String message) {
        problems.add(PlanProblem.error(kind, object, message));
    }

    void warning(Kind kind, PlanObject object, String message) {
        problems.add(PlanProblem.warning(kind, object, message));
    }

    /** The name of the table, sink or source with this id, for messages ("?" when none has it). */
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

    private <T extends Message> List<T> newCatalog(CatalogKind kind) {
        List<T> list = new ArrayList<>();
        catalogs.put(kind, list);
        return list;
    }

    /** The messages of one kind, in etcd order. */
    List<? extends Message> catalog(CatalogKind kind) {
        return catalogs.get(kind);
    }

    /** For filling a kind's list while reading etcd; the message must be of the kind's type. */
    @SuppressWarnings("unchecked")
    void add(CatalogKind kind, Message m) {
        ((List<Message>) catalogs.get(kind)).add(m);
    }
}
