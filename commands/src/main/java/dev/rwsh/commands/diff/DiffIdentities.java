package dev.rwsh.commands.diff;

import dev.rwsh.commands.meta.CatalogKind;
import dev.rwsh.commands.meta.MessageRewriter;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.data.DataType;
import dev.rwsh.proto.secret.SecretRef;
import dev.rwsh.proto.stream_plan.StreamScanNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The identity of databases, schemas, functions, connections and secrets for diff: their name and
 * owner, the names of their database and schema, and a function's argument types (functions
 * overload). {@code migrate} gives these objects new ids, and RisingWave gives a recreated one a new
 * id again, so diff does not match them by id: every column that holds one of their ids (their
 * keys, {@code object.schema_id}/{@code database_id}, {@code connection_id}, the oids of grants and
 * dependencies) is compared as the identity of the object it names. A SQL object with no
 * counterpart of the same identity is paired with the unpaired etcd object of the same kind and
 * id, if there is one (a rename in place: "different", field {@code name}); otherwise it keeps an
 * identity of its own ("only in SQL"). Ids inside protobuf blobs (tables embedded in stream plans,
 * secret references) are translated from the SQL object's id to its etcd counterpart's.
 */
final class DiffIdentities {
    private static final JsonFormat.Printer PB = JsonFormat.printer().omittingInsignificantWhitespace().preservingProtoFieldNames();
    private static final FieldDescriptor ARRANGEMENT = StreamScanNode.getDescriptor().findFieldByName("arrangement_table");

    /** Migrated id → identity. */
    private final Map<Long, String> etcd = new HashMap<>();
    /** SQL id → the identity it is compared as (its etcd counterpart's, or its own). */
    private final Map<Long, String> sql = new HashMap<>();
    /** SQL id → migrated id, for pairs whose ids differ (blobs). */
    private final Map<Integer, Integer> renumbered = new HashMap<>();

    private DiffIdentities() {
    }

