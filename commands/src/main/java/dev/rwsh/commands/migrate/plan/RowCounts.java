package dev.rwsh.commands.migrate.plan;

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
        long relationObjects = state.sources.size() + state.sinks.size() + state.indexes.size() + state.subscriptions.size() + state.views.size()
                + state.tables.stream().filter(t -> t.getTableType() != Table.TableType.INDEX).count() - droppedObjects();
        state.rows.put("object", (long) state.databases.size() + state.schemas.size() + state.functions.size() + state.connections.size() + state.secrets.size() + relationObjects);
        state.rows.put("database", (long) state.databases.size());
        state.rows.put("schema", (long) state.schemas.size());
        state.rows.put("function", (long) state.functions.size());
        state.rows.put("connection", (long) state.connections.size());
        state.rows.put("secret", (long) state.secrets.size());
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
