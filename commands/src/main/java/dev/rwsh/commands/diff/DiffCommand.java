package dev.rwsh.commands.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqlBackend;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code diff}: the etcd meta store against the SQL meta store, row by row. The etcd side is what
 * {@code migrate} would write now (the same plan, id rewrite and row building: the writing pass
 * sends its rows here instead of to JDBC); the SQL side is what the store holds, read in one
 * read-only repeatable-read transaction. Rows are matched by primary key (surrogate ids of
 * {@code actor_dispatcher}, {@code object_dependency} and {@code user_privilege} replaced by their
 * natural keys) and compared column by column in canonical form ({@link DiffValues}). One table is
 * held at a time, as a 64-bit fingerprint per row; details read the differing rows again.
 */
public final class DiffCommand {
    private DiffCommand() {
    }

    public record Options(boolean details, String category, int limit) {
    }

    /** One category (a SQL table, or {@code cluster}/{@code sequences}). */
    public record CategoryDiff(String category, long etcd, long sql, long onlyInEtcd, long onlyInSql, long different, String note) {
        boolean clean() {
            return onlyInEtcd == 0 && onlyInSql == 0 && different == 0;
        }
    }

    public record FieldDiff(String field, String etcd, String sql) {
    }

    /** A differing object: {@code state} is "only in etcd", "only in SQL" or "different". */
    public record ObjectDiff(String category, String key, String name, String state, List<FieldDiff> fields) {
    }

    public record DiffResult(String source, long revision, String target, boolean clean, List<CategoryDiff> categories, List<ObjectDiff> details,
            long detailsOmitted, List<String> notes) implements CommandResult {
        @Override
        public List<TableView> tables() {
            List<TableView> out = new ArrayList<>();
            out.add(TableView.builder("diff", "item", "value").row("etcd", source + " at revision " + revision).row("SQL", target)
                    .row("outcome", clean ? "no differences" : differing() + " of " + categories.size() + " categories differ").build());
            TableView.Builder t = TableView.builder("categories", "category", "etcd", "sql", "only in etcd", "only in SQL", "different", "note");
            for (CategoryDiff c : categories) {
                t.row(c.category(), c.etcd(), c.sql(), c.onlyInEtcd(), c.onlyInSql(), c.different(), c.note() == null ? "" : c.note());
            }
            out.add(t.build());
            if (details != null) {
                TableView.Builder d = TableView.builder("differences", "category", "key", "name", "state", "field", "etcd", "sql");
                for (ObjectDiff o : details) {
                    if (o.fields().isEmpty()) {
                        d.row(o.category(), o.key(), o.name() == null ? "" : o.name(), o.state(), "", "", "");
                    }
                    for (FieldDiff f : o.fields()) {
                        d.row(o.category(), o.key(), o.name() == null ? "" : o.name(), o.state(), f.field(), f.etcd(), f.sql());
                    }
                }
                out.add(d.build());
                if (detailsOmitted > 0) {
                    out.add(TableView.message("(" + detailsOmitted + " more differing objects not shown: raise --limit)"));
                }
            }
            if (!notes.isEmpty()) {
                TableView.Builder n = TableView.builder("notes", "note");
                notes.forEach(n::row);
                out.add(n.build());
            }
            return out;
        }

        private long differing() {
            return categories.stream().filter(c -> !c.clean()).count();
        }

        @Override
        public ExitStatus exitStatus() {
            return clean ? ExitStatus.OK : ExitStatus.CHECK_FAILED;
        }
    }

    /** One object side by side: every row that belongs to it (the object row, its kind's row), column by column. */
    public record ShowResult(String name, List<ShownRow> rows) implements CommandResult {
        @Override
        public List<TableView> tables() {
            List<TableView> out = new ArrayList<>();
            for (ShownRow r : rows) {
                TableView.Builder t = TableView.builder(r.category() + " " + r.key() + " (" + r.state() + ")", "column", "etcd", "sql", "same");
                for (ShownField f : r.fields()) {
                    t.row(f.column(), f.etcd(), f.sql(), f.same() ? "yes" : "NO");
                }
                out.add(t.build());
            }
            return out;
        }

