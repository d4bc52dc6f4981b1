package dev.rwsh.commands.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.schema.MigrationMarker;
import dev.rwsh.commands.schema.SchemaCreateCommand;
import dev.rwsh.commands.schema.SchemaDropCommand;
import dev.rwsh.commands.schema.SchemaResources;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code migrate}: RisingWave's etcd meta store into a SQL meta store with the result of v2.0.7's
 * {@code risingwave ctl meta migration} (docs/migration-semantics.md; rwsh's choices in
 * docs/migration.md). Reads one pinned revision twice (validate, then write) and never writes to
 * etcd. PostgreSQL and SQLite: one transaction, DDL included. MySQL/MariaDB: the {@code
 * rwsh_migration} marker is set before the first write and dropped after the last.
 */
public final class MigrateCommand {
    private MigrateCommand() {
    }

    /** @param stateFile where the last run's outcome is kept ({@code ~/.rwsh/migrate-state.json}) */
    public record Options(boolean force, boolean dryRun, Path stateFile) {
    }

    public static Path defaultStateFile(String home) {
        return Path.of(home, ".rwsh", "migrate-state.json");
    }

    /** What {@code migrate status} shows and the state file holds. */
    public record RunState(String state, String startedAt, String finishedAt, Long pid, String source, Long revision, String clusterId,
            String target, String step, String error, Double seconds, Map<String, Long> rows, List<StepStats> steps, List<String> warnings,
            List<String> improvements, boolean dryRun) {
    }

    public record MigrateResult(RunState run, List<String[]> rewrites, List<String> ddl, List<String> errors) implements CommandResult {
        @Override
        public List<TableView> tables() {
            List<TableView> out = new ArrayList<>();
            TableView.Builder s = TableView.builder("migrate" + (run.dryRun() ? " --dry-run (nothing written)" : ""), "item", "value")
                    .row("outcome", outcome())
                    .row("source", run.source() + " at revision " + run.revision())
                    .row("cluster id", run.clusterId() == null ? "" : run.clusterId())
                    .row("target", run.target());
            if (run.seconds() != null) {
                long total = run.rows() == null ? 0 : run.rows().values().stream().mapToLong(Long::longValue).sum();
                s.row("time", String.format("%.2f s, %d rows, %.0f rows/s", run.seconds(), total, total / Math.max(1e-9, run.seconds())));
            }
            out.add(s.build());
            if (!errors.isEmpty()) {
                TableView.Builder e = TableView.builder("problems: v2.0.7 would fail; nothing was written", "problem");
                errors.forEach(e::row);
                out.add(e.build());
            }
            if (run.steps() != null && !run.steps().isEmpty()) {
                TableView.Builder t = TableView.builder("steps", "step", "rows read", "rows written", "skipped", "warnings", "time");
                for (StepStats st : run.steps()) {
                    t.row(st.step(), st.rowsRead(), st.rowsWritten(), st.skipped(), st.warnings(), String.format("%.3f s", st.seconds()));
                }
                out.add(t.build());
            }
            if (run.dryRun() && run.rows() != null) {
                TableView.Builder r = TableView.builder("rows per target table", "table", "rows");
                run.rows().forEach(r::row);
                out.add(r.build());
                TableView.Builder m = TableView.builder("id rewrite (etcd id -> SQL object id)", "kind", "etcd id", "name", "new id");
                rewrites.forEach(x -> m.row((Object[]) x));
                out.add(m.build());
                TableView.Builder d = TableView.builder("DDL and resets it would run", "statement");
                ddl.forEach(d::row);
                out.add(d.build());
            }
            if (run.improvements() != null && !run.improvements().isEmpty()) {
                TableView.Builder i = TableView.builder("deliberate differences from v2.0.7", "what");
                run.improvements().forEach(i::row);
                out.add(i.build());
            }
            if (run.warnings() != null && !run.warnings().isEmpty()) {
                TableView.Builder w = TableView.builder(run.warnings().size() + " warning(s)", "warning");
                run.warnings().forEach(w::row);
                out.add(w.build());
            }
            return out;
        }

