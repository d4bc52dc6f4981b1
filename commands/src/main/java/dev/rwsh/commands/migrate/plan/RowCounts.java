package dev.rwsh.commands.migrate.plan;

import dev.rwsh.commands.meta.CatalogKind;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.common.WorkerType;

/** Row counts: the rows each target table will receive, in write order (what progress, status and doctor compare against). */
final class RowCounts {
    private final PlanState state;

    RowCounts(PlanState state) {
        this.state = state;
    }

    void count() {
        state.rows.put("system_parameter", (long) state.systemParams.size());
        state.rows.put("worker", (long) state.workers.size());
        state.rows.put("worker_property", state.workers.stream().filter(w -> w.getType() == WorkerType.WORKER_TYPE_COMPUTE_NODE
                || w.getType() == WorkerType.WORKER_TYPE_FRONTEND).count());
        state.rows.put("user", (long) state.users.size());
        state.rows.put("object", objects());
        for (CatalogKind kind : CatalogKind.values()) {
            if (kind.owned() && !kind.isRelation()) {
                state.rows.put(kind.label(), (long) state.catalog(kind).size()); // database, schema, function, connection, secret: a table each
            }
        }
        state.rows.put("streaming_job", (long) state.jobIds.size());
        state.rows.put("fragment", state.fragments);
        state.rows.put("actor", state.actors);
        state.rows.put("actor_dispatcher", state.dispatchers);
        state.rows.put("source", (long) state.keptSources.size());
        state.rows.put("table", (long) state.keptTables.size());
        state.rows.put("index", (long) state.keptIndexes.size());
        state.rows.put("sink", (long) state.keptSinks.size());
        state.rows.put("view", (long) state.views.size());
        state.rows.put("subscription", (long) state.subscriptions.size());
        state.rows.put("object_dependency", (long) state.dependencies.size());
        state.rows.put("user_privilege", (long) state.privileges.size());
        state.rows.put("catalog_version", 2L);
        state.rows.putAll(state.hummockCounts);
        state.rows.put("hummock_sequence", 4L);
        state.rows.put("session_parameter", (long) state.sessionParams.size());
    }

    /** One object row per catalog object but users (no object row) and index tables (their index's row stands for them), dropped relations left out. */
    private long objects() {
        long n = 0;
        for (CatalogKind kind : CatalogKind.values()) {
            if (kind == CatalogKind.TABLE) {
                n += state.tables.stream().filter(t -> t.getTableType() != Table.TableType.INDEX).count();
            } else if (kind != CatalogKind.USER) {
                n += state.catalog(kind).size();
            }
        }
        return n - droppedObjects();
    }

    /** Relation object rows not written because the relation was dropped (index tables have no object row of their own). */
    private long droppedObjects() {
        long n = 0;
        for (Integer id : state.dropped) {
            boolean indexTable = state.tables.stream().anyMatch(t -> t.getId() == id && t.getTableType() == Table.TableType.INDEX);
            boolean isIndex = state.indexes.stream().anyMatch(i -> i.getId() == id);
            n += indexTable && isIndex ? 1 : indexTable ? 0 : 1;
        }
        return n;
    }
}
