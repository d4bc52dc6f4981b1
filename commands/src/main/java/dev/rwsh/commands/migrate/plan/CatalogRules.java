package dev.rwsh.commands.migrate.plan;

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
        Integer n = state.dbRewrite.get(id);
        if (n == null) {
            state.error(Kind.DANGLING_REFERENCE, where, "database " + Integer.toUnsignedString(id) + " does not exist (v2.0.7 panics)");
        }
        return n;
    }

    private Integer schema(int id, PlanObject where) {
        Integer n = state.schemaRewrite.get(id);
        if (n == null) {
            state.error(Kind.DANGLING_REFERENCE, where, "schema " + Integer.toUnsignedString(id) + " does not exist (v2.0.7 panics)");
        }
        return n;
    }

    private void secretsKnown(Map<String, SecretRef> refs, PlanObject where) {
        for (Map.Entry<String, SecretRef> e : refs.entrySet()) {
            if (!state.secretRewrite.containsKey(e.getValue().getSecretId())) {
                state.error(Kind.DANGLING_REFERENCE, where, "secret " + Integer.toUnsignedString(e.getValue().getSecretId()) + " (option " + e.getKey()
                        + ") does not exist (v2.0.7 panics)");
            }
        }
    }

    /** Every catalog object's database, schema, owner, connection and secrets exist, and the fields v2.0.7 needs are set. */
    void checkReferences() {
        Set<Integer> userIds = new HashSet<>();
        state.users.forEach(u -> userIds.add(u.getId()));
        for (Database d : state.databases) {
            owner(userIds, d.getOwner(), PlanObject.named(PlanObject.Kind.DATABASE, d.getName(), d.getId()));
        }
        for (Schema s : state.schemas) {
            PlanObject w = PlanObject.named(PlanObject.Kind.SCHEMA, s.getName(), s.getId());
            db(s.getDatabaseId(), w);
            owner(userIds, s.getOwner(), w);
        }
        for (Function f : state.functions) {
            PlanObject w = PlanObject.named(PlanObject.Kind.FUNCTION, f.getName(), f.getId());
            placed(userIds, f.getDatabaseId(), f.getSchemaId(), f.getOwner(), w);
            if (!f.hasReturnType()) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "no return type (v2.0.7 panics)");
            }
            if (f.getKindCase() == Function.KindCase.KIND_NOT_SET) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "no kind (v2.0.7 panics)");
            }
        }
        for (Connection c : state.connections) {
            PlanObject w = PlanObject.named(PlanObject.Kind.CONNECTION, c.getName(), c.getId());
            placed(userIds, c.getDatabaseId(), c.getSchemaId(), c.getOwner(), w);
            if (!c.hasPrivateLinkService()) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "not a private link service (v2.0.7 panics)");
            }
        }
        for (Secret s : state.secrets) {
            PlanObject w = PlanObject.named(PlanObject.Kind.SECRET, s.getName(), s.getId());
            placed(userIds, s.getDatabaseId(), s.getSchemaId(), s.getOwner(), w);
        }
        for (Table t : state.tables) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.TABLE, t.getId(), t.getName());
            placed(userIds, t.getDatabaseId(), t.getSchemaId(), t.getOwner(), w);
            if (t.getTableType() == Table.TableType.UNSPECIFIED || t.getTableType() == Table.TableType.UNRECOGNIZED) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "table type unspecified (v2.0.7 panics)");
            }
            if (t.getHandlePkConflictBehaviorValue() == 0 || t.getHandlePkConflictBehavior() == dev.rwsh.proto.catalog.HandleConflictBehavior.UNRECOGNIZED) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "pk conflict behaviour unspecified (v2.0.7 panics)");
            }
        }
        for (Source s : state.sources) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.SOURCE, s.getId(), s.getName());
            placed(userIds, s.getDatabaseId(), s.getSchemaId(), s.getOwner(), w);
            if (s.hasConnectionId() && !state.connectionRewrite.containsKey(s.getConnectionId())) {
                state.error(Kind.DANGLING_REFERENCE, w, "connection " + Integer.toUnsignedString(s.getConnectionId()) + " does not exist (v2.0.7 panics)");
            }
            secretsKnown(s.getSecretRefsMap(), w);
            secretsKnown(s.getInfo().getFormatEncodeSecretRefsMap(), w.at(w.label() + " (format encode)"));
            secretsKnown(s.getInfo().getExternalTable().getSecretRefsMap(), w.at(w.label() + " (external table)"));
        }
        for (Sink s : state.sinks) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.SINK, s.getId(), s.getName());
            placed(userIds, s.getDatabaseId(), s.getSchemaId(), s.getOwner(), w);
            if (s.hasConnectionId() && !state.connectionRewrite.containsKey(s.getConnectionId())) {
                state.error(Kind.DANGLING_REFERENCE, w, "connection " + Integer.toUnsignedString(s.getConnectionId()) + " does not exist (v2.0.7 panics)");
            }
            if (s.getSinkType() == dev.rwsh.proto.catalog.SinkType.SINK_TYPE_UNSPECIFIED || s.getSinkTypeValue() > 3) {
                state.error(Kind.INCOMPLETE_OBJECT, w, "sink type unspecified (v2.0.7 panics)");
            }
            secretsKnown(s.getSecretRefsMap(), w);
            secretsKnown(s.getFormatDesc().getSecretRefsMap(), w.at(w.label() + " (format)"));
        }
        for (Index i : state.indexes) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.INDEX, i.getId(), i.getName());
            placed(userIds, i.getDatabaseId(), i.getSchemaId(), i.getOwner(), w);
        }
        for (View v : state.views) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.VIEW, v.getId(), v.getName());
            placed(userIds, v.getDatabaseId(), v.getSchemaId(), v.getOwner(), w);
        }
        for (Subscription s : state.subscriptions) {
            PlanObject w = PlanObject.relation(PlanObject.Kind.SUBSCRIPTION, s.getId(), s.getName());
            placed(userIds, s.getDatabaseId(), s.getSchemaId(), s.getOwner(), w);
        }
    }

    /** The database, schema and owner of an object that has all three, checked in that order. */
    private void placed(Set<Integer> userIds, int database, int schema, int owner, PlanObject object) {
        db(database, object);
        schema(schema, object);
        owner(userIds, owner, object);
    }

    private void owner(Set<Integer> userIds, int owner, PlanObject object) {
        if (!userIds.contains(owner)) {
            state.error(Kind.DANGLING_REFERENCE, object, "owner " + Integer.toUnsignedString(owner) + " is not a user (foreign key object.owner_id fails)");
        }
    }
}