        private String outcome() {
            if (!errors.isEmpty()) {
                return "refused: " + errors.size() + " problem(s) in the source";
            }
            return run.dryRun() ? "dry run: validated, nothing written" : run.state();
        }

        @Override
        public ExitStatus exitStatus() {
            return errors.isEmpty() ? ExitStatus.OK : ExitStatus.CHECK_FAILED;
        }
    }

    // ---------------------------------------------------------------------------------------------

    public static MigrateResult run(Keyspace source, String sourceName, SqlConnection sql, Options options, MigrationListener listener) {
        long t0 = System.nanoTime();
        String target = sql.backend().rwName() + " " + (sql.endpoint().path() != null ? sql.endpoint().path().toString() : sql.endpoint().database());
        StateFile state = new StateFile(options.stateFile(), new RunState("running", Instant.now().toString(), null, ProcessHandle.current().pid(),
                sourceName, source.revision(), null, target, "read and validate", null, null, null, List.of(), List.of(), List.of(), options.dryRun()));
        Steps steps = new Steps(listener, state);
        state.save();
        MigrationPlan plan;
        try {
            MetaReader reader = new MetaReader(source);
            // the plan's progress counts streaming jobs, the bulk of what is read
            steps.begin("read and validate", reader.count(ColumnFamily.TABLE_FRAGMENTS));
            plan = MigrationPlan.build(reader, listener);
            steps.end(plan.rows.values().stream().mapToLong(Long::longValue).sum(), 0, 0, plan.warnings.size());
        } catch (RuntimeException e) {
            if (CommandInterruptedException.isInterruption(e)) {
                throw state.interrupted("read and validate", "migrate" + (options.dryRun() ? " --dry-run" : "")
                        + " interrupted while reading the source: nothing written", e, t0);
            }
            state.fail("read and validate", e.getMessage(), t0);
            throw e;
        }
        state.update(r -> with(r, "running", r.step(), plan.clusterId(), null));
        if (!plan.errors.isEmpty()) {
            state.fail("validation", plan.errors.size() + " problem(s) in the source: " + plan.errors.get(0), t0);
            RunState r = state.current();
            return new MigrateResult(withRows(r, plan, steps, seconds(t0)), plan.rewrites(), List.of(), plan.errors);
        }
        boolean[] writing = {false};
        try {
            return sql.withDialect("migrate into", (c, dialect) -> {
                MigrationMarker.TargetState ts = MigrationMarker.targetState(c, dialect);
                refuseIfNeeded(ts, options, dialect, sql);
                List<String> ddl = ddl(ts, dialect, plan);
                if (options.dryRun()) {
                    RunState r = withRows(with(state.current(), "dry run", "done", plan.clusterId(), null), plan, steps, seconds(t0));
                    state.set(new RunState("dry run", r.startedAt(), Instant.now().toString(), r.pid(), r.source(), r.revision(), r.clusterId(),
                            r.target(), "done", null, r.seconds(), r.rows(), r.steps(), r.warnings(), r.improvements(), true));
                    return new MigrateResult(state.current(), plan.rewrites(), ddl, List.of());
                }
                writing[0] = true; // from here on, write() says what an interruption left
                write(c, dialect, plan, source, listener, steps, state, sourceName, ts);
                RunState done = withRows(state.current(), plan, steps, seconds(t0));
                state.set(new RunState("finished", done.startedAt(), Instant.now().toString(), done.pid(), done.source(), done.revision(),
                        done.clusterId(), done.target(), "done", null, done.seconds(), done.rows(), done.steps(), done.warnings(), done.improvements(),
                        false));
                return new MigrateResult(state.current(), plan.rewrites(), ddl, List.of());
            });
        } catch (CommandInterruptedException e) {
            throw state.interrupted(state.current().step(), writing[0] ? e.getMessage()
                    : "migrate" + (options.dryRun() ? " --dry-run" : "") + " interrupted: nothing written", e, t0);
        } catch (RuntimeException e) {
            if (!"refused".equals(state.current().state())) {
                state.fail(state.current().step(), e.getMessage(), t0);
            }
            throw e;
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static RunState with(RunState r, String st, String step, String clusterId, String error) {
        return new RunState(st, r.startedAt(), r.finishedAt(), r.pid(), r.source(), r.revision(), clusterId == null ? r.clusterId() : clusterId,
                r.target(), step, error, r.seconds(), r.rows(), r.steps(), r.warnings(), r.improvements(), r.dryRun());
    }

    private static RunState withRows(RunState r, MigrationPlan plan, Steps steps, double seconds) {
        return new RunState(r.state(), r.startedAt(), r.finishedAt(), r.pid(), r.source(), r.revision(), plan.clusterId(), r.target(), r.step(),
                r.error(), seconds, new LinkedHashMap<>(plan.rows), List.copyOf(steps.stats), List.copyOf(plan.warnings),
                List.copyOf(plan.improvements), r.dryRun());
    }

    private static void refuseIfNeeded(MigrationMarker.TargetState ts, Options options, SqlDialect dialect, SqlConnection sql) {
        if (options.force()) {
            return;
        }
        String where = dialect.where(sql.endpoint());
        if (ts.mark().isPresent()) {
            throw RwshException.failed(where + " holds a partial migration: " + ts.mark().get().describe()
                    + "; run 'migrate -f' to drop RisingWave's tables and migrate again");
        }
        if (!ts.emptyOfMetadata()) {
            List<String> full = new ArrayList<>();
            ts.rowsBeyondSeeds().forEach((t, n) -> {
                if (n > 0) {
                    full.add(t + " (" + n + ")");
                }
            });
            throw RwshException.failed(where + " already holds RisingWave metadata (rows beyond the seeds in " + String.join(", ",
                    full.subList(0, Math.min(6, full.size()))) + (full.size() > 6 ? ", ..." : "") + "); 'sql schema status' shows it; "
                    + "'migrate -f' drops RisingWave's tables and migrates again");
        }
    }

    private static List<String> ddl(MigrationMarker.TargetState ts, SqlDialect dialect, MigrationPlan plan) {
        List<String> out = new ArrayList<>();
        if (!dialect.transactionalDdl()) {
            out.add("CREATE TABLE " + MigrationMarker.TABLE + " (marks the migration as partial until it finishes)");
        }
        for (String t : ts.present()) {
            out.add("DROP TABLE " + dialect.quote(t));
        }
        out.add("create RisingWave " + SchemaResources.RISINGWAVE_VERSION + "'s schema: " + SchemaResources.get().migrations().size()
                + " migrations, " + SchemaResources.get().tables().size() + " tables (as 'sql schema create')");
        out.add("DELETE FROM object WHERE oid <> 0; DELETE FROM user WHERE user_id <> 0 (the seeded rows)");
        out.addAll(dialect.sequenceResets(plan.nextWorkerId, plan.nextObjectId, plan.nextUserId));
        out.add("UPDATE cluster SET cluster_id = '" + plan.clusterId + "'");
        if (!dialect.transactionalDdl()) {
            out.add("DROP TABLE " + MigrationMarker.TABLE);
        }
        return out;
    }

    private static void write(Connection c, SqlDialect dialect, MigrationPlan plan, Keyspace source, MigrationListener listener, Steps steps,
            StateFile state, String sourceName, MigrationMarker.TargetState ts) throws SQLException {
        MigrationWriter w = new MigrationWriter(plan, new MetaReader(source), c, dialect, listener, steps);
        boolean tx = dialect.transactionalDdl();
        if (tx) {
            c.setAutoCommit(false);
            try {
                dialect.prepareWriteSession(c);
                schema(c, dialect, steps);
                data(w, c);
                w.sessionParameters();
                w.sequences();
                w.clusterId();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (CommandInterruptedException.isInterruption(e)) {
                    throw new CommandInterruptedException("migrate interrupted: target rolled back, nothing written", e);
                }
                throw explain(dialect, sql(c), steps, e, "rolled back: the target is as it was");
            } finally {
                c.setAutoCommit(true);
            }
            return;
        }
        dialect.prepareWriteSession(c);
        MigrationMarker.set(c, dialect, new MigrationMarker.Mark("partial", state.current().startedAt(), sourceName + " revision " + plan.revision,
                plan.clusterId(), "schema"));
        try {
            schema(c, dialect, steps);
            MigrationMarker.step(c, dialect, "data");
            c.setAutoCommit(false);
            try {
                data(w, c);
                w.sessionParameters();
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
            MigrationMarker.step(c, dialect, "sequence resets");
            w.sequences();
            w.clusterId();
            MigrationMarker.clear(c, dialect);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // auto-commit already on
            }
            if (CommandInterruptedException.isInterruption(e)) {
                throw new CommandInterruptedException("migrate interrupted: target marked partial; run migrate -f", e);
            }
            throw explain(dialect, sql(c), steps, e, "DDL commits at once on " + dialect.serverName() + ": the target is marked partial ("
                    + MigrationMarker.TABLE + "); 'migrate -f' redoes it");
        }
    }

    private static Connection sql(Connection c) {
        return c;
    }

    private static RuntimeException explain(SqlDialect dialect, Connection c, Steps steps, Exception e, String outcome) {
        String step = steps.current == null ? "?" : steps.current;
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
        return RwshException.failed("migrate failed in step '" + step + "': " + msg + "; " + outcome, e);
    }

    private static void schema(Connection c, SqlDialect dialect, Steps steps) throws SQLException {
        steps.begin("schema", SchemaResources.get().tables().size());
        List<String> dropped = SchemaDropCommand.dropWithin(c, dialect);
        SchemaCreateCommand.applyWithin(c, dialect);
        steps.end(0, SchemaResources.get().tables().size(), dropped.size(), 0);
    }

    private static void data(MigrationWriter w, Connection c) throws SQLException {
        w.systemParameters();
        w.workers();
        w.deleteSeeds();
        w.users();
        w.databasesToSecrets();
        w.relationObjects();
        w.streamingJobs();
        w.catalogs();
        w.catalogVersions();
        w.hummock();
    }

    // ---------------------------------------------------------------------------------------------

    /** Step timing for the summary; tells the listener and the state file. */
    static final class Steps implements MigrationWriter.StepRecorder {
        final List<StepStats> stats = new ArrayList<>();
        private final MigrationListener listener;
        private final StateFile state;
        String current;
        private long started;

        Steps(MigrationListener listener, StateFile state) {
            this.listener = listener;
            this.state = state;
        }

        @Override
        public void begin(String step, long expected) {
            current = step;
            started = System.nanoTime();
            listener.stepStarted(step, expected);
            if (!step.equals("read and validate")) {
                state.update(r -> with(r, r.state(), step, null, null));
            }
        }

        @Override
        public void end(long read, long written, long skipped, int warnings) {
            StepStats s = new StepStats(current, read, written, skipped, warnings, System.nanoTime() - started);
            stats.add(s);
            listener.stepFinished(s);
        }
    }

    /** The last run's outcome, rewritten atomically (temp file + rename) at every step so that a killed run leaves its last step. */
    static final class StateFile {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        private final Path file;
        private RunState current;

        StateFile(Path file, RunState initial) {
            this.file = file;
            this.current = initial;
        }

        RunState current() {
            return current;
        }

        void set(RunState r) {
            current = r;
            save();
        }

        void update(java.util.function.UnaryOperator<RunState> f) {
            set(f.apply(current));
        }

        void fail(String step, String error, long t0) {
            set(new RunState(error != null && error.contains("already holds") || error != null && error.contains("partial migration") ? "refused" : "failed",
                    current.startedAt(), Instant.now().toString(), current.pid(), current.source(), current.revision(), current.clusterId(),
                    current.target(), step, error, seconds(t0), current.rows(), current.steps(), current.warnings(), current.improvements(),
                    current.dryRun()));
        }

        /** Records an interrupted run and returns the exception that says so. */
        CommandInterruptedException interrupted(String step, String message, Throwable cause, long t0) {
            set(new RunState("interrupted", current.startedAt(), Instant.now().toString(), current.pid(), current.source(), current.revision(),
                    current.clusterId(), current.target(), step, message, seconds(t0), current.rows(), current.steps(), current.warnings(),
                    current.improvements(), current.dryRun()));
            return new CommandInterruptedException(message, cause);
        }

        void save() {
            if (file == null) {
                return;
            }
            try {
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                JSON.writeValue(tmp.toFile(), current);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // the state file is a convenience; the migration itself does not depend on it
            }
        }

        static Optional<RunState> load(Path file) {
            try {
                return Files.exists(file) ? Optional.of(JSON.readValue(file.toFile(), RunState.class)) : Optional.empty();
            } catch (IOException e) {
                throw RwshException.failed("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    public record StatusResult(String stateFile, RunState last, String interpretation, String targetMark) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder s = TableView.builder("last migrate", "item", "value");
            if (last == null) {
                s.row("state", "no migrate has run here (" + stateFile + " does not exist)");
            } else {
                s.row("state", interpretation)
                        .row("started", last.startedAt())
                        .row("finished", last.finishedAt() == null ? "" : last.finishedAt())
                        .row("step", last.step() == null ? "" : last.step())
                        .row("source", last.source() + " at revision " + last.revision())
                        .row("cluster id", last.clusterId() == null ? "" : last.clusterId())
                        .row("target", last.target())
                        .row("duration", last.seconds() == null ? "" : String.format("%.2f s", last.seconds()));
                if (last.error() != null) {
                    s.row("error", last.error());
                }
            }
            if (targetMark != null) {
                s.row("target now", targetMark);
            }
            List<TableView> out = new ArrayList<>();
            out.add(s.build());
            if (last != null && last.rows() != null) {
                TableView.Builder r = TableView.builder("rows per table", "table", "rows");
                last.rows().forEach(r::row);
                out.add(r.build());
            }
            if (last != null && last.warnings() != null && !last.warnings().isEmpty()) {
                TableView.Builder w = TableView.builder("warnings", "warning");
                last.warnings().forEach(w::row);
                out.add(w.build());
            }
            return out;
        }
    }

    /** {@code migrate status}: the state file, and the connected target's partial mark if any. */
    public static StatusResult status(Path stateFile, SqlConnection sqlOrNull) {
        RunState last = StateFile.load(stateFile).orElse(null);
        String interpretation = null;
        if (last != null) {
            interpretation = last.state();
            if ("running".equals(last.state())) {
                boolean alive = last.pid() != null && ProcessHandle.of(last.pid()).map(ProcessHandle::isAlive).orElse(false)
                        && last.pid() != ProcessHandle.current().pid();
                interpretation = alive ? "running (process " + last.pid() + ")"
                        : "interrupted in step '" + last.step() + "' (process " + last.pid() + " is gone); run 'migrate -f' to redo it";
            } else if ("failed".equals(last.state())) {
                interpretation = "failed in step '" + last.step() + "'";
            } else if ("interrupted".equals(last.state())) {
                interpretation = "interrupted (Ctrl-C) in step '" + last.step() + "': " + last.error();
            }
        }
        String mark = null;
        if (sqlOrNull != null) {
            mark = sqlOrNull.withDialect("read the migration mark of", (c, d) -> MigrationMarker.read(c, d)
                    .map(m -> "PARTIAL: " + m.describe() + "; run 'migrate -f'").orElse("no partial-migration mark"));
        }
        return new StatusResult(stateFile.toString(), last, interpretation, mark);
    }
}
