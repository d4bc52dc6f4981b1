package dev.rwsh.commands.schema;

/**
 * One difference between the live schema and RisingWave v2.0.7's.
 *
 * @param object what differs: "table", "table.column", "table index name", "seaql_migrations row version"...
 * @param difference the kind: "missing table", "type", "missing index", "unknown migration"...
 * @param expected what v2.0.7 has
 * @param found what the database has
 */
public record SchemaDifference(String object, String difference, String expected, String found) {
}
