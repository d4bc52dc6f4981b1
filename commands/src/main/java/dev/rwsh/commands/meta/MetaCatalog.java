package dev.rwsh.commands.meta;

import com.google.protobuf.Message;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Index;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.user.UserInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole catalog, decoded and held in memory (it is small next to the streaming jobs): users,
 * databases, schemas and every object in them, each family read at the keyspace's one revision.
 * Entries that do not decode are kept in {@link #problems()}, not thrown.
 */
public final class MetaCatalog {
    /** The kinds of catalog object, in the order they are listed. */
    public enum Kind {
        TABLE("table"), MATERIALIZED_VIEW("materialized view"), INDEX("index"), INTERNAL_TABLE("internal table"), SOURCE("source"),
        SINK("sink"), VIEW("view"), SUBSCRIPTION("subscription"), FUNCTION("function"), CONNECTION("connection"), SECRET("secret"),
        /** A table of type INDEX that no index catalog points at. */
        INDEX_TABLE("index table"),
        /** A table whose type is unspecified or unknown. */
        UNKNOWN_TABLE("table of unknown type");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One object in a schema, whatever its family. {@code catalog} is its decoded message. */
    public record CatalogObject(Kind kind, long id, String name, long databaseId, long schemaId, long owner, Message catalog) {
        /** From the protobuf's u32 fields, read unsigned (Java's int would make an id above 2^31-1 negative). */
        static CatalogObject of(Kind kind, int id, String name, int databaseId, int schemaId, int owner, Message catalog) {
            return new CatalogObject(kind, Integer.toUnsignedLong(id), name, Integer.toUnsignedLong(databaseId), Integer.toUnsignedLong(schemaId),
                    Integer.toUnsignedLong(owner), catalog);
        }
    }

    private final Map<Long, UserInfo> users = new TreeMap<>();
    private final Map<Long, Database> databases = new TreeMap<>();
    private final Map<Long, Schema> schemas = new TreeMap<>();
    private final Map<Long, Table> tables = new TreeMap<>();
    private final Map<Long, Index> indexes = new TreeMap<>();
    private final List<CatalogObject> objects = new ArrayList<>();
    private final List<MetaEntry> problems = new ArrayList<>();

    private MetaCatalog() {
    }

    /** The order the families are scanned in, which is the order of {@link #problems()}. */
    private static final List<CatalogKind> READ_ORDER = List.of(CatalogKind.USER, CatalogKind.DATABASE, CatalogKind.SCHEMA, CatalogKind.INDEX,
            CatalogKind.TABLE, CatalogKind.SOURCE, CatalogKind.SINK, CatalogKind.VIEW, CatalogKind.SUBSCRIPTION, CatalogKind.FUNCTION,
            CatalogKind.CONNECTION, CatalogKind.SECRET);

    public static MetaCatalog load(MetaReader reader) {
        MetaCatalog c = new MetaCatalog();
        Map<CatalogKind, List<Message>> others = new EnumMap<>(CatalogKind.class);
        for (CatalogKind kind : READ_ORDER) {
            c.read(reader, kind.family(), m -> c.keep(kind, m, others));
        }
        for (Table t : c.tables.values()) {
            Kind kind = switch (t.getTableType()) {
                case TABLE -> Kind.TABLE;
                case MATERIALIZED_VIEW -> Kind.MATERIALIZED_VIEW;
                case INTERNAL -> Kind.INTERNAL_TABLE;
                case INDEX -> c.indexes.values().stream().anyMatch(i -> i.getIndexTableId() == t.getId()) ? null : Kind.INDEX_TABLE;
                default -> Kind.UNKNOWN_TABLE;
            };
            if (kind != null) {
                c.objects.add(object(kind, CatalogKind.TABLE, t));
            }
        }
        for (Index i : c.indexes.values()) {
            c.objects.add(object(Kind.INDEX, CatalogKind.INDEX, i));
        }
        others.forEach((catalogKind, messages) -> messages.forEach(m -> c.objects.add(object(Kind.valueOf(catalogKind.name()), catalogKind, m))));
        c.objects.sort((a, b) -> a.kind() != b.kind() ? a.kind().compareTo(b.kind()) : a.name().compareTo(b.name()));
        return c;
    }

    /** Users, databases, schemas, tables and indexes by id (as later lookups need them); the other kinds into {@code others} in etcd order. */
    private void keep(CatalogKind kind, Message m, Map<CatalogKind, List<Message>> others) {
        long id = Integer.toUnsignedLong(kind.id(m));
        switch (kind) {
            case USER -> users.put(id, (UserInfo) m);
            case DATABASE -> databases.put(id, (Database) m);
            case SCHEMA -> schemas.put(id, (Schema) m);
            case TABLE -> tables.put(id, (Table) m);
            case INDEX -> indexes.put(id, (Index) m);
            default -> others.computeIfAbsent(kind, k -> new ArrayList<>()).add(m);
        }
    }

    private static CatalogObject object(Kind kind, CatalogKind catalogKind, Message m) {
        return CatalogObject.of(kind, catalogKind.id(m), catalogKind.name(m), catalogKind.databaseId(m), catalogKind.schemaId(m), catalogKind.owner(m), m);
    }

    private void read(MetaReader reader, ColumnFamily family, java.util.function.Consumer<Message> into) {
        reader.scan(family, e -> {
            if (e.ok()) {
                into.accept(e.message());
            }
            if (!e.ok() || e.warning() != null) {
                problems.add(e);
            }
            return true;
        });
    }

    public Map<Long, UserInfo> users() {
        return Collections.unmodifiableMap(users);
    }

    public Map<Long, Database> databases() {
        return Collections.unmodifiableMap(databases);
    }

    public Map<Long, Schema> schemas() {
        return Collections.unmodifiableMap(schemas);
    }

    public Map<Long, Table> tables() {
        return Collections.unmodifiableMap(tables);
    }

    /** Every object in every schema, by kind then name. */
    public List<CatalogObject> objects() {
        return Collections.unmodifiableList(objects);
    }

    /** Catalog entries that did not decode, or decoded with a warning. */
    public List<MetaEntry> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The user's name, or {@code #id} for an id no user has. */
    public String userName(long id) {
        UserInfo u = users.get(id);
        return u == null ? "#" + id : u.getName();
    }

    /** For a protobuf u32 id. */
    public String userName(int id) {
        return userName(Integer.toUnsignedLong(id));
    }

    /** For a protobuf u32 id. */
    public String databaseName(int id) {
        return databaseName(Integer.toUnsignedLong(id));
    }

    /** For a protobuf u32 id. */
    public String schemaName(int id) {
        return schemaName(Integer.toUnsignedLong(id));
    }

    public String databaseName(long id) {
        Database d = databases.get(id);
        return d == null ? "#" + id : d.getName();
    }

    public String schemaName(long id) {
        Schema s = schemas.get(id);
        return s == null ? "#" + id : s.getName();
    }

    /** {@code database.schema.name}. */
    public String qualifiedName(CatalogObject o) {
        return databaseName(o.databaseId()) + "." + schemaName(o.schemaId()) + "." + o.name();
    }

    /**
     * The streaming job an object belongs to, by id: tables, materialized views, indexes and sinks
     * are their own job; a table's associated source belongs to the table's job; a shared source is
     * its own job. Internal tables are found through the jobs' state tables (see {@link JobIndex}).
     */
    public static long ownJobId(CatalogObject o) {
        if (o.catalog() instanceof Source s && s.hasAssociatedTableId()) {
            return Integer.toUnsignedLong(s.getAssociatedTableId());
        }
        return o.id();
    }
}
