package dev.rwsh.commands.migrate.plan;

import com.google.protobuf.Message;
import dev.rwsh.commands.meta.CatalogKind;
import dev.rwsh.commands.migrate.plan.PlanProblem.Kind;
import dev.rwsh.proto.catalog.Connection;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.common.WorkerNode;
import dev.rwsh.proto.common.WorkerType;
import dev.rwsh.proto.secret.SecretRef;
import dev.rwsh.proto.user.UserInfo;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The catalog rules: what v2.0.7 needs of workers, users and every catalog object, and the references between them. */
final class CatalogRules {
    private final PlanState state;

    CatalogRules(PlanState state) {
        this.state = state;
    }

    /** Workers and users: the fields v2.0.7 needs, and the next worker and user ids. */
    void checkWorkersAndUsers() {
        long max = 0;
        for (WorkerNode w : state.workers) {
            PlanObject where = PlanObject.labelled(PlanObject.Kind.WORKER, null, w.getId(), "worker " + Integer.toUnsignedString(w.getId()));
            if (w.getType() == WorkerType.WORKER_TYPE_UNSPECIFIED || w.getType() == WorkerType.UNRECOGNIZED) {
                state.error(Kind.INCOMPLETE_OBJECT, where, "worker type unspecified (v2.0.7 panics)");
            }
            if (w.getState() == WorkerNode.State.UNSPECIFIED || w.getState() == WorkerNode.State.UNRECOGNIZED) {
                state.error(Kind.INCOMPLETE_OBJECT, where, "state unspecified (v2.0.7 panics)");
            }
            if (!w.hasHost()) {
                state.error(Kind.INCOMPLETE_OBJECT, where, "no host (v2.0.7 panics)");
            }
            if ((w.getType() == WorkerType.WORKER_TYPE_COMPUTE_NODE || w.getType() == WorkerType.WORKER_TYPE_FRONTEND) && !w.hasProperty()) {
                state.error(Kind.INCOMPLETE_OBJECT, where, "compute node or frontend without property (v2.0.7 panics)");
            }
            max = Math.max(max, Integer.toUnsignedLong(w.getId()));
        }
        state.nextWorkerId = state.workers.isEmpty() ? 1 : max + 1;
        long maxUser = 0;
        for (UserInfo u : state.users) {
            if (u.getId() == 0) {
                state.error(Kind.INVALID_ID, new PlanObject(PlanObject.Kind.USER, u.getName(), 0L, null),
                        "user " + u.getName() + " has id 0: v2.0.7 leaves the id to auto-increment and panics (columns mismatch)");
            }
            maxUser = Math.max(maxUser, Integer.toUnsignedLong(u.getId()));
        }
        if (state.users.isEmpty()) {
            state.error(Kind.MISSING_METADATA, PlanObject.key("cf/user_info", null), "no users (v2.0.7 panics)");
        }
        state.nextUserId = maxUser + 1;
    }

    private Integer db(int id, PlanObject where) {
        Integer n = state.rewrites(CatalogKind.DATABASE).get(id);
        if (n == null) {
            state.error(Kind.DANGLING_REFERENCE, where, "database " + Integer.toUnsignedString(id) + " does not exist (v2.0.7 panics)");
        }
        return n;
    }

    private Integer schema(int id, PlanObject where) {
        Integer n = state.rewrites(CatalogKind.SCHEMA).get(id);
        if (n == null) {
            state.error(Kind.DANGLING_REFERENCE, where, "schema " + Integer.toUnsignedString(id) + " does not exist (v2.0.7 panics)");
        }
        return n;
    }

    private void secretsKnown(Map<String, SecretRef> refs, PlanObject where) {
        for (Map.Entry<String, SecretRef> e : refs.entrySet()) {
            if (!state.rewrites(CatalogKind.SECRET).containsKey(e.getValue().getSecretId())) {
                state.error(Kind.DANGLING_REFERENCE, where, "secret " + Integer.toUnsignedString(e.getValue().getSecretId()) + " (option " + e.getKey()
                        + ") does not exist (v2.0.7 panics)");
            }
        }
    }

