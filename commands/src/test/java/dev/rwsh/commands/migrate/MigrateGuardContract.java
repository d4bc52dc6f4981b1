package dev.rwsh.commands.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.preflight.DoctorCommand;
import dev.rwsh.commands.preflight.PreflightCommand;
import dev.rwsh.commands.schema.MigrationMarker;
import dev.rwsh.commands.schema.SchemaCreateCommand;
import dev.rwsh.commands.schema.SchemaResources;
import dev.rwsh.commands.schema.TargetVerdict;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.LockHolder;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.TargetLock;
import dev.rwsh.commands.testsupport.LockHoldingProcess;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdKeyValueSink;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import dev.rwsh.commands.testsupport.TargetDump;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.PutOption;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * migrate's guard rails against real services, on each backend: a live meta node's lease in the
 * source etcd; a target with a newer or incomplete RisingWave schema; another run holding the
 * target's lock, alive or killed; migrate status from the target's own state. Every test leaves the
 * target empty for the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MigrateGuardContract {
    EtcdServer server;
    EtcdKeyValueSink writer;
    EtcdConnection etcd;
    ScratchDatabase db;
    SqlConnection sql;
    Path stateFile;

    protected abstract ScratchDatabase createTarget();

    @BeforeAll
    void start() throws Exception {
        server = EtcdServer.start();
        server.generateStopped(ClusterGenerator.Options.small(17));
        writer = new EtcdKeyValueSink(server.endpoint());
        etcd = server.connect();
        db = createTarget();
        sql = SqlConnector.connect(SqlEndpoint.parse(db.url()));
        stateFile = Files.createTempDirectory("rwsh-guard-state").resolve("migrate-state.json");
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {sql, etcd, writer, server, db}) {
            if (c != null) {
                c.close();
            }
        }
    }

    MigrateCommand.MigrateResult migrate(boolean force, boolean dryRun, boolean ignoreLiveMeta) {
        return MigrateCommand.run(EtcdSnapshot.open(etcd), "etcd " + server.endpoint(), sql,
                new MigrateCommand.Options(force, dryRun, stateFile, ignoreLiveMeta), MigrationListener.NONE);
    }

    DoctorCommand.DoctorResult doctor() {
        try (Session s = new Session()) {
            s.useEtcd(server.connect());
            return DoctorCommand.run(s, db.url(), stateFile, true);
        }
    }

    Map<String, List<String>> dump() throws Exception {
        return TargetDump.dump(sql);
    }

    /** Empties the target: RisingWave's tables and rwsh's own are dropped. */
    void emptyTarget() {
        sql.withDialect("empty", (c, d) -> {
            dev.rwsh.commands.schema.SchemaInstaller.drop(c, d);
            dev.rwsh.commands.schema.MigrationMarker.clear(c, d);
            return null;
        });
    }

    /** A meta node that has not stopped: its election key, held by a live lease; returns the lease. */
    long liveMetaNode(String address) throws Exception {
        long lease = writer.client().getLeaseClient().grant(600).get(10, TimeUnit.SECONDS).getID();
        writer.client().getKVClient().put(ByteSequence.from("__meta_election_/" + Long.toHexString(lease), StandardCharsets.US_ASCII),
                ByteSequence.from(address, StandardCharsets.UTF_8), PutOption.builder().withLeaseId(lease).build()).get(10, TimeUnit.SECONDS);
        return lease;
    }

    void revoke(long lease) throws Exception {
        writer.client().getLeaseClient().revoke(lease).get(10, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void aLiveMetaLeaseIsRefusedNamingTheNodeUnlessIgnoredWhichIsRecorded() throws Exception {
        emptyTarget();
        Map<String, List<String>> before = dump();
        long lease = liveMetaNode("risingwave-meta-0:5690");
        try {
            for (boolean force : new boolean[] {false, true}) {
                MigrateRefusedException e = assertThrows(MigrateRefusedException.class, () -> migrate(force, false, false));
                assertEquals(MigrateRefusedException.Reason.LIVE_META, e.reason(), e.getMessage());
                String m = e.getMessage();
                assertTrue(m.contains("meta node risingwave-meta-0:5690") && m.contains("lease " + Long.toHexString(lease))
                        && m.matches(".*, \\d+ s left.*") && m.contains("--ignore-live-meta"), m);
                assertEquals(before, dump(), "a refused migration wrote to the target");
                MigrateCommand.RunState refused = MigrateCommand.status(stateFile, null).last();
                assertEquals("refused", refused.state());
                assertEquals(m, refused.error());
            }
            // A dry run writes nothing anyway: it says what migrate will refuse.
            MigrateCommand.MigrateResult dry = migrate(false, true, false);
            assertTrue(dry.run().liveMeta().contains("risingwave-meta-0:5690"), String.valueOf(dry.run()));
            assertTrue(dry.tables().get(0).toString().contains("migrate refuses it"), dry.tables().get(0).toString());

            MigrateCommand.MigrateResult ignored = migrate(false, false, true);
            assertEquals("finished", ignored.run().state());
            assertTrue(ignored.run().liveMeta().contains("risingwave-meta-0:5690"), String.valueOf(ignored.run()));
            assertTrue(ignored.tables().get(0).toString().contains("IGNORED (--ignore-live-meta)"), ignored.tables().get(0).toString());
            assertEquals(ignored.run().liveMeta(), MigrateCommand.status(stateFile, null).last().liveMeta(), "the state file does not record it");
            DoctorCommand.DoctorResult d = doctor();
            assertEquals(DoctorCommand.MIGRATED_WHILE_LIVE, d.state(), d.toString());
            assertTrue(d.findings().stream().anyMatch(f -> f.contains("--ignore-live-meta") && f.contains("risingwave-meta-0:5690")), d.toString());
            assertTrue(d.findings().stream().anyMatch(f -> f.contains("live leader lease now")), d.toString());
        } finally {
            revoke(lease);
        }
        // The lease is gone, the record of the run stays.
        DoctorCommand.DoctorResult after = doctor();
        assertEquals(DoctorCommand.MIGRATED_WHILE_LIVE, after.state(), after.toString());
        assertTrue(after.next().contains("migrate -f --yes"), after.next());
        MigrateCommand.MigrateResult again = migrate(true, false, false);
        assertNull(again.run().liveMeta());
        assertEquals(DoctorCommand.CLEAN, doctor().state());
        emptyTarget();
    }

    // ---------------------------------------------------------------------------------------------
    // newer and incomplete schemas

    void execute(String statement) {
        sql.withDialect("change", (c, d) -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(statement.replace("`", d.backend() == dev.rwsh.commands.sql.SqlBackend.MYSQL ? "`" : "\""));
            }
            return null;
        });
    }

    PreflightCommand.Check targetCheck(boolean force) {
        return preflightCheck(force, "target empty of RisingWave metadata");
    }

    PreflightCommand.Check preflightCheck(String name) {
        return preflightCheck(false, name);
    }

    PreflightCommand.Check preflightCheck(boolean force, String name) {
        try (Session s = new Session()) {
            s.useEtcd(server.connect());
            PreflightCommand.Check c = PreflightCommand.run(s, null, db.url(), new PreflightCommand.Options(force, null, java.time.Duration.ZERO))
                    .check(name);
            assertNotNull(c, "no preflight check '" + name + "'");
            return c;
        }
    }

    @Test
    void aSchemaFromANewerRisingWaveIsNeverDroppedWithoutForce() throws Exception {
        emptyTarget();
        SchemaCreateCommand.run(sql);
        execute("INSERT INTO `seaql_migrations` (`version`, `applied_at`) VALUES ('m20241001_013810_from_the_future', 1727740690)");
        Map<String, List<String>> before = dump();
        for (boolean dryRun : new boolean[] {false, true}) {
            MigrateRefusedException e = assertThrows(MigrateRefusedException.class, () -> migrate(false, dryRun, false));
            assertEquals(MigrateRefusedException.Reason.TARGET_NOT_EMPTY, e.reason(), e.getMessage());
            assertEquals(TargetVerdict.Kind.NEWER_SCHEMA, e.target(), e.getMessage());
            assertTrue(e.getMessage().contains("holds a schema from a newer RisingWave: m20241001_013810_from_the_future not known to v2.0.7")
                    && e.getMessage().contains("'migrate -f'"), e.getMessage());
            assertEquals(before, dump(), "the newer schema was touched");
        }
        assertEquals("refused", MigrateCommand.status(stateFile, null).last().state());
        PreflightCommand.Check c = targetCheck(false);
        assertEquals("failed", c.result(), c.toString());
        assertTrue(c.detail().contains("schema from a newer RisingWave: m20241001_013810_from_the_future") && c.fix().contains("migrate -f"),
                c.toString());
        assertEquals("warning", targetCheck(true).result());
        // Replacing it is explicit.
        assertEquals("finished", migrate(true, false, false).run().state());
        assertEquals(0L, (long) sql.withDialect("count", (cn, d) -> {
            try (java.sql.Statement s = cn.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + d.quote(
                    "seaql_migrations") + " WHERE " + d.quote("version") + " = 'm20241001_013810_from_the_future'")) {
                rs.next();
                return rs.getLong(1);
            }
        }));
        emptyTarget();
    }

    @Test
    void aSchemaMissingOneOfTheMigrationsIsNotEmpty() throws Exception {
        emptyTarget();
        SchemaCreateCommand.run(sql);
        List<String> migrations = SchemaResources.get().migrations();
        String last = migrations.get(migrations.size() - 1);
        execute("DELETE FROM `seaql_migrations` WHERE `version` = '" + last + "'");
        Map<String, List<String>> before = dump();
        MigrateRefusedException e = assertThrows(MigrateRefusedException.class, () -> migrate(false, false, false));
        assertEquals(MigrateRefusedException.Reason.TARGET_NOT_EMPTY, e.reason(), e.getMessage());
        assertEquals(TargetVerdict.Kind.INCOMPLETE_SCHEMA, e.target(), e.getMessage());
        assertTrue(e.getMessage().contains("holds an incomplete RisingWave schema: " + (migrations.size() - 1) + " of " + migrations.size()
                + " v2.0.7 migrations recorded (missing " + last + ")"), e.getMessage());
        assertEquals(before, dump());
        PreflightCommand.Check c = targetCheck(false);
        assertEquals("failed", c.result(), c.toString());
        assertTrue(c.detail().contains("incomplete RisingWave schema"), c.toString());
        // Exactly v2.0.7's schema with its seeds is reusable.
        emptyTarget();
        SchemaCreateCommand.run(sql);
        assertEquals("ok", targetCheck(false).result());
        assertEquals("finished", migrate(false, false, false).run().state());
        emptyTarget();
    }

    // ---------------------------------------------------------------------------------------------
    // one migration into a target at a time

    @Test
    void anotherRunHoldingTheTargetLockIsRefusedNamingItAndTheTargetIsUntouched() throws Exception {
        emptyTarget();
        Map<String, List<String>> before = dump();
        LockHolder other = new LockHolder(4242, "other-host", Instant.parse("2026-01-02T03:04:05Z"));
        try (SqlConnection second = SqlConnector.connect(SqlEndpoint.parse(db.url())); Connection c = second.open()) {
            TargetLock.Attempt held = SqlDialect.of(second.backend(), c).tryLockTarget(c, second.endpoint(), other);
            assertTrue(held.taken(), held.toString());
            try {
                for (boolean force : new boolean[] {false, true}) {
                    MigrateRefusedException e = assertThrows(MigrateRefusedException.class, () -> migrate(force, false, false));
                    assertEquals(MigrateRefusedException.Reason.LOCK_HELD, e.reason(), e.getMessage());
                    assertTrue(e.getMessage().contains("another migration into this target")
                            && e.getMessage().contains("is running (pid 4242 on host other-host, started at 2026-01-02T03:04:05Z)"), e.getMessage());
                    assertEquals(before, dump(), "a refused migration wrote to the target");
                    assertEquals("refused", MigrateCommand.status(stateFile, null).last().state());
                }
                DoctorCommand.DoctorResult d = doctor();
                assertEquals(DoctorCommand.RUNNING, d.state(), d.toString());
                PreflightCommand.Check p = preflightCheck("no other migration into the target");
                assertEquals("failed", p.result(), p.toString());
                assertTrue(p.detail().contains("pid 4242 on host other-host"), p.toString());
                assertTrue(d.findings().stream().anyMatch(f -> f.contains("pid 4242 on host other-host")), d.toString());
                // A dry run writes nothing and takes no lock.
                assertEquals("dry run", migrate(false, true, false).run().state());
            } finally {
                held.lock().close();
            }
        }
        assertEquals("ok", preflightCheck("no other migration into the target").result());
        assertEquals("finished", migrate(false, false, false).run().state());
        // The lock went with the run: a second run is refused by the target's content, not by a lock.
        MigrateRefusedException e = assertThrows(MigrateRefusedException.class, () -> migrate(false, false, false));
        assertEquals(MigrateRefusedException.Reason.TARGET_NOT_EMPTY, e.reason(), e.getMessage());
        assertEquals(TargetVerdict.Kind.METADATA, e.target(), e.getMessage());
        assertTrue(e.getMessage().contains("already holds RisingWave metadata"), e.getMessage());
        emptyTarget();
    }

    @Test
    void aKilledRunsLockDoesNotBlockAndALiveRunInTheStateFileIsRefused() throws Exception {
        emptyTarget();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHoldingProcess.class.getName(), db.url())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertEquals("locked", first);
            MigrateRefusedException e = assertThrows(MigrateRefusedException.class, () -> migrate(false, false, false));
            assertEquals(MigrateRefusedException.Reason.LOCK_HELD, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("is running (pid " + p.pid() + " on host "), e.getMessage());

            // The local state file names a live migrate of this host: refused before the state file is touched.
            Path otherState = stateFile.resolveSibling("live-state.json");
            MigrateCommand.RunState live = new MigrateCommand.RunState("running", "2026-01-02T03:04:05Z", null, p.pid(), "etcd x", 1L, null,
                    MigrateCommand.targetName(sql), "data", null, null, null, List.of(), List.of(), List.of(), false, null);
            new MigrateCommand.StateFile(otherState, live).save();
            String saved = Files.readString(otherState);
            MigrateRefusedException here = assertThrows(MigrateRefusedException.class, () -> MigrateCommand.run(EtcdSnapshot.open(etcd), "etcd",
                    sql, new MigrateCommand.Options(false, false, otherState), MigrationListener.NONE));
            assertEquals(MigrateRefusedException.Reason.RUNNING_HERE, here.reason(), here.getMessage());
            assertTrue(here.getMessage().contains("another migration into this target is running (pid " + p.pid() + " on this host"),
                    here.getMessage());
            assertEquals(saved, Files.readString(otherState), "the live run's state file was overwritten");
        } finally {
            p.destroyForcibly(); // kill -9: no unlock, no cleanup
            p.waitFor();
        }
        // The lock dies with the process (PostgreSQL and MariaDB end its session once they see the socket close); a holder
        // recorded as a process of this host that is gone no longer counts as running, even before the server notices.
        assertTrue(doctor().state() != DoctorCommand.RUNNING, doctor().toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (sql.withDialect("read the lock of", (c, d) -> d.targetLockHolder(c, sql.endpoint())).isPresent()) {
            assertTrue(System.nanoTime() < deadline, "the killed run's lock is still held");
            Thread.sleep(100);
        }
        java.util.Optional<String> stale = sql.withDialect("read the lock of", (c, d) -> d.staleTargetLock(c, sql.endpoint()));
        if (!db.backend().equals("postgres")) {
            // Its holder record stays: doctor says it blocks nothing and how to clear it.
            assertTrue(stale.isPresent() && stale.get().contains("pid " + p.pid()) && stale.get().contains("to clear it"), stale.toString());
            assertTrue(doctor().findings().stream().anyMatch(f -> f.contains("a killed run left it")), doctor().toString());
        } else {
            assertTrue(stale.isEmpty(), stale.toString());
        }
        // migrate waits for the server to end the killed run's session, then takes the lock.
        assertEquals("finished", migrate(false, false, false).run().state());
        assertTrue(sql.withDialect("read the lock of", (c, d) -> d.staleTargetLock(c, sql.endpoint())).isEmpty(), "the run did not replace the record");
        emptyTarget();
    }

    // ---------------------------------------------------------------------------------------------
    // migrate status reads the target

    /** The pid of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    /** The state file of a run that was in {@code step} when its process died. */
    void interruptedStateFile(MigrateCommand.RunState r, String step) throws Exception {
        new MigrateCommand.StateFile(stateFile, new MigrateCommand.RunState("running", r.startedAt(), null, deadPid(), r.source(), r.revision(),
                r.clusterId(), r.target(), step, null, null, r.rows(), r.steps(), r.warnings(), r.improvements(), false, null)).save();
    }

    @Test
    void statusReadsTheTargetWhichWinsOverTheStateFileAndAgreesWithDoctor() throws Exception {
        emptyTarget();
        MigrateCommand.RunState done = migrate(false, false, false).run();
        // Killed just after its commit: the state file still says it was writing the cluster id.
        interruptedStateFile(done, "cluster id");
        MigrateCommand.StatusResult fileOnly = MigrateCommand.status(stateFile, null);
        assertEquals(MigrateCommand.Outcome.INTERRUPTED, fileOnly.outcome());
        assertTrue(fileOnly.interpretation().startsWith("interrupted in step 'cluster id'"), fileOnly.interpretation());
        MigrateCommand.StatusResult st = MigrateCommand.status(stateFile, sql);
        assertTrue(st.interpretation().startsWith("finished: the target holds the run's complete result"), st.toString());
        assertTrue(st.stateFileSays().startsWith("interrupted in step 'cluster id'"), st.toString());
        assertTrue(st.targetNow().contains("holds every row the run planned for cluster " + done.clusterId()), st.toString());
        assertTrue(st.tables().get(0).rows().stream().anyMatch(row -> row.get(1).toString().contains("the target's own state wins")),
                st.tables().get(0).toString());
        assertEquals(DoctorCommand.CLEAN, doctor().state());

        // Interrupted before its commit (rolled back): status and doctor both say migrate, not migrate -f.
        emptyTarget();
        st = MigrateCommand.status(stateFile, sql);
        assertTrue(st.interpretation().contains("the target holds nothing of it") && st.interpretation().endsWith("run 'preflight', then 'migrate'"),
                st.toString());
        DoctorCommand.DoctorResult d = doctor();
        assertEquals(DoctorCommand.UNTOUCHED, d.state(), d.toString());
        assertEquals("preflight, then: migrate", d.next());

        // Marked partial: both say migrate -f.
        sql.withDialect("mark", (c, dl) -> {
            MigrationMarker.set(c, dl, new MigrationMarker.Mark("partial", done.startedAt(), done.source(), done.clusterId(), "data"));
            return null;
        });
        st = MigrateCommand.status(stateFile, sql);
        assertTrue(st.interpretation().endsWith("the target is marked partial: run 'migrate -f'"), st.toString());
        d = doctor();
        assertEquals(DoctorCommand.PARTIAL, d.state(), d.toString());
        assertTrue(d.next().startsWith("migrate -f"), d.next());

        // The state file says finished, the target was emptied since: the target wins.
        emptyTarget();
        new MigrateCommand.StateFile(stateFile, done).save();
        st = MigrateCommand.status(stateFile, sql);
        assertEquals("the target holds no RisingWave metadata now: run 'preflight', then 'migrate'", st.interpretation());
        assertEquals("finished", st.stateFileSays());
    }
}