        @Override
        public ExitStatus exitStatus() {
            return rows.stream().allMatch(r -> r.state().equals("same")) ? ExitStatus.OK : ExitStatus.CHECK_FAILED;
        }
    }

    public record ShownRow(String category, String key, String state, List<ShownField> fields) {
    }

    public record ShownField(String column, String etcd, String sql, boolean same) {
    }

    // ---------------------------------------------------------------------------------------------

    /** The key columns of each table the writing pass fills (natural keys for the surrogate ids). */
    static final Map<String, String[]> KEYS = new LinkedHashMap<>();

    /** What RisingWave v2.0.7 changes in a category after it starts on the store (docs/migration-semantics.md §10.2). */
    static final Map<String, String> AFTER_START = new HashMap<>();

    static {
        key("system_parameter", "name");
        key("worker", "worker_id");
        key("worker_property", "worker_id");
        key("user", "user_id");
        key("object", "oid");
        key("database", "database_id");
        key("schema", "schema_id");
        key("function", "function_id");
        key("connection", "connection_id");
        key("secret", "secret_id");
        key("streaming_job", "job_id");
        key("fragment", "fragment_id");
        key("actor", "actor_id");
        key("actor_dispatcher", "actor_id", "dispatcher_id");
        key("source", "source_id");
        key("table", "table_id");
        key("index", "index_id");
        key("sink", "sink_id");
        key("view", "view_id");
        key("subscription", "subscription_id");
        key("object_dependency", "oid", "used_by");
        key("user_privilege", "user_id", "oid", "action", "granted_by");
        key("catalog_version", "name");
        key("hummock_pinned_snapshot", "context_id");
        key("hummock_pinned_version", "context_id");
        key("hummock_version_delta", "id");
        key("hummock_version_stats", "id");
        key("compaction_config", "compaction_group_id");
        key("compaction_status", "compaction_group_id");
        key("compaction_task", "id");
        key("hummock_sequence", "name");
        key("session_parameter", "name");
        String workers = "after start: dead workers deleted, live ones re-register (status, parallelism, new ids)";
        AFTER_START.put("worker", workers);
        AFTER_START.put("worker_property", workers);
        AFTER_START.put("system_parameter", "after start: rows rewritten (same values)");
        AFTER_START.put("session_parameter", "after start: defaults merged, descriptions filled");
        String jobs = "after start: creating jobs dropped; recovery may move actors off dead workers";
        for (String t : List.of("object", "streaming_job", "fragment", "actor", "actor_dispatcher", "table")) {
            AFTER_START.put(t, jobs);
        }
        AFTER_START.put("subscription", "after start: subscriptions not CREATED are deleted");
        AFTER_START.put("hummock_pinned_snapshot", "after start: pins of dead workers deleted");
        AFTER_START.put("hummock_pinned_version", "after start: pins of dead workers deleted");
        for (String t : List.of("compaction_task", "compaction_status", "hummock_version_delta", "hummock_version_stats", "hummock_sequence")) {
            AFTER_START.put(t, "after start: advances as the cluster runs");
        }
        AFTER_START.put("catalog_version", "after start: NOTIFICATION increases");
    }

    private static void key(String table, String... columns) {
        KEYS.put(table, columns);
    }

    // ---------------------------------------------------------------------------------------------

    public static DiffResult run(Keyspace source, String sourceName, SqlConnection sql, Options options) {
        return run(source, sourceName, sql, options, MigrationListener.NONE);
    }

    /** Reports its steps (reading the source, then migrate's writing steps, compared) to {@code listener}. */
    public static DiffResult run(Keyspace source, String sourceName, SqlConnection sql, Options options, MigrationListener listener) {
        try {
            MetaReader reader = new MetaReader(source);
            listener.stepStarted("read and validate", reader.count(ColumnFamily.TABLE_FRAGMENTS));
            long t = System.nanoTime();
            MigrationPlan plan = plan(source, listener);
            listener.stepFinished(new StepStats("read and validate", plan.rows.values().stream().mapToLong(Long::longValue).sum(), 0, 0,
                    plan.warnings.size(), System.nanoTime() - t));
            return run(source, plan, sourceName, sql, options, listener);
        } catch (CommandInterruptedException e) {
            throw new CommandInterruptedException("diff interrupted: nothing compared; neither side was changed", e);
        }
    }

