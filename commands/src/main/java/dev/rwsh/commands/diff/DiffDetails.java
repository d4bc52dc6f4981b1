package dev.rwsh.commands.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rwsh.commands.diff.CanonicalSink.TableState;
import dev.rwsh.commands.migrate.write.MigrationWriter;
import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Diff's second pass and {@code diff show}: the rows the first pass found differing (or the rows of
 * one object) captured again from the writing pass with their values, read from SQL with the etcd
 * side's column list and types, and compared field by field.
 */
final class DiffDetails {
    /** A captured row: columns and canonical values. */
    private record Captured(String[] columns, Object[] values) {
    }

    private final DiffEngine engine;
    private final Connection c;
    private final SqlDialect d;
    private final DiffValues values;

    DiffDetails(DiffEngine engine) {
        this.engine = engine;
        this.c = engine.c;
        this.d = engine.d;
        this.values = engine.values;
    }

    List<ObjectDiff> details(int limit) throws SQLException {
        Map<String, Set<String>> wantedKeys = new LinkedHashMap<>();
        int n = 0;
        outer:
        for (Map.Entry<String, LinkedHashMap<String, String>> e : engine.differences.entrySet()) {
            for (String k : e.getValue().keySet()) {
                if (n++ >= limit) {
                    break outer;
                }
                wantedKeys.computeIfAbsent(e.getKey(), x -> new HashSet<>()).add(k);
            }
        }
        Map<String, Map<String, Captured>> etcdRows = capture((table, key, cols, v) -> wantedKeys.getOrDefault(table, Set.of()).contains(key));
        List<ObjectDiff> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : wantedKeys.entrySet()) {
            String table = e.getKey();
            LinkedHashMap<String, String> states = engine.differences.get(table);
            if (table.equals("cluster") || table.equals("sequences")) {
                for (String k : e.getValue()) {
                    String state = states.get(k);
                    List<FieldDiff> f = new ArrayList<>();
                    if (table.equals("sequences")) {
                        f.add(new FieldDiff("next id", "> " + (Math.max(engine.expectedNext(k), 1) - 1) + " and above the table's ids",
                                engine.sequenceDetail(k)));
                    }
                    out.add(new ObjectDiff(table, k, null, state, f));
                }
                continue;
            }
            Map<String, Captured> sqlRows = readSql(table, e.getValue(), etcdRows.getOrDefault(table, Map.of()));
            for (String k : states.keySet()) {
                if (!e.getValue().contains(k)) {
                    continue;
                }
                Captured a = etcdRows.getOrDefault(table, Map.of()).get(k);
                Captured b = sqlRows.get(k);
                String state = a == null ? "only in SQL" : b == null ? "only in etcd" : "different";
                List<FieldDiff> fields = new ArrayList<>();
                if (a != null && b != null) {
                    fields = fieldDiffs(table, a, b);
                    if (fields.isEmpty()) {
                        continue; // equal once read with the etcd side's types (pass 1 read without them)
                    }
                }
                out.add(new ObjectDiff(table, k, nameOf(table, a != null ? a : b), state, fields));
            }
        }
        return out;
    }

    private String nameOf(String table, Captured r) {
        if (r == null) {
            return null;
        }
        int at = Arrays.asList(r.columns()).indexOf("name");
        if (at >= 0 && r.values()[at] instanceof String s) {
            return s;
        }
        String[] key = DiffTables.key(table);
        if (key != null && key.length == 1) {
            int k = Arrays.asList(r.columns()).indexOf(key[0]);
            if (k >= 0 && r.values()[k] instanceof Long id) {
                return engine.names.get(id.intValue());
            }
            if (k >= 0 && r.values()[k] instanceof String identity) {
                return identity; // a database, schema, function, connection or secret
            }
        }
        return null;
    }

    private List<FieldDiff> fieldDiffs(String table, Captured a, Captured b) {
        List<FieldDiff> out = new ArrayList<>();
        for (int i = 0; i < a.columns().length; i++) {
            Object x = a.values()[i];
            Object y = b.values()[i];
            if (java.util.Objects.equals(x, y)) {
                continue;
            }
            String col = a.columns()[i];
            if (x instanceof DiffValues.B bx && y instanceof DiffValues.B by) {
                JsonNode jx = DiffValues.decoded(table + "." + col, bx.bytes());
                JsonNode jy = DiffValues.decoded(table + "." + col, by.bytes());
                if (jx != null && jy != null) {
                    List<String[]> paths = new ArrayList<>();
                    DiffValues.paths(col, jx, jy, paths, 5);
                    for (String[] p : paths) {
                        out.add(new FieldDiff(p[0], p[1], p[2]));
                    }
                    if (!paths.isEmpty()) {
                        continue;
                    }
                }
            }
            out.add(new FieldDiff(col, DiffValues.clip(DiffValues.display(table + "." + col, x)), DiffValues.clip(DiffValues.display(table + "." + col, y))));
        }
        return out;
    }

    interface RowFilter {
        boolean keep(String table, String key, String[] columns, Object[] canon);
    }

    /** A second writing pass that keeps the canonical values of the rows the filter picks. */
    Map<String, Map<String, Captured>> capture(RowFilter filter) throws SQLException {
        Map<String, Map<String, Captured>> out = new LinkedHashMap<>();
        CanonicalSink sink = new CanonicalSink(values, engine.ids(), (t, shape, keyAt) -> new CanonicalSink.TableRows() {
            @Override
            public boolean accept(Object[] written) {
                return true;
            }

            @Override
            public void row(String key, Object[] canon) {
                if (filter.keep(t.name, key, shape.columns(), canon)) {
                    out.computeIfAbsent(t.name, x -> new LinkedHashMap<>()).put(key, new Captured(shape.columns(), canon));
                }
            }
        });
        MigrationWriter w = engine.writer(sink);
        for (MigrationWriter.Step s : DiffEngine.rowSteps(w)) {
            s.run();
        }
        return out;
    }

    /** The SQL rows of {@code table} with the given keys, read with the etcd side's column list and types where there is one. */
    Map<String, Captured> readSql(String table, Set<String> keys, Map<String, Captured> etcdRows) throws SQLException {
        Set<String> refs = DiffTables.references(table);
        Map<String, Captured> out = new HashMap<>();
        TableState t = new TableState(table);
        Map<String, Integer> seen = new HashMap<>();
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(d.streamingFetchSize());
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + d.quote(table))) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String raw = engine.sqlKey(rs, t);
                    String k = raw;
                    if (t.multiset) {
                        Integer occ = seen.merge(raw, 1, Integer::sum);
                        k = occ == 1 ? raw : raw + "#" + occ;
                    }
                    if (!keys.contains(k)) {
                        continue;
                    }
                    Captured e = etcdRows.get(k);
                    String[] cols;
                    if (e != null) {
                        cols = e.columns();
                    } else {
                        cols = new String[n];
                        for (int i = 0; i < n; i++) {
                            cols[i] = rs.getMetaData().getColumnLabel(i + 1);
                        }
                    }
                    Object[] v = new Object[cols.length];
                    for (int i = 0; i < cols.length; i++) {
                        Object hint = e == null ? null : e.values()[i];
                        if (hint instanceof String && refs.contains(cols[i])) {
                            hint = 0L; // an identity: the stored value is an id
                        }
                        v[i] = values.actual(table, cols[i], rs.getObject(cols[i]), hint);
                        if (refs.contains(cols[i])) {
                            v[i] = engine.ids().sql(v[i]);
                        }
                    }
                    out.put(k, new Captured(cols, v));
                }
            }
        }
        return out;
    }

    // ---- show -------------------------------------------------------------------------------

    List<ShownRow> show(String name) throws SQLException {
        String[] parts = name.trim().split("\\s+", 2);
        Map<String, Set<String>> byKey = new HashMap<>();
        if (parts.length == 2 && DiffTables.known(parts[0])) {
            byKey.computeIfAbsent(parts[0], x -> new HashSet<>()).add(parts[1]);
        }
        // by name: catalog rows named so, then their object rows (and streaming job) by id
        Map<String, Map<String, Captured>> etcd = capture((table, key, cols, canon) -> {
            if (byKey.getOrDefault(table, Set.of()).contains(key)) {
                return true;
            }
            int at = Arrays.asList(cols).indexOf("name");
            return at >= 0 && name.equals(canon[at]) && !table.equals("user_privilege");
        });
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, Map<String, Captured>> e : etcd.entrySet()) {
            String[] key = DiffTables.key(e.getKey());
            if (key.length == 1 && !e.getKey().equals("object")) {
                ids.addAll(e.getValue().keySet());
            }
            e.getValue().keySet().forEach(k -> byKey.computeIfAbsent(e.getKey(), x -> new HashSet<>()).add(k));
        }
        // the SQL side by name too (an object only in SQL, or renamed there)
        for (String table : List.of("database", "schema", "function", "connection", "secret", "source", "table", "index", "sink", "view",
                "subscription", "user")) {
            String keyCol = DiffTables.key(table)[0];
            try (java.sql.PreparedStatement p = c.prepareStatement("SELECT " + d.quote(keyCol) + " FROM " + d.quote(table) + " WHERE "
                    + d.quote("name") + " = ?")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        String k = String.valueOf(engine.ids().sql(rs.getLong(1)));
                        byKey.computeIfAbsent(table, x -> new HashSet<>()).add(k);
                        if (!table.equals("user")) {
                            ids.add(k);
                        }
                    }
                }
            }
        }
        if (!ids.isEmpty()) {
            byKey.computeIfAbsent("object", x -> new HashSet<>()).addAll(ids);
            byKey.computeIfAbsent("streaming_job", x -> new HashSet<>()).addAll(ids);
            etcd = capture((table, key, cols, canon) -> byKey.getOrDefault(table, Set.of()).contains(key));
        }
        List<ShownRow> out = new ArrayList<>();
        for (String table : DiffTables.names()) {
            Set<String> keys = byKey.get(table);
            if (keys == null || keys.isEmpty()) {
                continue;
            }
            Map<String, Captured> e = etcd.getOrDefault(table, Map.of());
            Map<String, Captured> s = readSql(table, keys, e);
            for (String k : keys) {
                Captured a = e.get(k);
                Captured b = s.get(k);
                if (a == null && b == null) {
                    continue;
                }
                Captured cols = a != null ? a : b;
                List<ShownField> fields = new ArrayList<>();
                boolean same = a != null && b != null;
                for (int i = 0; i < cols.columns().length; i++) {
                    Object x = a == null ? null : a.values()[i];
                    Object y = b == null ? null : b.values()[i];
                    boolean eq = a != null && b != null && java.util.Objects.equals(x, y);
                    same &= eq;
                    String col = cols.columns()[i];
                    fields.add(new ShownField(col, a == null ? "" : DiffValues.clip(DiffValues.display(table + "." + col, x)),
                            b == null ? "" : DiffValues.clip(DiffValues.display(table + "." + col, y)), eq));
                }
                out.add(new ShownRow(table, k, a == null ? "only in SQL" : b == null ? "only in etcd" : same ? "same" : "different", fields));
            }
        }
        return out;
    }
}
