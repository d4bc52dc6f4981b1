package dev.rwsh.commands.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.health.SqlHealthCommand.HealthResult;
import dev.rwsh.commands.health.SqlHealthCommand.Reading;
import dev.rwsh.commands.health.SqlHealthCommand.TableStat;
import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import dev.rwsh.commands.testsupport.SqlAdmin;
import dev.rwsh.commands.testsupport.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * sql health on a real migration into each backend: the rows per table are the ones migrate wrote,
 * sizes and the server's own figures are read from its catalog, and each warning is provoked for
 * real (a session idle in a transaction on PostgreSQL, a free list on SQLite, a user without PROCESS
 * on MariaDB).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlHealthIT {
    EtcdServer server;
    EtcdConnection etcd;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        server = EtcdServer.start();
        server.generateStopped(ClusterGenerator.Options.small(11));
        etcd = server.connect();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {etcd, server}) {
            if (c != null) {
                c.close();
            }
        }
    }

    Map<String, Long> migrate(SqlConnection sql) {
        MigrateCommand.MigrateResult r = MigrateCommand.run(EtcdSnapshot.open(etcd), "etcd " + server.endpoint(), sql,
                new MigrateCommand.Options(true, false, null), MigrationListener.NONE);
        assertEquals("finished", r.run().state());
        return r.run().rows();
    }

    static String figure(Reading r, String item) {
        return r.figures().stream().filter(f -> f.item().equals(item)).findFirst().orElseThrow(() -> new AssertionError(item + " in " + r)).value();
    }

    static TableStat table(Reading r, String name) {
        return r.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + r));
    }

    /** Rows per table equal migrate's, every table has a size, and the largest comes first. */
    static void assertFiguresOfTheMigration(Reading r, Map<String, Long> migrated) {
        for (Map.Entry<String, Long> e : migrated.entrySet()) {
            assertEquals(e.getValue(), table(r, e.getKey()).rows(), e.getKey());
        }
        assertTrue(migrated.get("actor") > 0 && migrated.get("fragment") > 0, migrated.toString());
        for (TableStat t : r.tables()) {
            assertNotNull(t.bytes(), t.toString());
            assertTrue(t.bytes() > 0, t.toString());
        }
        for (int i = 1; i < r.tables().size(); i++) {
            assertTrue(r.tables().get(i - 1).bytes() >= r.tables().get(i).bytes(), r.tables().toString());
        }
        long total = migrated.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(figure(r, "RisingWave tables").endsWith(", " + r.tables().stream().mapToLong(TableStat::rows).sum() + " rows"), r.toString());
        assertTrue(r.tables().stream().mapToLong(TableStat::rows).sum() >= total);
    }

    @Test
    void postgresFiguresAndASessionIdleInATransaction() throws Exception {
        try (ScratchDatabase pg = ScratchDatabase.postgres(); SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(pg.url()))) {
            Map<String, Long> migrated = migrate(sql);
            HealthResult h = SqlHealthCommand.run(sql, Duration.ZERO);
            Reading r = h.reading();
            assertFiguresOfTheMigration(r, migrated);
            long maxConnections;
            long reserved;
            try (Connection admin = adminConnection(TestServices.postgresAdminUrl()); Statement s = admin.createStatement()) {
                maxConnections = longOf(s, "SHOW max_connections");
                reserved = longOf(s, "SHOW superuser_reserved_connections");
            }
            assertTrue(figure(r, "connections").endsWith(" used of " + (maxConnections - reserved) + " allowed"), figure(r, "connections"));
            assertTrue(figure(r, "server").startsWith("PostgreSQL 15"), figure(r, "server"));
            assertEquals("no replica connected", figure(r, "replication"));
            assertNotNull(table(r, "actor").deadRows());
            assertEquals(ExitStatus.OK, h.exitStatus());
            assertTrue(r.sessions().isEmpty(), r.sessions().toString());

            // another client opens a transaction and leaves it open
            try (Connection idle = DriverManager.getConnection(SqlEndpoint.parse(pg.url()).jdbcUrl(), props(pg.url()))) {
                idle.setAutoCommit(false);
                long pid;
                try (Statement s = idle.createStatement()) {
                    pid = longOf(s, "SELECT pg_backend_pid()");
                    s.executeQuery("SELECT count(*) FROM actor").close();
                }
                Reading seen = waitForSession(sql, String.valueOf(pid));
                SqlHealthCommand.SessionStat st = seen.sessions().stream().filter(x -> x.id().equals(String.valueOf(pid))).findFirst().orElseThrow();
                assertEquals("idle in transaction", st.state());
                assertTrue(st.seconds() >= HealthQueries.IDLE_IN_TRANSACTION_SECONDS, st.toString());
                assertTrue(seen.warnings().stream().anyMatch(w -> w.object().startsWith("session " + pid + " (") && w.fix()
                        .equals("end it if it is stuck: SELECT pg_terminate_backend(" + pid + ")")), seen.warnings().toString());
                idle.rollback();
            }
        }
    }

    @Test
    void mariadbFiguresWithAndWithoutTheProcessPrivilege() throws Exception {
        try (ScratchDatabase maria = ScratchDatabase.mysql(); SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(maria.url()))) {
            Map<String, Long> migrated = migrate(sql);
            Reading r = SqlHealthCommand.run(sql, Duration.ZERO).reading();
            assertFiguresOfTheMigration(r, migrated);
            assertTrue(figure(r, "server").contains("MariaDB"), figure(r, "server"));
            assertTrue(figure(r, "InnoDB history length").contains("lacks the PROCESS privilege"), figure(r, "InnoDB history length"));
            long max;
            try (Connection admin = adminConnection(TestServices.mysqlAdminUrl()); Statement s = admin.createStatement()) {
                max = longOf(s, "SELECT @@max_connections");
            }
            assertTrue(figure(r, "connections").endsWith(" used of " + max + " allowed"), figure(r, "connections"));
            SqlEndpoint a = SqlEndpoint.parse(TestServices.mysqlAdminUrl());
            try (SqlConnection asAdmin = SqlConnector.connect(SqlEndpoint.parse(SqlAdmin.withCredentials(TestServices.mysqlAdminUrl(), a.user(),
                    a.password(), maria.name())))) {
                Reading full = SqlHealthCommand.run(asAdmin, Duration.ZERO).reading();
                assertTrue(figure(full, "InnoDB history length").matches("\\d+"), figure(full, "InnoDB history length"));
                assertFiguresOfTheMigration(full, migrated);
            }
        }
    }

    @Test
    void sqliteFiguresAFreeListWarningAndAWatch() throws Exception {
        Path file = dir.resolve("health.db");
        try (SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse("sqlite://" + file + "?mode=rwc"))) {
            Map<String, Long> migrated = migrate(sql);
            Reading r = SqlHealthCommand.run(sql, Duration.ZERO).reading();
            assertFiguresOfTheMigration(r, migrated);
            assertEquals("ok", figure(r, "quick_check"));
            assertTrue(figure(r, "server").startsWith("SQLite 3."), figure(r, "server"));
            assertTrue(r.warnings().isEmpty(), r.warnings().toString());

            // 8 MB written and dropped: the pages stay in the file, on its free list
            sql.withDialect("fill", (c, d) -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE junk (b BLOB)");
                    s.execute("INSERT INTO junk SELECT randomblob(4000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                            + "WHERE i < 2000) SELECT i FROM n)");
                    s.execute("DROP TABLE junk");
                }
                return null;
            });
            Reading freed = SqlHealthCommand.run(sql, Duration.ZERO).reading();
            long free = Long.parseLong(figure(freed, "free list").split(" ")[0]);
            assertTrue(free >= 2000, figure(freed, "free list"));
            assertTrue(freed.warnings().stream().anyMatch(w -> w.object().equals("database " + file) && w.fix().startsWith("VACUUM")),
                    freed.warnings().toString());

            // a watch: two readings; a meta node's new version delta between them is the change shown
            HealthResult watched = SqlHealthCommand.run(sql, Duration.ofSeconds(1), () -> sql.withDialect("advance", (c, d) -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO hummock_version_delta (id, prev_id, max_committed_epoch, safe_epoch, trivial_move) "
                            + "SELECT MAX(id) + 1, MAX(id), MAX(max_committed_epoch), MAX(safe_epoch), 0 FROM hummock_version_delta");
                }
                return null;
            }));
            assertEquals(1L, watched.watchedSeconds());
            assertEquals(1L, table(watched.reading(), "hummock_version_delta").rowsChange());
            assertEquals(0L, table(watched.reading(), "actor").rowsChange());
            assertEquals(migrated.get("hummock_version_delta") + 1, table(watched.reading(), "hummock_version_delta").rows());
        }
    }

    @Test
    void anEmptyDatabaseSaysSoWithTheFix() {
        try (ScratchDatabase pg = ScratchDatabase.postgres(); SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(pg.url()))) {
            Reading r = SqlHealthCommand.run(sql, Duration.ZERO).reading();
            assertTrue(r.tables().isEmpty());
            assertTrue(r.warnings().stream().anyMatch(w -> w.warning().equals("none of RisingWave's tables")), r.warnings().toString());
            assertFalse(new HealthResult(r, null).tables().isEmpty());
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Polls sql health until it reports session {@code id} (it must have been idle past the threshold); generous deadline. */
    static Reading waitForSession(SqlConnection sql, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Reading r = SqlHealthCommand.run(sql, Duration.ZERO).reading();
            if (r.sessions().stream().anyMatch(s -> s.id().equals(id))) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session " + id + " never reported: " + r.sessions());
            }
            Thread.sleep(500);
        }
    }

    static Connection adminConnection(String url) throws Exception {
        return DriverManager.getConnection(SqlEndpoint.parse(url).jdbcUrl(), props(url));
    }

    static Properties props(String url) {
        SqlEndpoint e = SqlEndpoint.parse(url);
        Properties p = new Properties();
        p.setProperty("user", e.user());
        p.setProperty("password", e.password());
        return p;
    }

    static long longOf(Statement s, String query) throws Exception {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
