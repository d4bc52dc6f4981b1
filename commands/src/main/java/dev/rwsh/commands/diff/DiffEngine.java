package dev.rwsh.commands.diff;

import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.diff.CanonicalSink.TableState;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.CatalogKind;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.migrate.write.MigrationWriter;
import dev.rwsh.commands.migrate.write.RowSink;
import dev.rwsh.commands.migrate.StepStats;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Diff's first pass: migrate's writing pass replayed into a {@link CanonicalSink} that keeps a
 * fingerprint per expected row, each table compared with the SQL store as soon as the writer has
 * closed it (one table held at a time); then the cluster id and the id sequences.
 */
final class DiffEngine {
    final MigrationPlan plan;
    final Keyspace source;
    final Connection c;
    final SqlDialect d;
    final DiffValues values;
    final String category;
    final Map<Integer, String> names = new HashMap<>();
    /** Keys (per table) of rows that differ or exist on one side, in the order found. */
    final Map<String, LinkedHashMap<String, String>> differences = new LinkedHashMap<>();
    long differing;
    private DiffIdentities ids;

    final MigrationListener listener;

    DiffEngine(MigrationPlan plan, Keyspace source, Connection c, SqlDialect d, String category, MigrationListener listener) {
        this.listener = listener;
        this.plan = plan;
        this.source = source;
        this.c = c;
        this.d = d;
        this.values = new DiffValues(d.backend() == SqlBackend.MYSQL);
        this.category = category == null ? null : category.toLowerCase(Locale.ROOT);
    }

    boolean wanted(String table) {
        return category == null || category.equals(table);
    }

    /** Databases, schemas, functions, connections and secrets by identity, read once. */
    DiffIdentities ids() throws SQLException {
        if (ids == null) {
            ids = DiffIdentities.build(plan, c, d);
            if (ids.anyRenumbered()) {
                values.translateIds(ids::translate);
            }
        }
        return ids;
    }

    // ---- pass 1: fingerprints, compared table by table --------------------------------------

    List<CategoryDiff> summary() throws SQLException {
        List<CategoryDiff> out = new ArrayList<>();
        if (wanted("cluster")) {
            out.add(cluster());
        }
        CanonicalSink sink = new CanonicalSink(values, ids(), (t, shape, keyAt) -> {
            int nameAt = Arrays.asList(shape.columns()).indexOf("name");
            boolean keep = wanted(t.name);
            return new CanonicalSink.TableRows() {
                @Override
                public boolean accept(Object[] v) {
                    if (nameAt >= 0 && keyAt.length == 1 && v[keyAt[0]] instanceof Integer id && v[nameAt] instanceof String n) {
                        names.put(id, n);
                    }
                    return keep;
                }

                @Override
                public void canonical(Object[] canon) {
                    for (int i = 0; i < canon.length; i++) {
                        if (shape.hints()[i] == null && canon[i] != null && !(canon[i] instanceof DiffValues.B)) {
                            shape.hints()[i] = canon[i];
                        }
                    }
                }

                @Override
                public void row(String key, Object[] canon) {
                    t.expected.put(key, DiffValues.fingerprint(canon), shape);
                }
            };
        });
        MigrationWriter w = writer(sink);
        for (MigrationWriter.Step step : rowSteps(w)) {
            step.run();
            for (TableState t : sink.tables()) {
                if (t.open == 0 && !t.done) {
                    t.done = true;
                    if (wanted(t.name)) {
                        out.add(compare(t));
                    }
                    t.expected = new ExpectedRows(t.key.length);
                    t.occurrences.clear();
                }
            }
        }
        if (wanted("sequences")) {
            out.add(sequences());
        }
        return out;
    }

    MigrationWriter writer(RowSink sink) {
        MigrationWriter.StepRecorder steps = new MigrationWriter.StepRecorder() {
            private String step;
            private long started;

            @Override
            public void begin(String step, long expected) {
                this.step = step;
                this.started = System.nanoTime();
                listener.stepStarted("compare " + step, expected);
            }

            @Override
            public void progress(String step, long rowsDone) {
                listener.progress("compare " + step, rowsDone);
            }

            @Override
            public void end(long read, long written, long skipped, int warnings) {
                listener.stepFinished(new StepStats("compare " + step, read, written, skipped, warnings, System.nanoTime() - started));
            }
        };
        return new MigrationWriter(plan, new MetaReader(source), null, d, steps, sink);
    }

    /** The writing pass's steps that write rows, in migrate's order (seeds, sequences and cluster id are statements, compared separately). */
    static List<MigrationWriter.Step> rowSteps(MigrationWriter w) {
        return w.steps().stream().filter(MigrationWriter.Step::writesRows).toList();
    }

