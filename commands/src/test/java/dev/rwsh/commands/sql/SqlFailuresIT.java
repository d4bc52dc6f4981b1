package dev.rwsh.commands.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.connect.ConnectSqlCommand;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.preflight.PreflightCommand;
import dev.rwsh.commands.schema.SchemaCreateCommand;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.testsupport.MemoryKeyspace;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors that name the real cause, against the real servers: PostgreSQL's 42501 by object (the
 * database, schema public, tables of another role) with the GRANT to run, and a lost connection.
 */
class SqlFailuresIT {
    @TempDir
    Path dir;

    /** A second login role in the scratch database, with CONNECT and nothing else; returns its URL. */
    private static String otherRole(ScratchDatabase db) {
        String role = db.name() + "_o";
        db.admin("CREATE ROLE " + role + " LOGIN PASSWORD '" + role + "'");
        SqlEndpoint owner = SqlEndpoint.parse(db.url());
        return "postgres://" + role + ":" + role + "@" + owner.host() + ":" + owner.port() + "/" + db.name();
    }

    private static void dropRole(ScratchDatabase db, String url) {
        String role = SqlEndpoint.parse(url).user();
        db.admin("DROP OWNED BY " + role, "DROP ROLE " + role);
    }

    @Test
    void postgresRefusingTheDatabaseSaysGrantConnect() {
        try (ScratchDatabase db = ScratchDatabase.postgres()) {
            String url = otherRole(db);
            try {
                db.admin("REVOKE CONNECT ON DATABASE " + db.name() + " FROM PUBLIC");
                SqlFailure e = assertThrows(SqlFailure.class, () -> ConnectSqlCommand.run(new Session(), url));
                assertEquals(SqlFailure.Kind.NO_DATABASE_ACCESS, e.kind(), e.getMessage());
                String role = db.name() + "_o";
                assertTrue(e.getMessage().endsWith("as the database owner run GRANT CONNECT ON DATABASE " + db.name() + " TO " + role
                        + "; (or use another user)"), e.getMessage());
            } finally {
                dropRole(db, url);
            }
        }
    }

    @Test
    void tablesOfAnotherRoleAreNamedWithTheirOwnerAndTheGrantAndReportedOnce() {
        try (ScratchDatabase db = ScratchDatabase.postgres()) {
            try (Session owner = new Session()) {
                ConnectSqlCommand.run(owner, db.url());
                SchemaCreateCommand.run(owner.requireSql());
            }
            String url = otherRole(db);
            String role = db.name() + "_o";
            try (Session session = new Session()) {
                PreflightCommand.PreflightResult r = PreflightCommand.run(session, null, url, new PreflightCommand.Options(false, null, Duration.ZERO));
                List<PreflightCommand.Check> reachable = r.checks().stream().filter(c -> c.check().equals("SQL target reachable")).toList();
                assertEquals(1, reachable.size(), "reported once: " + r.checks());
                assertEquals("ok", reachable.get(0).result(), r.checks().toString());
                PreflightCommand.Check empty = r.checks().stream().filter(c -> c.check().equals("target empty of RisingWave metadata")).findFirst()
                        .orElseThrow();
                assertEquals("failed", empty.result(), r.checks().toString());
                assertTrue(empty.detail().contains("permission denied for table"), empty.detail());
                assertTrue(empty.fix().startsWith("tables in schema public are owned by role " + db.name() + " ("), empty.fix());
                assertTrue(empty.fix().contains("as " + db.name() + " run GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "
                        + role + "; GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + role + ";"), empty.fix());
                assertTrue(empty.fix().contains("REASSIGN OWNED BY " + db.name() + " TO " + role + ";"), empty.fix());
            } finally {
                dropRole(db, url);
            }
        }
    }

    /** The create probe's refusal is typed, its GRANT kept apart as the fix that preflight and doctor show. */
    @Test
    void theCreateProbeOfAUserWithoutCreateIsAPermissionDeniedWhoseFixIsTheGrant() {
        try (ScratchDatabase db = ScratchDatabase.postgres()) {
            String url = otherRole(db);
            String role = db.name() + "_o";
            try (Session session = new Session()) {
                ConnectSqlCommand.run(session, url);
                SqlConnection sql = session.requireSql();
                SqlFailure e = assertThrows(SqlFailure.class, () -> sql.withDialect("check", (c, d) -> {
                    d.checkCanCreate(c, sql.endpoint());
                    return null;
                }));
                assertEquals(SqlFailure.Kind.PERMISSION_DENIED, e.kind(), e.getMessage());
                assertTrue(e.getMessage().startsWith("user " + role + " may not create tables in database " + db.name()), e.getMessage());
                assertTrue(e.fix().startsWith("as the database owner run GRANT CREATE, USAGE ON SCHEMA public TO " + role + ";"), e.fix());
                assertTrue(e.getMessage().endsWith("; " + e.fix()), e.getMessage());
                PreflightCommand.Check probe = PreflightCommand.run(session, null, null, new PreflightCommand.Options(false, null, Duration.ZERO))
                        .check("may create tables and insert");
                assertEquals("failed", probe.result(), probe.toString());
                assertEquals(e.fix(), probe.fix());
            } finally {
                dropRole(db, url);
            }
        }
    }

    @Test
    void migrateIntoSchemaPublicWithoutCreateSaysWhichGrant() {
        try (ScratchDatabase db = ScratchDatabase.postgres()) {
            String url = otherRole(db);
            String role = db.name() + "_o";
            try (Session session = new Session()) {
                ConnectSqlCommand.run(session, url);
                MemoryKeyspace source = new MemoryKeyspace();
                ClusterGenerator.generate(ClusterGenerator.Options.small(2), source);
                SqlFailure e = assertThrows(SqlFailure.class, () -> MigrateCommand.run(source, "generated", session.requireSql(),
                        new MigrateCommand.Options(false, false, dir.resolve("state.json")), MigrationListener.NONE));
                assertEquals(SqlFailure.Kind.PERMISSION_DENIED, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains("permission denied for schema public"), e.getMessage());
                assertTrue(e.getMessage().contains("rolled back: the target is as it was"), e.getMessage());
                assertTrue(e.getMessage().endsWith("user " + role + " lacks CREATE on schema public: as the database owner run GRANT CREATE ON SCHEMA public TO "
                        + role + ";"), e.getMessage());
            } finally {
                dropRole(db, url);
            }
        }
    }

    @Test
    void aMariadbConnectionKilledUnderneathSaysWhichServerWentAway() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.mysql(); Session session = new Session()) {
            ConnectSqlCommand.run(session, db.url());
            SqlConnection sql = session.requireSql();
            SqlEndpoint e = sql.endpoint();
            try (Connection c = sql.open()) {
                long id;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                    rs.next();
                    id = rs.getLong(1);
                }
                db.admin("KILL CONNECTION " + id);
                SQLException lost = assertThrows(SQLException.class, () -> {
                    for (int i = 0; i < 3; i++) { // the first call may only notice the closed socket
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT 1");
                        }
                    }
                });
                SqlFailure failure = SqlErrors.explain(sql, "write to", lost);
                assertEquals(SqlFailure.Kind.CONNECTION_LOST, failure.kind(), failure.getMessage());
                assertTrue(failure.getMessage().startsWith("the connection to mysql at " + e.host() + ":" + e.port() + " was lost"), failure.getMessage());
            }
        }
    }
}
