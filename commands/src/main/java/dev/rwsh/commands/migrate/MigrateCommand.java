package dev.rwsh.commands.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.etcd.MetaElection;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.schema.MigrationMarker;
import dev.rwsh.commands.schema.TargetVerdict;
import dev.rwsh.commands.sql.LockHolder;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.TargetLock;
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

    /**
     * @param stateFile where the last run's outcome is kept ({@code ~/.rwsh/migrate-state.json})
     * @param ignoreLiveMeta migrate even though a meta node holds a live leader lease in the source etcd
     */
    public record Options(boolean force, boolean dryRun, Path stateFile, boolean ignoreLiveMeta) {
        public Options(boolean force, boolean dryRun, Path stateFile) {
            this(force, dryRun, stateFile, false);
        }
    }

    public static Path defaultStateFile(String home) {
        return Path.of(home, ".rwsh", "migrate-state.json");
    }

    /** What {@code migrate status} shows and the state file holds. */
    public record RunState(String state, String startedAt, String finishedAt, Long pid, String source, Long revision, String clusterId,
            String target, String step, String error, Double seconds, Map<String, Long> rows, List<StepStats> steps, List<String> warnings,
            List<String> improvements, boolean dryRun, String liveMeta) {
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
            if (run.liveMeta() != null) {
                s.row(run.dryRun() ? "live meta node (migrate refuses it)" : "live meta node IGNORED (--ignore-live-meta)", run.liveMeta());
            }
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
        String target = targetName(sql);
        refuseIfRunningHere(options.stateFile(), target);
        StateFile state = new StateFile(options.stateFile(), new RunState("running", Instant.now().toString(), null, ProcessHandle.current().pid(),
                sourceName, source.revision(), null, target, "read and validate", null, null, null, List.of(), List.of(), List.of(), options.dryRun(),
                null));
        RunSteps steps = new RunSteps(listener, state);
        state.save();
        liveMetaCheck(source, sourceName, options, state, t0);
        MigrationPlan plan;
        try {
            MetaReader reader = new MetaReader(source);
            // the plan's progress counts streaming jobs, the bulk of what is read
            steps.begin("read and validate", reader.count(ColumnFamily.TABLE_FRAGMENTS));
            plan = MigrationPlan.build(reader, listener);
            steps.end(plan.rows().values().stream().mapToLong(Long::longValue).sum(), 0, 0, plan.warnings().size());
        } catch (RuntimeException e) {
            if (CommandInterruptedException.isInterruption(e)) {
                throw state.interrupted("read and validate", "migrate" + (options.dryRun() ? " --dry-run" : "")
                        + " interrupted while reading the source: nothing written", e, t0);
            }
            state.fail("read and validate", e, t0);
            throw e;
        }
        // The plan's row counts, so that status can tell a target that holds the run's complete result.
        state.update(r -> withRows(with(r, "running", r.step(), plan.clusterId(), null), plan, steps, seconds(t0)));
        if (plan.refuses()) {
            state.fail("validation", plan.errors().size() + " problem(s) in the source: " + plan.errors().get(0), false, t0);
            RunState r = state.current();
            return new MigrateResult(withRows(r, plan, steps, seconds(t0)), plan.rewrites(), List.of(), plan.errors());
        }
        boolean[] writing = {false};
        try {
            return sql.withDialect("migrate into", (c, dialect) -> {
                TargetLock lock = options.dryRun() ? null : lockTarget(c, dialect, sql, state);
                try {
                    return intoTarget(c, dialect, sql, plan, source, sourceName, options, steps, state, t0, writing);
                } finally {
                    release(lock, c, sql);
                }
            });
        } catch (CommandInterruptedException e) {
            throw state.interrupted(state.current().step(), writing[0] ? e.getMessage()
                    : "migrate" + (options.dryRun() ? " --dry-run" : "") + " interrupted: nothing written", e, t0);
        } catch (RuntimeException e) {
            if (!"refused".equals(state.current().state())) {
                state.fail(state.current().step(), e, t0);
            }
            throw e;
        }
    }

    /**
     * A meta node that still holds its leader lease may write to etcd after the pinned revision, and
     * those writes would be lost: refused unless --ignore-live-meta, which the state file and the
     * summary then record. A dry run only reports it. A backup source has no lease to ask about.
     */
    private static void liveMetaCheck(Keyspace source, String sourceName, Options options, StateFile state, long t0) {
        if (!(source instanceof EtcdSnapshot live)) {
            return;
        }
        MetaElection.Leases leases = MetaElection.read(live.connection(), live);
        if (!leases.anyLive()) {
            return;
        }
        if (!options.ignoreLiveMeta() && !options.dryRun()) {
            MigrateRefusedException e = new MigrateRefusedException(MigrateRefusedException.Reason.LIVE_META, sourceName + " has a live leader lease: " + leases.describeLive()
                    + "; a running meta node may write after revision " + source.revision() + " and those writes would be lost: stop every "
                    + "meta node and wait until its lease runs out ('preflight' checks it), or add --ignore-live-meta to migrate anyway");
            state.fail("live meta check", e, t0);
            throw e;
        }
        state.update(r -> new RunState(r.state(), r.startedAt(), r.finishedAt(), r.pid(), r.source(), r.revision(), r.clusterId(), r.target(),
                r.step(), r.error(), r.seconds(), r.rows(), r.steps(), r.warnings(), r.improvements(), r.dryRun(), leases.describeLive()));
    }

    /** Judges the target, then writes (or, for a dry run, only plans); the target lock is held. */
    private static MigrateResult intoTarget(Connection c, SqlDialect dialect, SqlConnection sql, MigrationPlan plan, Keyspace source,
            String sourceName, Options options, RunSteps steps, StateFile state, long t0, boolean[] writing)
            throws SQLException {
        TargetVerdict verdict = TargetVerdict.judge(c, dialect);
        MigrationMarker.TargetState ts = verdict.state();
        refuseIfNeeded(verdict, options, dialect, sql);
        List<String> unstorable = plan.textsTheTargetCannotStore(dialect);
        if (!unstorable.isEmpty()) {
            state.fail("validation", unstorable.size() + " text(s) the target cannot store: " + unstorable.get(0), false, t0);
            return new MigrateResult(withRows(state.current(), plan, steps, seconds(t0)), plan.rewrites(), List.of(), unstorable);
        }
        List<String> ddl = TargetWrite.ddl(ts, dialect, plan);
        if (options.dryRun()) {
            RunState r = withRows(with(state.current(), "dry run", "done", plan.clusterId(), null), plan, steps, seconds(t0));
            state.set(new RunState("dry run", r.startedAt(), Instant.now().toString(), r.pid(), r.source(), r.revision(), r.clusterId(),
                    r.target(), "done", null, r.seconds(), r.rows(), r.steps(), r.warnings(), r.improvements(), true, r.liveMeta()));
            return new MigrateResult(state.current(), plan.rewrites(), ddl, List.of());
        }
        writing[0] = true; // from here on, write() says what an interruption left
        TargetWrite.write(c, sql, dialect, plan, source, steps, state, sourceName, ts);
        RunState done = withRows(state.current(), plan, steps, seconds(t0));
        state.set(new RunState("finished", done.startedAt(), Instant.now().toString(), done.pid(), done.source(), done.revision(),
                done.clusterId(), done.target(), "done", null, done.seconds(), done.rows(), done.steps(), done.warnings(), done.improvements(),
                false, done.liveMeta()));
        return new MigrateResult(state.current(), plan.rewrites(), ddl, List.of());
    }

    /**
     * One migration into a target at a time: the target's lock (docs/migration.md), refused with its
     * holder when another run has it.
     */
    private static TargetLock lockTarget(Connection c, SqlDialect dialect, SqlConnection sql, StateFile state) throws SQLException {
        LockHolder me = LockHolder.current(Instant.parse(state.current().startedAt()));
        TargetLock.Attempt attempt = dialect.tryLockTarget(c, sql.endpoint(), me);
        // A run of this host killed just now: its server session ends once the server sees the socket close.
        long deadline = System.nanoTime() + DEAD_HOLDER_WAIT.toNanos();
        while (!attempt.taken() && attempt.heldByTheDeadHere() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RwshException.failed("interrupted while waiting for the lock of a killed migrate (" + attempt.holder() + ") to go", e);
            }
            attempt = dialect.tryLockTarget(c, sql.endpoint(), me);
        }
        if (!attempt.taken()) {
            throw new MigrateRefusedException(MigrateRefusedException.Reason.LOCK_HELD, "another migration into this target (" + dialect.where(sql.endpoint()) + ") is running ("
                    + attempt.holder() + "): wait for it to finish ('migrate status' where it runs); if none runs, 'doctor' says what holds it");
        }
        return attempt.lock();
    }

    /** How long a lock whose holder was a process of this host, now gone, is waited for. */
    static final java.time.Duration DEAD_HOLDER_WAIT = java.time.Duration.ofSeconds(30);

    /** Lets go of the lock; a session that cannot is closed, which lets go of it too. */
    private static void release(TargetLock lock, Connection c, SqlConnection sql) {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (SQLException | RuntimeException e) {
            sql.evict(c);
        }
    }

    /**
     * The state file records a live migrate of this machine (another process): refused before the
     * file is touched, whatever the target, since both runs would keep their state in it.
     */
    private static void refuseIfRunningHere(Path stateFile, String target) {
        if (stateFile == null) {
            return;
        }
        RunState last;
        try {
            last = StateFile.load(stateFile).orElse(null);
        } catch (RwshException unreadable) {
            return; // overwritten by this run
        }
        if (last == null || !"running".equals(last.state()) || !alive(last.pid())) {
            return;
        }
        throw new MigrateRefusedException(MigrateRefusedException.Reason.RUNNING_HERE, last.target().equals(target)
                ? "another migration into this target is running (pid " + last.pid() + " on this host, started at " + last.startedAt() + ", "
                        + stateFile + "): wait for it to finish ('migrate status')"
                : "another migration is running on this host (pid " + last.pid() + " into " + last.target() + ", started at " + last.startedAt()
                        + ") and keeps its state in " + stateFile + ": wait for it to finish ('migrate status'), or run this one with another HOME");
    }

    /** Whether a process of this host other than this one is alive with this pid. */
    static boolean alive(Long pid) {
        return pid != null && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The target as the state file names it: "postgres rwsh", "sqlite /x/meta.db". */
    public static String targetName(SqlConnection sql) {
        return sql.backend().rwName() + " " + (sql.endpoint().path() != null ? sql.endpoint().path().toString() : sql.endpoint().database());
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static RunState with(RunState r, String st, String step, String clusterId, String error) {
        return new RunState(st, r.startedAt(), r.finishedAt(), r.pid(), r.source(), r.revision(), clusterId == null ? r.clusterId() : clusterId,
                r.target(), step, error, r.seconds(), r.rows(), r.steps(), r.warnings(), r.improvements(), r.dryRun(), r.liveMeta());
    }

    private static RunState withRows(RunState r, MigrationPlan plan, RunSteps steps, double seconds) {
        return new RunState(r.state(), r.startedAt(), r.finishedAt(), r.pid(), r.source(), r.revision(), plan.clusterId(), r.target(), r.step(),
                r.error(), seconds, new LinkedHashMap<>(plan.rows()), List.copyOf(steps.stats), plan.warnings(),
                plan.improvements(), r.dryRun(), r.liveMeta());
    }

    private static void refuseIfNeeded(TargetVerdict verdict, Options options, SqlDialect dialect, SqlConnection sql) {
        if (verdict.refuses(options.force())) {
            throw new MigrateRefusedException(verdict.kind(), verdict.foundIn(dialect.where(sql.endpoint())) + "; " + verdict.repair());
        }
    }

    // ---------------------------------------------------------------------------------------------

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

        void fail(String step, RuntimeException e, long t0) {
            fail(step, e.getMessage(), e instanceof MigrateRefusedException, t0);
        }

        void fail(String step, String error, boolean refused, long t0) {
            set(new RunState(refused ? "refused" : "failed", current.startedAt(), Instant.now().toString(), current.pid(), current.source(),
                    current.revision(), current.clusterId(), current.target(), step, error, seconds(t0), current.rows(), current.steps(),
                    current.warnings(), current.improvements(), current.dryRun(), current.liveMeta()));
        }

        /** Records an interrupted run and returns the exception that says so. */
        CommandInterruptedException interrupted(String step, String message, Throwable cause, long t0) {
            set(new RunState("interrupted", current.startedAt(), Instant.now().toString(), current.pid(), current.source(), current.revision(),
                    current.clusterId(), current.target(), step, message, seconds(t0), current.rows(), current.steps(), current.warnings(),
                    current.improvements(), current.dryRun(), current.liveMeta()));
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

    /** What the state file says of the last run. */
    public enum Outcome {
        NONE, RUNNING, INTERRUPTED, FAILED, REFUSED, FINISHED, DRY_RUN
    }

    /**
     * @param interpretation the last run's outcome; when the target was read and disagrees with the state file, the target's
     * @param stateFileSays what the state file alone says, when the target disagrees (else null)
     * @param targetNow what the target itself holds (null when not connected to the run's target)
     */
    public record StatusResult(String stateFile, RunState last, String interpretation, String targetMark, Outcome outcome, String stateFileSays,
            String targetNow) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder s = TableView.builder("last migrate", "item", "value");
            if (last == null) {
                s.row("state", interpretation);
            } else {
                s.row("state", interpretation);
                if (stateFileSays != null) {
                    s.row("state file says", stateFileSays + " (the target's own state wins)");
                }
                s.row("started", last.startedAt())
                        .row("finished", last.finishedAt() == null ? "" : last.finishedAt())
                        .row("step", last.step() == null ? "" : last.step())
                        .row("source", last.source() + " at revision " + last.revision())
                        .row("cluster id", last.clusterId() == null ? "" : last.clusterId())
                        .row("target", last.target())
                        .row("duration", last.seconds() == null ? "" : String.format("%.2f s", last.seconds()));
                if (last.liveMeta() != null) {
                    s.row("live meta node", last.liveMeta() + (last.dryRun() ? "" : " (--ignore-live-meta)"));
                }
                if (last.error() != null) {
                    s.row("error", last.error());
                }
            }
            if (targetNow != null) {
                s.row("target holds", targetNow);
            }
            if (targetMark != null) {
                s.row("target now", targetMark);
            }
            List<TableView> out = new ArrayList<>();
            out.add(s.build());
            if (last != null && last.rows() != null) {
                TableView.Builder r = TableView.builder("rows per table" + ("finished".equals(last.state()) ? "" : " (planned)"), "table", "rows");
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

    /**
     * {@code migrate status}: the state file and, when connected to the run's target (or to any
     * target when no run is recorded), what the target itself holds: its lock, its partial mark,
     * or the run's complete result. When the two disagree (a run killed just after its commit, an
     * interrupted run whose transaction was rolled back) the target wins and the output says so.
     */
    public static StatusResult status(Path stateFile, SqlConnection sqlOrNull) {
        return MigrateStatus.read(stateFile, sqlOrNull);
    }
}
