package dev.rwsh.commands.preflight;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backupfile.BackupFile;
import dev.rwsh.commands.backupfile.BackupProgress;
import dev.rwsh.commands.etcd.EtcdConnectOptions;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdConnector;
import dev.rwsh.commands.etcd.EtcdEndpoints;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.sql.SqlFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code preflight}: every check worth making before {@code migrate}, each reported as ok, warning
 * or failed with the fix. Reads etcd; on the SQL target it only proves, leaving nothing behind,
 * that tables can be created and filled. Any failed check makes the result CHECK_FAILED (exit 3).
 * What each check can and cannot observe is in docs/commands.md (## Preflight and troubleshooting).
 */
public final class PreflightCommand {
    private PreflightCommand() {
    }

    /**
     * @param force the target is meant to be replaced ({@code migrate -f}): RisingWave metadata there is a warning, not a failure
     * @param backup an rwsh backup file to compare with the last metadata change, or null (then the session's backup source, if any)
     * @param watch how long to watch etcd's revision for writes (zero: not watched)
     */
    public record Options(boolean force, Path backup, Duration watch) {
        public static final Duration DEFAULT_WATCH = Duration.ofSeconds(2);
    }

    /** One line of the report. */
    public record Check(String check, String result, String detail, String fix) {
    }

    public record PreflightResult(String source, String target, List<Check> checks, List<String> problems, List<String> planWarnings)
            implements CommandResult {
        public long failed() {
            return checks.stream().filter(c -> c.result().equals(Outcome.FAILED.text())).count();
        }

        public long warnings() {
            return checks.stream().filter(c -> c.result().equals(Outcome.WARNING.text())).count();
        }

        public Check check(String name) {
            return checks.stream().filter(c -> c.check().equals(name)).findFirst().orElse(null);
        }

        @Override
        public List<TableView> tables() {
            List<TableView> out = new ArrayList<>();
            TableView.Builder t = TableView.builder("preflight: " + source + " -> " + target + ": " + (failed() == 0 ? "ready" : failed()
                    + " check(s) failed") + (warnings() == 0 ? "" : ", " + warnings() + " warning(s)"), "check", "result", "detail", "fix");
            checks.forEach(c -> t.row(c.check(), c.result(), c.detail(), c.fix()));
            out.add(t.build());
            if (!problems.isEmpty()) {
                TableView.Builder p = TableView.builder("problems in the metadata (v2.0.7's migration would fail)", "problem");
                problems.forEach(p::row);
                out.add(p.build());
            }
            if (!planWarnings.isEmpty()) {
                TableView.Builder w = TableView.builder("what migrate will warn about", "warning");
                planWarnings.forEach(w::row);
                out.add(w.build());
            }
            return out;
        }

        @Override
        public ExitStatus exitStatus() {
            return failed() > 0 ? ExitStatus.CHECK_FAILED : ExitStatus.OK;
        }
    }

    /**
     * Runs every check. Each side is the session's connection, or, when an endpoint is given, a
     * connection preflight opens (and closes) itself, so that an unreachable service or a missing
     * database is reported as a check rather than stopping the command.
     */
    public static PreflightResult run(Session session, String etcdEndpoints, String sqlEndpoint, Options options) {
        return run(session, etcdEndpoints, sqlEndpoint, options, BackupProgress.NONE);
    }

    /** As above; the watch of etcd's revision ({@code --watch}) reports its seconds to {@code progress}. */
    public static PreflightResult run(Session session, String etcdEndpoints, String sqlEndpoint, Options options, BackupProgress progress) {
        PreflightContext context = new PreflightContext(options, progress);
        List<Check> checks = new ArrayList<>();
        EtcdConnection ownEtcd = null;
        SqlConnection ownSql = null;
        String sourceName = etcdEndpoints != null ? "etcd " + etcdEndpoints
                : session.etcd().map(e -> "etcd " + e.endpoints().display()).orElse("no etcd");
        String targetName = sqlEndpoint != null ? SqlEndpoint.parse(sqlEndpoint).display()
                : session.sql().map(s -> s.endpoint().display()).orElse("no SQL target");
        try {
            if (etcdEndpoints != null) {
                try {
                    ownEtcd = EtcdConnector.connect(new EtcdConnectOptions(EtcdEndpoints.parse(etcdEndpoints, false), null, null, null));
                    context.etcd = ownEtcd;
                } catch (CommandInterruptedException e) {
                    throw e; // Ctrl-C stops the command; it is no failed check
                } catch (RwshException e) {
                    checks.add(new EtcdReachableCheck().failed(e.getMessage(), "start etcd or correct --etcd-endpoints"));
                }
            } else if (session.etcd().isPresent()) {
                context.etcd = session.etcd().get();
            } else if (session.backup().isPresent()) {
                context.offlineSource = session.backup().get();
            } else {
                checks.add(new EtcdReachableCheck().failed("not connected to etcd",
                        "connect etcd --endpoints HOST:PORT (or preflight --etcd-endpoints)"));
            }
            // The backup to compare: --backup, else the session's backup source (connect etcd --backup FILE).
            context.backup = options.backup() != null ? options.backup() : session.backup().map(BackupFile::path).orElse(null);
            if (context.etcd != null) {
                etcdChecks(context, checks);
            } else if (context.offlineSource != null) {
                backupSourceChecks(context, checks);
            } else {
                checks.addAll(PreflightCheck.notRun("needs etcd", new EtcdHealthCheck(), new MetadataPresentCheck(), new MetaStoppedCheck(),
                        new RecentWritesCheck(), new BackupCheck(), new PlanCheck(), new WriterVersionCheck(), new CreatingJobsCheck()));
            }

            SqlConnection sql = null;
            if (sqlEndpoint != null) {
                try {
                    ownSql = SqlConnector.connect(session.sqlEndpoint(sqlEndpoint));
                    sql = ownSql;
                } catch (CommandInterruptedException e) {
                    throw e; // Ctrl-C stops the command; it is no failed check
                } catch (RwshException e) {
                    checks.addAll(new SqlReachableCheck().connectFailure(e));
                }
            } else if (session.sql().isPresent()) {
                sql = session.sql().get();
            } else {
                checks.add(new SqlReachableCheck().failed("not connected to a SQL meta store",
                        "connect sql --endpoint URL (or preflight --sql-endpoint URL)"));
            }
            if (sql != null) {
                sqlChecks(sql, context, checks);
            }
        } finally {
            if (ownEtcd != null) {
                ownEtcd.close();
            }
            if (ownSql != null) {
                ownSql.close();
            }
        }
        return new PreflightResult(sourceName, targetName, checks, context.problems, context.planWarnings);
    }

    /** A live etcd: reachable first; the rest read the keyspace at the revision it answered with. */
    private static void etcdChecks(PreflightContext context, List<Check> checks) {
        checks.addAll(new EtcdReachableCheck().run(context));
        if (context.keyspace == null) {
            return;
        }
        checks.addAll(new EtcdHealthCheck().run(context));
        checks.addAll(new MetadataPresentCheck().run(context));
        checks.addAll(new MetaStoppedCheck().run(context));
        context.scan = MetadataScan.of(context.keyspace);
        checks.addAll(new RecentWritesCheck().run(context));
        checks.addAll(new BackupCheck().run(context));
        metadataChecks(context, checks);
    }

    /**
     * An offline migration from a backup ({@code connect etcd --backup FILE}): the checks of a live
     * etcd's state do not apply, the backup is the source itself, and the metadata checks read it.
     */
    private static void backupSourceChecks(PreflightContext context, List<Check> checks) {
        BackupFile source = context.offlineSource;
        checks.add(new EtcdReachableCheck().ok("offline: the source is the backup " + source.path() + " (revision "
                + source.header().revision() + ", taken " + source.header().createdAt() + ")"));
        checks.addAll(PreflightCheck.notRun("offline source: make sure the cluster was stopped before the backup was taken",
                new EtcdHealthCheck(), new MetaStoppedCheck(), new RecentWritesCheck()));
        context.keyspace = source.keyspace();
        context.reader = new MetaReader(context.keyspace);
        checks.addAll(new MetadataPresentCheck().run(context));
        checks.addAll(new BackupCheck().run(context));
        context.scan = MetadataScan.of(context.keyspace);
        metadataChecks(context, checks);
    }

    /** The checks of the metadata itself, the same for a live etcd and a backup. */
    private static void metadataChecks(PreflightContext context, List<Check> checks) {
        if (context.clusterId == null) {
            checks.addAll(PreflightCheck.notRun("no RisingWave metadata", new PlanCheck(), new WriterVersionCheck(), new CreatingJobsCheck()));
            return;
        }
        checks.addAll(new PlanCheck().run(context));
        checks.addAll(new WriterVersionCheck().run(context));
        checks.addAll(new CreatingJobsCheck().run(context));
    }

    /** The target's checks on one connection; once the server answered, a later failure is reported once, under what was being checked. */
    private static void sqlChecks(SqlConnection sql, PreflightContext context, List<Check> checks) {
        try {
            sql.withDialect("check", (c, d) -> {
                context.connection = c;
                context.dialect = d;
                context.endpoint = sql.endpoint();
                for (PreflightCheck check : List.of(new SqlReachableCheck(), new CreateProbeCheck(), new MigrationLockCheck(), new TargetEmptyCheck(),
                        new StorableTextsCheck(), new DiskSpaceCheck(), new BulkPathCheck())) {
                    checks.addAll(check.run(context));
                }
                return null;
            });
        } catch (CommandInterruptedException e) {
            throw e; // Ctrl-C stops the command; it is no failed check
        } catch (RwshException e) {
            String fix = e instanceof SqlFailure ? e.fix() : e.nextStep();
            checks.add((context.targetAnswered ? new TargetEmptyCheck() : new SqlReachableCheck()).failed(e.getMessage(), fix));
        } finally {
            context.connection = null;
            context.dialect = null;
        }
    }

    /** Waits {@code watch} (a command's --watch); an interrupt (Ctrl-C) ends the command with "interrupted while WHAT". */
    public static void pause(Duration watch, String what) {
        try {
            Thread.sleep(watch.toMillis());
        } catch (InterruptedException e) {
            throw new CommandInterruptedException("interrupted while " + what + "; nothing was changed", e);
        }
    }

    /** {@link WriterVersionCheck#olderThanMinimum}. */
    static boolean olderThanMinimum(String version) {
        return WriterVersionCheck.olderThanMinimum(version);
    }
}
