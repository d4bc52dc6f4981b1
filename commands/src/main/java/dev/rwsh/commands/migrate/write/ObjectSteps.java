package dev.rwsh.commands.migrate.write;

import com.google.protobuf.Message;
import dev.rwsh.commands.meta.CatalogKind;
import dev.rwsh.commands.meta.Epochs;
import dev.rwsh.proto.catalog.Connection;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.catalog.Secret;
import dev.rwsh.proto.catalog.Table;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code object} table: every catalog object's row, with the rows of the kinds that have nothing
 * but a name beside it (databases, schemas, functions, connections, secrets), the relations' object
 * rows, and the dependencies between objects. The object rows go through one batch per column set,
 * kept open from the first kind to the relations.
 */
final class ObjectSteps extends StepGroup {
    ObjectSteps(Shared shared) {
        super(shared);
    }

    static LocalDateTime time(long epoch) {
        return LocalDateTime.ofInstant(Epochs.toInstant(epoch), ZoneOffset.UTC);
    }

    private final Map<String, RowSink.Rows> objectBatches = new HashMap<>();

    /** An object row; timestamps are left to the column default when null (v2.0.7 does not send them). */
    private void object(int oid, String type, int owner, Integer schemaId, Integer databaseId, LocalDateTime initializedAt,
            LocalDateTime createdAt, String initVersion, String createdVersion) throws SQLException {
        List<String> cols = new ArrayList<>(List.of("oid", "obj_type", "owner_id", "schema_id", "database_id"));
        List<Object> vals = new ArrayList<>(List.of(oid, type, owner, schemaId == null ? Batch.Null.INT : schemaId,
                databaseId == null ? Batch.Null.INT : databaseId));
        if (initializedAt != null) {
            cols.add("initialized_at");
            vals.add(initializedAt);
        }
        if (createdAt != null) {
            cols.add("created_at");
            vals.add(createdAt);
        }
        cols.add("initialized_at_cluster_version");
        vals.add(initVersion == null ? Batch.Null.TEXT : initVersion);
        cols.add("created_at_cluster_version");
        vals.add(createdVersion == null ? Batch.Null.TEXT : createdVersion);
        String key = String.join(",", cols);
        RowSink.Rows b = objectBatches.get(key);
        if (b == null) {
            b = sink.open(TargetTable.OBJECT, null, TargetTable.OBJECT.columns(cols));
            objectBatches.put(key, b);
        }
        b.add(vals.toArray());
    }

    private void flushObjects() throws SQLException {
        for (RowSink.Rows b : objectBatches.values()) {
            b.flush();
        }
    }

    private void closeObjects() throws SQLException {
        for (RowSink.Rows b : objectBatches.values()) {
            b.close();
        }
        objectBatches.clear();
    }

    /** A renumbered kind's own columns after its new id, from its message. */
    private interface OwnColumns {
        Object[] values(int newId, Message x);
    }

    void databases(String step) throws SQLException {
        renumbered(step, CatalogKind.DATABASE, TargetTable.DATABASE, (id, x) -> new Object[] {id, ((Database) x).getName()});
    }

    void schemas(String step) throws SQLException {
        renumbered(step, CatalogKind.SCHEMA, TargetTable.SCHEMA, (id, x) -> new Object[] {id, ((Schema) x).getName()});
    }

    void functions(String step) throws SQLException {
        renumbered(step, CatalogKind.FUNCTION, TargetTable.FUNCTION, (id, m) -> {
            Function x = (Function) m;
            String kind = switch (x.getKindCase()) {
                case SCALAR -> "Scalar";
                case TABLE -> "Table";
                case AGGREGATE -> "Aggregate";
                default -> throw new IllegalStateException("function without kind");
            };
            return new Object[] {id, x.getName(), String.join(",", x.getArgNamesList()), Blobs.array(x.getArgTypesList()), Blobs.message(x.getReturnType()),
                    x.getLanguage(), opt(x.hasLink(), x.getLink(), Batch.Null.TEXT), opt(x.hasIdentifier(), x.getIdentifier(), Batch.Null.TEXT),
                    opt(x.hasBody(), x.getBody(), Batch.Null.TEXT),
                    x.hasCompressedBinary() ? x.getCompressedBinary().toByteArray() : Batch.Null.BYTES, kind, x.getAlwaysRetryOnNetworkError(),
                    opt(x.hasRuntime(), x.getRuntime(), Batch.Null.TEXT), opt(x.hasFunctionType(), x.getFunctionType(), Batch.Null.TEXT)};
        });
    }

