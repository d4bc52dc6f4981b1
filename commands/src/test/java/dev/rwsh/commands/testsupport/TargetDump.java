package dev.rwsh.commands.testsupport;

import dev.rwsh.commands.schema.SchemaResources;
import dev.rwsh.commands.sql.SqlConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole content of a SQL meta store as sorted text rows per RisingWave table, for comparing
 * a target before and after: what only the clock decides is left out (the seeded cluster's
 * created_at, object timestamps v2.0.7 leaves to the column default, seaql_migrations). The
 * partial-migration marker shows as its own entry.
 */
public final class TargetDump {
    private TargetDump() {
    }

    public static Map<String, List<String>> dump(SqlConnection sql) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = sql.open()) {
            Set<String> present = new HashSet<>();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    present.add(rs.getString("TABLE_NAME"));
                }
            }
            String q = sql.backend().name().equals("MYSQL") ? "`" : "\"";
            for (String t : SchemaResources.get().tables()) {
                if (!present.contains(t) || t.equals(SchemaResources.MIGRATION_TABLE)) {
                    continue;
                }
                List<String> lines = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + q + t + q)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.put(md.getColumnLabel(i).toLowerCase(), rs.getObject(i));
                        }
                        if (t.equals("cluster")) {
                            row.remove("created_at");
                        }
                        if (t.equals("object") && Set.of("DATABASE", "SCHEMA", "FUNCTION", "CONNECTION", "SECRET", "VIEW").contains(row.get("obj_type"))) {
                            row.remove("initialized_at");
                            row.remove("created_at");
                        }
                        StringBuilder b = new StringBuilder();
                        row.forEach((k, v) -> b.append(k).append('=')
                                .append(v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(v)).append(';'));
                        lines.add(b.toString());
                    }
                }
                lines.sort(null);
                out.put(t, lines);
            }
            if (present.contains("rwsh_migration")) {
                out.put("rwsh_migration", List.of("present"));
            }
        }
        return out;
    }
}
