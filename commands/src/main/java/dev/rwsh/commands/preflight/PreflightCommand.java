package dev.rwsh.commands.preflight;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backup.BackupFile;
import dev.rwsh.commands.backup.BackupProgress;
import dev.rwsh.commands.backup.BackupHeader;
import dev.rwsh.commands.etcd.EtcdConnectOptions;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdConnector;
import dev.rwsh.commands.etcd.EtcdEndpoints;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.etcd.MetaElection;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.JobIndex;
import dev.rwsh.commands.meta.MetaCatalog;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.migrate.MigrationPlan;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.schema.TargetVerdict;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.sql.SqlFailure;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code preflight}: every check worth making before {@code migrate}, each reported as ok, warning
 * or failed with the fix. Reads etcd; on the SQL target it only proves, leaving nothing behind,
 * that tables can be created and filled. Any failed check makes the result CHECK_FAILED (exit 3).
 * What each check can and cannot observe is in docs/commands.md (## Preflight and troubleshooting).
 */
public final class PreflightCommand {
    /** The guide asks for this version or later before migrating (it carries migration fixes). */
    static final int[] MIN_VERSION = {2, 0, 5};
    static final String OK = "ok";
    static final String WARNING = "warning";
    static final String FAILED = "failed";
    static final String NOT_RUN = "not run";

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
            return checks.stream().filter(c -> c.result().equals(FAILED)).count();
        }

        public long warnings() {
            return checks.stream().filter(c -> c.result().equals(WARNING)).count();
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

    // ---------------------------------------------------------------------------------------------

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
        List<Check> checks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> planWarnings = new ArrayList<>();
        EtcdConnection ownEtcd = null;
        SqlConnection ownSql = null;
        String sourceName = etcdEndpoints != null ? "etcd " + etcdEndpoints
                : session.etcd().map(e -> "etcd " + e.endpoints().display()).orElse("no etcd");
        String targetName = sqlEndpoint != null ? SqlEndpoint.parse(sqlEndpoint).display()
                : session.sql().map(s -> s.endpoint().display()).orElse("no SQL target");
        try {
            EtcdConnection etcd = null;
            BackupFile offlineSource = null;
            if (etcdEndpoints != null) {
                try {
                    ownEtcd = EtcdConnector.connect(new EtcdConnectOptions(EtcdEndpoints.parse(etcdEndpoints, false), null, null, null));
                    etcd = ownEtcd;
                } catch (CommandInterruptedException e) {
                    throw e; // Ctrl-C stops the command; it is no failed check
                } catch (RwshException e) {
                    checks.add(new Check("etcd reachable", FAILED, e.getMessage(), "start etcd or correct --etcd-endpoints"));
                }
            } else if (session.etcd().isPresent()) {
                etcd = session.etcd().get();
            } else if (session.backup().isPresent()) {
                offlineSource = session.backup().get();
            } else {
                checks.add(new Check("etcd reachable", FAILED, "not connected to etcd", "connect etcd --endpoints HOST:PORT (or preflight --etcd-endpoints)"));
            }
            // The backup to compare: --backup, else the session's backup source (connect etcd --backup FILE).
            Path backup = options.backup() != null ? options.backup() : session.backup().map(BackupFile::path).orElse(null);
            Source src = etcd != null ? etcdChecks(etcd, options, backup, checks, problems, planWarnings, progress)
                    : offlineSource != null ? backupSourceChecks(offlineSource, options, checks, problems, planWarnings) : null;
            if (etcd == null && offlineSource == null) {
                for (String c : List.of("etcd healthy", "RisingWave metadata present", "meta node stopped", "no recent writes", "backup",
                        "metadata references resolve", "version that wrote the metadata", "streaming jobs finished creating")) {
                    checks.add(new Check(c, NOT_RUN, "needs etcd", ""));
                }
            }

            SqlConnection sql = null;
            if (sqlEndpoint != null) {
                try {
                    ownSql = SqlConnector.connect(session.sqlEndpoint(sqlEndpoint));
                    sql = ownSql;
                } catch (CommandInterruptedException e) {
                    throw e; // Ctrl-C stops the command; it is no failed check
                } catch (RwshException e) {
                    sqlConnectFailure(e, checks);
                }
            } else if (session.sql().isPresent()) {
                sql = session.sql().get();
            } else {
                checks.add(new Check("SQL target reachable", FAILED, "not connected to a SQL meta store",
                        "connect sql --endpoint URL (or preflight --sql-endpoint URL)"));
            }
            if (sql != null) {
                sqlChecks(sql, options, src, checks);
            }
        } finally {
            if (ownEtcd != null) {
                ownEtcd.close();
            }
            if (ownSql != null) {
                ownSql.close();
            }
        }
        return new PreflightResult(sourceName, targetName, checks, problems, planWarnings);
    }

    /** What the SQL checks need to know of the source. */
    record Source(long metadataBytes, MigrationPlan plan) {
        Source(long metadataBytes) {
            this(metadataBytes, null);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // etcd

    private static Source etcdChecks(EtcdConnection etcd, Options options, Path backup, List<Check> checks, List<String> problems, List<String> planWarnings,
            BackupProgress progress) {
        long revision;
        try {
            GetResponse probe = etcd.get(ByteSequence.from(new byte[] {0}), GetOption.builder().withCountOnly(true).build());
            revision = probe.getHeader().getRevision();
            checks.add(new Check("etcd reachable", OK, etcd.endpoints().display() + " at revision " + revision, ""));
        } catch (CommandInterruptedException e) {
            throw e; // Ctrl-C stops the command; it is no failed check
        } catch (RwshException e) {
            checks.add(new Check("etcd reachable", FAILED, e.getMessage(), "start etcd or correct the endpoint"));
            return null;
        }
        health(etcd, checks);

        Keyspace ks = EtcdSnapshot.at(etcd, revision);
        MetaReader reader = new MetaReader(ks);
        String clusterId = reader.get(ColumnFamily.CLUSTER_ID, ColumnFamily.CLUSTER_ID_KEY).map(e -> e.text() == null ? "?" : e.text().trim())
                .orElse(null);
        if (clusterId == null) {
            checks.add(new Check("RisingWave metadata present", FAILED, "no cf/cluster_id at revision " + revision
                    + ": this etcd holds no RisingWave meta store (or another prefix does)", "point --etcd-endpoints at the meta store's etcd"));
        } else {
            checks.add(new Check("RisingWave metadata present", OK, "cluster id " + clusterId, ""));
        }

        electionCheck(etcd, ks, checks);
        Scan scan = scan(ks, options);
        activityCheck(etcd, revision, scan, options, checks, progress);
        backupCheck(backup, scan, clusterId, checks);
        return metadataChecks(reader, clusterId, scan, checks, problems, planWarnings);
    }

    /**
     * An offline migration from a backup ({@code connect etcd --backup FILE}): the checks of a live
     * etcd's state do not apply, the backup is the source itself, and the metadata checks read it.
     */
    private static Source backupSourceChecks(BackupFile source, Options options, List<Check> checks, List<String> problems,
            List<String> planWarnings) {
        String offline = "offline: the source is the backup " + source.path() + " (revision " + source.header().revision()
                + ", taken " + source.header().createdAt() + ")";
        checks.add(new Check("etcd reachable", OK, offline, ""));
        for (String c : List.of("etcd healthy", "meta node stopped", "no recent writes")) {
            checks.add(new Check(c, NOT_RUN, "offline source: make sure the cluster was stopped before the backup was taken", ""));
        }
        Keyspace ks = source.keyspace();
        MetaReader reader = new MetaReader(ks);
        String clusterId = reader.get(ColumnFamily.CLUSTER_ID, ColumnFamily.CLUSTER_ID_KEY).map(e -> e.text() == null ? "?" : e.text().trim())
                .orElse(null);
        checks.add(clusterId == null
                ? new Check("RisingWave metadata present", FAILED, "no cf/cluster_id in the backup", "use a backup of the meta store's etcd")
                : new Check("RisingWave metadata present", OK, "cluster id " + clusterId, ""));
        checks.add(new Check("backup", OK, "the source is the backup itself", ""));
        return metadataChecks(reader, clusterId, scan(ks, options), checks, problems, planWarnings);
    }

    /** The checks of the metadata itself, the same for a live etcd and a backup. */
    private static Source metadataChecks(MetaReader reader, String clusterId, Scan scan, List<Check> checks, List<String> problems,
            List<String> planWarnings) {
        if (clusterId == null) {
            for (String c : List.of("metadata references resolve", "version that wrote the metadata", "streaming jobs finished creating")) {
                checks.add(new Check(c, NOT_RUN, "no RisingWave metadata", ""));
            }
            return new Source(scan.bytes);
        }

        // The validating pass of migrate, unchanged: what migrate --dry-run refuses, preflight fails.
        MigrationPlan plan = MigrationPlan.build(reader, MigrationListener.NONE);
        problems.addAll(plan.errors());
        planWarnings.addAll(plan.warnings());
        if (plan.errors().isEmpty()) {
            checks.add(new Check("metadata references resolve", plan.warnings().isEmpty() ? OK : WARNING, plan.warnings().isEmpty()
                    ? "validated as migrate --dry-run does: no problem"
                    : "validated: no problem; migrate will warn " + plan.warnings().size() + " time(s) (listed below)", ""));
        } else {
            checks.add(new Check("metadata references resolve", FAILED, plan.errors().size() + " problem(s), e.g. " + plan.errors().get(0),
                    "repair the metadata with RisingWave before migrating (drop or recreate the objects named below); migrate --dry-run lists them too"));
        }
        versionChecks(reader, checks);
        return new Source(scan.bytes, plan);
    }

    private static void health(EtcdConnection etcd, List<Check> checks) {
        try {
            List<String> bad = new ArrayList<>();
            for (var uri : etcd.endpoints().uris()) {
                var status = etcd.status(uri);
                if (status.getLeader() == 0) {
                    bad.add(uri + " has no leader");
                }
            }
            List<String> alarms = etcd.alarms();
            if (!alarms.isEmpty()) {
                bad.add("alarms " + String.join(", ", alarms));
            }
            checks.add(bad.isEmpty() ? new Check("etcd healthy", OK, "every endpoint answers and has a leader; no alarm", "")
                    : new Check("etcd healthy", FAILED, String.join("; ", bad),
                            "repair etcd first (etcdctl endpoint health; etcdctl alarm list; after NOSPACE: compact, defrag, alarm disarm)"));
        } catch (CommandInterruptedException e) {
            throw e; // Ctrl-C stops the command; it is no failed check
        } catch (RwshException e) {
            checks.add(new Check("etcd healthy", FAILED, e.getMessage(), "etcdctl endpoint health --endpoints ... says which member is down"));
        }
    }

    private static void electionCheck(EtcdConnection etcd, Keyspace ks, List<Check> checks) {
        MetaElection.Leases leases = MetaElection.read(etcd, ks);
        if (leases.anyLive()) {
            checks.add(new Check("meta node stopped", FAILED, "a live leader lease: " + leases.describeLive(),
                    "stop every meta node (and the rest of the cluster), wait until the lease runs out, then run preflight again"));
        } else if (!leases.stale().isEmpty()) {
            checks.add(new Check("meta node stopped", OK, "no live lease under __meta_election_; left over: " + String.join(", ", leases.stale()), ""));
        } else {
            checks.add(new Check("meta node stopped", OK, "no key under __meta_election_ (every meta node resigned or its lease expired)", ""));
        }
    }

    /** One keys-only pass (with values only when their size matters) over the keyspace. */
    static final class Scan {
        long lastChange;
        String lastChangeKey;
        long lastWorkerChange;
        long workers;
        long bytes;
    }

    private static Scan scan(Keyspace ks, Options options) {
        Scan s = new Scan();
        byte[] workerPrefix = ColumnFamily.WORKER.familyName().concat("/").getBytes(StandardCharsets.US_ASCII);
        ks.scan(new byte[0], false, e -> {
            if (startsWith(e.key(), MetaElection.PREFIX)) {
                return true;
            }
            s.bytes += e.key().length + Math.max(0, e.valueSize());
            if (e.modRevision() > s.lastChange) {
                s.lastChange = e.modRevision();
                s.lastChangeKey = KeyText.escape(e.key());
            }
            if (startsWith(e.key(), workerPrefix)) {
                s.workers++;
                s.lastWorkerChange = Math.max(s.lastWorkerChange, e.modRevision());
            }
            return true;
        });
        return s;
    }

    private static void activityCheck(EtcdConnection etcd, long revision, Scan scan, Options options, List<Check> checks, BackupProgress progress) {
        String workers = scan.workers == 0 ? "no worker key" : scan.workers + " worker key(s), last written at revision " + scan.lastWorkerChange;
        String last = "last metadata write at revision " + scan.lastChange + (scan.lastChangeKey == null ? "" : " (" + scan.lastChangeKey + ")");
        if (options.watch() == null || options.watch().isZero()) {
            checks.add(new Check("no recent writes", WARNING, "not watched (--watch 0); " + last + "; " + workers,
                    "run preflight with --watch SECONDS while nothing should write"));
            return;
        }
        long waitMillis = options.watch().toMillis();
        progress.begin("watching etcd for writes", waitMillis / 1000, "s");
        try {
            // in slices, so the progress moves second by second
            for (long slept = 0; slept < waitMillis; ) {
                long slice = Math.min(1000, waitMillis - slept);
                Thread.sleep(slice);
                slept += slice;
                progress.advance(slice / 1000);
            }
        } catch (InterruptedException e) {
            throw new CommandInterruptedException("preflight interrupted while watching etcd's revision: no check result; nothing was changed", e);
        } finally {
            progress.end();
        }
        GetResponse now = etcd.get(ByteSequence.from(new byte[] {0}), GetOption.builder().withCountOnly(true).build());
        long after = now.getHeader().getRevision();
        if (after == revision) {
            checks.add(new Check("no recent writes", OK, "revision " + revision + " did not move in " + options.watch().toSeconds() + " s; " + last
                    + "; " + workers, ""));
            return;
        }
        GetResponse changed = etcd.get(ByteSequence.from(new byte[] {0}), GetOption.builder().withRange(ByteSequence.from(new byte[] {0}))
                .withKeysOnly(true).withMinModRevision(revision + 1).withLimit(5).build());
        List<String> keys = new ArrayList<>();
        changed.getKvs().forEach(kv -> keys.add(KeyText.escape(kv.getKey().getBytes())));
        checks.add(new Check("no recent writes", FAILED, "revision moved from " + revision + " to " + after + " in " + options.watch().toSeconds()
                + " s" + (keys.isEmpty() ? " (keys deleted)" : "; written: " + String.join(", ", keys)) + "; " + workers,
                "stop every RisingWave node (meta, compute, compactor, frontend) and whatever else writes to this etcd, then run preflight again"));
    }

    /** Waits {@code watch} (a command's --watch); an interrupt (Ctrl-C) ends the command with "interrupted while WHAT". */
    public static void pause(Duration watch, String what) {
        try {
            Thread.sleep(watch.toMillis());
        } catch (InterruptedException e) {
            throw new CommandInterruptedException("interrupted while " + what + "; nothing was changed", e);
        }
    }

    private static void backupCheck(Path file, Scan scan, String clusterId, List<Check> checks) {
        if (file == null) {
            checks.add(new Check("backup", WARNING, "no backup known to this session", "take one after the cluster stopped (backup save FILE) "
                    + "and pass preflight --backup FILE"));
            return;
        }
        BackupHeader h;
        try (BackupFile backup = BackupFile.open(file, false)) {
            h = backup.header();
        } catch (CommandInterruptedException e) {
            throw e; // Ctrl-C stops the command; it is no failed check
        } catch (RwshException e) {
            checks.add(new Check("backup", WARNING, e.getMessage() + " (an etcd snapshot's revision cannot be read without restoring it)",
                    "take an rwsh backup (backup save FILE) and pass it with --backup"));
            return;
        }
        if (clusterId != null && h.rwClusterId() != null && !h.rwClusterId().equals(clusterId)) {
            checks.add(new Check("backup", WARNING, file + " is of cluster " + h.rwClusterId() + ", etcd holds cluster " + clusterId,
                    "back up this etcd (backup save FILE)"));
        } else if (h.prefix().length > 0) {
            checks.add(new Check("backup", WARNING, file + " holds only the keys under " + KeyText.escape(h.prefix()),
                    "back up the whole keyspace (backup save FILE, without --prefix)"));
        } else if (h.revision() < scan.lastChange) {
            checks.add(new Check("backup", WARNING, file + " was taken at revision " + h.revision() + ", before the last metadata write at "
                    + scan.lastChange + (scan.lastChangeKey == null ? "" : " (" + scan.lastChangeKey + ")"),
                    "take a new backup now that the cluster is stopped (backup save FILE)"));
        } else {
            checks.add(new Check("backup", OK, file + " at revision " + h.revision() + " holds the last metadata write (revision "
                    + scan.lastChange + ")", ""));
        }
    }

    private static void versionChecks(MetaReader reader, List<Check> checks) {
        MetaCatalog catalog = MetaCatalog.load(reader);
        List<String> old = new ArrayList<>();
        Map<String, Integer> versions = new TreeMap<>();
        int internal = 0;
        for (MetaCatalog.CatalogObject o : catalog.objects()) {
            FieldDescriptor f = o.catalog().getDescriptorForType().findFieldByName("created_at_cluster_version");
            if (f == null || !o.catalog().hasField(f)) {
                continue;
            }
            String v = (String) o.catalog().getField(f);
            if (olderThanMinimum(v)) {
                versions.merge(v, 1, Integer::sum);
                if (o.kind() == MetaCatalog.Kind.INTERNAL_TABLE) {
                    internal++;
                } else {
                    old.add(o.kind().label() + " " + catalog.qualifiedName(o));
                }
            }
        }
        if (old.isEmpty() && internal == 0) {
            checks.add(new Check("version that wrote the metadata", OK, "every catalog object that records its version was created by v2.0.5 or later", ""));
        } else {
            int n = old.size() + internal;
            checks.add(new Check("version that wrote the metadata", WARNING, n + " catalog object(s) created by a version older than v2.0.5 "
                    + versions + ": " + String.join(", ", old.subList(0, Math.min(5, old.size()))) + (old.size() > 5 ? ", ..." : "")
                    + (internal > 0 ? " (and " + internal + " internal table(s))" : ""),
                    "RisingWave's guide asks to run v2.0.5 or later before migrating: upgrade the cluster to v2.0.7, start it once, stop it, preflight again"));
        }
        List<String> creating = new ArrayList<>();
        JobIndex jobs = JobIndex.load(reader, null);
        for (JobIndex.Job j : jobs.jobs().values()) {
            if (j.state().equals("creating") || j.state().equals("initial")) {
                String name = catalog.objects().stream().filter(o -> o.kind() != MetaCatalog.Kind.INTERNAL_TABLE && MetaCatalog.ownJobId(o) == j.id())
                        .map(o -> o.kind().label() + " " + catalog.qualifiedName(o)).findFirst().orElse("job " + j.id());
                creating.add(name + " (job " + j.id() + ", " + j.state() + ")");
            }
        }
        if (creating.isEmpty()) {
            checks.add(new Check("streaming jobs finished creating", OK, jobs.jobs().size() + " job(s), none still creating", ""));
        } else {
            for (String c : creating) {
                checks.add(new Check("streaming jobs finished creating", WARNING, c + " is still creating: after the migration it will not resume "
                        + "as a background job", "let it finish before stopping the cluster, or drop it and create it again after the migration"));
            }
        }
    }

    /** Whether a version text such as "1.9.1", "v2.0.4" or "2.0.0-rc.1" is older than v2.0.5. Unparseable texts are not. */
    static boolean olderThanMinimum(String version) {
        if (version == null) {
            return false;
        }
        String v = version.trim();
        if (v.startsWith("v") || v.startsWith("V")) {
            v = v.substring(1);
        }
        String[] parts = v.split("[.\\-+ ]");
        int[] n = new int[3];
        for (int i = 0; i < 3; i++) {
            if (i >= parts.length || !parts[i].matches("\\d+")) {
                if (i == 0) {
                    return false;
                }
                break;
            }
            n[i] = Integer.parseInt(parts[i]);
        }
        for (int i = 0; i < 3; i++) {
            if (n[i] != MIN_VERSION[i]) {
                return n[i] < MIN_VERSION[i];
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // SQL

    private static void sqlConnectFailure(RwshException e, List<Check> checks) {
        String m = e.getMessage();
        SqlFailure.Kind kind = e instanceof SqlFailure f ? f.kind() : SqlFailure.Kind.OTHER;
        String fix = e instanceof SqlFailure f && !f.fix().isEmpty() ? f.fix() : null;
        switch (kind) {
            case NO_DATABASE -> {
                checks.add(new Check("SQL target reachable", OK, "the server answers", ""));
                checks.add(new Check("database exists", FAILED, m, fix));
            }
            case CREDENTIALS_REFUSED -> {
                checks.add(new Check("SQL target reachable", OK, "the server answers", ""));
                checks.add(new Check("credentials accepted", FAILED, m, "correct the user and password in the endpoint"));
            }
            case NO_DATABASE_ACCESS, PERMISSION_DENIED -> {
                checks.add(new Check("SQL target reachable", OK, "the server answers", ""));
                checks.add(new Check("database exists", FAILED, m, fix == null ? "grant the user access to the database" : fix));
            }
            default -> checks.add(new Check("SQL target reachable", FAILED, m, "start the SQL server or correct the endpoint"));
        }
        for (String c : List.of("may create tables and insert", "no other migration into the target", "target empty of RisingWave metadata")) {
            checks.add(new Check(c, NOT_RUN, "needs a connection to the database", ""));
        }
    }

    private static void sqlChecks(SqlConnection sql, Options options, Source src, List<Check> checks) {
        SqlEndpoint endpoint = sql.endpoint();
        try {
            sql.withDialect("check", (c, d) -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                checks.add(new Check("SQL target reachable", OK, d.serverName() + ", " + d.where(endpoint), ""));
                if (endpoint.backend() != SqlBackend.SQLITE) {
                    checks.add(new Check("database exists", OK, endpoint.database(), ""));
                }
                try {
                    d.checkCanCreate(c, endpoint);
                    checks.add(new Check("may create tables and insert", OK, "user " + d.currentUser(c)
                            + " created and filled a probe table (rolled back or dropped: nothing left)", ""));
                } catch (CommandInterruptedException e) {
                    throw e; // Ctrl-C stops the command; it is no failed check
                } catch (RwshException e) {
                    checks.add(new Check("may create tables and insert", FAILED, e.getMessage(), e.nextStep()));
                }
                // The lock migrate takes: another run holds it now.
                java.util.Optional<String> holder = d.targetLockHolder(c, endpoint);
                checks.add(holder.isPresent()
                        ? new Check("no other migration into the target", FAILED, "another migration into " + d.where(endpoint) + " is running ("
                                + holder.get() + ")", "wait for it to finish ('migrate status' where it runs), then run preflight again")
                        : new Check("no other migration into the target", OK, "nobody holds the target's migration lock", ""));
                // The same verdict migrate acts on.
                TargetVerdict verdict = TargetVerdict.judge(c, d);
                String what = d.where(endpoint) + " " + verdict.found();
                if (verdict.reusable()) {
                    checks.add(new Check("target empty of RisingWave metadata", OK, verdict.kind() == TargetVerdict.Kind.EMPTY ? "no RisingWave table"
                            : "RisingWave's tables hold only their seeds", ""));
                } else if (options.force()) {
                    checks.add(new Check("target empty of RisingWave metadata", WARNING, what + "; --force: migrate -f will drop it and migrate "
                            + "again", ""));
                } else {
                    checks.add(new Check("target empty of RisingWave metadata", FAILED, what, switch (verdict.kind()) {
                        case PARTIAL -> "migrate -f --yes (drops RisingWave's tables and the marker, and migrates again)";
                        case METADATA -> "use another database, or replace it on purpose: preflight --force, then migrate -f";
                        default -> verdict.repair();
                    }));
                }
                if (src != null && src.plan() != null) {
                    List<String> unstorable = src.plan().textsTheTargetCannotStore(d);
                    checks.add(unstorable.isEmpty() ? new Check("target stores every text", OK, "no name or text the target cannot store", "")
                            : new Check("target stores every text", FAILED, unstorable.size() + " text(s): " + String.join("; ", unstorable),
                                    "rename them in RisingWave before migrating, or migrate to PostgreSQL or SQLite"));
                }
                if (endpoint.backend() == SqlBackend.SQLITE) {
                    diskCheck(endpoint.path(), src, checks);
                }
                return null;
            });
        } catch (CommandInterruptedException e) {
            throw e; // Ctrl-C stops the command; it is no failed check
        } catch (RwshException e) {
            // once the server answered, a later failure is not about reaching it: reported once, under what was being checked
            boolean reached = checks.stream().anyMatch(ch -> ch.check().equals("SQL target reachable"));
            String fix = e instanceof SqlFailure ? e.fix() : e.nextStep();
            checks.add(new Check(reached ? "target empty of RisingWave metadata" : "SQL target reachable", FAILED, e.getMessage(), fix));
        }
    }

    private static void diskCheck(Path file, Source src, List<Check> checks) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            long free = Files.getFileStore(dir).getUsableSpace();
            if (src == null) {
                checks.add(new Check("free disk space", WARNING, human(free) + " free in " + dir + "; the metadata size is unknown without etcd", ""));
                return;
            }
            long need = 2 * src.metadataBytes();
            checks.add(free >= need ? new Check("free disk space", OK, human(free) + " free in " + dir + ", at least twice the metadata ("
                    + human(src.metadataBytes()) + ")", "")
                    : new Check("free disk space", FAILED, human(free) + " free in " + dir + ", less than twice the metadata (" + human(src.metadataBytes())
                            + ")", "free at least " + human(need - free) + " or put the database file elsewhere"));
        } catch (IOException e) {
            checks.add(new Check("free disk space", WARNING, "cannot read the free space of " + file.getParent() + ": " + e.getMessage(), ""));
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
