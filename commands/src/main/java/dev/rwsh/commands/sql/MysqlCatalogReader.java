package dev.rwsh.commands.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads a MySQL or MariaDB database's tables, keys, indexes and checks from information_schema, as {@link Catalog} records. */
final class MysqlCatalogReader {
    private MysqlCatalogReader() {
    }

    static Catalog.Schema read(Connection c, Collection<String> tables, MysqlDialect.Flavor flavor) throws SQLException {
        Set<String> wanted = new HashSet<>(tables);
        Map<String, String> collations = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")) {
            while (rs.next()) {
                collations.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, List<Catalog.Column>> columns = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLLATION_NAME "
                        + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!wanted.contains(table)) {
                    continue;
                }
                long len = rs.getLong(5);
                Long length = rs.wasNull() ? null : len;
                String extra = rs.getString(8) == null ? "" : rs.getString(8);
                columns.computeIfAbsent(table, k -> new ArrayList<>()).add(new Catalog.Column(rs.getString(2), rs.getString(3),
                        rs.getString(4), length, rs.getString(6).equals("YES"), rs.getString(7),
                        extra.toLowerCase(Locale.ROOT).contains("auto_increment"), rs.getString(9)));
            }
        }
        Map<String, Map<String, String>> constraintTypes = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                constraintTypes.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
        // Key columns of PRIMARY KEY, UNIQUE and FOREIGN KEY constraints, in order.
        Map<String, Map<String, List<String[]>>> keyColumns = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                        + "WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")) {
            while (rs.next()) {
                keyColumns.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                        .add(new String[] {rs.getString(3), rs.getString(4), rs.getString(5)});
            }
        }
        Map<String, String[]> rules = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                rules.put(rs.getString(1) + "\u0000" + rs.getString(2), new String[] {rs.getString(3), rs.getString(4)});
            }
        }
        Map<String, List<Catalog.Index>> indexes = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                        + "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
            Map<String, Map<String, Object[]>> byTable = new TreeMap<>();
            while (rs.next()) {
                String table = rs.getString(1);
                String name = rs.getString(2);
                Object[] entry = byTable.computeIfAbsent(table, k -> new LinkedHashMap<>())
                        .computeIfAbsent(name, k -> new Object[] {new ArrayList<String>(), null});
                @SuppressWarnings("unchecked")
                List<String> cols = (List<String>) entry[0];
                cols.add(rs.getString(4) == null ? "<expr>" : rs.getString(4));
                entry[1] = rs.getInt(3) == 0;
            }
            byTable.forEach((table, idx) -> idx.forEach((name, entry) -> {
                @SuppressWarnings("unchecked")
                List<String> cols = (List<String>) entry[0];
                indexes.computeIfAbsent(table, k -> new ArrayList<>()).add(new Catalog.Index(name, cols, (Boolean) entry[1], name.equals("PRIMARY")));
            }));
        }
        Map<String, List<Catalog.Check>> checks = readChecks(c, flavor);

        Map<String, Catalog.Table> out = new TreeMap<>();
        for (Map.Entry<String, List<Catalog.Column>> e : columns.entrySet()) {
            String t = e.getKey();
            List<String> pk = List.of();
            List<Catalog.Unique> uniques = new ArrayList<>();
            List<Catalog.ForeignKey> fks = new ArrayList<>();
            Map<String, String> types = constraintTypes.getOrDefault(t, Map.of());
            for (Map.Entry<String, List<String[]>> k : keyColumns.getOrDefault(t, Map.of()).entrySet()) {
                String name = k.getKey();
                List<String> cols = k.getValue().stream().map(x -> x[0]).toList();
                String type = types.getOrDefault(name, "");
                if (type.equals("PRIMARY KEY")) {
                    pk = cols;
                } else if (type.equals("UNIQUE")) {
                    uniques.add(new Catalog.Unique(name, cols));
                } else if (type.equals("FOREIGN KEY") || k.getValue().get(0)[1] != null) {
                    String[] rule = rules.getOrDefault(t + "\u0000" + name, new String[] {null, null});
                    fks.add(new Catalog.ForeignKey(name, cols, k.getValue().get(0)[1], k.getValue().stream().map(x -> x[2]).toList(),
                            rule[1], rule[0]));
                }
            }
            out.put(t, new Catalog.Table(t, e.getValue(), pk, fks, uniques, indexes.getOrDefault(t, List.of()),
                    checks.getOrDefault(t, List.of()), collations.get(t)));
        }
        return new Catalog.Schema(out);
    }

    /**
     * CHECK constraints by table. MariaDB's CHECK_CONSTRAINTS has a TABLE_NAME column and names a
     * column-level check after its column, so names repeat across tables; MySQL 8's has neither,
     * and its check names are unique in the schema.
     */
    private static Map<String, List<Catalog.Check>> readChecks(Connection c, MysqlDialect.Flavor flavor) throws SQLException {
        Map<String, List<Catalog.Check>> out = new TreeMap<>();
        String sql = flavor == MysqlDialect.Flavor.MARIADB
                ? "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()"
                : "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS tc "
                        + "JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
                        + "WHERE tc.CONSTRAINT_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Catalog.Check(rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }
}
