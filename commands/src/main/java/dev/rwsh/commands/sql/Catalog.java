package dev.rwsh.commands.sql;

import java.util.List;
import java.util.Map;

/**
 * What a database catalog says about a set of tables, in one shape for every backend. The same
 * records hold the raw values a catalog reports and, after {@link SqlDialect#normalize}, the
 * canonical values a schema comparison uses.
 */
public final class Catalog {
    private Catalog() {
    }

    /**
     * A column.
     *
     * @param type the declared or reported type (raw: SQLite's declared type, PG's data_type,
     *     MySQL's COLUMN_TYPE; normalized: the canonical spelling)
     * @param dataType PG: udt_name; MySQL: DATA_TYPE; SQLite: null. Null after normalization.
     * @param charLength character_maximum_length, or null
     * @param defaultValue the default as the catalog reports it, or null
     * @param collation MySQL only: the column's collation, or null
     */
    public record Column(String name, String type, String dataType, Long charLength, boolean nullable,
            String defaultValue, boolean autoIncrement, String collation) {
    }

    /** A foreign key; {@code name} is null on SQLite, which forgets constraint names. */
    public record ForeignKey(String name, List<String> columns, String refTable, List<String> refColumns,
            String onDelete, String onUpdate) {
        /** The key without its name: what SQLite can be compared by. */
        public String signature() {
            return "(" + String.join(", ", columns) + ") -> " + refTable + " (" + String.join(", ", refColumns) + ")";
        }
    }

    /**
     * An index, including the ones behind primary keys and unique constraints where the backend has
     * them; {@code primary} marks the one behind the primary key (compared as the primary key).
     */
    public record Index(String name, List<String> columns, boolean unique, boolean primary) {
    }

    /** A unique constraint (PG, MySQL) or an index SQLite made for a column-level UNIQUE. */
    public record Unique(String name, List<String> columns) {
    }

    /** A CHECK constraint. */
    public record Check(String name, String clause) {
    }

    /** A table; {@code collation} is MySQL's TABLE_COLLATION, null elsewhere. */
    public record Table(String name, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
            List<Unique> uniques, List<Index> indexes, List<Check> checks, String collation) {

        public Column column(String columnName) {
            for (Column c : columns) {
                if (c.name().equals(columnName)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** Tables by name. */
    public record Schema(Map<String, Table> tables) {
    }
}
