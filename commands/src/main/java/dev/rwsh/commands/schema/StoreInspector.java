package dev.rwsh.commands.schema;

import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.TargetLock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads what a SQL meta store holds: which of RisingWave's tables exist, their rows, and the recorded migrations. */
public final class StoreInspector {
    private StoreInspector() {
    }

    /** A row of seaql_migrations. */
    public record MigrationRow(String version, Long appliedAt) {
    }

    /**
     * What the database holds.
     *
     * @param relations every table and view, name to "table" or "view"
     * @param present RisingWave's tables that exist (seaql_migrations included), in resource order
     * @param others tables and views that are not RisingWave's
     * @param migrationRows seaql_migrations' rows (empty when the table is absent)
     */
    public record Store(Map<String, String> relations, List<String> present, List<String> others, List<MigrationRow> migrationRows) {
        boolean has(String table) {
            return present.contains(table);
        }
    }

    public static Store read(Connection c, SqlDialect dialect) throws SQLException {
        SchemaResources res = SchemaResources.get();
        Map<String, String> relations = dialect.relations(c);
        List<String> present = new ArrayList<>();
        for (String t : res.tables()) {
            if ("table".equals(relations.get(t))) {
                present.add(t);
            }
        }
        List<String> others = relations.keySet().stream().filter(t -> !present.contains(t) && !t.equals(MigrationMarker.TABLE)
                && !t.equals(TargetLock.HOLDER_TABLE) && !t.equals(MigrationRecord.TABLE)).sorted().collect(Collectors.toList());
        List<MigrationRow> rows = new ArrayList<>();
        if (present.contains(SchemaResources.MIGRATION_TABLE)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + dialect.quote("version") + ", "
                    + dialect.quote("applied_at") + " FROM " + dialect.quote(SchemaResources.MIGRATION_TABLE) + " ORDER BY 1")) {
                while (rs.next()) {
                    long at = rs.getLong(2);
                    rows.add(new MigrationRow(rs.getString(1), rs.wasNull() ? null : at));
                }
            }
        }
        return new Store(relations, present, others, rows);
    }

    /** Row counts of the RisingWave tables present, in resource order. */
    public static Map<String, Long> rowCounts(Connection c, SqlDialect dialect, List<String> present) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : present) {
            out.put(t, dialect.countRows(c, t));
        }
        return out;
    }

    /**
     * Rows beyond what the v2.0.7 migrations seed, per table: the store is empty of RisingWave
     * metadata when every count is 0. Seeds: one cluster row (any id), users 1 and 2, objects 1-5,
     * database 1, schemas 2-5. seaql_migrations is bookkeeping, not metadata, and is not counted.
     */
    static Map<String, Long> rowsBeyondSeeds(Connection c, SqlDialect dialect, Map<String, Long> counts) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        Map<String, SchemaResources.SeedRows> seeds = new LinkedHashMap<>();
        SchemaResources.get().seedRows().forEach(s -> seeds.put(s.table(), s));
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            String table = e.getKey();
            long count = e.getValue();
            if (table.equals(SchemaResources.MIGRATION_TABLE)) {
                continue;
            }
            SchemaResources.SeedRows seed = seeds.get(table);
            long beyond;
            if (seed == null || count == 0) {
                beyond = count;
            } else if (seed.keys().isEmpty()) {
                beyond = Math.max(0, count - 1); // cluster: the one row with its id
            } else {
                String in = seed.keys().stream().map(k -> k instanceof Number ? k.toString() : "'" + k + "'").collect(Collectors.joining(", "));
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + dialect.quote(table)
                        + " WHERE " + dialect.quote(seed.keyColumn()) + " NOT IN (" + in + ")")) {
                    rs.next();
                    beyond = rs.getLong(1);
                }
            }
            out.put(table, beyond);
        }
        return out;
    }
}