    /** With the plan already built from {@code source} (doctor); it must have no errors. */
    public static DiffResult run(Keyspace source, MigrationPlan plan, String sourceName, SqlConnection sql, Options options) {
        return run(source, plan, sourceName, sql, options, MigrationListener.NONE);
    }

    private static DiffResult run(Keyspace source, MigrationPlan plan, String sourceName, SqlConnection sql, Options options,
            MigrationListener listener) {
        if (!plan.errors.isEmpty()) {
            throw RwshException.failed("etcd holds metadata migrate refuses (" + plan.errors.size() + " problem(s), first: " + plan.errors.get(0)
                    + "); 'migrate --dry-run' lists them; diff compares only what migrate would write");
        }
        String target = sql.backend().rwName() + " " + (sql.endpoint().path() != null ? sql.endpoint().path().toString() : sql.endpoint().database());
        return sql.withDialect("diff against", (c, d) -> {
            d.beginConsistentRead(c);
            try {
                Engine e = new Engine(plan, source, c, d, options.category(), listener);
                List<CategoryDiff> cats = e.summary();
                List<ObjectDiff> details = null;
                long omitted = 0;
                if (options.details()) {
                    details = e.details(options.limit());
                    omitted = e.differing - details.size();
                }
                List<String> notes = new ArrayList<>();
                if (!plan.dropped.isEmpty()) {
                    notes.add(plan.dropped.size() + " orphaned relation(s) in etcd are not expected in SQL: migrate drops orphans whole "
                            + "(docs/migration.md)");
                }
                notes.add("session_parameter is compared with what rwsh migrates (v2.0.7 carries none; rwsh carries them)");
                if (cats.stream().anyMatch(x -> !x.clean() && x.note() != null)) {
                    notes.add("categories with a note change by themselves once a RisingWave meta node has started on the SQL store "
                            + "(docs/migration-semantics.md §10.2); diff before the first start to see only migration differences");
                }
                boolean clean = cats.stream().allMatch(CategoryDiff::clean);
                return new DiffResult(sourceName, plan.revision, target, clean, cats, details, Math.max(0, omitted), notes);
            } finally {
                d.endReadOnly(c);
            }
        });
    }

    public static ShowResult show(Keyspace source, SqlConnection sql, String name) {
        MigrationPlan plan = plan(source);
        return sql.withDialect("diff against", (c, d) -> {
            d.beginConsistentRead(c);
            try {
                List<ShownRow> rows = new Engine(plan, source, c, d, null, MigrationListener.NONE).show(name);
                if (rows.isEmpty()) {
                    throw RwshException.failed("no object named or keyed '" + name + "' on either side; try a relation name, "
                            + "or '<category> <key>' as diff --details prints it (e.g. 'actor 12', 'fragment 3')");
                }
                return new ShowResult(name, rows);
            } finally {
                d.endReadOnly(c);
            }
        });
    }

    private static MigrationPlan plan(Keyspace source) {
        return plan(source, MigrationListener.NONE);
    }

    private static MigrationPlan plan(Keyspace source, MigrationListener listener) {
        MigrationPlan plan = MigrationPlan.build(new MetaReader(source), listener);
        if (!plan.errors.isEmpty()) {
            throw RwshException.failed("etcd holds metadata migrate refuses (" + plan.errors.size() + " problem(s), first: " + plan.errors.get(0)
                    + "); 'migrate --dry-run' lists them; diff compares only what migrate would write");
        }
        return plan;
    }

    // ---------------------------------------------------------------------------------------------

    /** The columns of one sink and, per column, a value of the type the etcd side gives it (how to read the SQL value). */
    private record Shape(String[] columns, Object[] hints, int[] refs) {
    }

    /** One expected row: its shape (shared per sink) and the fingerprint of its canonical values. */
    private record Expected(Shape shape, long fingerprint) {
    }

    /** A captured row: columns and canonical values. */
    private record Captured(String[] columns, Object[] values) {
    }

