package dev.rwsh.commands.migrate.plan;

import com.google.protobuf.Message;
import dev.rwsh.commands.meta.CatalogKind;

import dev.rwsh.commands.migrate.plan.PlanProblem.Kind;
import dev.rwsh.proto.catalog.Connection;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.catalog.Secret;
import java.util.Map;

/**
 * Id assignment (§3.2): databases, schemas, functions, connections and secrets become objects of the
 * SQL store, so each gets the lowest id no relation (and no object assigned before it) uses; the
 * object id sequence continues above every id etcd used.
 */
final class IdAssignment {
    private final PlanState state;
    private long freeCandidate = 1;

    IdAssignment(PlanState state) {
        this.state = state;
    }

    /** §3.2: U = every relation id before filtering; then databases, schemas, functions, connections, secrets in etcd order. */
    void assign() {
        state.tables.forEach(t -> state.inUse.add(Integer.toUnsignedLong(t.getId())));
        state.sources.forEach(t -> state.inUse.add(Integer.toUnsignedLong(t.getId())));
        state.sinks.forEach(t -> state.inUse.add(Integer.toUnsignedLong(t.getId())));
        state.indexes.forEach(t -> state.inUse.add(Integer.toUnsignedLong(t.getId())));
        state.views.forEach(t -> state.inUse.add(Integer.toUnsignedLong(t.getId())));
        state.subscriptions.forEach(t -> state.inUse.add(Integer.toUnsignedLong(t.getId())));
        for (Long id : state.inUse) {
            state.relationIds.add(id.intValue());
        }
        if (state.inUse.contains(0L)) {
            state.error(Kind.INVALID_ID, new PlanObject(PlanObject.Kind.RELATION, null, 0L, null),
                    "a relation has id 0: v2.0.7's allocator then hands out id 1 for every database/schema (duplicate keys)");
        }
        // v2.0.7's order: databases, schemas, functions, connections, secrets (CatalogKind's order)
        for (CatalogKind kind : CatalogKind.values()) {
            if (kind.renumbered()) {
                for (Message x : state.catalog(kind)) {
                    assignOne(kind, kind.id(x), kind.name(x));
                }
            }
        }
        // Above every id the etcd metadata used, the relations dropped in §6.1 included: v2.0.7 keeps their object rows,
        // so its sequence ends past them, and a reused id could meet state of the dropped relation still in hummock.
        state.nextObjectId = state.inUse.isEmpty() ? 1 : state.inUse.last() + 1;
    }

    private long peekNext() {
        long k = freeCandidate;
        while (state.inUse.contains(k)) {
            k++;
        }
        return k;
    }

    private void assignOne(CatalogKind kind, int oldId, String name) {
        long id = peekNext();
        freeCandidate = id;
        state.inUse.add(id);
        state.rewrites(kind).put(oldId, (int) id);
        state.rewriteRows.add(new String[] {kind.label(), Integer.toUnsignedString(oldId), name, Long.toString(id)});
    }
}
