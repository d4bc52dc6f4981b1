package dev.rwsh.commands.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.preflight.DoctorCommand.DoctorResult;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import dev.rwsh.commands.testsupport.SqlAdmin;
import dev.rwsh.commands.testsupport.TestServices;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor on each state, each produced for real: a database never migrated into, a MariaDB migration
 * that failed half-way (its user may not DROP, so the last step, dropping the marker, fails for
 * real), the same target after migrate -f, and after a row was removed behind rwsh's back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorIT {
    EtcdServer server;
    EtcdConnection etcd;
    ScratchDatabase pg;
    ScratchDatabase maria;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        server = EtcdServer.start();
        server.generateStopped(ClusterGenerator.Options.small(9));
        etcd = server.connect();
        pg = ScratchDatabase.postgres();
        maria = ScratchDatabase.mysql();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {etcd, server, pg, maria}) {
            if (c != null) {
                c.close();
            }
        }
        for (String host : List.of("127.0.0.1", "localhost", "%")) {
            SqlAdmin.execute(TestServices.mysqlAdminUrl(), "DROP USER IF EXISTS '" + maria.name() + "_nd'@'" + host + "'");
        }
    }

    DoctorResult doctor(boolean withEtcd, String url, Path stateFile) {
        try (Session s = new Session()) {
            if (withEtcd) {
                s.useEtcd(server.connect());
            }
            return DoctorCommand.run(s, url, stateFile, true);
        }
    }

    MigrateCommand.MigrateResult migrate(String url, boolean force, Path stateFile) {
        try (SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(url))) {
            return MigrateCommand.run(EtcdSnapshot.open(etcd), "etcd " + server.endpoint(), sql, new MigrateCommand.Options(force, false, stateFile),
                    MigrationListener.NONE);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void aDatabaseNeverMigratedIntoIsUntouched() {
        DoctorResult r = doctor(true, pg.url(), dir.resolve("none.json"));
        assertEquals(DoctorCommand.UNTOUCHED, r.state(), r.toString());
        assertTrue(r.lastRun().startsWith("none recorded"), r.lastRun());
        assertEquals("preflight, then: migrate", r.next());
        // --strict: only a complete and clean target passes; without it the diagnosis itself is the success.
        assertEquals(ExitStatus.CHECK_FAILED, r.exitStatus());
        try (Session s = new Session()) {
            assertEquals(ExitStatus.OK, DoctorCommand.run(s, pg.url(), dir.resolve("none.json"), false).exitStatus());
        }
    }

    @Test
    void anUnreachableServerAndAMissingDatabaseSayWhatToDo() {
        DoctorResult down = doctor(false, "postgres://rw:rw@127.0.0.1:1/meta", dir.resolve("none.json"));
        assertEquals(DoctorCommand.UNREACHABLE, down.state(), down.toString());
        assertTrue(down.next().startsWith("start the SQL server"), down.next());
        assertEquals(ExitStatus.CHECK_FAILED, down.exitStatus());
        SqlEndpoint a = SqlEndpoint.parse(TestServices.mysqlAdminUrl());
        DoctorResult missing = doctor(false, SqlAdmin.withCredentials(TestServices.mysqlAdminUrl(), a.user(), a.password(), "rwsh_no_such_db"),
                dir.resolve("none.json"));
        assertEquals(DoctorCommand.NO_DATABASE, missing.state(), missing.toString());
        assertTrue(missing.next().contains("CREATE DATABASE rwsh_no_such_db") && missing.next().endsWith("then: preflight, then: migrate"),
                missing.next());
    }

    @Test
    void aMariadbMigrationThatFailedHalfWayIsPartialThenCleanThenDiffering() {
        Path state = dir.resolve("maria.json");
        // A user with every privilege but DROP: the schema and the data are written, dropping the marker fails.
        String user = maria.name() + "_nd";
        for (String host : List.of("127.0.0.1", "localhost", "%")) {
            SqlAdmin.execute(TestServices.mysqlAdminUrl(), "CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + user + "'",
                    "GRANT ALL PRIVILEGES ON `" + maria.name() + "`.* TO '" + user + "'@'" + host + "'",
                    "REVOKE DROP ON `" + maria.name() + "`.* FROM '" + user + "'@'" + host + "'");
        }
        String noDrop = SqlAdmin.withCredentials(TestServices.mysqlAdminUrl(), user, user, maria.name());
        RwshException e = assertThrows(RwshException.class, () -> migrate(noDrop, false, state));
        assertTrue(e.getMessage().contains("marked partial"), e.getMessage());

        DoctorResult partial = doctor(true, maria.url(), state);
        assertEquals(DoctorCommand.PARTIAL, partial.state(), partial.toString());
        assertTrue(partial.lastRun().startsWith("failed in step"), partial.lastRun());
        assertTrue(partial.findings().stream().anyMatch(f -> f.contains("is marked partial")), partial.findings().toString());
        assertTrue(partial.next().startsWith("migrate -f --yes"), partial.next());
        assertEquals(ExitStatus.CHECK_FAILED, partial.exitStatus());
        // The user who cannot drop is told what to grant before migrate -f.
        DoctorResult asNoDrop = doctor(true, noDrop, state);
        assertEquals(DoctorCommand.PARTIAL, asNoDrop.state());
        assertTrue(asNoDrop.next().contains("GRANT") && asNoDrop.next().endsWith("then: migrate -f --yes (drops RisingWave's tables and the "
                + "marker, and migrates again)"), asNoDrop.next());

        assertEquals("finished", migrate(maria.url(), true, state).run().state());
        DoctorResult clean = doctor(true, maria.url(), state);
        assertEquals(DoctorCommand.CLEAN, clean.state(), clean.toString());
        assertTrue(clean.next().startsWith("config emit"), clean.next());
        assertEquals(ExitStatus.OK, clean.exitStatus());
        // Without etcd, the plan the last run recorded is the reference.
        DoctorResult recorded = doctor(false, maria.url(), state);
        assertEquals(DoctorCommand.CLEAN, recorded.state(), recorded.toString());
        assertTrue(recorded.findings().stream().anyMatch(f -> f.contains("recorded by the last migrate")), recorded.findings().toString());

        maria.admin("DELETE FROM `actor_dispatcher` ORDER BY `id` LIMIT 1");
        DoctorResult differing = doctor(true, maria.url(), state);
        assertEquals(DoctorCommand.DIFFERING, differing.state(), differing.toString());
        assertEquals(1, differing.differences().size(), differing.differences().toString());
        assertEquals("actor_dispatcher", differing.differences().get(0).table());
        assertEquals(differing.differences().get(0).expected() - 1, differing.differences().get(0).actual());
        assertTrue(differing.findings().contains("complete but differing: 1 object in category actor_dispatcher; run diff --details"),
                differing.findings().toString());
        assertTrue(differing.next().startsWith("diff --details") && differing.next().endsWith("migrate -f --yes"), differing.next());
        assertEquals(ExitStatus.CHECK_FAILED, differing.exitStatus());
        // The user who cannot drop is told what to grant before diff's next step too.
        DoctorResult differingAsNoDrop = doctor(true, noDrop, state);
        assertEquals(DoctorCommand.DIFFERING, differingAsNoDrop.state(), differingAsNoDrop.toString());
        assertTrue(differingAsNoDrop.next().contains("GRANT") && differingAsNoDrop.next().contains("; then: diff --details"),
                differingAsNoDrop.next());
    }

    @Test
    void aValueChangedBehindRwshsBackIsFoundByDiffThoughEveryCountMatches() throws Exception {
        Path state = dir.resolve("sqlite.json");
        ScratchDatabase db = ScratchDatabase.sqlite(dir);
        try {
            migrate(db.url(), false, state);
            DoctorResult clean = doctor(true, db.url(), state);
            assertEquals(DoctorCommand.CLEAN, clean.state(), clean.toString());
            assertTrue(clean.findings().stream().anyMatch(f -> f.startsWith("diff: every row equal")), clean.findings().toString());
            assertEquals(ExitStatus.OK, clean.exitStatus());
            try (SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(db.url()))) {
                sql.withDialect("tamper", (c, d) -> {
                    try (java.sql.Statement s = c.createStatement()) {
                        assertEquals(1, s.executeUpdate("UPDATE \"table\" SET name = 'changed_by_test' WHERE table_id = (SELECT MIN(table_id) FROM "
                                + "\"table\" WHERE table_type = 'TABLE')"));
                    }
                    return null;
                });
            }
            DoctorResult r = doctor(true, db.url(), state);
            assertEquals(DoctorCommand.DIFFERING, r.state(), r.toString());
            assertEquals(List.of(), r.differences(), "every row count matches");
            assertTrue(r.findings().contains("complete but differing: 1 object in category table; run diff --details"), r.findings().toString());
            assertTrue(r.next().startsWith("diff --details"), r.next());
            assertEquals(ExitStatus.CHECK_FAILED, r.exitStatus());
            // without the source, the counts the last run recorded are all doctor can compare
            DoctorResult recorded = doctor(false, db.url(), state);
            assertEquals(DoctorCommand.CLEAN, recorded.state(), recorded.toString());
            assertTrue(recorded.findings().stream().anyMatch(f -> f.contains("values inside rows are not compared")), recorded.findings().toString());
        } finally {
            db.close();
        }
    }

    @Test
    void aPostgresRunIsCleanAndATamperedClusterIdDiffers() {
        Path state = dir.resolve("pg.json");
        ScratchDatabase db = ScratchDatabase.postgres();
        try {
            migrate(db.url(), false, state);
            assertEquals(DoctorCommand.CLEAN, doctor(true, db.url(), state).state());
            db.admin("UPDATE cluster SET cluster_id = '00000000-0000-0000-0000-000000000001'");
            DoctorResult r = doctor(true, db.url(), state);
            assertEquals(DoctorCommand.DIFFERING, r.state(), r.toString());
            assertTrue(r.findings().stream().anyMatch(f -> f.contains("cluster id: the target says 00000000-0000-0000-0000-000000000001")),
                    r.findings().toString());
        } finally {
            db.close();
        }
    }
}