    static DiffIdentities build(MigrationPlan plan, java.sql.Connection c, SqlDialect d) throws SQLException {
        DiffIdentities ids = new DiffIdentities();
        Map<Long, String> etcdKind = new HashMap<>();
        Map<Integer, String> dbNames = new HashMap<>();
        Map<Integer, String> schemaNames = new HashMap<>();
        // the renumbered kinds, databases and schemas first: the others' identities name them
        for (CatalogKind kind : CatalogKind.values()) {
            if (!kind.renumbered()) {
                continue;
            }
            for (Message x : plan.catalog(kind)) {
                String place = (kind.inDatabase() ? dbNames.get(kind.databaseId(x)) + "." : "") + (kind.inSchema() ? schemaNames.get(kind.schemaId(x)) + "." : "");
                String args = x instanceof Function f ? "(" + argTypes(new ArrayList<>(f.getArgTypesList())) + ")" : "";
                if (kind == CatalogKind.DATABASE) {
                    dbNames.put(kind.id(x), kind.name(x));
                } else if (kind == CatalogKind.SCHEMA) {
                    schemaNames.put(kind.id(x), kind.name(x));
                }
                ids.putEtcd(etcdKind, plan.rewrite(kind, kind.id(x)), kind.name(),
                        kind.label() + " " + place + kind.name(x) + args + owner(kind.owner(x)));
            }
        }

        // the SQL side: object rows of the five kinds, with their names
        Map<Long, String> names = new HashMap<>();
        Map<Long, String> argTypes = new HashMap<>();
        List<CatalogKind> renumbered = Arrays.stream(CatalogKind.values()).filter(CatalogKind::renumbered).toList();
        for (CatalogKind kind : renumbered) {
            boolean function = kind == CatalogKind.FUNCTION;
            String cols = d.quote(kind.label() + "_id") + ", " + d.quote("name") + (function ? ", " + d.quote("arg_types") : "");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + cols + " FROM " + d.quote(kind.label()))) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                    if (function) {
                        byte[] b = rs.getBytes(3);
                        argTypes.put(rs.getLong(1), b == null ? "" : argTypes(DiffValues.arrayItems("function.arg_types", b)));
                    }
                }
            }
        }
        record Obj(long id, String kind, long owner, long schema, long database) {
        }
        Map<Long, Obj> objects = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + d.quote("oid") + ", " + d.quote("obj_type") + ", "
                + d.quote("owner_id") + ", " + d.quote("schema_id") + ", " + d.quote("database_id") + " FROM " + d.quote("object") + " WHERE "
                + d.quote("obj_type") + " IN (" + String.join(", ", renumbered.stream().map(k -> "'" + k.name() + "'").toList()) + ")")) {
            while (rs.next()) {
                objects.put(rs.getLong(1), new Obj(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        Map<String, Long> etcdByIdentity = new HashMap<>();
        ids.etcd.forEach((id, identity) -> etcdByIdentity.put(identity, id));
        Map<Long, String> own = new TreeMap<>();
        for (Obj o : objects.values()) {
            String name = names.getOrDefault(o.id(), "#" + o.id() + " (no " + o.kind().toLowerCase(java.util.Locale.ROOT) + " row)");
            CatalogKind kind = CatalogKind.valueOf(o.kind());
            String parent = (kind.inDatabase() ? names.get(o.database()) + "." : "") + (kind.inSchema() ? names.get(o.schema()) + "." : "");
            String args = kind == CatalogKind.FUNCTION ? "(" + argTypes.getOrDefault(o.id(), "") + ")" : "";
            own.put(o.id(), o.kind().toLowerCase(java.util.Locale.ROOT) + " " + parent + name + args + owner(o.owner()));
        }
        // pair by identity; then what is left by kind and id (renamed in place)
        Map<Long, Long> pairs = new HashMap<>();
        java.util.Set<Long> pairedEtcd = new java.util.HashSet<>();
        for (Map.Entry<Long, String> e : own.entrySet()) {
            Long partner = etcdByIdentity.get(e.getValue());
            if (partner != null && pairedEtcd.add(partner)) {
                pairs.put(e.getKey(), partner);
            }
        }
        for (Map.Entry<Long, String> e : own.entrySet()) {
            long id = e.getKey();
            if (!pairs.containsKey(id) && ids.etcd.containsKey(id) && !pairedEtcd.contains(id) && objects.get(id).kind().equals(etcdKind.get(id))) {
                pairs.put(id, id);
                pairedEtcd.add(id);
            }
        }
        for (Map.Entry<Long, String> e : own.entrySet()) {
            Long partner = pairs.get(e.getKey());
            if (partner != null) {
                ids.sql.put(e.getKey(), ids.etcd.get(partner));
                if (partner.longValue() != e.getKey()) {
                    ids.renumbered.put(e.getKey().intValue(), partner.intValue());
                }
            } else {
                String identity = e.getValue();
                ids.sql.put(e.getKey(), etcdByIdentity.containsKey(identity) ? identity + " [SQL id " + e.getKey() + "]" : identity);
            }
        }
        return ids;
    }

    private void putEtcd(Map<Long, String> kinds, Integer id, String kind, String identity) {
        if (id != null) {
            etcd.put(id.longValue(), identity);
            kinds.put(id.longValue(), kind);
        }
    }

    private static String owner(long owner) {
        return ", owner " + Integer.toUnsignedString((int) owner);
    }

    /** Argument types as their type names (the full type as JSON where it has more than a name). */
    static String argTypes(List<? extends Message> types) {
        List<String> out = new ArrayList<>();
        for (Message m : types) {
            DataType t = (DataType) m;
            if (t.toBuilder().clearIsNullable().clearTypeName().build().equals(DataType.getDefaultInstance())) {
                out.add(t.getTypeName().name());
            } else {
                try {
                    out.add(PB.print(t.toBuilder().clearIsNullable().build()));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    out.add(t.getTypeName().name());
                }
            }
        }
        return String.join(", ", out);
    }

    /** A canonical value of an etcd-side reference column: the identity of the object it names, or the value itself. */
    Object etcd(Object v) {
        if (v instanceof Long l) {
            String s = etcd.get(l);
            return s == null ? v : s;
        }
        return v;
    }

    /** The same for a value read from SQL. */
    Object sql(Object v) {
        if (v instanceof Long l) {
            String s = sql.get(l);
            return s == null ? v : s;
        }
        return v;
    }

    /** True when some SQL object has another id than its etcd counterpart (blobs then need translating). */
    boolean anyRenumbered() {
        return !renumbered.isEmpty();
    }

    /**
     * A message read from SQL with the ids of renumbered databases, schemas and secrets replaced by
     * their etcd counterparts' (the tables a stream plan embeds, except a scan's arrangement table,
     * which migrate does not rewrite either; secret references).
     */
    Message translate(Message m) {
        if (renumbered.isEmpty()) {
            return m;
        }
        return translated(null, m);
    }

    private Message translated(FieldDescriptor field, Message v) {
        if (field == ARRANGEMENT) {
            return v;
        }
        if (v instanceof Table t) {
            int db = renumbered.getOrDefault(t.getDatabaseId(), t.getDatabaseId());
            int schema = renumbered.getOrDefault(t.getSchemaId(), t.getSchemaId());
            return db == t.getDatabaseId() && schema == t.getSchemaId() ? t : t.toBuilder().setDatabaseId(db).setSchemaId(schema).build();
        }
        if (v instanceof SecretRef r) {
            Integer n = renumbered.get(r.getSecretId());
            return n == null ? r : r.toBuilder().setSecretId(n).build();
        }
        return MessageRewriter.rewrite(v, this::translated);
    }
}
