package dev.rwsh.commands.meta;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.rwsh.proto.catalog.Connection;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Index;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.catalog.Secret;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.Subscription;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.catalog.View;
import dev.rwsh.proto.user.UserInfo;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * The one list of the catalog kinds rwsh reads from etcd, so that code doing the same for every kind
 * loops over it instead of naming each kind: per kind its column family (key prefix and protobuf
 * type) and the fields every kind shares, read from the decoded message. Users are here too: they
 * are read, checked and counted with the catalogs, though they sit in no database. Declared in
 * {@link ColumnFamily}'s order, the order the plan checks them in.
 */
public enum CatalogKind {
    USER(ColumnFamily.USER_INFO, false, m -> ((UserInfo) m).getId(), m -> ((UserInfo) m).getName(), null, null, null),
    DATABASE(ColumnFamily.CATALOG_DATABASE, false, m -> ((Database) m).getId(), m -> ((Database) m).getName(), null, null,
            m -> ((Database) m).getOwner()),
    SCHEMA(ColumnFamily.CATALOG_SCHEMA, false, m -> ((Schema) m).getId(), m -> ((Schema) m).getName(), m -> ((Schema) m).getDatabaseId(), null,
            m -> ((Schema) m).getOwner()),
    FUNCTION(ColumnFamily.CATALOG_FUNCTION, false, m -> ((dev.rwsh.proto.catalog.Function) m).getId(), m -> ((dev.rwsh.proto.catalog.Function) m).getName(),
            m -> ((dev.rwsh.proto.catalog.Function) m).getDatabaseId(), m -> ((dev.rwsh.proto.catalog.Function) m).getSchemaId(),
            m -> ((dev.rwsh.proto.catalog.Function) m).getOwner()),
    CONNECTION(ColumnFamily.CATALOG_CONNECTION, false, m -> ((Connection) m).getId(), m -> ((Connection) m).getName(),
            m -> ((Connection) m).getDatabaseId(), m -> ((Connection) m).getSchemaId(), m -> ((Connection) m).getOwner()),
    SECRET(ColumnFamily.CATALOG_SECRET, false, m -> ((Secret) m).getId(), m -> ((Secret) m).getName(), m -> ((Secret) m).getDatabaseId(),
            m -> ((Secret) m).getSchemaId(), m -> ((Secret) m).getOwner()),
    TABLE(ColumnFamily.CATALOG_TABLE, true, m -> ((Table) m).getId(), m -> ((Table) m).getName(), m -> ((Table) m).getDatabaseId(),
            m -> ((Table) m).getSchemaId(), m -> ((Table) m).getOwner()),
    SOURCE(ColumnFamily.CATALOG_SOURCE, true, m -> ((Source) m).getId(), m -> ((Source) m).getName(), m -> ((Source) m).getDatabaseId(),
            m -> ((Source) m).getSchemaId(), m -> ((Source) m).getOwner()),
    SINK(ColumnFamily.CATALOG_SINK, true, m -> ((Sink) m).getId(), m -> ((Sink) m).getName(), m -> ((Sink) m).getDatabaseId(),
            m -> ((Sink) m).getSchemaId(), m -> ((Sink) m).getOwner()),
    INDEX(ColumnFamily.CATALOG_INDEX, true, m -> ((Index) m).getId(), m -> ((Index) m).getName(), m -> ((Index) m).getDatabaseId(),
            m -> ((Index) m).getSchemaId(), m -> ((Index) m).getOwner()),
    VIEW(ColumnFamily.CATALOG_VIEW, true, m -> ((View) m).getId(), m -> ((View) m).getName(), m -> ((View) m).getDatabaseId(),
            m -> ((View) m).getSchemaId(), m -> ((View) m).getOwner()),
    SUBSCRIPTION(ColumnFamily.CATALOG_SUBSCRIPTION, true, m -> ((Subscription) m).getId(), m -> ((Subscription) m).getName(),
            m -> ((Subscription) m).getDatabaseId(), m -> ((Subscription) m).getSchemaId(), m -> ((Subscription) m).getOwner());

    private final ColumnFamily family;
    private final boolean relation;
    private final ToIntFunction<Message> id;
    private final java.util.function.Function<Message, String> name;
    private final ToIntFunction<Message> databaseId;
    private final ToIntFunction<Message> schemaId;
    private final ToIntFunction<Message> owner;

    CatalogKind(ColumnFamily family, boolean relation, ToIntFunction<Message> id, java.util.function.Function<Message, String> name, ToIntFunction<Message> databaseId,
            ToIntFunction<Message> schemaId, ToIntFunction<Message> owner) {
        this.family = family;
        this.relation = relation;
        this.id = id;
        this.name = name;
        this.databaseId = databaseId;
        this.schemaId = schemaId;
        this.owner = owner;
    }

    /** The etcd column family the kind is stored in (its key prefix and value type). */
    public ColumnFamily family() {
        return family;
    }

    /** The parser of the kind's protobuf messages. */
    public Parser<? extends Message> parser() {
        return family.parser();
    }

    /** The kind as messages name it: {@code database}, {@code table}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A kind whose objects the migration gives new ids (databases, schemas, functions, connections,
     * secrets): in the SQL store they become objects, numbered in the relations' id space.
     */
    public boolean renumbered() {
        return owned() && !relation;
    }

    /** A relation (table, source, sink, index, view, subscription): an object row whose id comes from the shared relation id space. */
    public boolean isRelation() {
        return relation;
    }

    /** The object's id, a protobuf u32 (read it unsigned). */
    public int id(Message m) {
        return id.applyAsInt(m);
    }

    public String name(Message m) {
        return name.apply(m);
    }

    /** True if the kind lives in a database (all but users and databases). */
    public boolean inDatabase() {
        return databaseId != null;
    }

    /** True if the kind lives in a schema (all but users, databases and schemas). */
    public boolean inSchema() {
        return schemaId != null;
    }

    /** True if the kind has an owning user (all but users). */
    public boolean owned() {
        return owner != null;
    }

    /** The id of the object's database; only where {@link #inDatabase()}. */
    public int databaseId(Message m) {
        return databaseId.applyAsInt(m);
    }

    /** The id of the object's schema; only where {@link #inSchema()}. */
    public int schemaId(Message m) {
        return schemaId.applyAsInt(m);
    }

    /** The id of the object's owner; only where {@link #owned()}. */
    public int owner(Message m) {
        return owner.applyAsInt(m);
    }
}