    private CategoryDiff compare(TableState t) throws SQLException {
        DiffIdentities ids = ids();
        long etcd = t.expected.size();
        long sqlRows = 0;
        long onlyInSql = 0;
        long different = 0;
        LinkedHashMap<String, String> diffs = differences.computeIfAbsent(t.name, x -> new LinkedHashMap<>());
        Map<String, Integer> seen = new HashMap<>();
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(d.streamingFetchSize());
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + d.quote(t.name))) {
                while (rs.next()) {
                    CommandInterruptedException.throwIfInterrupted();
                    sqlRows++;
                    String raw = sqlKey(rs, t);
                    String k = raw;
                    if (t.multiset) {
                        Integer n = seen.merge(raw, 1, Integer::sum);
                        k = n == 1 ? raw : raw + "#" + n;
                    }
                    int e = t.expected.take(k);
                    if (e < 0) {
                        onlyInSql++;
                        diffs.put(k, "only in SQL");
                        continue;
                    }
                    CanonicalSink.Shape shape = t.expected.shape(e);
                    long fingerprint = t.expected.fingerprint(e);
                    String[] cols = shape.columns();
                    Object[] stored = new Object[cols.length];
                    Object[] canon = new Object[cols.length];
                    for (int i = 0; i < canon.length; i++) {
                        stored[i] = rs.getObject(cols[i]);
                        canon[i] = values.actual(t.name, cols[i], stored[i], shape.hints()[i], false);
                    }
                    for (int i : shape.refs()) {
                        canon[i] = ids.sql(canon[i]);
                    }
                    if (DiffValues.fingerprint(canon) != fingerprint) {
                        // blobs as stored differ: decode them (an equal message in another encoding is equal)
                        for (int i = 0; i < canon.length; i++) {
                            canon[i] = values.actual(t.name, cols[i], stored[i], shape.hints()[i], true);
                        }
                        for (int i : shape.refs()) {
                            canon[i] = ids.sql(canon[i]);
                        }
                    }
                    if (DiffValues.fingerprint(canon) != fingerprint) {
                        different++;
                        diffs.put(k, "different");
                    }
                }
            }
        }
        long onlyInEtcd = t.expected.remaining();
        for (String k : t.expected.remainingKeys()) {
            diffs.put(k, "only in etcd");
        }
        differing += onlyInSql + onlyInEtcd + different;
        return new CategoryDiff(t.name, etcd, sqlRows, onlyInEtcd, onlyInSql, different,
                onlyInEtcd + onlyInSql + different == 0 ? null : DiffTables.afterStart(t.name));
    }

    String sqlKey(ResultSet rs, TableState t) throws SQLException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.key.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            Object v = rs.getObject(t.key[i]);
            Object canon = v instanceof String ? v : values.actual(t.name, t.key[i], v, null);
            if (DiffTables.references(t.name).contains(t.key[i])) {
                canon = ids().sql(canon);
            }
            b.append(canon instanceof DiffValues.J j ? j.text() : String.valueOf(canon));
        }
        return b.toString();
    }

    private CategoryDiff cluster() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + d.quote("cluster_id") + " FROM " + d.quote("cluster"))) {
            while (rs.next()) {
                ids.add(DiffValues.uuid(rs.getObject(1)));
            }
        }
        String want = plan.clusterUuid().toString();
        long both = ids.contains(want) ? 1 : 0;
        long onlySql = ids.size() - both;
        LinkedHashMap<String, String> diffs = differences.computeIfAbsent("cluster", x -> new LinkedHashMap<>());
        if (both == 0) {
            diffs.put(want, "only in etcd");
        }
        for (String id : ids) {
            if (!id.equals(want)) {
                diffs.put(id, "only in SQL");
            }
        }
        differing += (1 - both) + onlySql;
        return new CategoryDiff("cluster", 1, ids.size(), 1 - both, onlySql, 0, null);
    }

    /** Each id sequence must hand out an id above every migrated id and every id the SQL table holds. */
    private CategoryDiff sequences() throws SQLException {
        long different = 0;
        LinkedHashMap<String, String> diffs = differences.computeIfAbsent("sequences", x -> new LinkedHashMap<>());
        for (String[] seq : SEQUENCES) {
            long want = Math.max(expectedNext(seq[0]), maxPlusOne(seq[0], seq[1]));
            long next = d.nextId(c, seq[0], seq[1]);
            if (next < want) {
                different++;
                diffs.put(seq[0], "different");
            }
        }
        differing += different;
        return new CategoryDiff("sequences", SEQUENCES.length, SEQUENCES.length, 0, 0, different, null);
    }

    static final String[][] SEQUENCES = {{"worker", "worker_id"}, {"object", "oid"}, {"user", "user_id"}};

    long expectedNext(String table) {
        return switch (table) {
            case "worker" -> plan.nextWorkerId();
            case "user" -> plan.nextUserId();
            default -> Math.max(plan.nextObjectId(), maxMigratedObject() + 1);
        };
    }

    private long maxMigratedObject() {
        long max = 0;
        for (Integer id : plan.relationIds()) {
            if (!plan.dropped().contains(id)) {
                max = Math.max(max, Integer.toUnsignedLong(id));
            }
        }
        for (Map<Integer, Integer> m : Arrays.stream(CatalogKind.values()).filter(CatalogKind::renumbered).map(plan::newIds).toList()) {
            for (Integer id : m.values()) {
                max = Math.max(max, id);
            }
        }
        return max;
    }

    private long maxPlusOne(String table, String column) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(" + d.quote(column) + ") FROM " + d.quote(table))) {
            rs.next();
            return rs.getLong(1) + 1;
        }
    }

    String sequenceDetail(String table) throws SQLException {
        for (String[] seq : SEQUENCES) {
            if (seq[0].equals(table)) {
                return "next id " + d.nextId(c, seq[0], seq[1]);
            }
        }
        return "";
    }
}