    private static final class TableState {
        final String name;
        final String[] key;
        final Map<String, Expected> expected = new HashMap<>();
        final Map<String, Integer> occurrences = new HashMap<>();
        /** object_dependency may hold a pair twice; every other table's key is unique on both sides. */
        final boolean multiset;
        int open;
        boolean done;

        TableState(String name) {
            this.name = name;
            this.key = KEYS.get(name);
            this.multiset = name.equals("object_dependency");
        }
    }

    private static String plainColumn(String c) {
        return c.endsWith(":json") ? c.substring(0, c.length() - 5) : c;
    }

    private static final class Engine {
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

        Engine(MigrationPlan plan, Keyspace source, Connection c, SqlDialect d, String category, MigrationListener listener) {
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

        /** The positions of the columns of {@code table} that may hold ids of those five kinds. */
        static int[] refPositions(String table, String[] cols) {
            java.util.Set<String> refs = DiffIdentities.REFERENCES.getOrDefault(table, java.util.Set.of());
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < cols.length; i++) {
                if (refs.contains(cols[i])) {
                    at.add(i);
                }
            }
            return at.stream().mapToInt(Integer::intValue).toArray();
        }

        // ---- pass 1: fingerprints, compared table by table --------------------------------------

        List<CategoryDiff> summary() throws SQLException {
            List<CategoryDiff> out = new ArrayList<>();
            if (wanted("cluster")) {
                out.add(cluster());
            }
            DiffIdentities ids = ids();
            Map<String, TableState> tables = new LinkedHashMap<>();
            RowSink sink = (table, beforeFlush, columns) -> {
                TableState t = tables.computeIfAbsent(table, TableState::new);
                t.open++;
                String[] cols = Arrays.stream(columns).map(DiffCommand::plainColumn).toArray(String[]::new);
                int[] keyAt = keyPositions(t, cols);
                int nameAt = Arrays.asList(cols).indexOf("name");
                boolean keep = wanted(table);
                Shape shape = new Shape(cols, new Object[cols.length], refPositions(table, cols));
                return new RowSink.Rows() {
                    @Override
                    public boolean add(Object... v) {
                        if (nameAt >= 0 && keyAt.length == 1 && v[keyAt[0]] instanceof Integer id && v[nameAt] instanceof String n) {
                            names.put(id, n);
                        }
                        if (!keep) {
                            return false;
                        }
                        Object[] canon = new Object[v.length];
                        for (int i = 0; i < v.length; i++) {
                            canon[i] = values.expected(v[i]);
                        }
                        for (int i = 0; i < canon.length; i++) {
                            if (shape.hints()[i] == null && canon[i] != null && !(canon[i] instanceof DiffValues.B)) {
                                shape.hints()[i] = canon[i];
                            }
                        }
                        for (int i : shape.refs()) {
                            canon[i] = ids.etcd(canon[i]);
                        }
                        String k = unique(t, keyOf(canon, keyAt));
                        t.expected.put(k, new Expected(shape, DiffValues.fingerprint(canon)));
                        return false;
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                        t.open--;
                    }
                };
            };
            MigrationWriter w = writer(sink);
            for (WriterStep step : steps(w)) {
                step.run();
                for (TableState t : tables.values()) {
                    if (t.open == 0 && !t.done) {
                        t.done = true;
                        if (wanted(t.name)) {
                            out.add(compare(t));
                        }
                        t.expected.clear();
                        t.occurrences.clear();
                    }
                }
            }
            if (wanted("sequences")) {
                out.add(sequences());
            }
            return out;
        }

        private MigrationWriter writer(RowSink sink) {
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
                public void end(long read, long written, long skipped, int warnings) {
                    listener.stepFinished(new StepStats("compare " + step, read, written, skipped, warnings, System.nanoTime() - started));
                }
            };
            MigrationListener progress = new MigrationListener() {
                @Override
                public void progress(String step, long rowsDone) {
                    listener.progress("compare " + step, rowsDone);
                }
            };
            return new MigrationWriter(plan, new MetaReader(source), null, d, progress, steps, sink);
        }

        interface WriterStep {
            void run() throws SQLException;
        }

        /** The writing pass's data steps, in migrate's order (seeds, sequences and cluster id are statements, compared separately). */
        private static List<WriterStep> steps(MigrationWriter w) {
            return List.of(w::systemParameters, w::workers, w::users, w::databasesToSecrets, w::relationObjects, w::streamingJobs, w::catalogs,
                    w::catalogVersions, w::hummock, w::sessionParameters);
        }

