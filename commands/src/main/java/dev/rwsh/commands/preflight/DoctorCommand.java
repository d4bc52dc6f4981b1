package dev.rwsh.commands.preflight;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.etcd.MetaElection;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.diff.DiffCommand;
import dev.rwsh.commands.diff.CategoryDiff;
import dev.rwsh.commands.diff.DiffResult;
import dev.rwsh.commands.diff.DiffService;
import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.migrate.TargetRecord;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.schema.MigrationMarker;
import dev.rwsh.commands.schema.TargetVerdict;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.sql.SqlFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor}: after a failed or interrupted migration, what state the target is in and the one
 * command to run next. Reads {@code migrate status} (the state file), the target (reachable? the
 * database? may the user write? the partial marker, RisingWave's tables) and, when etcd is
 * connected, the source's plan to compare row counts and the cluster id with. When the target
 * looks complete and the source is connected (etcd or a backup), {@code diff}'s engine compares
 * every row: "complete and clean" then means diff found nothing; without the source, only the
 * row counts and cluster id the last run recorded are compared.
 */
public final class DoctorCommand {
    public static final String UNREACHABLE = "target unreachable";
    public static final String NO_DATABASE = "database missing";
    public static final String REFUSED = "credentials refused";
    public static final String NO_TARGET = "no target";
    public static final String UNTOUCHED = "untouched";
    public static final String PARTIAL = "partial";
    public static final String RUNNING = "migration running";
    public static final String DIFFERING = "complete but differing";
    public static final String CLEAN = "complete and clean";
    public static final String UNCOMPARED = "holds RisingWave metadata (not compared)";
    public static final String MIGRATED_WHILE_LIVE = "migrated while a meta node was live";

    private DoctorCommand() {
    }

    /** One table whose row count is not the plan's. */
    public record Difference(String table, long expected, long actual) {
    }

    /**
     * @param strict whether anything but "complete and clean" is a failed check (exit 3); otherwise a
     *     diagnosis that could be made is a success whatever it says
     */
    public record DoctorResult(String state, String lastRun, String target, List<String> findings, String next, List<Difference> differences,
            boolean strict) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder t = TableView.builder("doctor", "item", "value")
                    .row("state", state)
                    .row("last migrate", lastRun)
                    .row("target", target);
            findings.forEach(f -> t.row("finding", f));
            t.row("next", next);
            List<TableView> out = new ArrayList<>();
            out.add(t.build());
            if (!differences.isEmpty()) {
                TableView.Builder d = TableView.builder("row counts that differ from the plan", "table", "expected", "in the target");
                differences.forEach(x -> d.row(x.table(), x.expected(), x.actual()));
                out.add(d.build());
            }
            return out;
        }

        @Override
        public ExitStatus exitStatus() {
            return !strict || state.equals(CLEAN) ? ExitStatus.OK : ExitStatus.CHECK_FAILED;
        }
    }

    public static DoctorResult run(Session session, String sqlEndpoint, Path stateFile, boolean strict) {
        DoctorResult r = diagnose(session, sqlEndpoint, stateFile);
        return new DoctorResult(r.state(), r.lastRun(), r.target(), r.findings(), r.next(), r.differences(), strict);
    }

    private static DoctorResult diagnose(Session session, String sqlEndpoint, Path stateFile) {
        MigrateCommand.StatusResult status = MigrateCommand.status(stateFile, null);
        MigrateCommand.RunState last = status.last();
        String lastRun = last == null ? "none recorded (" + stateFile + ")" : status.interpretation() + (last.error() == null ? ""
                : ": " + last.error()) + " (target " + last.target() + ", started " + last.startedAt() + ")";
        List<String> findings = new ArrayList<>();
        if (status.outcome() == MigrateCommand.Outcome.RUNNING) {
            return new DoctorResult(RUNNING, lastRun, last.target(), findings, "wait for it: migrate status", List.of(), false);
        }
        SqlConnection own = null;
        SqlConnection sql;
        try {
            if (sqlEndpoint != null) {
                SqlEndpoint endpoint = session.sqlEndpoint(sqlEndpoint);
                try {
                    own = SqlConnector.connect(endpoint);
                } catch (CommandInterruptedException e) {
                    throw e; // Ctrl-C stops the command; it is no failed check
                } catch (RwshException e) {
                    return connectFailure(endpoint, e, lastRun, findings);
                }
                sql = own;
            } else if (session.sql().isPresent()) {
                sql = session.sql().get();
            } else {
                return new DoctorResult(NO_TARGET, lastRun, last == null ? "" : last.target(), findings,
                        "connect sql --endpoint URL (the migration's target), then: doctor", List.of(), false);
            }
            return inspect(session, sql, last, lastRun, findings);
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private static DoctorResult connectFailure(SqlEndpoint endpoint, RwshException e, String lastRun, List<String> findings) {
        String m = e.getMessage();
        findings.add(m);
        SqlFailure.Kind kind = e instanceof SqlFailure f ? f.kind() : SqlFailure.Kind.OTHER;
        if (kind == SqlFailure.Kind.NO_DATABASE) {
            return new DoctorResult(NO_DATABASE, lastRun, endpoint.display(), findings, ((SqlFailure) e).fix()
                    + "; then: preflight, then: migrate", List.of(), false);
        }
        if (kind == SqlFailure.Kind.CREDENTIALS_REFUSED || kind == SqlFailure.Kind.NO_DATABASE_ACCESS) {
            return new DoctorResult(REFUSED, lastRun, endpoint.display(), findings, "correct the user and password in the endpoint "
                    + "(or grant the user access to the database), then: doctor --sql-endpoint URL", List.of(), false);
        }
        return new DoctorResult(UNREACHABLE, lastRun, endpoint.display(), findings, "start the SQL server (or correct the endpoint), "
                + "then: doctor --sql-endpoint URL; nothing of the migration is lost on the etcd side", List.of(), false);
    }

    private static DoctorResult inspect(Session session, SqlConnection sql, MigrateCommand.RunState last, String lastRun, List<String> findings) {
        SqlEndpoint endpoint = sql.endpoint();
        // The source's plan, when etcd is connected: the row counts and cluster id the target should hold.
        Keyspace keyspace = session.hasEtcdSource() ? session.openKeyspace() : null;
        MigrationPlan plan = keyspace != null ? MigrationPlan.build(new MetaReader(keyspace), MigrationListener.NONE) : null;
        String source = session.backup().map(b -> "the backup " + b.path()).orElse("the connected etcd");
        String[] missingGrant = {null}; // the fix for a privilege the user lacks, which comes first in every "next"
        try {
            DoctorResult r = sql.withDialect("inspect", (c, d) -> {
                String where = d.where(endpoint);
                String grant = null;
                try {
                    d.checkCanCreate(c, endpoint);
                } catch (CommandInterruptedException e) {
                    throw e; // Ctrl-C stops the command; it is no failed check
                } catch (RwshException e) {
                    findings.add("permissions: " + e.getMessage());
                    grant = e.nextStep();
                    missingGrant[0] = grant;
                }
                String prefix = grant == null ? "" : grant + "; then: ";
                java.util.Optional<String> holder = d.targetLockHolder(c, endpoint);
                if (holder.isPresent()) {
                    findings.add("a migration holds the lock of " + where + ": " + holder.get());
                    return new DoctorResult(RUNNING, lastRun, endpoint.display(), findings, "wait for it to finish ('migrate status' where it "
                            + "runs), then: doctor", List.of(), false);
                }
                d.staleTargetLock(c, endpoint).ifPresent(findings::add);
                TargetVerdict verdict = TargetVerdict.judge(c, d);
                MigrationMarker.TargetState ts = verdict.state();
                if (ts.mark().isPresent()) {
                    findings.add(where + " is marked partial: " + ts.mark().get().describe());
                    return new DoctorResult(PARTIAL, lastRun, endpoint.display(), findings, prefix + "migrate -f --yes (drops RisingWave's tables and "
                            + "the marker, and migrates again)", List.of(), false);
                }
                if (ts.emptyOfMetadata() && !verdict.reusable()) {
                    findings.add(verdict.foundIn(where));
                    return new DoctorResult(UNTOUCHED, lastRun, endpoint.display(), findings, prefix + verdict.repair(), List.of(), false);
                }
                if (ts.emptyOfMetadata()) {
                    if (last != null && !"finished".equals(last.state()) && !"dry run".equals(last.state()) && d.transactionalDdl()) {
                        findings.add(d.serverName() + " ran the migration in one transaction: the failed or interrupted run left nothing behind");
                    }
                    findings.add(where + (ts.present().isEmpty() ? " has no RisingWave table" : " holds RisingWave's tables with their seeds only"));
                    return new DoctorResult(UNTOUCHED, lastRun, endpoint.display(), findings, prefix + "preflight, then: migrate", List.of(), false);
                }
                Map<String, Long> expected;
                String expectedFrom;
                String clusterId;
                if (plan != null) {
                    expected = plan.rows();
                    clusterId = plan.clusterId();
                    expectedFrom = "the plan of " + source + " at revision " + plan.revision();
                } else if (last != null && "finished".equals(last.state()) && last.rows() != null) {
                    expected = last.rows();
                    clusterId = last.clusterId();
                    expectedFrom = "the plan recorded by the last migrate (connect etcd to compare with the source as it is now)";
                } else {
                    findings.add(where + " holds RisingWave metadata; without etcd or a finished run on record there is nothing to compare it with");
                    return new DoctorResult(UNCOMPARED, lastRun, endpoint.display(), findings, "connect etcd --endpoints HOST:PORT, then: doctor",
                            List.of(), false);
                }
                List<Difference> diffs = new ArrayList<>();
                Map<String, String> relations = d.relations(c);
                for (Map.Entry<String, Long> e : new LinkedHashMap<>(expected).entrySet()) {
                    long actual = relations.containsKey(e.getKey()) ? d.countRows(c, e.getKey()) : -1;
                    if (actual != e.getValue()) {
                        diffs.add(new Difference(e.getKey(), e.getValue(), actual));
                    }
                }
                String targetCluster = TargetRecord.clusterIdOf(c, d);
                if (clusterId != null && !clusterId.equals(targetCluster)) {
                    findings.add("cluster id: the target says " + targetCluster + ", the source " + clusterId);
                }
                findings.add("compared with " + expectedFrom + ": row counts per table and the cluster id" + (plan != null ? ""
                        : " (values inside rows are not compared; connect etcd or a backup and run doctor again to diff every row)"));
                if (diffs.isEmpty() && (clusterId == null || clusterId.equals(targetCluster))) {
                    return new DoctorResult(CLEAN, lastRun, endpoint.display(), findings, grant != null ? grant
                            : "config emit (the meta node's settings for this store), then start RisingWave on it", List.of(), false);
                }
                return new DoctorResult(DIFFERING, lastRun, endpoint.display(), findings, prefix + "migrate -f --yes (replaces the target with the "
                        + "source again)", diffs, false);
            });
            if (plan == null || !(r.state().equals(CLEAN) || r.state().equals(DIFFERING))) {
                return whileLive(r, session, last, sql);
            }
            return whileLive(withDiff(r, missingGrant[0], keyspace, plan, source, sql), session, last, sql);
        } catch (CommandInterruptedException e) {
            throw e; // Ctrl-C stops the command; it is no failed check
        } catch (RwshException e) {
            findings.add(e.getMessage());
            return new DoctorResult(UNREACHABLE, lastRun, endpoint.display(), findings, "start the SQL server (or correct the endpoint), then: doctor",
                    List.of(), false);
        }
    }

    /**
     * A target that holds metadata while a meta node held a live lease on the source (the last run
     * used --ignore-live-meta, or the connected etcd has one now) may lack what that node wrote
     * after the migrated revision: never "complete and clean".
     */
    private static DoctorResult whileLive(DoctorResult r, Session session, MigrateCommand.RunState last, SqlConnection sql) {
        if (!(r.state().equals(CLEAN) || r.state().equals(DIFFERING) || r.state().equals(UNCOMPARED))) {
            return r;
        }
        List<String> findings = new ArrayList<>(r.findings());
        boolean live = false;
        if (last != null && "finished".equals(last.state()) && last.liveMeta() != null && !last.dryRun()
                && MigrateCommand.targetName(sql).equals(last.target())) {
            findings.add("the last migrate into this target ran with --ignore-live-meta while " + last.liveMeta() + ": what that meta node "
                    + "wrote to etcd after revision " + last.revision() + " is not in the target");
            live = true;
        }
        if (session.etcd().isPresent()) {
            EtcdSnapshot now = EtcdSnapshot.open(session.etcd().get());
            MetaElection.Leases leases = MetaElection.read(session.etcd().get(), now);
            if (leases.anyLive()) {
                findings.add("the source etcd has a live leader lease now: " + leases.describeLive());
                live = true;
            }
        }
        if (!live) {
            return r;
        }
        return new DoctorResult(MIGRATED_WHILE_LIVE, r.lastRun(), r.target(), findings, "stop every meta node of the etcd cluster and wait until "
                + "its lease runs out (preflight checks it), then: migrate -f --yes (migrates what etcd holds then)", r.differences(), false);
    }

    /**
     * A complete target compared row by row with diff's engine: clean only when diff finds nothing;
     * otherwise "complete but differing" with the count of differing objects and their categories.
     */
    private static DoctorResult withDiff(DoctorResult r, String missingGrant, Keyspace keyspace, MigrationPlan plan, String source, SqlConnection sql) {
        List<String> findings = new ArrayList<>(r.findings());
        if (plan.refuses()) {
            findings.add("diff not run: " + source + " holds metadata migrate refuses (" + plan.errors().size() + " problem(s); migrate --dry-run "
                    + "lists them): row counts and cluster id only");
            return new DoctorResult(r.state(), r.lastRun(), r.target(), findings, r.next(), r.differences(), false);
        }
        DiffResult diff;
        try {
            diff = DiffService.compare(keyspace, plan, source, sql, new DiffCommand.Options(false, null, 0), MigrationListener.NONE);
        } catch (CommandInterruptedException e) {
            throw e; // Ctrl-C stops the command; it is no failed check
        } catch (RwshException e) {
            findings.add("diff failed (row counts and cluster id only): " + e.getMessage());
            return new DoctorResult(r.state(), r.lastRun(), r.target(), findings, r.next(), r.differences(), false);
        }
        if (diff.clean()) {
            findings.add("diff: every row equal to what migrate writes from " + source + " at revision " + plan.revision());
            return new DoctorResult(r.state(), r.lastRun(), r.target(), findings, r.next(), r.differences(), false);
        }
        long objects = 0;
        List<String> categories = new ArrayList<>();
        boolean afterStart = false;
        for (CategoryDiff c : diff.categories()) {
            long n = c.onlyInEtcd() + c.onlyInSql() + c.different();
            if (n > 0) {
                objects += n;
                categories.add(c.category());
                afterStart |= c.note() != null;
            }
        }
        findings.add(DIFFERING + ": " + objects + " object" + (objects == 1 ? "" : "s") + " in categor" + (categories.size() == 1 ? "y " : "ies ")
                + String.join(", ", categories) + "; run diff --details");
        if (afterStart) {
            findings.add("some of these categories change by themselves once a RisingWave meta node has started on the store (diff's notes, "
                    + "docs/diff.md)");
        }
        // a missing privilege found on the way still comes first
        String grant = missingGrant == null ? "" : missingGrant + "; then: ";
        return new DoctorResult(DIFFERING, r.lastRun(), r.target(), findings, grant + "diff --details (each differing object and field); to replace "
                + "the target with the source again: migrate -f --yes", r.differences(), false);
    }
}