    /** Every catalog object's database, schema, owner, connection and secrets exist, and the fields v2.0.7 needs are set. */
    void checkReferences() {
        Set<Integer> userIds = new HashSet<>();
        state.users.forEach(u -> userIds.add(u.getId()));
        for (CatalogKind kind : CatalogKind.values()) {
            if (!kind.owned()) {
                continue; // users: checked in checkWorkersAndUsers
            }
            PlanObject.Kind where = PlanObject.Kind.valueOf(kind.name());
            for (Message m : state.catalog(kind)) {
                // relations are labelled with their id: names of relations repeat across schemas and kinds more often
                PlanObject w = kind.isRelation() ? PlanObject.relation(where, kind.id(m), kind.name(m)) : PlanObject.named(where, kind.name(m), kind.id(m));
                if (kind.inDatabase()) {
                    db(kind.databaseId(m), w);
                }
                if (kind.inSchema()) {
                    schema(kind.schemaId(m), w);
                }
                owner(userIds, kind.owner(m), w);
                checkFields(m, w);
            }
        }
    }

    /** What v2.0.7 needs of one kind's own fields and references, after its database, schema and owner. */
    private void checkFields(Message m, PlanObject w) {
        if (m instanceof Function f) {
            if (!f.hasReturnType()) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "no return type (v2.0.7 panics)");
            }
            if (f.getKindCase() == Function.KindCase.KIND_NOT_SET) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "no kind (v2.0.7 panics)");
            }
        } else if (m instanceof Connection c) {
            if (!c.hasPrivateLinkService()) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "not a private link service (v2.0.7 panics)");
            }
        } else if (m instanceof Table t) {
            if (t.getTableType() == Table.TableType.UNSPECIFIED || t.getTableType() == Table.TableType.UNRECOGNIZED) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "table type unspecified (v2.0.7 panics)");
            }
            if (t.getHandlePkConflictBehaviorValue() == 0 || t.getHandlePkConflictBehavior() == dev.rwsh.proto.catalog.HandleConflictBehavior.UNRECOGNIZED) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "pk conflict behaviour unspecified (v2.0.7 panics)");
            }
        } else if (m instanceof Source s) {
            if (s.hasConnectionId() && !state.rewrites(CatalogKind.CONNECTION).containsKey(s.getConnectionId())) {
                state.error(Kind.DANGLING_REFERENCE, w, "connection " + Integer.toUnsignedString(s.getConnectionId()) + " does not exist (v2.0.7 panics)");
            }
            secretsKnown(s.getSecretRefsMap(), w);
            secretsKnown(s.getInfo().getFormatEncodeSecretRefsMap(), w.at(w.label() + " (format encode)"));
            secretsKnown(s.getInfo().getExternalTable().getSecretRefsMap(), w.at(w.label() + " (external table)"));
        } else if (m instanceof Sink s) {
            if (s.hasConnectionId() && !state.rewrites(CatalogKind.CONNECTION).containsKey(s.getConnectionId())) {
                state.error(Kind.DANGLING_REFERENCE, w, "connection " + Integer.toUnsignedString(s.getConnectionId()) + " does not exist (v2.0.7 panics)");
            }
            if (s.getSinkType() == dev.rwsh.proto.catalog.SinkType.SINK_TYPE_UNSPECIFIED || s.getSinkTypeValue() > 3) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "sink type unspecified (v2.0.7 panics)");
            }
            secretsKnown(s.getSecretRefsMap(), w);
            secretsKnown(s.getFormatDesc().getSecretRefsMap(), w.at(w.label() + " (format)"));
        }
    }

    private void owner(Set<Integer> userIds, int owner, PlanObject object) {
        if (!userIds.contains(owner)) {
            state.error(Kind.DANGLING_REFERENCE, object, "owner " + Integer.toUnsignedString(owner) + " is not a user (foreign key object.owner_id fails)");
        }
    }
}