    void connections(String step) throws SQLException {
        renumbered(step, CatalogKind.CONNECTION, TargetTable.CONNECTION,
                (id, x) -> new Object[] {id, ((Connection) x).getName(), Blobs.message(((Connection) x).getPrivateLinkService())});
    }

    void secrets(String step) throws SQLException {
        renumbered(step, CatalogKind.SECRET, TargetTable.SECRET, (id, x) -> new Object[] {id, ((Secret) x).getName(), ((Secret) x).getValue().toByteArray()});
    }

    /**
     * The rows of a renumbered kind: each object's row (flushed first: the kind's row refers to it),
     * then its own row, under its new id; its schema and database by their new ids where it has them.
     */
    private void renumbered(String step, CatalogKind kind, TargetTable table, OwnColumns own) throws SQLException {
        List<? extends Message> all = plan.catalog(kind);
        steps.begin(step, all.size());
        try (RowSink.Rows b = batch(table)) {
            for (Message x : all) {
                int id = plan.newIds(kind).get(kind.id(x));
                object(id, kind.name(), kind.owner(x), kind.inSchema() ? plan.newIds(CatalogKind.SCHEMA).get(kind.schemaId(x)) : null,
                        kind.inDatabase() ? plan.newIds(CatalogKind.DATABASE).get(kind.databaseId(x)) : null, null, null, null, null);
                flushObjects();
                b.add(own.values(id, x));
            }
        }
        steps.end(all.size(), all.size() * 2L, 0, 0);
    }

    /** Step 15: sources, sinks, indexes, subscriptions, tables except index tables, views; dropped relations left out (rwsh). */
    void relationObjects(String step) throws SQLException {
        long expected = plan.rows().get("object");
        for (CatalogKind kind : CatalogKind.values()) {
            if (kind.renumbered()) {
                expected -= plan.catalog(kind).size(); // databases, schemas, functions, connections and secrets: written in their own steps
            }
        }
        steps.begin(step, expected);
        long n = 0;
        long skipped = 0;
        // v2.0.7's order; orphan repair drops only sources, sinks, indexes and tables, so only those are looked up in dropped()
        for (CatalogKind kind : List.of(CatalogKind.SOURCE, CatalogKind.SINK, CatalogKind.INDEX, CatalogKind.SUBSCRIPTION, CatalogKind.TABLE,
                CatalogKind.VIEW)) {
            boolean droppable = kind != CatalogKind.SUBSCRIPTION && kind != CatalogKind.VIEW;
            for (Message x : plan.catalog(kind)) {
                if (x instanceof Table t && t.getTableType() == Table.TableType.INDEX) {
                    continue; // an index table has no object row: its index's row stands for it
                }
                if (droppable && plan.dropped().contains(kind.id(x))) {
                    skipped++;
                    continue;
                }
                RelationStamps s = RelationStamps.of(x);
                relation(kind.id(x), kind.name(), kind.owner(x), kind.schemaId(x), kind.databaseId(x), s.hasInitializedAtEpoch(), s.initializedAtEpoch(),
                        s.hasCreatedAtEpoch(), s.createdAtEpoch(), s.initializedAtClusterVersion(), s.createdAtClusterVersion());
                n++;
                if (kind == CatalogKind.TABLE && n % Batch.SIZE == 0) {
                    steps.progress(step, n); // tables are the many: progress is reported while they are written
                }
            }
        }
        closeObjects();
        steps.end(n + skipped, n, skipped, 0);
    }

    private void relation(int id, String type, int owner, int schemaId, int databaseId, boolean hasInit, long init, boolean hasCreated,
            long created, String initVersion, String createdVersion) throws SQLException {
        object(id, type, owner, plan.newIds(CatalogKind.SCHEMA).get(schemaId), plan.newIds(CatalogKind.DATABASE).get(databaseId), hasInit ? time(init) : null,
                hasCreated ? time(created) : null, initVersion, createdVersion);
    }

    void objectDependencies(String step) throws SQLException {
        steps.begin(step, plan.dependencies().size());
        try (RowSink.Rows b = batch(TargetTable.OBJECT_DEPENDENCY)) {
            for (int[] dep : plan.dependencies()) {
                b.add(dep[0], dep[1]);
            }
        }
        steps.end(plan.dependencies().size(), plan.dependencies().size(), 0, 0);
    }
}