        private static int[] keyPositions(TableState t, String[] cols) {
            if (t.key == null) {
                throw new IllegalStateException("diff has no key for table " + t.name);
            }
            int[] at = new int[t.key.length];
            for (int i = 0; i < at.length; i++) {
                at[i] = Arrays.asList(cols).indexOf(t.key[i]);
                if (at[i] < 0) {
                    throw new IllegalStateException(t.name + ": key column " + t.key[i] + " not written");
                }
            }
            return at;
        }

        private static String keyOf(Object[] canon, int[] keyAt) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < keyAt.length; i++) {
                if (i > 0) {
                    b.append('/');
                }
                b.append(canon[keyAt[i]] instanceof DiffValues.J j ? j.text() : String.valueOf(canon[keyAt[i]]));
            }
            return b.toString();
        }

        /** The same key twice (object_dependency is a multiset): the second is "k#2". */
        private static String unique(TableState t, String k) {
            if (!t.multiset) {
                return k;
            }
            Integer n = t.occurrences.merge(k, 1, Integer::sum);
            return n == 1 ? k : k + "#" + n;
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
                        Expected e = t.expected.remove(k);
                        if (e == null) {
                            onlyInSql++;
                            diffs.put(k, "only in SQL");
                            continue;
                        }
                        String[] cols = e.shape().columns();
                        Object[] stored = new Object[cols.length];
                        Object[] canon = new Object[cols.length];
                        for (int i = 0; i < canon.length; i++) {
                            stored[i] = rs.getObject(cols[i]);
                            canon[i] = values.actual(t.name, cols[i], stored[i], e.shape().hints()[i], false);
                        }
                        for (int i : e.shape().refs()) {
                            canon[i] = ids.sql(canon[i]);
                        }
                        if (DiffValues.fingerprint(canon) != e.fingerprint()) {
                            // blobs as stored differ: decode them (an equal message in another encoding is equal)
                            for (int i = 0; i < canon.length; i++) {
                                canon[i] = values.actual(t.name, cols[i], stored[i], e.shape().hints()[i], true);
                            }
                            for (int i : e.shape().refs()) {
                                canon[i] = ids.sql(canon[i]);
                            }
                        }
                        if (DiffValues.fingerprint(canon) != e.fingerprint()) {
                            different++;
                            diffs.put(k, "different");
                        }
                    }
                }
            }
            long onlyInEtcd = t.expected.size();
            for (String k : t.expected.keySet()) {
                diffs.put(k, "only in etcd");
            }
            differing += onlyInSql + onlyInEtcd + different;
            return new CategoryDiff(t.name, etcd, sqlRows, onlyInEtcd, onlyInSql, different,
                    onlyInEtcd + onlyInSql + different == 0 ? null : AFTER_START.get(t.name));
        }

        private String sqlKey(ResultSet rs, TableState t) throws SQLException {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < t.key.length; i++) {
                if (i > 0) {
                    b.append('/');
                }
                Object v = rs.getObject(t.key[i]);
                Object canon = v instanceof String ? v : values.actual(t.name, t.key[i], v, null);
                if (DiffIdentities.REFERENCES.getOrDefault(t.name, java.util.Set.of()).contains(t.key[i])) {
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
            String want = plan.clusterId.toString();
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

        private long expectedNext(String table) {
            return switch (table) {
                case "worker" -> plan.nextWorkerId;
                case "user" -> plan.nextUserId;
                default -> Math.max(plan.nextObjectId, maxMigratedObject() + 1);
            };
        }

        private long maxMigratedObject() {
            long max = 0;
            for (Integer id : plan.relationIds) {
                if (!plan.dropped.contains(id)) {
                    max = Math.max(max, Integer.toUnsignedLong(id));
                }
            }
            for (Map<Integer, Integer> m : List.of(plan.dbRewrite, plan.schemaRewrite, plan.functionRewrite, plan.connectionRewrite, plan.secretRewrite)) {
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

        private String sequenceDetail(String table) throws SQLException {
            for (String[] seq : SEQUENCES) {
                if (seq[0].equals(table)) {
                    return "next id " + d.nextId(c, seq[0], seq[1]);
                }
            }
            return "";
        }

        // ---- pass 2: the differing rows, read again with their values ---------------------------

        List<ObjectDiff> details(int limit) throws SQLException {
            Map<String, Set<String>> wantedKeys = new LinkedHashMap<>();
            int n = 0;
            outer:
            for (Map.Entry<String, LinkedHashMap<String, String>> e : differences.entrySet()) {
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
                LinkedHashMap<String, String> states = differences.get(table);
                if (table.equals("cluster") || table.equals("sequences")) {
                    for (String k : e.getValue()) {
                        String state = states.get(k);
                        List<FieldDiff> f = new ArrayList<>();
                        if (table.equals("sequences")) {
                            f.add(new FieldDiff("next id", "> " + (Math.max(expectedNext(k), 1) - 1) + " and above the table's ids",
                                    sequenceDetail(k)));
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
            String[] key = KEYS.get(table);
            if (key != null && key.length == 1) {
                int k = Arrays.asList(r.columns()).indexOf(key[0]);
                if (k >= 0 && r.values()[k] instanceof Long id) {
                    return names.get(id.intValue());
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
            DiffIdentities ids = ids();
            Map<String, Map<String, Captured>> out = new LinkedHashMap<>();
            Map<String, TableState> tables = new HashMap<>();
            RowSink sink = (table, beforeFlush, columns) -> {
                TableState t = tables.computeIfAbsent(table, TableState::new);
                String[] cols = Arrays.stream(columns).map(DiffCommand::plainColumn).toArray(String[]::new);
                int[] keyAt = keyPositions(t, cols);
                int[] refs = refPositions(table, cols);
                return new RowSink.Rows() {
                    @Override
                    public boolean add(Object... v) {
                        Object[] canon = new Object[v.length];
                        for (int i = 0; i < v.length; i++) {
                            canon[i] = values.expected(v[i]);
                        }
                        for (int i : refs) {
                            canon[i] = ids.etcd(canon[i]);
                        }
                        String k = unique(t, keyOf(canon, keyAt));
                        if (filter.keep(table, k, cols, canon)) {
                            out.computeIfAbsent(table, x -> new LinkedHashMap<>()).put(k, new Captured(cols, canon));
                        }
                        return false;
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                };
            };
            MigrationWriter w = writer(sink);
            for (WriterStep s : steps(w)) {
                s.run();
            }
            return out;
        }

        /** The SQL rows of {@code table} with the given keys, read with the etcd side's column list and types where there is one. */
        Map<String, Captured> readSql(String table, Set<String> keys, Map<String, Captured> etcdRows) throws SQLException {
            Set<String> refs = DiffIdentities.REFERENCES.getOrDefault(table, Set.of());
            Map<String, Captured> out = new HashMap<>();
            TableState t = new TableState(table);
            Map<String, Integer> seen = new HashMap<>();
            try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(d.streamingFetchSize());
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + d.quote(table))) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        String raw = sqlKey(rs, t);
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
                                v[i] = ids().sql(v[i]);
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
            if (parts.length == 2 && KEYS.containsKey(parts[0])) {
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
                String[] key = KEYS.get(e.getKey());
                if (key.length == 1 && !e.getKey().equals("object")) {
                    ids.addAll(e.getValue().keySet());
                }
                e.getValue().keySet().forEach(k -> byKey.computeIfAbsent(e.getKey(), x -> new HashSet<>()).add(k));
            }
            // the SQL side by name too (an object only in SQL, or renamed there)
            for (String table : List.of("database", "schema", "function", "connection", "secret", "source", "table", "index", "sink", "view",
                    "subscription", "user")) {
                String keyCol = KEYS.get(table)[0];
                try (java.sql.PreparedStatement p = c.prepareStatement("SELECT " + d.quote(keyCol) + " FROM " + d.quote(table) + " WHERE "
                        + d.quote("name") + " = ?")) {
                    p.setString(1, name);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            String k = String.valueOf(ids().sql(rs.getLong(1)));
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
            for (String table : KEYS.keySet()) {
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
}
